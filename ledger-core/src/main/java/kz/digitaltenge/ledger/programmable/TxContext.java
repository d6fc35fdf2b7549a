package kz.digitaltenge.ledger.programmable;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import kz.digitaltenge.canonical.LedgerException;
import kz.digitaltenge.canonical.ReasonCode;
import kz.digitaltenge.ledger.fact.FactBook;
import kz.digitaltenge.canonical.id.AccountNumber;
import kz.digitaltenge.canonical.id.PartyId;
import kz.digitaltenge.ledger.registry.Registry;
import kz.digitaltenge.ledger.registry.Role;
import kz.digitaltenge.ledger.tx.StoredOutput;
import kz.digitaltenge.ledger.tx.Output;
import kz.digitaltenge.ledger.tx.SignedTransaction;
import kz.digitaltenge.ledger.tx.Transaction;
import kz.digitaltenge.ledger.tx.TxId;

/**
 * What an archetype's rules see of a transaction being validated: the transaction, its stored inputs, who signed.
 * {@code usageRead} keeps the limit usage read during this one validation, so the archetype's own check and the limit
 * pre-check read a subject's usage once (it is a snapshot either way: the commit's check under the row lock decides).
 */
public record TxContext(SignedTransaction signed, TxId id, List<StoredOutput> inputs, Set<PartyId> signers,
                        Registry registry, FactBook facts, ProgrammableRecords store, Instant now,
                        java.util.Map<String, java.util.Map<LimitUse.Kind, Long>> usageRead) {

    public TxContext(SignedTransaction signed, TxId id, List<StoredOutput> inputs, Set<PartyId> signers,
                     Registry registry, FactBook facts, ProgrammableRecords store, Instant now) {
        this(signed, id, inputs, signers, registry, facts, store, now, new java.util.HashMap<>());
    }

    /** How much of each limit of a subject is used, as the store said when this validation first asked. */
    public java.util.Map<LimitUse.Kind, Long> usage(String subject) {
        return usageRead.computeIfAbsent(subject, store::usage);
    }

    /**
     * The current fact of a type about a subject, with the usage of {@code usageSubject}'s limits read in the same
     * statement and kept for this validation (the archetype's check and the limit pre-check then ask no more).
     */
    public java.util.Optional<kz.digitaltenge.ledger.fact.SignedFact> latestWithUsage(kz.digitaltenge.ledger.fact.FactType type,
                                                                                      String subject, String usageSubject) {
        FactWithUsage read = store.latestWithUsage(type, subject, usageSubject);
        usageRead.putIfAbsent(usageSubject, read.usage());
        return read.fact();
    }

    public Transaction tx() {
        return signed.tx();
    }

    public long inputTotal() {
        long sum = 0;
        for (StoredOutput in : inputs) {
            sum = Math.addExact(sum, in.output().amount());
        }
        return sum;
    }

    public Set<AccountNumber> inputOwners() {
        Set<AccountNumber> owners = new LinkedHashSet<>();
        inputs.forEach(in -> owners.add(in.output().owner()));
        return owners;
    }

    public boolean signedByRole(Role role) {
        return signers.stream().anyMatch(p -> registry.participant(p).has(role));
    }

    public static Marking marking(Output o) {
        return Marking.parse(o.marking());
    }

    public static Marking marking(StoredOutput o) {
        return Marking.parse(o.output().marking());
    }

    public static void require(boolean condition, ReasonCode reason, String message) {
        if (!condition) {
            throw new LedgerException(reason, message);
        }
    }

    /**
     * Checks a transaction's uses of fact-tracked limits against what the store has recorded; the commit checks
     * again under a row lock, which is the authority.
     */
    public void precheckLimits(List<kz.digitaltenge.ledger.programmable.LimitUse> uses) {
        java.util.Map<String, Long> sums = new java.util.HashMap<>();
        for (kz.digitaltenge.ledger.programmable.LimitUse u : uses) {
            String key = u.subject() + "/" + u.kind();
            long after = sums.computeIfAbsent(key, k -> usage(u.subject()).get(u.kind())) + u.amount();
            sums.put(key, after);
            require(after <= u.limit(), ReasonCode.LIMIT_EXCEEDED, u.subject() + " would reach "
                    + kz.digitaltenge.canonical.money.Tiyn.format(after) + " of its " + u.kind() + " limit "
                    + kz.digitaltenge.canonical.money.Tiyn.format(u.limit()));
        }
    }

    /** Sum in = sum out, the conservation every non-issuing, non-redeeming transaction keeps. */
    public void requireBalanced() {
        long in = inputTotal();
        long out = tx().outputTotal();
        require(in == out, ReasonCode.UNBALANCED, "inputs " + kz.digitaltenge.canonical.money.Tiyn.format(in)
                + " differ from outputs " + kz.digitaltenge.canonical.money.Tiyn.format(out));
    }
}
