package kz.digitaltenge.ledger.fact;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The facts registered or read lately, by id, in bounded memory: two generations of at most {@code generation} facts
 * each; when the current one is full it becomes the older and the older is dropped. A fact is immutable once stored, so
 * a copy is never stale, and one dropped is read from the store again when asked for.
 *
 * <p>Why bounded: the book used to keep every fact it saw for the life of the process, which at a country's volume of
 * invoices (millions a day, a few kilobytes each) fills any heap, and long before that makes every collection slower.
 * Two generations, not an LRU list: a lookup and an insert stay one concurrent map operation each, with no lock on the
 * intake's path; what was just registered (the facts a payment or a reaction asks for next) is always in the current.
 */
final class RecentFacts {
    static final int DEFAULT_GENERATION = 10_000;

    private final int generation;
    private volatile Map<FactId, SignedFact> current = new ConcurrentHashMap<>();
    private volatile Map<FactId, SignedFact> older = Map.of();

    RecentFacts(int generation) {
        if (generation < 1) {
            throw new IllegalArgumentException("a generation holds at least one fact");
        }
        this.generation = generation;
    }

    SignedFact get(FactId id) {
        SignedFact f = current.get(id);
        return f != null ? f : older.get(id);
    }

    void put(SignedFact fact) {
        Map<FactId, SignedFact> now = current;
        now.put(fact.id(), fact);
        if (now.size() >= generation) {
            rotate(now);
        }
    }

    private synchronized void rotate(Map<FactId, SignedFact> full) {
        if (current == full) { // another thread may have rotated it already
            older = full;
            current = new ConcurrentHashMap<>();
        }
    }

    /** Facts held (both generations): at most twice the generation, give or take the puts racing a rotation. */
    int size() {
        return current.size() + older.size();
    }
}
