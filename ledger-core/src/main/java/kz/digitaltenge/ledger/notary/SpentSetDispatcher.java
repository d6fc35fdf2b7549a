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
        Map<String, String> finalizeKeys = new HashMap<>();
        // one map per round: two transactions releasing the same output in one batch (its holder, and one that only
        // asked for it and gives back all its inputs on a timeout) must both reach the bucket, where only the holder's
        // release counts — in one map the second would overwrite the first and the output would stay reserved
        List<Map<String, String>> releaseRounds = new ArrayList<>();
        for (Request r : batch) {
            switch (r.kind()) {
                case RESERVE -> {
                    OutputRef clash = null;
                    for (OutputRef in : r.inputs()) {
                        String holder = reserveKeys.get(in.key());
                        if (holder != null && !holder.equals(r.tx().hex())) {
                            clash = in;
                            break;
                        }
                    }
                    if (clash != null) {
                        r.answer().complete(ReserveOutcome.conflict(clash, reserveKeys.get(clash.key()), false));
                    } else {
                        for (OutputRef in : r.inputs()) {
                            reserveKeys.put(in.key(), r.tx().hex());
                        }
                        reserves.add(r);
                    }
                }
                case FINALIZE -> r.inputs().forEach(in -> finalizeKeys.put(in.key(), r.tx().hex()));
                case RELEASE -> r.inputs().forEach(in -> releaseRound(releaseRounds, in.key()).put(in.key(), r.tx().hex()));
            }
        }
        long now = System.currentTimeMillis();
        String reservedBy = reserves.isEmpty() ? null : owner.get();
        if (!finalizeKeys.isEmpty()) {
            submit(finalizeKeys, SpentSetProcessors.Finalize::new, null);
        }
        for (Map<String, String> round : releaseRounds) {
            submit(round, SpentSetProcessors.Release::new, null);
        }
        if (!reserves.isEmpty()) {
            submit(reserveKeys, group -> new SpentSetProcessors.Reserve(group, reservedBy, ownerIsMember, now),
                    (results, error) -> answerReserves(reserves, results, error));
        }
    }

    /** The first round of releases that does not name {@code key} yet (a new one when all do). */
    private static Map<String, String> releaseRound(List<Map<String, String>> rounds, String key) {
        for (Map<String, String> round : rounds) {
            if (!round.containsKey(key)) {
                return round;
            }
        }
        Map<String, String> round = new HashMap<>();
        rounds.add(round);
        return round;
    }

    /**
     * Sends one batch: its keys grouped by bucket, one single-partition {@code submitToKey} per bucket whose
     * processor carries only that bucket's keys.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private void submit(Map<String, String> txByKey,
                        java.util.function.Function<Map<String, String>, SpentSetProcessors.KeyedBatch<?>> processor,
                        java.util.function.BiConsumer<Map<String, String>, Throwable> then) throws InterruptedException {
        if (!inFlight.tryAcquire(RESERVE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            LedgerException busy = new LedgerException(ReasonCode.UNAVAILABLE, "notary operations are not completing");
            if (then != null) {
                then.accept(null, busy);
            }
            return;
        }
        try {
            IMap<Integer, SpentBucket> m = buckets.map();
            Map<Integer, Map<String, String>> byBucket = new HashMap<>();
            for (Map.Entry<String, String> e : txByKey.entrySet()) {
                int bucket = buckets.bucketOf(e.getKey());
                byBucket.computeIfAbsent(bucket, x -> new HashMap<>()).put(e.getKey(), e.getValue());
            }
            List<CompletableFuture<Object>> parts = new ArrayList<>(byBucket.size());
            for (Map.Entry<Integer, Map<String, String>> group : byBucket.entrySet()) {
                parts.add((CompletableFuture<Object>) (CompletableFuture) m.submitToKey(group.getKey(),
                        (com.hazelcast.map.EntryProcessor) processor.apply(group.getValue())).toCompletableFuture());
            }
            CompletableFuture.allOf(parts.toArray(new CompletableFuture[0])).whenComplete((ignored, error) -> {
                inFlight.release();
                Map<String, String> results = null;
                if (error == null && then != null) {
                    results = new HashMap<>(txByKey.size() * 2);
                    for (CompletableFuture<Object> part : parts) {
                        results.putAll((Map<String, String>) part.join());
                    }
                } else if (error != null && then == null) {
                    LOG.warn("spent-set update failed; the recovery sweep will settle it: {}", error.toString());
                }
                if (then != null) {
                    then.accept(results, error);
                }
            });
        } catch (RuntimeException e) {
            inFlight.release();
            if (then != null) {
                then.accept(null, e);
            } else {
                LOG.warn("spent-set update failed; the recovery sweep will settle it: {}", e.toString());
            }
        }
    }

    private void answerReserves(List<Request> reserves, Map<String, String> results, Throwable error) {
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
                String answer = results.get(in.key());
                if (answer == null || answer.isEmpty()) {
                    continue;
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
                    if ("".equals(results.get(in.key()))) {
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
