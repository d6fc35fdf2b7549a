package kz.digitaltenge.routes.livestock;

import static kz.digitaltenge.routes.livestock.EventMapper.*;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kz.digitaltenge.canonical.source.HoldBook.PastOccurrence;
import kz.digitaltenge.canonical.source.KnownFact;

/**
 * What a loan's earlier animal events say about one animal, for {@link LoanHoldRules}. An animal is known by its
 * individual number, by its RFID code when an event gives one, and by every number a correction gave it: two events
 * name the same animal when any of these connect them (a corrected number or a carrier moved to a new number never
 * makes a paid animal look new). The history is in the order the hub gives it, oldest first.
 */
final class AnimalHistory {
    /** The outcome of a past occurrence that released money ({@link PastOccurrence#outcome()}). */
    static final String RELEASED = "RELEASED";

    private final List<PastOccurrence> past;
    private final Map<String, String> parent = new HashMap<>();
    private final String animal;

    AnimalHistory(List<PastOccurrence> past, KnownFact current) {
        this.past = past;
        for (PastOccurrence p : past) {
            link(p.fact());
        }
        link(current);
        this.animal = root(key(current.term(T_ANIMAL)));
    }

    /** The earlier occurrence that paid for this animal under the loan, or null. */
    PastOccurrence paid() {
        for (PastOccurrence p : past) {
            if (released(p) && same(p.fact())) {
                return p;
            }
        }
        return null;
    }

    /** How many earlier occurrences released money for an animal of this species. */
    long paidHeads(String speciesCode) {
        long n = 0;
        for (PastOccurrence p : past) {
            if (released(p) && speciesCode.equals(p.fact().term(T_SPECIES))) {
                n++;
            }
        }
        return n;
    }

    /** The latest QUARANTINE event of this animal, when it imposed a quarantine (not lifted since); or null. */
    KnownFact standingQuarantine() {
        KnownFact last = null;
        for (PastOccurrence p : past) {
            if (EventKind.QUARANTINE.name().equals(p.fact().term(T_KIND)) && same(p.fact())) {
                last = p.fact();
            }
        }
        return last != null && "true".equals(last.term(T_QUARANTINE)) ? last : null;
    }

    /** The DEATH event of this animal, or null. */
    KnownFact death() {
        for (PastOccurrence p : past) {
            if (EventKind.DEATH.name().equals(p.fact().term(T_KIND)) && same(p.fact())) {
                return p.fact();
            }
        }
        return null;
    }

    static boolean released(PastOccurrence p) {
        return RELEASED.equals(p.outcome()) && p.released() > 0;
    }

    private boolean same(KnownFact f) {
        String a = f.term(T_ANIMAL);
        return a != null && root(key(a)).equals(animal);
    }

    private void link(KnownFact f) {
        String a = f.term(T_ANIMAL);
        if (a == null) {
            return;
        }
        String k = key(a);
        root(k);
        String rfid = f.term(T_RFID);
        if (rfid != null) {
            union(k, "rfid:" + rfid);
        }
        String previous = f.term(T_PREVIOUS_ANIMAL);
        if (previous != null && EventKind.CORRECTION.name().equals(f.term(T_KIND))) {
            union(k, key(previous));
        }
    }

    private static String key(String animalNumber) {
        return "animal:" + animalNumber;
    }

    private String root(String k) {
        String r = k;
        while (true) {
            String p = parent.get(r);
            if (p == null) {
                parent.put(r, r);
                return r;
            }
            if (p.equals(r)) {
                break;
            }
            r = p;
        }
        // path compression
        String c = k;
        while (!c.equals(r)) {
            String next = parent.get(c);
            parent.put(c, r);
            c = next;
        }
        return r;
    }

    private void union(String a, String b) {
        String ra = root(a);
        String rb = root(b);
        if (!ra.equals(rb)) {
            // the smaller name becomes the root: the result does not depend on the order of links
            if (ra.compareTo(rb) < 0) {
                parent.put(rb, ra);
            } else {
                parent.put(ra, rb);
            }
        }
    }
}
