package kz.digitaltenge.ledger.notary;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.config.Config;
import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.SplitBrainProtectionConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import kz.digitaltenge.canonical.LedgerException;
import kz.digitaltenge.canonical.ReasonCode;
import kz.digitaltenge.ledger.tx.OutputRef;
import kz.digitaltenge.ledger.tx.TxId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The notary's spent-set on a Hazelcast {@link IMap} (open-source edition only: entry processors, backups,
 * split-brain protection; no CP subsystem).
 *
 * <p><b>Batching.</b> The map holds {@link #BUCKETS} {@link SpentBucket}s, each on a partition of its own (key =
 * an integer chosen to land there); an output id belongs to bucket {@code hash(id) mod BUCKETS}. Requests from all threads
 * queue up; one dispatcher drains them, groups the keys of the batch by bucket and sends one single-partition
 * {@code submitToKey} per bucket carrying only that bucket's keys (partition-aware batching). Up to {@link #MAX_IN_FLIGHT_BATCHES} batches are in flight, so batches form naturally under load
 * and a lone request is never delayed waiting for company.
 *
 * <p><b>All or none.</b> A transaction's inputs are reserved in one batch; if any is held by another
 * transaction, the ones this transaction did get are released before the conflict is answered. Two
 * transactions of the same batch that share an input: the first one queued wins, the other is answered
 * with a conflict without touching the map.
 *
 * <p><b>Recovery.</b> A reservation whose owner left the cluster, or older than the lease, is resolved
 * against the durable store ({@link DurableSpends}): spent there → marked SPENT, otherwise dropped. Each
 * member sweeps only the entries it owns.
 *
 * <p><b>Why this is safe without consensus.</b> The IMap is AP: a partition or a lost backup can let two
 * transactions both "reserve" an output. The spent-set is therefore an accelerator (conflict-free group
 * commits, early refusals without touching the database), never the last word: the store's primary key on
 * spent outputs refuses the second commit. See {@code docs/notary.md}.
 */
public final class HazelcastSpentSet implements SpentSet {
    public static final String MAP_NAME = "ledger-spent-set";
    public static final String SPLIT_BRAIN_PROTECTION = "ledger-spent-set-quorum";
    public static final int MAX_BATCH_KEYS = 8192;
    public static final int MAX_IN_FLIGHT_BATCHES = 4;
    public static final int MAX_QUEUED_REQUESTS = 65_536;
    /** Number of spent-set buckets (each on its own partition); see {@link #bucketKeys}. */
    public static final int BUCKETS = Integer.getInteger("ledger.notary.buckets", 64);
    /** A reservation not answered within this time is answered UNAVAILABLE (the lease settles what it left). */
    public static final Duration RESERVE_TIMEOUT = Duration.ofSeconds(20);

    private static final Logger LOG = LoggerFactory.getLogger(HazelcastSpentSet.class);

    private enum Kind { RESERVE, FINALIZE, RELEASE }

    private record Request(Kind kind, TxId tx, List<OutputRef> inputs, CompletableFuture<ReserveOutcome> answer) {
    }

    private final HazelcastInstance hazelcast;
    private volatile IMap<Integer, SpentBucket> map;
    private volatile int[] bucketKeys;
    private final DurableSpends durable;
    private final Duration lease;
    private final String owner;
    private final boolean ownerIsMember;
    private final BlockingQueue<Request> queue = new ArrayBlockingQueue<>(MAX_QUEUED_REQUESTS);
    private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT_BATCHES);
    private final Thread dispatcher;
    private final ScheduledExecutorService sweeper;
    private final UUID membershipRegistration;
    private final AtomicLong recovered = new AtomicLong();
    private volatile boolean running = true;

    /**
     * Adds the spent-set map to a member configuration: one synchronous backup, objects kept deserialized for
     * the entry processors, and split-brain protection requiring
     * {@code minimumClusterSize} members for any read or write (1 disables it).
     */
    public static Config configure(Config config, int minimumClusterSize) {
        MapConfig mapConfig = new MapConfig(MAP_NAME)
                .setBackupCount(1)
                .setAsyncBackupCount(0)
                .setReadBackupData(false)
                .setInMemoryFormat(InMemoryFormat.OBJECT);
        mapConfig.getMergePolicyConfig().setPolicy(SpentBucketMergePolicy.class.getName());
        if (minimumClusterSize > 1) {
            config.addSplitBrainProtectionConfig(new SplitBrainProtectionConfig(SPLIT_BRAIN_PROTECTION, true, minimumClusterSize));
            mapConfig.setSplitBrainProtectionName(SPLIT_BRAIN_PROTECTION);
        }
        config.addMapConfig(mapConfig);
        return config;
    }

    public HazelcastSpentSet(HazelcastInstance hazelcast, DurableSpends durable, Duration lease, Duration sweepInterval) {
        this.hazelcast = hazelcast;
        this.durable = durable;
        this.lease = lease;
        this.owner = hazelcast.getLocalEndpoint().getUuid().toString();
        this.ownerIsMember = isMember(hazelcast);
        this.dispatcher = new Thread(this::dispatchLoop, "spent-set-dispatcher");
        this.dispatcher.setDaemon(true);
        this.dispatcher.start();
        this.sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "spent-set-recovery");
            t.setDaemon(true);
            return t;
        });
        long every = Math.max(1, sweepInterval.toMillis());
        sweeper.scheduleWithFixedDelay(this::sweepSafely, every, every, TimeUnit.MILLISECONDS);
        this.membershipRegistration = ownerIsMember ? hazelcast.getCluster().addMembershipListener(new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent event) {
            }

            @Override
            public void memberRemoved(MembershipEvent event) {
                // partitions of the lost member are promoted from backups first; sweep shortly after
                sweeper.schedule(HazelcastSpentSet.this::sweepSafely, 200, TimeUnit.MILLISECONDS);
            }
        }) : null;
    }

    private static boolean isMember(HazelcastInstance hz) {
        try {
            return hz.getCluster().getLocalMember() != null
                    && hz.getCluster().getMembers().contains(hz.getCluster().getLocalMember());
        } catch (UnsupportedOperationException e) {
            return false; // a client has no local member
        }
    }

    @Override
    public CompletableFuture<ReserveOutcome> reserve(TxId tx, List<OutputRef> inputs) {
        CompletableFuture<ReserveOutcome> answer = new CompletableFuture<>();
        if (inputs.isEmpty()) {
            answer.complete(ReserveOutcome.RESERVED);
            return answer;
        }
        if (inputs.size() > MAX_BATCH_KEYS) {
            answer.completeExceptionally(new LedgerException(ReasonCode.OVER_LIMIT, "too many inputs"));
            return answer;
        }
        enqueue(new Request(Kind.RESERVE, tx, inputs, answer));
        // every answer comes: a member that dies with our operation in flight must not leave the caller hanging
        return answer.orTimeout(RESERVE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).exceptionallyCompose(e -> {
            Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
            if (cause instanceof java.util.concurrent.TimeoutException) {
                release(tx, inputs);
                return CompletableFuture.failedFuture(new LedgerException(ReasonCode.UNAVAILABLE,
                        "notary did not answer within " + RESERVE_TIMEOUT.toSeconds() + " s"));
            }
            return CompletableFuture.failedFuture(cause);
        });
    }

    @Override
    public void finalizeSpent(TxId tx, List<OutputRef> inputs) {
        if (!inputs.isEmpty()) {
            enqueue(new Request(Kind.FINALIZE, tx, inputs, null));
        }
    }

    @Override
    public void release(TxId tx, List<OutputRef> inputs) {
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

    /** Number of orphaned reservations this instance resolved against the store. */
    public long recoveredReservations() {
        return recovered.get();
    }

    /** How many reservations (not yet final) exist in the whole map. For tests and operations. */
    public long reservedCount() {
        return counts()[0];
    }

    /** How many outputs the spent-set knows as spent. */
    public long spentCount() {
        return counts()[1];
    }

    private long[] counts() {
        long[] total = new long[2];
        for (Object o : map().executeOnEntries(new SpentSetProcessors.Inspect(null)).values()) {
            long[] c = (long[]) o;
            total[0] += c[0];
            total[1] += c[1];
        }
        return total;
    }

    /** The mark of one output (null when the spent-set does not know it). */
    public SpentMark find(OutputRef ref) {
        return (SpentMark) map().executeOnKey(bucketOf(ref.key()), new SpentSetProcessors.Inspect(ref.key()));
    }

    /**
     * The map, obtained on first use: with split-brain protection on, creating its proxy needs the quorum, and a
     * member must be able to start before its peers are up.
     */
    private IMap<Integer, SpentBucket> map() {
        IMap<Integer, SpentBucket> m = map;
        if (m == null) {
            synchronized (this) {
                if (map == null) {
                    bucketKeys = bucketKeys(hazelcast.getPartitionService());
                    map = hazelcast.getMap(MAP_NAME);
                }
                m = map;
            }
        }
        return m;
    }

    /**
     * {@link #BUCKETS} bucket keys on as many distinct partitions, spread evenly over the partition table (and so
     * over the members). Fewer buckets than partitions means more keys per operation: under load a batch of
     * n keys costs min(n, BUCKETS) operations instead of one per key.
     */
    private static int[] bucketKeys(com.hazelcast.partition.PartitionService partitions) {
        int partitionCount = partitions.getPartitions().size();
        int buckets = Math.min(BUCKETS, partitionCount);
        int[] wanted = new int[partitionCount];
        java.util.Arrays.fill(wanted, -1);
        for (int i = 0; i < buckets; i++) {
            wanted[(int) ((long) i * partitionCount / buckets)] = i;
        }
        int[] keys = new int[buckets];
        int found = 0;
        for (int k = 0; found < buckets; k++) {
            int p = partitions.getPartition(k).getPartitionId();
            if (wanted[p] >= 0) {
                keys[wanted[p]] = k;
                wanted[p] = -1;
                found++;
            }
        }
        return keys;
    }

    private int bucketOf(String key) {
        map();
        int[] keys = bucketKeys;
        return keys[Math.floorMod(key.hashCode(), keys.length)];
    }

    // ------------------------------------------------------------------ dispatcher

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
        Map<String, String> releaseKeys = new HashMap<>();
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
                case RELEASE -> r.inputs().forEach(in -> releaseKeys.put(in.key(), r.tx().hex()));
            }
        }
        long now = System.currentTimeMillis();
        if (!finalizeKeys.isEmpty()) {
            submit(finalizeKeys, SpentSetProcessors.Finalize::new, null);
        }
        if (!releaseKeys.isEmpty()) {
            submit(releaseKeys, SpentSetProcessors.Release::new, null);
        }
        if (!reserves.isEmpty()) {
            submit(reserveKeys, group -> new SpentSetProcessors.Reserve(group, owner, ownerIsMember, now),
                    (results, error) -> answerReserves(reserves, results, error));
        }
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
            IMap<Integer, SpentBucket> m = map();
            Map<Integer, Map<String, String>> byBucket = new HashMap<>();
            for (Map.Entry<String, String> e : txByKey.entrySet()) {
                byBucket.computeIfAbsent(bucketOf(e.getKey()), x -> new HashMap<>()).put(e.getKey(), e.getValue());
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

    // ------------------------------------------------------------------ recovery

    private void sweepSafely() {
        try {
            sweep();
        } catch (RuntimeException e) {
            LOG.warn("spent-set recovery sweep failed, will retry: {}", e.toString());
        }
    }

    /** Resolves this member's orphaned reservations against the store; returns how many it resolved. */
    public int sweep() {
        if (!running || !ownerIsMember) {
            return 0;
        }
        Set<String> members = new HashSet<>();
        for (Member m : hazelcast.getCluster().getMembers()) {
            members.add(m.getUuid().toString());
        }
        long staleBefore = System.currentTimeMillis() - lease.toMillis();
        IMap<Integer, SpentBucket> m = map();
        int count = 0;
        for (Integer bucket : m.localKeySet()) {
            Map<String, String> staleTx = m.executeOnKey(bucket, new SpentSetProcessors.FindStale(members, staleBefore));
            if (staleTx == null || staleTx.isEmpty()) {
                continue;
            }
            Collection<OutputRef> refs = new LinkedHashSet<>();
            staleTx.keySet().forEach(k -> refs.add(OutputRef.parse(k)));
            Map<String, String> spender = new HashMap<>();
            durable.spentBy(refs).forEach((ref, tx) -> spender.put(ref.key(), tx.hex()));
            int resolved = m.executeOnKey(bucket, new SpentSetProcessors.Resolve(staleTx, spender));
            count += resolved;
            if (resolved > 0) {
                LOG.info("recovered {} orphaned reservation(s) in bucket {} against the store ({} found spent there)",
                        resolved, bucket, spender.size());
            }
        }
        recovered.addAndGet(count);
        return count;
    }

    @Override
    public void close() {
        running = false;
        dispatcher.interrupt();
        sweeper.shutdownNow();
        if (membershipRegistration != null) {
            try {
                hazelcast.getCluster().removeMembershipListener(membershipRegistration);
            } catch (RuntimeException ignored) {
                // instance already down
            }
        }
        Request r;
        while ((r = queue.poll()) != null) {
            fail(r, new LedgerException(ReasonCode.UNAVAILABLE, "notary is shut down"));
        }
    }
}
