package kz.digitaltenge.ledger.notary;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import kz.digitaltenge.ledger.tx.OutputRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The <b>recovery</b> of {@link HazelcastSpentSet} (described there): orphaned reservations settled against the
 * durable store, on a schedule and shortly after a member has left.
 *
 * <p>Why on its own: it is what makes a reservation safe to leave behind. A reservation that no answer reached, a
 * finalization or release that failed, an owner that crashed: the dispatcher never retries any of them, this sweep
 * settles them all — so it runs on its own thread and its own schedule, whatever the dispatcher is doing.
 */
final class ReservationRecovery {
    /** Logs as the spent-set, the name operators know its messages by. */
    private static final Logger LOG = LoggerFactory.getLogger(HazelcastSpentSet.class);

    private final HazelcastInstance hazelcast;
    private final SpentSetMap buckets;
    private final DurableSpends durable;
    private final Duration lease;
    private final boolean ownerIsMember;
    private final ScheduledExecutorService sweeper;
    private final UUID membershipRegistration;
    private final AtomicLong recovered = new AtomicLong();
    private final AtomicLong trimmed = new AtomicLong();
    /** How long a spent mark lives at least (one to two of these); 0 = never trimmed. */
    private final Duration retention;
    private volatile long lastRotation = System.currentTimeMillis();
    private volatile boolean running = true;

    /** Starts sweeping every {@code sweepInterval}, and after each member that leaves (on a member only). */
    ReservationRecovery(HazelcastInstance hazelcast, SpentSetMap buckets, DurableSpends durable, Duration lease,
                        Duration sweepInterval, boolean ownerIsMember, Duration retention) {
        this.retention = retention;
        this.hazelcast = hazelcast;
        this.buckets = buckets;
        this.durable = durable;
        this.lease = lease;
        this.ownerIsMember = ownerIsMember;
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
                sweeper.schedule(ReservationRecovery.this::sweepSafely, 200, TimeUnit.MILLISECONDS);
            }
        }) : null;
    }

    /** Number of orphaned reservations resolved against the store. */
    long recovered() {
        return recovered.get();
    }

    private void sweepSafely() {
        try {
            sweep();
            if (!retention.isZero() && System.currentTimeMillis() - lastRotation >= retention.toMillis()) {
                rotate();
            }
        } catch (RuntimeException e) {
            LOG.warn("spent-set recovery sweep failed, will retry: {}", e.toString());
        }
    }

    /**
     * The retention's tick on this member's buckets: each forgets its older generation of spent marks (the store keeps
     * refusing those outputs: its primary key on spent outputs). Returns how many marks were forgotten.
     */
    int rotate() {
        if (!running || !ownerIsMember) {
            return 0;
        }
        lastRotation = System.currentTimeMillis();
        IMap<Integer, SpentBucket> m = buckets.map();
        int dropped = 0;
        for (Integer bucket : m.localKeySet()) {
            Integer n = m.executeOnKey(bucket, new SpentSetProcessors.Rotate());
            dropped += n == null ? 0 : n;
        }
        trimmed.addAndGet(dropped);
        return dropped;
    }

    /** Spent marks forgotten by the retention since start. */
    long trimmed() {
        return trimmed.get();
    }

    /** Resolves this member's orphaned reservations against the store; returns how many it resolved. */
    int sweep() {
        if (!running || !ownerIsMember) {
            return 0;
        }
        Set<String> members = new HashSet<>();
        for (Member m : hazelcast.getCluster().getMembers()) {
            members.add(m.getUuid().toString());
        }
        long staleBefore = System.currentTimeMillis() - lease.toMillis();
        IMap<Integer, SpentBucket> m = buckets.map();
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

    /** Stops sweeping and stops listening to the cluster. */
    void stop() {
        running = false;
        sweeper.shutdownNow();
        if (membershipRegistration != null) {
            try {
                hazelcast.getCluster().removeMembershipListener(membershipRegistration);
            } catch (RuntimeException ignored) {
                // instance already down
            }
        }
    }
}
