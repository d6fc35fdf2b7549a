package kz.digitaltenge.ledger.notary;

import static kz.digitaltenge.ledger.notary.HazelcastSpentSet.MAX_BATCH_KEYS;
import static kz.digitaltenge.ledger.notary.HazelcastSpentSet.MAX_IN_FLIGHT_BATCHES;
import static kz.digitaltenge.ledger.notary.HazelcastSpentSet.MAX_QUEUED_REQUESTS;
import static kz.digitaltenge.ledger.notary.HazelcastSpentSet.RESERVE_TIMEOUT;

import com.hazelcast.map.IMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import kz.digitaltenge.canonical.LedgerException;
import kz.digitaltenge.canonical.ReasonCode;
import kz.digitaltenge.ledger.tx.OutputRef;
import kz.digitaltenge.ledger.tx.TxId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The spent-set's request queue and its one dispatcher thread: the <b>batching</b> and the <b>all or none</b> of
 * {@link HazelcastSpentSet} (described there) happen here.
 *
 * <p>Why on its own: everything between a caller's request and the map is one concern — forming a batch from the
 * queue, refusing in-batch clashes, splitting it by bucket, bounding what is in flight, and turning the per-key
 * answers back into one outcome per transaction (giving back what a refused transaction did get) — the commit
 * path's hot loop, kept in one place and apart from the notary's face.
 */
final class SpentSetDispatcher {
    /** Logs as the spent-set, the name operators know its messages by. */
    private static final Logger LOG = LoggerFactory.getLogger(HazelcastSpentSet.class);

    private enum Kind { RESERVE, FINALIZE, RELEASE }

    private record Request(Kind kind, TxId tx, List<OutputRef> inputs, CompletableFuture<ReserveOutcome> answer) {
    }

    private final SpentSetMap buckets;
    private final java.util.function.Supplier<String> owner;
    private final boolean ownerIsMember;
    private final BlockingQueue<Request> queue = new ArrayBlockingQueue<>(MAX_QUEUED_REQUESTS);
    private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT_BATCHES);
    private final Thread dispatcher;
    private volatile boolean running = true;

    /**
     * Starts the dispatcher thread; reservations are made in the name of {@code owner}, asked once per batch: a member
     * that merges back after a split brain rejoins under a new UUID (Hazelcast resets it), and a reservation stamped
     * with the old one would look orphaned to every recovery sweep, which would free it while its transaction is in
     * flight.
     */
    SpentSetDispatcher(SpentSetMap buckets, java.util.function.Supplier<String> owner, boolean ownerIsMember) {
        this.buckets = buckets;
        this.owner = owner;
        this.ownerIsMember = ownerIsMember;
        this.dispatcher = new Thread(this::dispatchLoop, "spent-set-dispatcher");
        this.dispatcher.setDaemon(true);
        this.dispatcher.start();
    }

    /** Queues a reservation of non-empty inputs; the answer comes when its batch has been applied. */
    CompletableFuture<ReserveOutcome> reserve(TxId tx, List<OutputRef> inputs) {
        CompletableFuture<ReserveOutcome> answer = new CompletableFuture<>();
        enqueue(new Request(Kind.RESERVE, tx, inputs, answer));
        return answer;
    }

    void finalizeSpent(TxId tx, List<OutputRef> inputs) {
        if (!inputs.isEmpty()) {
            enqueue(new Request(Kind.FINALIZE, tx, inputs, null));
        }
    }

    void release(TxId tx, List<OutputRef> inputs) {
        if (!inputs.isEmpty()) {
            enqueue(new Request(Kind.RELEASE, tx, inputs, null));
        }
    }

    private void enqueue(Request request) {
        if (!running) {
            fail(request, new LedgerException(ReasonCode.UNAVAILABLE, "notary is shut down"));
            return;
        }
        try {
            if (!queue.offer(request, 5, TimeUnit.SECONDS)) {
                fail(request, new LedgerException(ReasonCode.UNAVAILABLE, "notary queue is full"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(request, new LedgerException(ReasonCode.UNAVAILABLE, "interrupted"));
        }
    }

    private static void fail(Request request, Throwable error) {
        if (request.answer() != null) {
            request.answer().completeExceptionally(error);
        }
    }

    private void dispatchLoop() {
        List<Request> drained = new ArrayList<>();
        while (running) {
            try {
                Request first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                drained.clear();
                drained.add(first);
                int keys = first.inputs().size();
                Request next;
                while (keys < MAX_BATCH_KEYS && (next = queue.peek()) != null
                        && keys + next.inputs().size() <= MAX_BATCH_KEYS) {
                    drained.add(queue.poll());
                    keys += next.inputs().size();
                }
                dispatch(drained);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.error("spent-set dispatcher error", e);
            }
        }
    }

    private void dispatch(List<Request> batch) throws InterruptedException {
        Map<String, String> reserveKeys = new HashMap<>();
        List<Request> reserves = new ArrayList<>();
        BucketWork[] work = new BucketWork[buckets.count()];
        for (Request r : batch) {
            String tx = r.tx().hex();
            switch (r.kind()) {
                case RESERVE -> {
                    OutputRef clash = null;
                    for (OutputRef in : r.inputs()) {
                        String holder = reserveKeys.get(in.key());
                        if (holder != null && !holder.equals(tx)) {
                            clash = in;
                            break;
                        }
                    }
                    if (clash != null) {
                        r.answer().complete(ReserveOutcome.conflict(clash, reserveKeys.get(clash.key()), false));
                    } else {
                        for (OutputRef in : r.inputs()) {
                            String key = in.key();
                            reserveKeys.put(key, tx);
                            work(work, key).reserve.add(key, tx);
                        }
                        reserves.add(r);
                    }
                }
                case FINALIZE -> r.inputs().forEach(in -> {
                    String key = in.key(); // built from the id on each call: once per input
                    work(work, key).finalize.add(key, tx);
                });
                // every release reaches the bucket, in queue order: two transactions releasing one output in a batch (its
                // holder, and one that only asked for it and gives back all its inputs on a timeout) both arrive, and
                // only the holder's counts
                case RELEASE -> r.inputs().forEach(in -> {
                    String key = in.key();
                    work(work, key).release.add(key, tx);
                });
            }
        }
        String reservedBy = reserves.isEmpty() ? null : owner.get();
        submit(work, reservedBy, System.currentTimeMillis(), reserves);
    }

    private BucketWork work(BucketWork[] work, String key) {
        int index = buckets.indexOf(key);
        BucketWork w = work[index];
        if (w == null) {
            w = new BucketWork();
            work[index] = w;
        }
        return w;
    }

    /** Keys paired with their transactions, in the order they were queued. */
    private static final class Pairs {
        private final List<String> keys = new ArrayList<>();
        private final List<String> txs = new ArrayList<>();

        void add(String key, String tx) {
            keys.add(key);
            txs.add(tx);
        }

        String[] keys() {
            return keys.toArray(new String[0]);
        }

        String[] txs() {
            return txs.toArray(new String[0]);
        }
    }

    /** What one batch does to one bucket: applied in this order by {@link SpentSetProcessors.Apply}. */
    private static final class BucketWork {
        final Pairs finalize = new Pairs();
        final Pairs release = new Pairs();
        final Pairs reserve = new Pairs();
    }

    /**
     * Sends one batch: one single-partition {@code submitToKey} per bucket it touches, whose processor carries only
     * that bucket's keys — what it finalizes, releases and reserves. The reservations are answered when every part has.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private void submit(BucketWork[] work, String reservedBy, long now, List<Request> reserves) throws InterruptedException {
        if (!inFlight.tryAcquire(RESERVE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            answerReserves(reserves, null, new LedgerException(ReasonCode.UNAVAILABLE, "notary operations are not completing"));
            return;
        }
        try {
            IMap<Integer, SpentBucket> m = buckets.map();
            List<CompletableFuture<Object>> parts = new ArrayList<>();
            for (int i = 0; i < work.length; i++) {
                BucketWork w = work[i];
                if (w == null) {
                    continue;
                }
                SpentSetProcessors.Apply apply = new SpentSetProcessors.Apply(w.finalize.keys(), w.finalize.txs(),
                        w.release.keys(), w.release.txs(), w.reserve.keys(), w.reserve.txs(), reservedBy, ownerIsMember, now);
                parts.add((CompletableFuture<Object>) (CompletableFuture) m.submitToKey(buckets.bucketKey(i),
                        (com.hazelcast.map.EntryProcessor) apply).toCompletableFuture());
            }
            CompletableFuture.allOf(parts.toArray(new CompletableFuture[0])).whenComplete((ignored, error) -> {
                inFlight.release();
                if (error != null) {
                    LOG.warn("spent-set update failed; the recovery sweep will settle it: {}", error.toString());
                    answerReserves(reserves, null, error);
                    return;
                }
                Map<String, String> refused = new HashMap<>();
                for (CompletableFuture<Object> part : parts) {
                    Map<String, String> r = (Map<String, String>) part.join();
                    if (r != null) {
                        refused.putAll(r);
                    }
                }
                answerReserves(reserves, refused, null);
            });
        } catch (RuntimeException e) {
            inFlight.release();
            LOG.warn("spent-set update failed; the recovery sweep will settle it: {}", e.toString());
            answerReserves(reserves, null, e);
        }
    }

    /** Answers each reservation of a batch from the keys its bucket operations refused ({@code refused}: key → R:/S:tx). */
    private void answerReserves(List<Request> reserves, Map<String, String> refused, Throwable error) {
        for (Request r : reserves) {
            if (error != null) {
                // some keys may have been reserved before the failure: give them back (best effort; lease covers the rest)
                release(r.tx(), r.inputs());
                r.answer().completeExceptionally(new LedgerException(ReasonCode.UNAVAILABLE,
                        "notary unavailable: " + rootMessage(error), error));
                continue;
            }
            ReserveOutcome conflict = null;
            boolean selfFinal = false;
            for (OutputRef in : r.inputs()) {
                String answer = refused.get(in.key());
                if (answer == null) {
                    continue; // reserved for this transaction
                }
                String holder = answer.substring(2);
                if (holder.equals(r.tx().hex())) {
                    selfFinal = true;
                } else if (conflict == null) {
                    conflict = ReserveOutcome.conflict(in, holder, answer.startsWith("S:"));
                }
            }
            if (conflict != null) {
                List<OutputRef> mine = new ArrayList<>();
                for (OutputRef in : r.inputs()) {
                    if (!refused.containsKey(in.key())) {
                        mine.add(in);
                    }
                }
                release(r.tx(), mine);
                r.answer().complete(conflict);
            } else if (selfFinal) {
                finalizeSpent(r.tx(), r.inputs());
                r.answer().complete(ReserveOutcome.ALREADY_FINAL);
            } else {
                r.answer().complete(ReserveOutcome.RESERVED);
            }
        }
    }

    private static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c.getClass().getSimpleName() + ": " + c.getMessage();
    }

    /** Stops the thread; requests from now on are answered UNAVAILABLE. */
    void stop() {
        running = false;
        dispatcher.interrupt();
    }

    /** Answers every request still queued: the notary is shut down. */
    void failQueued() {
        Request r;
        while ((r = queue.poll()) != null) {
            fail(r, new LedgerException(ReasonCode.UNAVAILABLE, "notary is shut down"));
        }
    }
}
