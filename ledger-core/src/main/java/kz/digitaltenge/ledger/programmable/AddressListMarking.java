package kz.digitaltenge.ledger.programmable;

import static kz.digitaltenge.ledger.programmable.TxContext.require;

import java.util.Set;
import kz.digitaltenge.canonical.LedgerException;
import kz.digitaltenge.canonical.ReasonCode;
import kz.digitaltenge.canonical.id.AccountNumber;
import kz.digitaltenge.ledger.registry.Participant;
import kz.digitaltenge.ledger.registry.Registry;
import kz.digitaltenge.ledger.registry.Role;
import kz.digitaltenge.ledger.tx.StoredOutput;
import kz.digitaltenge.ledger.tx.Output;

/**
 * What address-list marked money may do — all of it is here.
 *
 * <ul>
 *   <li>It is made by MARK: the list's initiator (the Treasury, or a bank for its client) signs, and the marked
 *       tokens go to the list's marking recipient at level 0.</li>
 *   <li>Tokens at level <i>k</i> may go only to a recipient allowed at level <i>k</i>. The recipient receives them
 *       at level <i>k</i>+1; when <i>k</i>+1 equals the depth the mark is lifted and the recipient receives
 *       standard money (the last allowed hop ends the purpose chain).</li>
 *   <li>Change back to the sender stays at level <i>k</i>. Any other output is refused with
 *       {@code MARKING_VIOLATION}; nothing moves.</li>
 *   <li>Conservation: a transfer moves exactly what it takes; the only class change is the lifting at the last
 *       level.</li>
 * </ul>
 */
public final class AddressListMarking {
    private AddressListMarking() {
    }

    /** Registers a list; its initiator must be the Treasury or a bank, and every account must exist. */
    public static String register(AddressList list, Registry registry, ProgrammableRecords store) {
        Participant initiator = registry.participant(list.initiator());
        require(initiator.has(Role.TREASURY) || initiator.has(Role.BANK), ReasonCode.NOT_AUTHORIZED,
                "only the Treasury or a bank can initiate address-list marking");
        registry.account(list.recipient());
        for (Set<AccountNumber> level : list.levels()) {
            level.forEach(registry::account);
        }
        store.insertAddressList(list);
        return list.id();
    }

    static AddressList list(TxContext ctx, String id) {
        return ctx.store().findAddressList(id).orElseThrow(() ->
                new LedgerException(ReasonCode.NOT_FOUND, "address list " + id + " is not registered"));
    }

    /** One marked output of a MARK transaction. */
    static void checkMark(TxContext ctx, Marking.AddressListLevel mark, Output out) {
        AddressList list = list(ctx, mark.listId());
        require(mark.level() == 0, ReasonCode.MARKING_VIOLATION, "marking starts at level 0");
        require(out.owner().equals(list.recipient()), ReasonCode.MARKING_VIOLATION,
                "address-list funds are marked to the list's recipient " + list.recipient() + ", not " + out.owner());
        require(ctx.signers().contains(list.initiator()), ReasonCode.NOT_AUTHORIZED,
                "the list's initiator " + list.initiator() + " must sign the marking");
    }

    /** A TRANSFER whose inputs carry address-list marking. */
    public static void checkTransfer(TxContext ctx) {
        Marking.AddressListLevel level = null;
        for (StoredOutput in : ctx.inputs()) {
            Marking m = TxContext.marking(in);
            require(m instanceof Marking.AddressListLevel, ReasonCode.MARKING_VIOLATION,
                    "address-list tokens cannot be spent together with other money in one transfer");
            require(level == null || level.equals(m), ReasonCode.MARKING_VIOLATION,
                    "inputs of one transfer must carry the same address list and level");
            level = (Marking.AddressListLevel) m;
        }
        AddressList list = list(ctx, level.listId());
        int k = level.level();
        require(k < list.depth(), ReasonCode.MARKING_VIOLATION, "level " + k + " is beyond the list's depth");
        Set<AccountNumber> allowed = list.levels().get(k);
        Marking next = k + 1 < list.depth() ? new Marking.AddressListLevel(list.id(), k + 1) : Marking.STANDARD;
        Set<AccountNumber> senders = ctx.inputOwners();
        for (Output out : ctx.tx().outputs()) {
            Marking m = TxContext.marking(out);
            if (senders.contains(out.owner()) && m.equals(level)) {
                continue; // change stays at this level
            }
            require(allowed.contains(out.owner()), ReasonCode.MARKING_VIOLATION, out.owner()
                    + " is not an allowed recipient at level " + k + " of address list " + list.id() + "; the funds stay put");
            require(m.equals(next), ReasonCode.MARKING_VIOLATION, "funds sent at level " + k + " arrive "
                    + (next instanceof Marking.Standard ? "as standard money (the last level lifts the mark)" : "at level " + (k + 1)));
        }
        ctx.requireBalanced();
    }
}
