package kz.digitaltenge.ledger.notary;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import kz.digitaltenge.ledger.testing.LedgerNode;
import kz.digitaltenge.ledger.testing.MemberProcess;

/**
 * What the kill tests share: a ledger node in a JVM of its own (a {@link MemberProcess}, the third member) and two
 * members with ledger nodes in this JVM, one cluster of three on loopback over one database; the child's commands
 * and its protocol answers. Closing kills the child (if the test has not) and stops the rest.
 */
final class ChildAndTwoMembers implements AutoCloseable {
    final Process child;
    final List<HazelcastInstance> members = new ArrayList<>();
    final List<LedgerNode> nodes = new ArrayList<>();
    final PrintStream commands;
    private final BufferedReader answers;

    ChildAndTwoMembers(String clusterPrefix, DataSource db, String jdbcUrl, File childLog) throws Exception {
        String cluster = clusterPrefix + "-" + java.util.UUID.randomUUID();
        int port = 17701 + ThreadLocalRandom.current().nextInt(2000);
        String peers = "127.0.0.1:" + port + ",127.0.0.1:" + (port + 1) + ",127.0.0.1:" + (port + 2);
        child = MemberProcess.start(cluster, port + 2, peers, jdbcUrl, 3, childLog);
        try {
            for (int i = 0; i < 2; i++) {
                members.add(Hazelcast.newHazelcastInstance(NotaryCluster.memberConfig(cluster, "127.0.0.1", port + i,
                        List.of(peers.split(",")), 1)));
            }
            answers = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            commands = new PrintStream(child.getOutputStream(), true, StandardCharsets.UTF_8);
            assertThat(answer("READY")).isEqualTo("READY");
            for (HazelcastInstance hz : members) {
                nodes.add(new LedgerNode(hz, db, Duration.ofSeconds(30), Duration.ofMillis(500)));
            }
        } catch (Exception | Error e) {
            close();
            throw e;
        }
    }

    /** The child's next answer of one of these kinds ({@code READY}, or a line starting {@code "HELD "}, ...); its log lines share stdout. */
    String answer(String... kinds) throws java.io.IOException {
        String line;
        while ((line = answers.readLine()) != null) {
            for (String kind : kinds) {
                if (line.equals(kind) || line.startsWith(kind + " ")) {
                    return line;
                }
            }
        }
        return null;
    }

    @Override
    public void close() {
        child.destroyForcibly();
        nodes.forEach(LedgerNode::close);
        members.forEach(m -> m.getLifecycleService().terminate());
    }
}
