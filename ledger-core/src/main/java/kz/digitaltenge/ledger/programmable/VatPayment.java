package kz.digitaltenge.ledger.programmable;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import kz.digitaltenge.canonical.ReasonCode;
import kz.digitaltenge.canonical.id.AccountNumber;
import kz.digitaltenge.canonical.money.Tiyn;
import kz.digitaltenge.ledger.fact.FactId;
import kz.digitaltenge.ledger.tx.StoredOutput;
import kz.digitaltenge.ledger.tx.Output;
import kz.digitaltenge.ledger.tx.OutputRef;
import kz.digitaltenge.ledger.tx.Transaction;
import kz.digitaltenge.ledger.tx.TxType;

/**
 * Builds the TRANSFER that pays a VAT split — an invoice, a credit note's refund, a prepayment by contract — from the
 * payer's unspent outputs, the way {@link VatMarking#checkSplit} checks it. It lives beside the rule so that whoever
 * pays by the rule (the hub's payment orders, a bank's channel) selects coins by it, instead of keeping a copy.
 *
 * <p>The payee receives the net part as one standard output and the VAT part as one VAT output; the payer gets the
 * change. The VAT part comes from the payer's VAT tokens first; only when they do not cover it are standard tokens
 * marked VAT for the rest, and then every VAT token of the payer is an input and no VAT change is returned (the
 * ledger's rule: no standard money is marked while VAT tokens wait). Held outputs and outputs of other markings are
 * never selected. Larger tokens are taken first, so a payment needs few inputs.
 *
 * <p>A pure function: it reads nothing and signs nothing; the caller signs the transaction and submits it. Whether
 * the net/VAT split is right for the invoice or contract is the caller's check (and the ledger's, again).
 */
public final class VatPayment {
    /**
     * Most inputs one payment takes: what the ledger accepts in one transaction. An account more fragmented than this
     * is refused here with a reason the payer can act on, rather than by the ledger's OVER_LIMIT.
     */
    public static final int MAX_INPUTS = Transaction.MAX_INPUTS;

    private VatPayment() {
    }

    /** What building gives: the transaction, or why the payer cannot pay it. */
    public sealed interface Result permits Built, Refused {
    }

    /** The unsigned transaction. */
    public record Built(Transaction transaction) implements Result {
    }

    /** Why not: the payer's usable money is short, or spread over too many tokens. */
    public record Refused(ReasonCode reason, String message) implements Result {
    }


    /**
     * @param payer     the account paying (the change goes back to it)
     * @param payee     the account receiving net and VAT part
     * @param net       the net part, tiyn, paid as standard money
     * @param vat       the VAT part, tiyn, paid as VAT tokens
     * @param unspent   the payer's unspent outputs, in the store's order (ties between equal amounts keep it)
     * @param reference the transaction's reference
     * @param facts     the facts it names (the invoice's current fact, or the contract's)
     */
    public static Result build(AccountNumber payer, AccountNumber payee, long net, long vat, List<StoredOutput> unspent,
                               String reference, List<FactId> facts) {
        List<StoredOutput> vatTokens = new ArrayList<>();
        List<StoredOutput> standard = new ArrayList<>();
        for (StoredOutput o : unspent) {
            if (o.output().hold() != null) {
                continue; // held money is spent only by release or return
            }
            if (o.output().marking() == null) {
                standard.add(o);
            } else if (Marking.VAT.encode().equals(o.output().marking())) {
                vatTokens.add(o);
            } // other marked money (contract, address list) pays no VAT split
        }
        Comparator<StoredOutput> largestFirst = Comparator.comparingLong((StoredOutput o) -> o.output().amount()).reversed();
        standard.sort(largestFirst);
        vatTokens.sort(largestFirst);

        List<OutputRef> inputs = new ArrayList<>();
        long vatIn = 0;
        for (StoredOutput o : vatTokens) {
            if (vatIn >= vat) {
                break;
            }
            inputs.add(o.ref());
            vatIn += o.output().amount();
        }
        // short of VAT tokens: every one of them is an input now, and standard money is marked for the rest
        boolean marking = vatIn < vat;
        long vatChange = marking ? 0 : vatIn - vat;
        long standardNeeded = net + (marking ? vat - vatIn : 0);
        long standardIn = 0;
        for (StoredOutput o : standard) {
            if (standardIn >= standardNeeded) {
                break;
            }
            inputs.add(o.ref());
            standardIn += o.output().amount();
        }
        if (standardIn < standardNeeded) {
            return new Refused(ReasonCode.INSUFFICIENT_FUNDS, "account " + payer + " has " + Tiyn.format(standardIn + vatIn)
                    + " available for this payment (standard and VAT tokens), the order pays " + Tiyn.format(net + vat));
        }
        if (inputs.size() > MAX_INPUTS) {
            return new Refused(ReasonCode.TOO_FRAGMENTED, "account " + payer + " would need " + inputs.size()
                    + " tokens for this payment (at most " + MAX_INPUTS + "); consolidate the account first");
        }
        List<Output> outputs = new ArrayList<>();
        if (net > 0) {
            outputs.add(Output.standard(payee, net));
        }
        if (vat > 0) {
            outputs.add(new Output(payee, vat, Marking.VAT.encode(), null));
        }
        if (standardIn > standardNeeded) {
            outputs.add(Output.standard(payer, standardIn - standardNeeded));
        }
        if (vatChange > 0) {
            outputs.add(new Output(payer, vatChange, Marking.VAT.encode(), null));
        }
        return new Built(new Transaction(TxType.TRANSFER, reference, inputs, outputs, facts));
    }
}
