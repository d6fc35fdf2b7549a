package kz.digitaltenge.ledger.testing;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;
import kz.digitaltenge.ledger.Ledger;
import kz.digitaltenge.ledger.fact.FactBook;
import kz.digitaltenge.ledger.notary.HazelcastSpentSet;
import kz.digitaltenge.ledger.notary.NotaryCluster;
import kz.digitaltenge.ledger.notary.SpentSet;
import kz.digitaltenge.ledger.registry.Registry;
import kz.digitaltenge.ledger.store.LedgerStore;

/** One ledger node as a hub runs it: a Hazelcast member, its spent-set, and a ledger on a shared database. */
public final class LedgerNode implements AutoCloseable {
    public final HazelcastInstance hazelcast;
    public final HazelcastSpentSet spentSet;
    /**
     * The spent-set the ledger asks: {@link #spentSet} itself, unless a test puts another in front of it (the
     * {@link LyingNotary}). Tests of the spent-set's answers ask this one, and inspect its marks through {@link #spentSet}.
     */
    public final SpentSet notary;
    public final LedgerStore store;
    public final Registry registry;
    public final Ledger ledger;
    public final FactBook facts;
    public final MutableClock clock = new MutableClock();

    public LedgerNode(HazelcastInstance hazelcast, DataSource db, Duration lease, Duration sweep) {
        this(hazelcast, db, lease, sweep, LyingNotary::whenAsked);
    }

    /** With {@code inFront} deciding what the ledger asks instead of the spent-set itself (see {@link #notary}). */
    public LedgerNode(HazelcastInstance hazelcast, DataSource db, Duration lease, Duration sweep, UnaryOperator<SpentSet> inFront) {
        this.hazelcast = hazelcast;
        this.store = new LedgerStore(db);
        this.registry = new Registry(store.registry());
        this.spentSet = new HazelcastSpentSet(hazelcast, store, lease, sweep);
        this.notary = inFront.apply(spentSet);
        this.ledger = new Ledger(store, registry, notary, 2, 2, clock);
        this.facts = ledger.facts();
    }

    /** Starts {@code count} members of a new cluster on loopback and a ledger node on each. */
    public static List<LedgerNode> cluster(int count, DataSource db, int minimumClusterSize) {
        return cluster(count, db, minimumClusterSize, LyingNotary::whenAsked);
    }

    /** The same, each ledger asking what {@code inFront} puts in front of its spent-set. */
    public static List<LedgerNode> cluster(int count, DataSource db, int minimumClusterSize, UnaryOperator<SpentSet> inFront) {
        String name = "test-" + java.util.UUID.randomUUID();
        int port = 15701 + (int) (Math.random() * 2000);
        java.util.ArrayList<LedgerNode> nodes = new java.util.ArrayList<>();
        List<String> peers = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            peers.add("127.0.0.1:" + (port + i));
        }
        List<HazelcastInstance> members = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            members.add(Hazelcast.newHazelcastInstance(
                    NotaryCluster.memberConfig(name, "127.0.0.1", port + i, peers, minimumClusterSize)));
        }
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60))
                .until(() -> members.stream().allMatch(m -> m.getCluster().getMembers().size() == count));
        for (HazelcastInstance hz : members) {
            nodes.add(new LedgerNode(hz, db, Duration.ofSeconds(30), Duration.ofMillis(500), inFront));
        }
        return nodes;
    }

    @Override
    public void close() {
        ledger.close();
        spentSet.close();
        hazelcast.getLifecycleService().terminate();
    }
}
