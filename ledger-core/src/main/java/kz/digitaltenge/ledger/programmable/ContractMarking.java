package kz.digitaltenge.ledger.programmable;

import static kz.digitaltenge.ledger.programmable.TxContext.require;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import kz.digitaltenge.canonical.LedgerException;
import kz.digitaltenge.canonical.ReasonCode;
import kz.digitaltenge.ledger.fact.Fact;
import kz.digitaltenge.ledger.fact.FactId;
import kz.digitaltenge.ledger.fact.FactType;
import kz.digitaltenge.ledger.fact.SignedFact;
import kz.digitaltenge.canonical.id.AccountNumber;
import kz.digitaltenge.ledger.tx.StoredOutput;
import kz.digitaltenge.ledger.tx.Output;

/**
 * What contract-parameter marked money may do — all of it is here. The parameter is a registered contract
 * (an oracle {@code CONTRACT_REGISTERED} fact: number, sender, recipient, maximum transfer, maximum cash-out,
 * validity, optional parent). Every transaction moving such money names the contract's current fact.
 *
 * <ul>
 *   <li>MARK: standard money of the contract's sender becomes {@code CONTRACT:<n>} (several issuances may carry
 *       the same parameter).</li>
 *   <li>Held by the sender: it may go only to the recipient, while {@code maxTransfer} allows.</li>
 *   <li>Held by the recipient: it may be cashed out (REDEEM) while {@code maxCashOut} allows, or go on along a
 *       child contract ({@code parent = n}, whose sender is n's recipient); it then carries the child's mark
 *       and counts against the child's transfer limit. This is what makes the project's transaction tree.</li>
 *   <li>Only while the contract is valid ({@code EXPIRED} otherwise). Change stays with its owner, same mark.</li>
 *   <li>A budget contract ({@code treasuryRequired}) pays its recipient only once the Treasury registered it
 *       ({@code treasuryNotice}).</li>
 *   <li>Used amounts are checked here against the store and again, under a row lock, in the commit.</li>
 * </ul>
 */
public final class ContractMarking {
    private ContractMarking() {
    }

    /** The CONTRACT_REGISTERED fact of {@code number} that the transaction names; it must be the current one. */
    static Fact contract(TxContext ctx, String number) {
        for (FactId id : ctx.tx().facts()) {
            Fact f = ctx.facts().require(id);
            if (f.type() == FactType.CONTRACT_REGISTERED && f.subject().equals(number)) {
                Optional<SignedFact> latest = ctx.latestWithUsage(FactType.CONTRACT_REGISTERED, number, LimitUse.contract(number));
                require(latest.isPresent() && latest.get().id().equals(id), ReasonCode.INVALID_FACT,
                        "contract " + number + " has newer terms; name its current fact");
                return f;
            }
        }
        throw new LedgerException(ReasonCode.INVALID_FACT,
                "moving contract " + number + " money needs its CONTRACT_REGISTERED fact among the transaction's facts");
    }

    static void requireValid(TxContext ctx, Fact contract) {
        require(!ctx.now().isBefore(contract.instant("validFrom")) && !ctx.now().isAfter(contract.instant("validTo")),
                ReasonCode.EXPIRED, "contract " + contract.subject() + " is valid from " + contract.instant("validFrom")
                        + " to " + contract.instant("validTo"));
    }

    /** One marked output of a MARK transaction. */
    static void checkMark(TxContext ctx, Marking.ContractParameter mark, Output out) {
        Fact c = contract(ctx, mark.contract());
        requireValid(ctx, c);
        require(out.owner().equals(c.account("sender")), ReasonCode.MARKING_VIOLATION,
                "contract " + mark.contract() + " money is marked on its sender's account " + c.account("sender"));
    }

    /** A TRANSFER whose inputs carry a contract mark; returns the limits it uses. */
    public static List<LimitUse> checkTransfer(TxContext ctx) {
        Marking.ContractParameter mark = sameContract(ctx);
        AccountNumber holder = singleHolder(ctx);
        Fact c = contract(ctx, mark.contract());
        requireValid(ctx, c);
        List<LimitUse> uses = new ArrayList<>();
        if (holder.equals(c.account("sender"))) {
            long toRecipient = 0;
            for (Output out : ctx.tx().outputs()) {
                require(TxContext.marking(out).equals(mark), ReasonCode.MARKING_VIOLATION,
                        "contract " + mark.contract() + " money keeps its mark");
                if (out.owner().equals(c.account("recipient"))) {
                    toRecipient += out.amount();
                } else {
                    require(out.owner().equals(holder), ReasonCode.MARKING_VIOLATION, "contract " + mark.contract()
                            + " money may go only to its recipient " + c.account("recipient") + ", not " + out.owner());
                }
            }
            if (toRecipient > 0) {
                requireTreasuryRegistration(c);
                uses.add(new LimitUse(LimitUse.contract(mark.contract()), LimitUse.Kind.CONTRACT_TRANSFER, toRecipient, c.tiyn("maxTransfer")));
            }
        } else if (holder.equals(c.account("recipient"))) {
            for (Output out : ctx.tx().outputs()) {
                Marking m = TxContext.marking(out);
                if (out.owner().equals(holder) && m.equals(mark)) {
                    continue;
                }
                require(m instanceof Marking.ContractParameter, ReasonCode.MARKING_VIOLATION, "contract " + mark.contract()
                        + " money held by its recipient may only be cashed out or passed on along a child contract");
                // the same mark to someone else: that address is on no level below this contract
                require(!m.equals(mark), ReasonCode.MARKING_VIOLATION, out.owner() + " is the recipient of no child contract of "
                        + mark.contract() + ": its money goes on only along one (child contract marks), and stays put");
                String childNumber = ((Marking.ContractParameter) m).contract();
                Fact child = contract(ctx, childNumber);
                requireValid(ctx, child);
                require(mark.contract().equals(child.optional("parent")), ReasonCode.MARKING_VIOLATION,
                        "contract " + childNumber + " is not a child of " + mark.contract());
                require(child.account("sender").equals(holder) && out.owner().equals(child.account("recipient")),
                        ReasonCode.MARKING_VIOLATION, "child contract " + childNumber + " runs from "
                                + child.account("sender") + " to " + child.account("recipient"));
                requireTreasuryRegistration(child);
                uses.add(new LimitUse(LimitUse.contract(childNumber), LimitUse.Kind.CONTRACT_TRANSFER, out.amount(), child.tiyn("maxTransfer")));
            }
        } else {
            throw new LedgerException(ReasonCode.MARKING_VIOLATION, "contract " + mark.contract()
                    + " money is held by neither its sender nor its recipient");
        }
        ctx.requireBalanced();
        ctx.precheckLimits(uses);
        return uses;
    }

    /**
     * A budget contract ({@code treasuryRequired} = true, from the procurement registry) pays nothing before the
     * Treasury registered it ({@code treasuryNotice}, its registration notice): the first payment waits for that.
     */
    static void requireTreasuryRegistration(Fact contract) {
        String notice = contract.optional("treasuryNotice");
        require(!"true".equals(contract.optional("treasuryRequired")) || (notice != null && !notice.isBlank()),
                ReasonCode.NOT_AUTHORIZED, "contract " + contract.subject() + " is a budget contract not yet registered at"
                        + " the Treasury (no registration notice): nothing is paid before its registration");
    }

    /** A REDEEM (cash-out) of contract money by the contract's recipient; returns the limit it uses. */
    public static List<LimitUse> checkCashOut(TxContext ctx, long redeemed) {
        Marking.ContractParameter mark = sameContract(ctx);
        AccountNumber holder = singleHolder(ctx);
        Fact c = contract(ctx, mark.contract());
        requireValid(ctx, c);
        require(holder.equals(c.account("recipient")), ReasonCode.MARKING_VIOLATION,
                "only the recipient " + c.account("recipient") + " cashes out contract " + mark.contract() + " money");
        for (Output out : ctx.tx().outputs()) {
            require(out.owner().equals(holder) && TxContext.marking(out).equals(mark), ReasonCode.MARKING_VIOLATION,
                    "the change of a cash-out stays with the recipient, marked");
        }
        List<LimitUse> uses = List.of(new LimitUse(LimitUse.contract(mark.contract()), LimitUse.Kind.CONTRACT_CASH_OUT, redeemed, c.tiyn("maxCashOut")));
        ctx.precheckLimits(uses);
        return uses;
    }

    /** Remaining amounts of a contract: {transfer, cash-out}, given its current terms and what the store recorded. */
    public static long[] remaining(Fact contract, java.util.Map<LimitUse.Kind, Long> used) {
        return new long[] {contract.tiyn("maxTransfer") - used.get(LimitUse.Kind.CONTRACT_TRANSFER),
                contract.tiyn("maxCashOut") - used.get(LimitUse.Kind.CONTRACT_CASH_OUT)};
    }

    private static Marking.ContractParameter sameContract(TxContext ctx) {
        Marking.ContractParameter mark = null;
        for (StoredOutput in : ctx.inputs()) {
            Marking m = TxContext.marking(in);
            require(m instanceof Marking.ContractParameter && (mark == null || mark.equals(m)), ReasonCode.MARKING_VIOLATION,
                    "inputs of one transaction must carry the same contract mark");
            mark = (Marking.ContractParameter) m;
        }
        return mark;
    }

    private static AccountNumber singleHolder(TxContext ctx) {
        var owners = ctx.inputOwners();
        require(owners.size() == 1, ReasonCode.MARKING_VIOLATION, "contract money of one transaction comes from one account");
        return owners.iterator().next();
    }
}
