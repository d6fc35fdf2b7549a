package kz.digitaltenge.ledger.notary;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.zaxxer.hikari.HikariDataSource;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import kz.digitaltenge.ledger.store.LedgerStore;
import kz.digitaltenge.ledger.testing.TestDatabase;
import kz.digitaltenge.ledger.tx.OutputRef;
import kz.digitaltenge.ledger.tx.TxId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A member started under another cluster name, that knows the real members' addresses and they its own (the worst
 * case: the same member list on both sides), over real TCP on loopback: it never joins, and neither side's spent-set
 * sees the other's reservations — each grants the same output to its own transaction. The cluster name is what keeps
 * two environments apart; it is not a secret, so keeping an attacker out is the network's job (docs/deployment.md).
 */
class ForeignMemberTest {
    static HikariDataSource db;

    @BeforeAll
    static void database() {
        db = TestDatabase.shared().fresh();
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void aMemberUnderAnotherClusterNameNeverJoinsNorSeesTheSpentSet() throws Exception {
        int port = 17701 + ThreadLocalRandom.current().nextInt(1500);
        List<String> both = List.of("127.0.0.1:" + port, "127.0.0.1:" + (port + 1));
        HazelcastInstance real = Hazelcast.newHazelcastInstance(
                NotaryCluster.memberConfig("tenge-real-" + port, "127.0.0.1", port, both, 1));
        HazelcastInstance foreign = Hazelcast.newHazelcastInstance(
                NotaryCluster.memberConfig("tenge-other-" + port, "127.0.0.1", port + 1, both, 1));
        LedgerStore store = new LedgerStore(db);
        HazelcastSpentSet realSet = new HazelcastSpentSet(real, store, Duration.ofSeconds(30), Duration.ofSeconds(30));
        HazelcastSpentSet foreignSet = new HazelcastSpentSet(foreign, store, Duration.ofSeconds(30), Duration.ofSeconds(30));
        try {
            // each started, having tried the other's address during its join: both are clusters of one
            assertThat(real.getCluster().getMembers()).hasSize(1);
            assertThat(foreign.getCluster().getMembers()).hasSize(1);

            OutputRef output = new OutputRef(randomTx(), 0);
            TxId mine = randomTx();
            TxId theirs = randomTx();
            assertThat(realSet.reserve(mine, List.of(output)).get(10, TimeUnit.SECONDS).kind()).isEqualTo(ReserveOutcome.Kind.RESERVED);
            assertThat(foreignSet.find(output)).as("the foreign member sees the real reservation").isNull();
            assertThat(foreignSet.reserve(theirs, List.of(output)).get(10, TimeUnit.SECONDS).kind()).isEqualTo(ReserveOutcome.Kind.RESERVED);
            assertThat(realSet.find(output).getTxId()).as("the real spent-set still holds its own reservation").isEqualTo(mine.hex());
            assertThat(real.getCluster().getMembers()).hasSize(1);
        } finally {
            realSet.close();
            foreignSet.close();
            real.getLifecycleService().terminate();
            foreign.getLifecycleService().terminate();
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private static TxId randomTx() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return TxId.of(b);
    }
}
