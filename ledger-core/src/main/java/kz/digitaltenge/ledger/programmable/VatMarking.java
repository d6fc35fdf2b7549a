package kz.digitaltenge.ledger.programmable;

import static kz.digitaltenge.ledger.programmable.TxContext.require;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import kz.digitaltenge.canonical.LedgerException;
import kz.digitaltenge.canonical.ReasonCode;
import kz.digitaltenge.ledger.fact.Fact;
import kz.digitaltenge.ledger.fact.FactId;
import kz.digitaltenge.ledger.fact.FactType;
import kz.digitaltenge.ledger.fact.SignedFact;
import kz.digitaltenge.canonical.id.AccountNumber;
import kz.digitaltenge.canonical.money.Tiyn;
import kz.digitaltenge.ledger.registry.AccountKind;
import kz.digitaltenge.ledger.tx.StoredOutput;
import kz.digitaltenge.ledger.tx.Output;

/**
 * What VAT-marked money may do, and how it is made — all of it is here (Digital VAT).
 *
 * <p><b>Paying an invoice</b> is a TRANSFER naming the invoice's current {@code INVOICE_REGISTERED} fact. The
 * payer (one account, owned by the invoice's buyer) pays the seller (an account owned by the invoice's seller)
 * exactly one standard output — the net part — and one {@code VAT} output — the VAT part (absent when the
 * VAT part is zero); the rest is change to the payer. The oracle's checks:
 * <ul>
 *   <li>the invoice is not revoked or cancelled;</li>
 *   <li>net and VAT paid so far plus this payment stay within the invoice's net and VAT (tracked per invoice,
 *       re-checked under a row lock in the commit), so partial payments add up and nothing is overpaid;</li>
 *   <li>a partial payment's VAT part is its total × VAT / gross, rounded half up to the tiyn; the payment that
 *       settles the invoice pays exactly what is outstanding of each.</li>
 * </ul>
 * The VAT part is paid from the payer's VAT tokens first: standard tokens may be marked VAT for the rest only
 * when the payer holds no other unspent VAT tokens, and then no VAT change is returned.
 *
 * <p><b>Using VAT tokens</b>: only to pay the VAT part of another invoice (as above), or to a {@code TAX_OFFICE}
 * account, where they arrive as standard money (the mark is removed on receipt; change stays VAT). Nothing
 * else — no plain transfer, no cash-out, no marking. They never expire.
 */
public final class VatMarking {
    /** Invoice states after which nothing more is paid: the ledger refuses a payment naming one. */
    public static final Set<String> DEAD_STATUSES = Set.of("REVOKED", "CANCELED", "CANCELLED", "DECLINED");

    private VatMarking() {
    }

    /** The INVOICE_REGISTERED fact the transaction names, if any; it must be the invoice's current one. */
    public static Optional<Fact> invoice(TxContext ctx) {
        for (FactId id : ctx.tx().facts()) {
            Fact f = ctx.facts().require(id);
            if (f.type() == FactType.INVOICE_REGISTERED) {
                Optional<SignedFact> latest = ctx.latestWithUsage(FactType.INVOICE_REGISTERED, f.subject(), LimitUse.invoice(f.subject()));
                require(latest.isPresent() && latest.get().id().equals(id), ReasonCode.INVALID_FACT,
                        "invoice " + f.subject() + " has a newer state; name its current fact");
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** What a payment pays the seller: the net part (standard) and the VAT part (VAT tokens). */
    record Split(AccountNumber payer, AccountNumber seller, long net, long vat) {
    }

    /**
     * The shape every VAT-split payment has: one payer account owned by {@code buyerTin}, one seller account owned
     * by {@code sellerTin} receiving at most one standard and one VAT output, change to the payer, VAT tokens first.
     */
    static Split checkSplit(TxContext ctx, String what, String buyerTin, String sellerTin) {
        Set<AccountNumber> payers = ctx.inputOwners();
        require(payers.size() == 1, ReasonCode.MARKING_VIOLATION, what + " is paid from one account");
        AccountNumber payer = payers.iterator().next();
        require(ctx.registry().account(payer).owner().value().equals(buyerTin), ReasonCode.MARKING_VIOLATION,
                what + " is paid from an account of " + buyerTin);
        long vatIn = 0;
        long standardIn = 0;
        for (StoredOutput in : ctx.inputs()) {
            Marking m = TxContext.marking(in);
            if (m instanceof Marking.Vat) {
                vatIn += in.output().amount();
            } else {
                require(m instanceof Marking.Standard, ReasonCode.MARKING_VIOLATION, what + " is paid with standard and VAT tokens only");
                standardIn += in.output().amount();
            }
        }
        long payNet = 0;
        long payVat = 0;
        long vatChange = 0;
        long standardChange = 0;
        AccountNumber seller = null;
        int netOutputs = 0;
        int vatOutputs = 0;
        for (Output out : ctx.tx().outputs()) {
            Marking m = TxContext.marking(out);
            require(m instanceof Marking.Standard || m instanceof Marking.Vat, ReasonCode.MARKING_VIOLATION,
                    "a VAT payment carries standard and VAT tokens only");
            if (out.owner().equals(payer)) {
                if (m instanceof Marking.Vat) {
                    vatChange += out.amount();
                } else {
                    standardChange += out.amount();
                }
                continue;
            }
            require(seller == null || seller.equals(out.owner()), ReasonCode.MARKING_VIOLATION, what + " is paid to one seller account");
            seller = out.owner();
            if (m instanceof Marking.Vat) {
                payVat += out.amount();
                vatOutputs++;
            } else {
                payNet += out.amount();
                netOutputs++;
            }
        }
        require(seller != null && netOutputs <= 1 && vatOutputs <= 1, ReasonCode.MARKING_VIOLATION,
                "the seller receives one standard output (net) and one VAT output (VAT part)");
        require(ctx.registry().account(seller).owner().value().equals(sellerTin), ReasonCode.MARKING_VIOLATION,
                what + " is paid to an account of " + sellerTin);

        // VAT first: marking standard tokens for the VAT part is allowed only when the payer has no VAT tokens left
        long converted = payVat + vatChange - vatIn;
        require(converted >= 0, ReasonCode.MARKING_VIOLATION, "VAT tokens stay VAT: " + Tiyn.format(-converted) + " would lose the mark");
        if (converted > 0) {
            require(vatChange == 0, ReasonCode.MARKING_VIOLATION, "no VAT change when standard tokens are marked for the VAT part");
            require(!ctx.store().holdsOtherMarked(payer, Marking.VAT.encode(), ctx.tx().inputs()), ReasonCode.MARKING_VIOLATION,
                    "pay the VAT part with your VAT tokens first: " + payer + " holds VAT tokens not used here");
        }
        require(standardIn == payNet + standardChange + converted, ReasonCode.UNBALANCED,
                "standard inputs " + Tiyn.format(standardIn) + " differ from net part, change and the VAT marked");
        ctx.requireBalanced();
        require(payNet + payVat > 0, ReasonCode.INVALID_STRUCTURE, "a payment pays something");
        return new Split(payer, seller, payNet, payVat);
    }

    /** A transfer that pays an invoice; returns the invoice limits it uses. */
    public static List<LimitUse> checkInvoicePayment(TxContext ctx, Fact invoice) {
        String reg = invoice.subject();
        require(!DEAD_STATUSES.contains(invoice.text("status")), ReasonCode.INVALID_FACT,
                "invoice " + reg + " is " + invoice.text("status") + " and cannot be paid");
        // a credit note (an additional invoice that decreases its related invoice) is "paid" the other way: the seller
        // refunds the buyer, net as standard tokens and the VAT part as VAT tokens, within what was not applied as credit
        Split split = isCreditNote(invoice)
                ? checkSplit(ctx, "the refund of credit note " + reg, invoice.text("sellerTin"), invoice.text("buyerTin"))
                : checkSplit(ctx, "invoice " + reg, invoice.text("buyerTin"), invoice.text("sellerTin"));
        long payNet = split.net();
        long payVat = split.vat();

        // the oracle's check against the invoice: within what is outstanding, VAT in proportion
        long vat = invoice.tiyn("vat");
        long gross = invoice.tiyn("gross");
        Map<LimitUse.Kind, Long> paid = ctx.usage(LimitUse.invoice(reg));
        long net = payableNet(invoice);
        long vatPayable = payableVat(invoice);
        long outstandingNet = net - paid.get(LimitUse.Kind.INVOICE_NET);
        long outstandingVat = vatPayable - paid.get(LimitUse.Kind.INVOICE_VAT);
        boolean settles = payNet == outstandingNet && payVat == outstandingVat;
        if (!settles) {
            long expectedVat = proportionalVat(payNet + payVat, vat, gross);
            require(payVat == expectedVat, ReasonCode.MARKING_VIOLATION, "the VAT part of a " + Tiyn.format(payNet + payVat)
                    + " payment of invoice " + reg + " is " + Tiyn.format(expectedVat) + ", not " + Tiyn.format(payVat));
        }
        List<LimitUse> uses = new ArrayList<>();
        if (payNet > 0) {
            uses.add(new LimitUse(LimitUse.invoice(reg), LimitUse.Kind.INVOICE_NET, payNet, net));
        }
        if (payVat > 0) {
            uses.add(new LimitUse(LimitUse.invoice(reg), LimitUse.Kind.INVOICE_VAT, payVat, vatPayable));
        }
        ctx.precheckLimits(uses);
        return uses;
    }

    /**
     * What of the invoice's net is paid through the ledger by invoice: the net less what the oracle settled otherwise
     * — a prepayment under the invoice's contract allocated to it ({@code prepaidNet}) and credit notes applied to it
     * ({@code creditedNet}), both stated in the invoice's current fact.
     */
    public static long payableNet(Fact invoice) {
        return invoice.tiyn("net") - invoice.tiynOrZero("prepaidNet") - invoice.tiynOrZero("creditedNet");
    }

    /** As {@link #payableNet} for the VAT part. */
    public static long payableVat(Fact invoice) {
        return invoice.tiyn("vat") - invoice.tiynOrZero("prepaidVat") - invoice.tiynOrZero("creditedVat");
    }

    /**
     * An additional invoice that decreases its related invoice. The oracle applies it as credit to what the related
     * invoice still owes ({@code creditedNet}/{@code creditedVat} on both facts); the rest the seller refunds.
     */
    public static boolean isCreditNote(Fact invoice) {
        return "DECREASE".equals(invoice.optional("adjustment"));
    }

    /** The CONTRACT_REGISTERED fact of a prepayment, if the transaction names one with a {@code vatRate}. */
    public static Optional<Fact> prepaymentContract(TxContext ctx) {
        for (FactId id : ctx.tx().facts()) {
            Fact f = ctx.facts().require(id);
            if (f.type() == FactType.CONTRACT_REGISTERED && f.optional("vatRate") != null) {
                return Optional.of(ContractMarking.contract(ctx, f.subject()));
            }
        }
        return Optional.empty();
    }

    /**
     * Prepayment by contract number, before any invoice: a transfer naming a registered contract that states a
     * {@code vatRate} (percent). The payer is the account owned by the contract's buyer ({@code buyerTin}), the
     * seller the one owned by {@code sellerTin}; the VAT part is total × rate / (100 + rate), rounded half up;
     * VAT tokens first, as for invoices. What is prepaid is tracked per contract (net and VAT) and may not exceed
     * the contract's {@code maxTransfer} in total. (Settling prepayments against the invoice that follows is the
     * Digital VAT issue's work.)
     */
    public static List<LimitUse> checkContractPrepayment(TxContext ctx, Fact contract) {
        String number = contract.subject();
        ContractMarking.requireValid(ctx, contract);
        long rate;
        try {
            rate = Long.parseLong(contract.text("vatRate"));
        } catch (NumberFormatException e) {
            throw new LedgerException(ReasonCode.INVALID_FACT, "contract " + number + ": vatRate is a whole percent");
        }
        require(rate >= 0 && rate <= 100, ReasonCode.INVALID_FACT, "contract " + number + ": vatRate is between 0 and 100");
        Split split = checkSplit(ctx, "contract " + number, contract.text("buyerTin"), contract.text("sellerTin"));
        long expectedVat = proportionalVat(split.net() + split.vat(), rate, 100 + rate);
        require(split.vat() == expectedVat, ReasonCode.MARKING_VIOLATION, "the VAT part of a "
                + Tiyn.format(split.net() + split.vat()) + " prepayment at " + rate + "% is " + Tiyn.format(expectedVat)
                + ", not " + Tiyn.format(split.vat()));
        List<LimitUse> uses = new ArrayList<>();
        uses.add(new LimitUse(LimitUse.contract(number), LimitUse.Kind.PREPAID, split.net() + split.vat(), contract.tiyn("maxTransfer")));
        if (split.vat() > 0) {
            uses.add(new LimitUse(LimitUse.contract(number), LimitUse.Kind.PREPAID_VAT, split.vat(), Long.MAX_VALUE));
        }
        ctx.precheckLimits(uses);
        return uses;
    }

    /** A transfer of VAT tokens that pays no invoice: only to a tax office, where the mark is removed. */
    public static void checkTaxPayment(TxContext ctx) {
        Set<AccountNumber> payers = ctx.inputOwners();
        for (StoredOutput in : ctx.inputs()) {
            require(TxContext.marking(in) instanceof Marking.Vat, ReasonCode.MARKING_VIOLATION,
                    "VAT tokens are paid to the tax office on their own");
        }
        boolean toTaxOffice = false;
        for (Output out : ctx.tx().outputs()) {
            Marking m = TxContext.marking(out);
            if (payers.contains(out.owner()) && m instanceof Marking.Vat) {
                continue; // change stays VAT
            }
            require(ctx.registry().account(out.owner()).kind() == AccountKind.TAX_OFFICE, ReasonCode.MARKING_VIOLATION,
                    "VAT tokens may only pay the VAT part of an invoice or go to a tax office; " + out.owner() + " is neither");
            require(m instanceof Marking.Standard, ReasonCode.MARKING_VIOLATION, "the tax office receives standard money: the mark is removed on receipt");
            toTaxOffice = true;
        }
        require(toTaxOffice, ReasonCode.MARKING_VIOLATION, "VAT tokens may only pay the VAT part of an invoice or go to a tax office");
        ctx.requireBalanced();
    }

    /** total × vat / gross, rounded half up to the tiyn (BigInteger: the product can pass 2^63). */
    public static long proportionalVat(long total, long vat, long gross) {
        if (gross == 0) {
            return 0;
        }
        BigInteger[] qr = BigInteger.valueOf(total).multiply(BigInteger.valueOf(vat)).divideAndRemainder(BigInteger.valueOf(gross));
        long q = qr[0].longValueExact();
        return qr[1].shiftLeft(1).compareTo(BigInteger.valueOf(gross)) >= 0 ? q + 1 : q;
    }

    static void refuseOtherUse() {
        throw new LedgerException(ReasonCode.MARKING_VIOLATION,
                "VAT tokens may only pay the VAT part of an invoice or go to a tax office");
    }
}
