package kz.digitaltenge.ledger.fact;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import kz.digitaltenge.canonical.LedgerException;

/**
 * The group append of facts (issue 14): the facts of concurrent callers are stored and appended to the evidence log
 * in one database transaction with one update of the chain's head ({@link FactStore#insertFacts}), instead of one
 * transaction and one head row lock per fact. The chain is the same, entry by entry: each entry still names its
 * predecessor's hash.
 *
 * <p>How: a caller queues its fact and takes the writer's lock; whoever holds it takes everything queued by then
 * (its own fact and those of the callers waiting behind it), writes it as one batch and completes each caller. A
 * caller that gets the lock and finds its fact written already just returns. No thread of its own, nothing to stop. A
 * batch that fails is written again fact by fact, so one bad fact (a key not registered) fails alone.
 */
final class FactAppender {
    static final int MAX_BATCH = 256;

    private record Pending(SignedFact fact, FactCompanion companion, CompletableFuture<Void> done) {
    }

    private final FactStore store;
    private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final ReentrantLock writer = new ReentrantLock();
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong facts = new AtomicLong();

    FactAppender(FactStore store) {
        this.store = store;
    }

    /** Stores the fact and its evidence entry durably; returns once they are committed. */
    void append(SignedFact fact) {
        append(fact, null);
    }

    /** As {@link #append(SignedFact)}, with the fact's companion records (null for none) in the same transaction. */
    void append(SignedFact fact, FactCompanion companion) {
        Pending mine = new Pending(fact, companion, new CompletableFuture<>());
        queue.add(mine);
        while (!mine.done().isDone()) {
            writer.lock();
            try {
                if (!mine.done().isDone()) {
                    writeQueued();
                }
            } finally {
                writer.unlock();
            }
        }
        try {
            mine.done().get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the fact was being stored", e);
        }
    }

    /** Under the writer's lock: everything queued, in batches of at most {@link #MAX_BATCH}. */
    private void writeQueued() {
        List<Pending> batch = new ArrayList<>();
        Pending p;
        while ((p = queue.poll()) != null) {
            batch.add(p);
            if (batch.size() == MAX_BATCH) {
                write(batch);
                batch = new ArrayList<>();
            }
        }
        if (!batch.isEmpty()) {
            write(batch);
        }
    }

    private void write(List<Pending> batch) {
        try {
            store.insertFacts(batch.stream().map(Pending::fact).toList(), batch.stream().map(Pending::companion).toList());
            batches.incrementAndGet();
            facts.addAndGet(batch.size());
            batch.forEach(b -> b.done().complete(null));
        } catch (RuntimeException batchFailed) {
            if (batch.size() == 1 || isOutage(batchFailed)) {
                batch.forEach(b -> b.done().completeExceptionally(batchFailed));
                return;
            }
            // one fact may be what failed the batch: each on its own, so the others are stored
            for (Pending one : batch) {
                try {
                    store.insertFacts(List.of(one.fact()), java.util.Collections.singletonList(one.companion()));
                    batches.incrementAndGet();
                    facts.incrementAndGet();
                    one.done().complete(null);
                } catch (RuntimeException e) {
                    one.done().completeExceptionally(e);
                }
            }
        }
    }

    private static boolean isOutage(RuntimeException e) {
        return e instanceof LedgerException le && le.reason() == kz.digitaltenge.canonical.ReasonCode.UNAVAILABLE;
    }

    /** Facts waiting for the writer (for tests). */
    int queued() {
        return queue.size();
    }

    /** Transactions written and facts in them since start (facts / batches = the average batch). */
    long batches() {
        return batches.get();
    }

    long facts() {
        return facts.get();
    }
}
