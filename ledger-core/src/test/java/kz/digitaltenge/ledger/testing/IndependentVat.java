package kz.digitaltenge.ledger.testing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import kz.digitaltenge.ledger.fact.Fact;

/**
 * The VAT part of an invoice payment as a tax inspector would compute it, apart from the production code
 * ({@code VatMarking.proportionalVat} uses BigInteger on tiyn): amounts in tenge as {@link BigDecimal} of scale 2,
 * paid × VAT / gross rounded {@link RoundingMode#HALF_UP} to the tiyn. Tests compare the ledger's splits to this.
 */
public final class IndependentVat {
    private IndependentVat() {
    }

    /** Tiyn as tenge, scale 2 (never a double). */
    public static BigDecimal tenge(long tiyn) {
        return BigDecimal.valueOf(tiyn, 2);
    }

    /** The VAT part, in tiyn, of a payment of {@code paidTiyn} of an invoice of {@code vatTiyn} VAT in {@code grossTiyn}. */
    public static long partOf(long paidTiyn, long vatTiyn, long grossTiyn) {
        if (grossTiyn == 0) {
            return 0;
        }
        BigDecimal part = tenge(paidTiyn).multiply(tenge(vatTiyn)).divide(tenge(grossTiyn), 2, RoundingMode.HALF_UP);
        return part.movePointRight(2).longValueExact();
    }

    /** As {@link #partOf(long, long, long)}, from the invoice fact's own net, VAT and gross (which must add up). */
    public static long partOf(long paidTiyn, Fact invoice) {
        BigDecimal net = tenge(Long.parseLong(invoice.terms().get("net")));
        BigDecimal vat = tenge(Long.parseLong(invoice.terms().get("vat")));
        BigDecimal gross = tenge(Long.parseLong(invoice.terms().get("gross")));
        if (net.add(vat).compareTo(gross) != 0) {
            throw new IllegalArgumentException("invoice " + invoice.subject() + ": net + VAT is not gross");
        }
        return partOf(paidTiyn, vat.movePointRight(2).longValueExact(), gross.movePointRight(2).longValueExact());
    }
}
