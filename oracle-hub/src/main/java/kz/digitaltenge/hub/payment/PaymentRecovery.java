package kz.digitaltenge.hub.payment;

import java.util.Optional;
import kz.digitaltenge.canonical.money.Tiyn;
import kz.digitaltenge.ledger.Ledger;
import kz.digitaltenge.ledger.programmable.Marking;
import kz.digitaltenge.ledger.tx.CommittedTransaction;
import kz.digitaltenge.ledger.tx.Output;
import kz.digitaltenge.ledger.tx.SignedTransaction;
import kz.digitaltenge.ledger.tx.TxType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the payment an order already made: the order's transaction names it ({@code payment-order:<id>}), so after a
 * crash between the commit and the order's row, or on a retry, the commit is found again instead of paying twice.
 */
final class PaymentRecovery {
    /** Logged as the payment orders: an operator follows one order in one logger. */
    private static final Logger LOG = LoggerFactory.getLogger(PaymentOrders.class);

    private final Ledger ledger;
    private final String agentKeyId;

    PaymentRecovery(Ledger ledger, String agentKeyId) {
        this.ledger = ledger;
        this.agentKeyId = agentKeyId;
    }

    /**
     * The committed payment of this order, found by its reference after a crash or on a retry: only a transaction the
     * payment agent alone signed, paying the payee what the order pays (net standard, VAT as VAT tokens; amounts checked
     * when known) with nothing to anyone but payee and payer. The ledger lets only the agent use the reference space;
     * this check keeps the order honest even so.
     */
    Optional<CommittedTransaction> paidBy(long id, PaymentRequest r, Long net, Long vat) {
        for (CommittedTransaction c : ledger.queries().findByReference(TxType.TRANSFER, PaymentOrders.reference(id))) {
            String mismatch = mismatch(c.signed(), r, net, vat);
            if (mismatch == null) {
                return Optional.of(c);
            }
            LOG.warn("transaction {} names payment order #{} but {}: not taken as its payment", c.id(), id, mismatch);
        }
        return Optional.empty();
    }

    /** What a payment paid its payee: standard money (the net part) and VAT tokens (the VAT part). */
    record Split(long net, long vat) {
    }

    /** The split a transaction pays {@code payee}; other marked money to the payee is not counted (see mismatch). */
    static Split split(SignedTransaction signed, kz.digitaltenge.canonical.id.AccountNumber payee) {
        long standard = 0;
        long vat = 0;
        for (Output o : signed.tx().outputs()) {
            if (o.owner().equals(payee)) {
                if (o.marking() == null) {
                    standard += o.amount();
                } else if (Marking.VAT.encode().equals(o.marking())) {
                    vat += o.amount();
                }
            }
        }
        return new Split(standard, vat);
    }

    private String mismatch(SignedTransaction signed, PaymentRequest r, Long net, Long vat) {
        if (signed.signatures().stream().anyMatch(sig -> !sig.keyId().equals(agentKeyId))) {
            return "it is not signed by the payment agent alone";
        }
        for (Output o : signed.tx().outputs()) {
            if (o.owner().equals(r.payeeAccount())) {
                if (o.marking() != null && !Marking.VAT.encode().equals(o.marking())) {
                    return "it pays the payee marked money " + o.marking();
                }
            } else if (!o.owner().equals(r.payerAccount())) {
                return "it pays " + o.owner() + ", neither the payer nor the payee";
            }
        }
        Split paid = split(signed, r.payeeAccount());
        if (paid.net() + paid.vat() != r.amount()) {
            return "it pays the payee " + Tiyn.format(paid.net() + paid.vat()) + ", the order " + Tiyn.format(r.amount());
        }
        if (net != null && vat != null && (paid.net() != net || paid.vat() != vat)) {
            return "its split " + Tiyn.format(paid.net()) + " + VAT " + Tiyn.format(paid.vat()) + " is not the order's";
        }
        return null;
    }
}
