package kz.digitaltenge.ledger.notary;

import static org.awaitility.Awaitility.await;

import com.hazelcast.config.Config;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.test.HazelcastTestSupport;
import com.hazelcast.test.SplitBrainTestSupport;
import com.hazelcast.test.TestHazelcastInstanceFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import kz.digitaltenge.ledger.testing.LedgerNode;

/**
 * Three ledger nodes on Hazelcast's firewalling test network, to be cut {@link #big()}, {@link #second()} |
 * {@link #small()} and healed, split-brain protection off so both sides keep granting. The small side merges into
 * the big one when the network heals (Hazelcast merges the smaller cluster), through {@link SpentBucketMergePolicy}.
 */
final class SplitCluster implements AutoCloseable {
    private final TestHazelcastInstanceFactory factory = new TestHazelcastInstanceFactory(3);
    final List<LedgerNode> nodes = new ArrayList<>();

    /** Three members of a new cluster and a ledger node on each, every reservation leased for {@code lease}. */
    SplitCluster(DataSource db, Duration lease) {
        Config config = memberConfig("split-" + java.util.UUID.randomUUID());
        List<HazelcastInstance> members = List.of(factory.newHazelcastInstance(config), factory.newHazelcastInstance(config),
                factory.newHazelcastInstance(config));
        await().atMost(Duration.ofSeconds(30)).until(() -> members.stream().allMatch(m -> m.getCluster().getMembers().size() == 3));
        for (HazelcastInstance hz : members) {
            nodes.add(new LedgerNode(hz, db, lease, Duration.ofMillis(500)));
        }
    }

    /** Merges run every 2 s, a silent member is dropped after 5 s: a split and its heal take seconds, not minutes. */
    static Config memberConfig(String cluster) {
        Config config = new Config().setClusterName(cluster);
        config.setProperty("hazelcast.merge.first.run.delay.seconds", "2");
        config.setProperty("hazelcast.merge.next.run.delay.seconds", "2");
        config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
        config.setProperty("hazelcast.max.no.heartbeat.seconds", "5");
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "slf4j");
        config.getJetConfig().setEnabled(false);
        return HazelcastSpentSet.configure(config, 1);
    }

    LedgerNode big() {
        return nodes.get(0);
    }

    LedgerNode second() {
        return nodes.get(1);
    }

    LedgerNode small() {
        return nodes.get(2);
    }

    /** Cuts {big, second} | {small}; returns once each side sees only itself and the small side owns every partition. */
    void split() {
        HazelcastInstance h1 = big().hazelcast;
        HazelcastInstance h2 = second().hazelcast;
        HazelcastInstance h3 = small().hazelcast;
        SplitBrainTestSupport.blockCommunicationBetween(h1, h3);
        SplitBrainTestSupport.blockCommunicationBetween(h2, h3);
        HazelcastTestSupport.closeConnectionBetween(h1, h3);
        HazelcastTestSupport.closeConnectionBetween(h2, h3);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                h3.getCluster().getMembers().size() == 1 && h1.getCluster().getMembers().size() == 2
                        && h2.getCluster().getMembers().size() == 2);
        await().atMost(Duration.ofSeconds(30)).until(() -> h3.getPartitionService().isClusterSafe()
                && h1.getPartitionService().isClusterSafe());
    }

    /** Lets the sides talk again; returns once all three are one cluster again with every partition safe. */
    void heal() {
        HazelcastInstance h1 = big().hazelcast;
        HazelcastInstance h2 = second().hazelcast;
        HazelcastInstance h3 = small().hazelcast;
        SplitBrainTestSupport.unblockCommunicationBetween(h1, h3);
        SplitBrainTestSupport.unblockCommunicationBetween(h2, h3);
        await().atMost(Duration.ofSeconds(60)).until(() -> nodes.stream().allMatch(n -> n.hazelcast.getCluster().getMembers().size() == 3)
                && h1.getPartitionService().isClusterSafe() && h3.getPartitionService().isClusterSafe());
    }

    @Override
    public void close() {
        nodes.forEach(LedgerNode::close);
        factory.terminateAll();
    }
}
