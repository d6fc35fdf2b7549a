package kz.digitaltenge.ledger.notary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.hazelcast.config.Config;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.test.TestHazelcastInstanceFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The hub's default runs without split-brain protection; a member that joins or sees a cluster of three or more that
 * way says so at WARN, once. Members on Hazelcast's test network, the log captured as it is written.
 */
class SplitBrainProtectionWarningTest {
    private final TestHazelcastInstanceFactory factory = new TestHazelcastInstanceFactory();
    private final List<HazelcastSpentSet> spentSets = new ArrayList<>();
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger spentSetLog = (Logger) LoggerFactory.getLogger(HazelcastSpentSet.class);

    private Level levelBefore;

    @BeforeEach
    void capture() {
        // the test classpath's logback.xml (Hazelcast's tests jar) logs ERROR only
        levelBefore = spentSetLog.getLevel();
        spentSetLog.setLevel(Level.WARN);
        log.start();
        spentSetLog.addAppender(log);
    }

    @AfterEach
    void stop() {
        spentSetLog.detachAppender(log);
        spentSetLog.setLevel(levelBefore);
        spentSets.forEach(HazelcastSpentSet::close);
        factory.terminateAll();
    }

    @Test
    void warnsWhenTheThirdMemberJoinsAndWhenStartedOnACluster() {
        Config config = SplitCluster.memberConfig("warn-" + java.util.UUID.randomUUID());
        HazelcastInstance first = factory.newHazelcastInstance(config);
        spentSetOn(first);
        assertThat(warnings(config)).as("one member").isEmpty();
        factory.newHazelcastInstance(config);
        HazelcastInstance third = factory.newHazelcastInstance(config);
        // the first member's warning comes with the third member's arrival (a membership event)
        await().atMost(Duration.ofSeconds(10)).until(() -> warnings(config).size() == 1);
        assertThat(warnings(config).get(0).getFormattedMessage()).contains("has 3 members", "majority (2)");
        // a spent-set started on a cluster already that large warns as it starts, before anything else happens
        spentSetOn(third);
        assertThat(warnings(config)).hasSize(2);
    }

    @Test
    void noWarningWithSplitBrainProtection() {
        Config config = HazelcastSpentSet.configure(clusterOnly("guarded-" + java.util.UUID.randomUUID()), 2);
        for (int i = 0; i < 3; i++) {
            factory.newHazelcastInstance(config);
        }
        HazelcastInstance any = factory.getAllHazelcastInstances().iterator().next();
        await().atMost(Duration.ofSeconds(10)).until(() -> any.getCluster().getMembers().size() == 3);
        // decided as the spent-set starts: it sees the three members at once (the case that warns above)
        spentSetOn(any);
        assertThat(warnings(config)).isEmpty();
    }

    private void spentSetOn(HazelcastInstance member) {
        spentSets.add(new HazelcastSpentSet(member, refs -> Map.of(), Duration.ofSeconds(30), Duration.ofSeconds(30)));
    }

    /** This cluster's warnings (members of other tests' clusters may still be logging). */
    private List<ILoggingEvent> warnings(Config config) {
        synchronized (log.list) {
            return log.list.stream().filter(e -> e.getLevel() == Level.WARN)
                    .filter(e -> e.getFormattedMessage().contains(config.getClusterName()) && e.getFormattedMessage().contains("split-brain"))
                    .toList();
        }
    }

    private static Config clusterOnly(String name) {
        Config config = new Config().setClusterName(name);
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "slf4j");
        config.getJetConfig().setEnabled(false);
        return config;
    }
}
