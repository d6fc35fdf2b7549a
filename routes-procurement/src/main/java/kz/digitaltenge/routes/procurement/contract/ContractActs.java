package kz.digitaltenge.routes.procurement.contract;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import kz.digitaltenge.canonical.ReasonCode;

/**
 * The acts of completed work of one contract as the hub has seen them: each approved act with the {@code sum_transfer}
 * it allows, and each revoked one. Kept in the contract's fact (terms {@code acts} ... {@code acts4}, entries
 * {@code <act id>:<tiyn>} for an approved act and {@code <act id>:-} for a revoked one, by act id), so that an act read
 * again changes nothing and a revocation subtracts exactly what its approval added.
 *
 * <p>A revocation is final: a revoked act approved again (an old file imported after the revocation) is refused, the
 * portal approves a new act. An approved act read again with another {@code sum_transfer} takes the new amount (a
 * corrected act); what the supplier already cashed out stays cashed out (the ledger counts it), so a smaller amount
 * only lowers what is left.
 *
 * <p>Limit: what fits in {@value ContractTerms#ACT_TERMS} terms of 512 characters — at least 76 acts whatever their ids
 * and amounts (27 characters an entry at most: a 10-digit id, a 15-digit amount), about 100 for usual ones; beyond,
 * the act is refused OVER_LIMIT.
 */
record ContractActs(SortedMap<Long, Long> approved, SortedMap<Long, Boolean> revoked) {
    static final ContractActs NONE = new ContractActs(new TreeMap<>(), new TreeMap<>());
    private static final String REVOKED = "-";

    ContractActs {
        approved = Collections.unmodifiableSortedMap(new TreeMap<>(approved));
        revoked = Collections.unmodifiableSortedMap(new TreeMap<>(revoked));
    }

    /** The sum of the approved acts' amounts, in tiyn. */
    long total() {
        long sum = 0;
        for (long v : approved.values()) {
            sum = Amounts.add(sum, v);
        }
        return sum;
    }

    ContractActs approve(long act, long tiyn, String contract) {
        if (revoked.containsKey(act)) {
            throw new RecordProblem(ReasonCode.CONFLICT, "act " + act + " of contract " + contract + " was revoked before;"
                    + " a revoked act is not approved again (an older record of it?): the portal approves a new act");
        }
        TreeMap<Long, Long> a = new TreeMap<>(approved);
        a.put(act, tiyn);
        return new ContractActs(a, revoked);
    }

    /** The act withdrawn: its amount no longer counts, and it stays revoked. */
    ContractActs revoke(long act) {
        TreeMap<Long, Long> a = new TreeMap<>(approved);
        a.remove(act);
        TreeMap<Long, Boolean> r = new TreeMap<>(revoked);
        r.put(act, true);
        return new ContractActs(a, r);
    }

    boolean isApproved(long act) {
        return approved.containsKey(act);
    }

    Map<String, String> terms(String contract) {
        List<String> entries = new ArrayList<>();
        TreeMap<Long, String> all = new TreeMap<>();
        approved.forEach((id, tiyn) -> all.put(id, Long.toString(tiyn)));
        revoked.keySet().forEach(id -> all.put(id, REVOKED));
        all.forEach((id, v) -> entries.add(id + ":" + v));
        return PackedTerms.pack(ContractTerms.ACTS, ContractTerms.ACT_TERMS, entries, "the acts of contract " + contract);
    }

    static ContractActs of(Map<String, String> terms) {
        TreeMap<Long, Long> approved = new TreeMap<>();
        TreeMap<Long, Boolean> revoked = new TreeMap<>();
        for (String e : PackedTerms.unpack(terms, ContractTerms.ACTS, ContractTerms.ACT_TERMS)) {
            int colon = e.indexOf(':');
            String id = colon < 0 ? "" : e.substring(0, colon);
            String v = colon < 0 ? "" : e.substring(colon + 1);
            if (!id.matches("[0-9]{1,18}") || !(v.equals(REVOKED) || v.matches("[0-9]{1,18}"))) {
                throw new RecordProblem(ReasonCode.CONFLICT, "the registered fact's acts entry '" + Values.excerpt(e)
                        + "' is not <act id>:<tiyn> or <act id>:-");
            }
            if (v.equals(REVOKED)) {
                revoked.put(Long.parseLong(id), true);
            } else {
                approved.put(Long.parseLong(id), Long.parseLong(v));
            }
        }
        return new ContractActs(approved, revoked);
    }
}
