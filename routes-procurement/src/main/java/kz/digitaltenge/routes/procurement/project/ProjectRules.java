package kz.digitaltenge.routes.procurement.project;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import kz.digitaltenge.canonical.ReasonCode;
import kz.digitaltenge.canonical.SourceMessageRejected;
import kz.digitaltenge.canonical.id.PartyId;

/**
 * A programme's rules for a project's contract tree, as one readable document and as the terms of its
 * {@code PROJECT_DEFINED} fact. Level 1 is the root contract's supplier (the general contractor); level <i>k</i>+1 are the
 * recipients of child contracts declared by a level-<i>k</i> recipient. {@code depth} is the deepest level. Per level
 * below the first: who may be added ({@code *} anyone with a BIN/IIN, else a list) and what share of a child contract's
 * sum its recipient may cash out.
 *
 * @param project      the project's id (the fact's subject)
 * @param name         shown to people
 * @param rootContract the root contract's marking key (its {@code contract_number_sys})
 * @param depth        2-16
 * @param levels       level number (2..depth) → its rule; every level 2..depth has one
 */
public record ProjectRules(String project, String name, String rootContract, int depth, Map<Integer, Level> levels) {
    /** Most BIN/IINs one level names (a term holds 512 characters: 39 numbers of 12 digits with commas). */
    public static final int MAX_ADMITTED = 39;

    /**
     * @param admitsAnyone   whether anyone may be added at this level (the document's {@code "*"})
     * @param admitted       the BIN/IINs that may be, otherwise
     * @param cashOutPercent what share (0-100) of a child contract's sum its recipient may cash out
     */
    public record Level(boolean admitsAnyone, Set<String> admitted, int cashOutPercent) {
        public Level {
            admitted = Set.copyOf(new TreeSet<>(admitted));
        }

        public boolean admits(String bin) {
            return admitsAnyone || admitted.contains(bin);
        }

        String admittedTerm() {
            return admitsAnyone ? "*" : String.join(",", new TreeSet<>(admitted));
        }
    }

    public ProjectRules {
        levels = Map.copyOf(levels);
        if (depth < 2 || depth > 16) {
            throw refused("depth is 2-16 levels (1 is the general contractor), not " + depth);
        }
        for (int k = 2; k <= depth; k++) {
            if (!levels.containsKey(k)) {
                throw refused("level " + k + " has no rule (every level 2.." + depth + " says who may be added)");
            }
        }
        for (Integer k : levels.keySet()) {
            if (k < 2 || k > depth) {
                throw refused("level " + k + " is outside 2.." + depth);
            }
        }
    }

    public Level level(int k) {
        return levels.get(k);
    }

    /** The fact's terms: {@code name, rootContract, depth, level<k>Admits, level<k>CashOut}. */
    public Map<String, String> terms() {
        Map<String, String> t = new LinkedHashMap<>();
        t.put("name", name);
        t.put("rootContract", rootContract);
        t.put("depth", Integer.toString(depth));
        for (int k = 2; k <= depth; k++) {
            t.put("level" + k + "Admits", levels.get(k).admittedTerm());
            t.put("level" + k + "CashOut", Integer.toString(levels.get(k).cashOutPercent()));
        }
        return t;
    }

    /** The rules back from the terms of a registered {@code PROJECT_DEFINED} fact. */
    public static ProjectRules fromTerms(String project, Map<String, String> terms) {
        int depth = Integer.parseInt(terms.get("depth"));
        Map<Integer, Level> levels = new LinkedHashMap<>();
        for (int k = 2; k <= depth; k++) {
            String admits = terms.getOrDefault("level" + k + "Admits", "");
            boolean anyone = admits.equals("*");
            List<String> bins = anyone || admits.isEmpty() ? List.of() : List.of(admits.split(","));
            levels.put(k, new Level(anyone, Set.copyOf(bins), Integer.parseInt(terms.getOrDefault("level" + k + "CashOut", "0"))));
        }
        return new ProjectRules(project, terms.getOrDefault("name", project), terms.get("rootContract"), depth, levels);
    }

    /** One level of the document: {@code {"level": 2, "admits": ["*"] | [BIN, …], "cashOutPercent": 0}}. */
    static Level level(int k, List<String> admits, Integer cashOutPercent) {
        if (admits == null || admits.isEmpty()) {
            throw refused("level " + k + ": admits names who may be added (\"*\" for anyone, or BIN/IINs)");
        }
        boolean anyone = admits.contains("*");
        if (anyone && admits.size() > 1) {
            throw refused("level " + k + ": \"*\" admits anyone; name no BIN/IIN beside it");
        }
        List<String> bins = new ArrayList<>();
        if (!anyone) {
            for (String bin : admits) {
                if (bin == null || !PartyId.isValid(bin)) {
                    throw new SourceMessageRejected(ReasonCode.INVALID_IDENTIFIER, "level " + k + ": '" + bin
                            + "' is not a valid BIN/IIN (12 digits with its check digit)");
                }
                bins.add(bin);
            }
            if (bins.size() > MAX_ADMITTED) {
                throw new SourceMessageRejected(ReasonCode.OVER_LIMIT, "level " + k + " names " + bins.size() + " BIN/IINs; at most "
                        + MAX_ADMITTED + " (admit anyone with \"*\" and rely on the declarations instead)");
            }
        }
        int percent = cashOutPercent == null ? 0 : cashOutPercent;
        if (percent < 0 || percent > 100) {
            throw refused("level " + k + ": cashOutPercent is 0-100, not " + percent);
        }
        return new Level(anyone, Set.copyOf(bins), percent);
    }

    static SourceMessageRejected refused(String why) {
        return new SourceMessageRejected(ReasonCode.SCHEMA_INVALID, "project: " + why);
    }
}
