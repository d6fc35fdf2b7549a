package kz.digitaltenge.routes.procurement.contract;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kz.digitaltenge.canonical.ReasonCode;

/**
 * A list of short entries spread over a few fact terms ({@code acts}, {@code acts2}, ...): entries joined by {@code ,}
 * and packed greedily in their (sorted) order, each term at most {@link #TERM_CHARS} characters, so the same set always
 * gives the same terms. More than fits is refused OVER_LIMIT: a fact has at most 32 terms of 512 characters.
 */
final class PackedTerms {
    /** The ledger's longest term value. */
    static final int TERM_CHARS = 512;

    private PackedTerms() {
    }

    /** The terms holding {@code entries} (none when empty). */
    static Map<String, String> pack(String base, int maxTerms, List<String> entries, String what) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        StringBuilder term = new StringBuilder();
        int used = 0;
        for (String e : entries) {
            if (term.length() > 0 && term.length() + 1 + e.length() > TERM_CHARS) {
                used++;
                if (used >= maxTerms) {
                    throw new RecordProblem(ReasonCode.OVER_LIMIT, what + ": " + entries.size() + " entries do not fit the fact"
                            + " (" + maxTerms + " terms of " + TERM_CHARS + " characters); the hub cannot track more for one"
                            + " contract — the operator decides how this contract goes on");
                }
                out.put(ContractTerms.packed(base, used), term.toString());
                term.setLength(0);
            }
            if (term.length() > 0) {
                term.append(',');
            }
            term.append(e);
        }
        if (term.length() > 0) {
            out.put(ContractTerms.packed(base, used + 1), term.toString());
        }
        return out;
    }

    /** The entries of {@code base}, {@code base2}, ... as a fact holds them. */
    static List<String> unpack(Map<String, String> terms, String base, int maxTerms) {
        List<String> out = new ArrayList<>();
        for (int i = 1; i <= maxTerms; i++) {
            String v = terms.get(ContractTerms.packed(base, i));
            if (v == null || v.isEmpty()) {
                continue;
            }
            for (String e : v.split(",", -1)) {
                out.add(e);
            }
        }
        return out;
    }
}
