package kz.digitaltenge.ledger.programmable;

import static kz.digitaltenge.ledger.programmable.TxContext.require;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import kz.digitaltenge.canonical.ReasonCode;
import kz.digitaltenge.canonical.id.AccountNumber;
import kz.digitaltenge.ledger.registry.Role;
import kz.digitaltenge.ledger.tx.StoredOutput;
import kz.digitaltenge.ledger.tx.Output;

/**
 * Who may put a mark on money and lift it. MARK: the Treasury, or a bank for its client (the bank signs and the
 * owner's consent is the owner's signature or the bank's delegation); inputs are standard; the marked outputs
 * carry one mark, checked by that mark's archetype; VAT is never made by MARK (only by paying an invoice).
 * UNMARK: the Treasury only; it lifts marks without moving money (each owner gets back exactly what it had).
 */
public final class MarkAndUnmark {
    private MarkAndUnmark() {
    }

    public static void checkMark(TxContext ctx) {
        require(ctx.signedByRole(Role.TREASURY) || ctx.signedByRole(Role.BANK), ReasonCode.NOT_AUTHORIZED,
                "marking is done by the Treasury or by a bank for its client");
        for (StoredOutput in : ctx.inputs()) {
            require(TxContext.marking(in) instanceof Marking.Standard, ReasonCode.MARKING_VIOLATION,
                    "only standard money is marked; input " + in.ref() + " already carries a mark");
        }
        Set<AccountNumber> owners = ctx.inputOwners();
        String markClass = null;
        for (Output out : ctx.tx().outputs()) {
            Marking m = TxContext.marking(out);
            if (m instanceof Marking.Standard) {
                require(owners.contains(out.owner()), ReasonCode.MARKING_VIOLATION,
                        "a marking transaction pays no one: standard change goes back to its owner");
                continue;
            }
            require(markClass == null || markClass.equals(m.classKey()), ReasonCode.MARKING_VIOLATION,
                    "one marking transaction puts one mark");
            markClass = m.classKey();
            if (m instanceof Marking.AddressListLevel a) {
                AddressListMarking.checkMark(ctx, a, out);
            } else if (m instanceof Marking.ContractParameter c) {
                ContractMarking.checkMark(ctx, c, out);
            } else {
                require(false, ReasonCode.MARKING_VIOLATION, "VAT tokens are made only by paying the VAT part of an invoice");
            }
        }
        require(markClass != null, ReasonCode.INVALID_STRUCTURE, "a marking transaction marks at least one output");
        ctx.requireBalanced();
    }

    public static void checkUnmark(TxContext ctx) {
        require(ctx.signedByRole(Role.TREASURY), ReasonCode.NOT_AUTHORIZED, "only the Treasury lifts marks");
        Map<AccountNumber, Long> had = new HashMap<>();
        for (StoredOutput in : ctx.inputs()) {
            require(!(TxContext.marking(in) instanceof Marking.Standard), ReasonCode.INVALID_STRUCTURE,
                    "input " + in.ref() + " carries no mark to lift");
            had.merge(in.output().owner(), in.output().amount(), Long::sum);
        }
        Map<AccountNumber, Long> gets = new HashMap<>();
        for (Output out : ctx.tx().outputs()) {
            require(TxContext.marking(out) instanceof Marking.Standard, ReasonCode.MARKING_VIOLATION, "unmarked outputs are standard money");
            gets.merge(out.owner(), out.amount(), Long::sum);
        }
        require(had.equals(gets), ReasonCode.MARKING_VIOLATION, "lifting a mark moves no money: each owner keeps what it had");
    }
}
