package kz.digitaltenge.ledger.notary;

import com.hazelcast.config.Config;
import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.SplitBrainProtectionConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import kz.digitaltenge.canonical.LedgerException;
import kz.digitaltenge.canonical.ReasonCode;
import kz.digitaltenge.ledger.tx.OutputRef;
import kz.digitaltenge.ledger.tx.TxId;

/**
 * The notary's spent-set on a Hazelcast {@link IMap} (open-source edition only: entry processors, backups,
 * split-brain protection; no CP subsystem).
 *
 * <p><b>Batching.</b> The map holds {@link #BUCKETS} {@link SpentBucket}s, each on a partition of its own (key =
 * an integer chosen to land there); an output id belongs to bucket {@code hash(id) mod BUCKETS}. Requests from all threads
 * queue up; one dispatcher drains them, groups the keys of the batch by bucket and sends one single-partition
 * {@code submitToKey} per bucket carrying only that bucket's keys (partition-aware batching) — what the batch marks
 * spent, gives back and reserves there, in one operation ({@link SpentSetProcessors.Apply}). Up to {@link #MAX_IN_FLIGHT_BATCHES} batches are in flight, so batches form naturally under load
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
 *
 * <p>This class is the notary's face and its map's configuration; the parts live beside it: the buckets
 * ({@link SpentSetMap}), the batching ({@link SpentSetDispatcher}), the recovery ({@link ReservationRecovery}), the
 * operations on a bucket ({@link SpentSetProcessors}) and the merge after a split brain ({@link SpentBucketMergePolicy});
 * a cluster of three or more without split-brain protection is warned about ({@link SplitBrainProtectionWarning}).
 */
public final class HazelcastSpentSet implements SpentSet {
    public static final String MAP_NAME = "ledger-spent-set";
    public static final String SPLIT_BRAIN_PROTECTION = "ledger-spent-set-quorum";
    public static final int MAX_BATCH_KEYS = 8192;
    public static final int MAX_IN_FLIGHT_BATCHES = 4;
    public static final int MAX_QUEUED_REQUESTS = 65_536;
    /** Number of spent-set buckets (each on its own partition); see {@link SpentSetMap}. */
    public static final int BUCKETS = Integer.getInteger("ledger.notary.buckets", 64);
    /** A reservation not answered within this time is answered UNAVAILABLE (the lease settles what it left). */
    public static final Duration RESERVE_TIMEOUT = Duration.ofSeconds(20);

    private final SpentSetMap buckets;
    private final SpentSetDispatcher dispatcher;
    private final ReservationRecovery recovery;
    private final HazelcastInstance hazelcast;
    /** The registration of the {@link SplitBrainProtectionWarning}, null when there is none. */
    private final java.util.UUID protectionWarning;

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

    /** How long a spent mark lives at least by default: far longer than any transaction is in flight (the lease). */
    public static final Duration DEFAULT_SPENT_RETENTION = Duration.ofMinutes(10);

    public HazelcastSpentSet(HazelcastInstance hazelcast, DurableSpends durable, Duration lease, Duration sweepInterval) {
        this(hazelcast, durable, lease, sweepInterval, DEFAULT_SPENT_RETENTION);
    }

    /**
     * @param spentRetention how long a spent mark lives at least (it lives one to two of these; then only the store
     *                       refuses the output's second spend); zero keeps every mark for ever
     */
    public HazelcastSpentSet(HazelcastInstance hazelcast, DurableSpends durable, Duration lease, Duration sweepInterval,
                             Duration spentRetention) {
        if (!spentRetention.isZero() && spentRetention.compareTo(lease) < 0) {
            throw new IllegalArgumentException("the spent-set's retention (" + spentRetention + ") is shorter than the lease ("
                    + lease + ")");
        }
        this.buckets = new SpentSetMap(hazelcast);
        boolean ownerIsMember = isMember(hazelcast);
        // the member's UUID as it is now, not at start: it changes when the member merges back after a split brain
        this.dispatcher = new SpentSetDispatcher(buckets, () -> hazelcast.getLocalEndpoint().getUuid().toString(), ownerIsMember);
        this.recovery = new ReservationRecovery(hazelcast, buckets, durable, lease, sweepInterval, ownerIsMember, spentRetention);
        this.hazelcast = hazelcast;
        this.protectionWarning = ownerIsMember && hazelcast.getConfig().findMapConfig(MAP_NAME).getSplitBrainProtectionName() == null
                ? hazelcast.getCluster().addMembershipListener(new SplitBrainProtectionWarning(hazelcast.getConfig().getClusterName()))
                : null;
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
        if (inputs.isEmpty()) {
            return CompletableFuture.completedFuture(ReserveOutcome.RESERVED);
        }
        if (inputs.size() > MAX_BATCH_KEYS) {
            return CompletableFuture.failedFuture(new LedgerException(ReasonCode.OVER_LIMIT, "too many inputs"));
        }
        CompletableFuture<ReserveOutcome> answer = dispatcher.reserve(tx, inputs);
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
        dispatcher.finalizeSpent(tx, inputs);
    }

    @Override
    public void release(TxId tx, List<OutputRef> inputs) {
        dispatcher.release(tx, inputs);
    }

    /** Number of orphaned reservations this instance resolved against the store. */
    public long recoveredReservations() {
        return recovery.recovered();
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
        for (Object o : buckets.map().executeOnEntries(new SpentSetProcessors.Inspect(null)).values()) {
            long[] c = (long[]) o;
            total[0] += c[0];
            total[1] += c[1];
        }
        return total;
    }

    /** The mark of one output (null when the spent-set does not know it). */
    public SpentMark find(OutputRef ref) {
        int bucket = buckets.bucketOf(ref.key());
        return (SpentMark) buckets.map().executeOnKey(bucket, new SpentSetProcessors.Inspect(ref.key()));
    }

    /** Resolves this member's orphaned reservations against the store; returns how many it resolved. */
    public int sweep() {
        return recovery.sweep();
    }

    /** The retention's tick now, on this member's buckets (it also runs by itself); returns the marks forgotten. */
    public int rotateSpentMarks() {
        return recovery.rotate();
    }

    /** Spent marks forgotten by the retention since start. */
    public long trimmedCount() {
        return recovery.trimmed();
    }

    @Override
    public void close() {
        dispatcher.stop();
        recovery.stop();
        dispatcher.failQueued();
        if (protectionWarning != null) {
            try {
                hazelcast.getCluster().removeMembershipListener(protectionWarning);
            } catch (RuntimeException ignored) {
                // instance already down
            }
        }
    }
}
