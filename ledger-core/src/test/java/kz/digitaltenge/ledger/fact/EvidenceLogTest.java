package kz.digitaltenge.ledger.fact;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import kz.digitaltenge.ledger.testing.LedgerNode;
import kz.digitaltenge.ledger.testing.TestDatabase;
import kz.digitaltenge.ledger.testing.TestParties;
import org.junit.jupiter.api.Test;

/** The evidence log: an intact chain verifies; every kind of tampering is reported at the first broken link. */
class EvidenceLogTest {

    static Fact occurrence(int i) {
        return Fact.of(FactType.EVENT_OCCURRED, "EV-" + i, Map.of("occurrence", "o" + i, "amount", Integer.toString(100 + i)), Instant.now());
    }

    static void sql(HikariDataSource db, String statement, Object... args) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(statement)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.executeUpdate();
        }
    }

    @Test
    void theChainVerifiesAndTamperingIsFound() throws Exception {
        try (HikariDataSource db = TestDatabase.shared().fresh()) {
            LedgerNode node = LedgerNode.cluster(1, db, 1).get(0);
            try {
                TestParties parties = new TestParties(node.registry);
                // appends from several threads at once still form one chain
                ExecutorService pool = Executors.newFixedThreadPool(4);
                List<Future<FactId>> ids = new ArrayList<>();
                for (int i = 0; i < 40; i++) {
                    int n = i;
                    ids.add(pool.submit(() -> node.facts.register(parties.oracleFact(occurrence(n)))));
                }
                for (Future<FactId> f : ids) {
                    f.get();
                }
                pool.shutdown();
                node.facts.register(parties.oracleFact(node.facts.require(ids.get(0).get()))); // again: not logged twice
                EvidenceLog log = node.ledger.evidence();
                EvidenceLog.Report ok = log.verify();
                assertThat(ok.intact()).as(ok.problem()).isTrue();
                assertThat(ok.entries()).isEqualTo(40);

                // a different signature on a logged fact
                byte[] original = node.store.findFact(ids.get(7).get()).orElseThrow().signature();
                sql(db, "update facts set signature = (select signature from facts where id = ?) where id = ?",
                        ids.get(1).get().bytes(), ids.get(7).get().bytes());
                EvidenceLog.Report sig = log.verify();
                assertThat(sig.intact()).isFalse();
                assertThat(sig.problem()).contains("hash does not match");
                sql(db, "update facts set signature = ? where id = ?", original, ids.get(7).get().bytes());
                assertThat(log.verify().intact()).isTrue();

                // a stored fact whose content was changed
                sql(db, "update facts set body = (select body from facts where id = ?) where id = ?",
                        ids.get(2).get().bytes(), ids.get(9).get().bytes());
                EvidenceLog.Report body = log.verify();
                assertThat(body.intact()).isFalse();
                assertThat(body.problem()).contains("does not hash to its id");
                assertThat(body.firstBrokenSeq()).isNotNull();
            } finally {
                node.close();
            }
        }
    }

    @Test
    void aBrokenLinkIsReportedWhereItIs() throws Exception {
        try (HikariDataSource db = TestDatabase.shared().fresh()) {
            LedgerNode node = LedgerNode.cluster(1, db, 1).get(0);
            try {
                TestParties parties = new TestParties(node.registry);
                for (int i = 0; i < 5; i++) {
                    node.facts.register(parties.oracleFact(occurrence(1000 + i)));
                }
                sql(db, "update evidence_log set prev_hash = decode(repeat('11', 32), 'hex') where seq = 4");
                EvidenceLog.Report r = node.ledger.evidence().verify();
                assertThat(r.intact()).isFalse();
                assertThat(r.firstBrokenSeq()).isEqualTo(4L);
                assertThat(r.problem()).contains("does not link");
            } finally {
                node.close();
            }
        }
    }

    /** The online check against a checkpoint: what the links cannot show (a cut tail, a consistent rewrite) is found. */
    @Test
    void aCheckpointRevealsACutTailAndARewriteTheLinksCannotShow() throws Exception {
        try (HikariDataSource db = TestDatabase.shared().fresh()) {
            LedgerNode node = LedgerNode.cluster(1, db, 1).get(0);
            try {
                TestParties parties = new TestParties(node.registry);
                for (int i = 0; i < 6; i++) {
                    node.facts.register(parties.oracleFact(occurrence(2000 + i)));
                }
                EvidenceLog log = node.ledger.evidence();
                var head = node.store.evidenceHead();
                assertThat(head.seq()).isEqualTo(6);
                EvidenceCheckpoint cp = EvidenceCheckpoint.sign(head.seq(), head.entryHash(), System.currentTimeMillis(),
                        parties.oracle.keyId(), parties.oracle.algorithm(), parties.oracle.keys().getPrivate());
                assertThat(log.verify(List.of(cp)).intact()).as(log.verify(List.of(cp)).problem()).isTrue();

                // a checkpoint whose hash was changed after signing, and one signed by a key the registry does not know
                EvidenceCheckpoint forged = new EvidenceCheckpoint(cp.seq(), new byte[32], cp.signedAtMillis(), cp.keyId(), cp.signature());
                EvidenceLog.Report refused = log.verify(List.of(forged));
                assertThat(refused.intact()).isFalse();
                assertThat(refused.problem()).contains("signature does not verify");
                var stranger = kz.digitaltenge.ledger.crypto.Keys.generate(kz.digitaltenge.ledger.crypto.SignatureAlgorithm.ED25519);
                EvidenceCheckpoint unknownKey = EvidenceCheckpoint.sign(cp.seq(), cp.entryHash(), cp.signedAtMillis(), "stranger-1",
                        kz.digitaltenge.ledger.crypto.SignatureAlgorithm.ED25519, stranger.getPrivate());
                assertThat(log.verify(List.of(unknownKey)).problem()).contains("'stranger-1' is not registered");

                // the last entry re-hashed with another time: the links stay consistent, only the checkpoint sees it
                var last = new java.util.concurrent.atomic.AtomicReference<kz.digitaltenge.ledger.fact.EvidenceEntry>();
                node.store.readEvidence(e -> {
                    last.set(e);
                    return true;
                });
                long otherTime = last.get().loggedAtMillis() + 1;
                byte[] rehashed = EvidenceLog.entryHash(6, last.get().prevHash(), last.get().fact(), otherTime);
                sql(db, "update evidence_log set logged_at = ?, entry_hash = ? where seq = 6",
                        new java.sql.Timestamp(otherTime), rehashed);
                assertThat(log.verify().intact()).isTrue();
                EvidenceLog.Report rewritten = log.verify(List.of(cp));
                assertThat(rewritten.intact()).isFalse();
                assertThat(rewritten.firstBrokenSeq()).isEqualTo(6L);
                assertThat(rewritten.problem()).contains("rewritten");

                // the tail cut below the checkpoint: five consistent entries, but the checkpoint names the sixth
                sql(db, "delete from evidence_log where seq = 6");
                assertThat(log.verify().intact()).isTrue();
                EvidenceLog.Report cut = log.verify(List.of(cp));
                assertThat(cut.intact()).isFalse();
                assertThat(cut.entries()).isEqualTo(5);
                assertThat(cut.problem()).contains("ends at entry 5");
            } finally {
                node.close();
            }
        }
    }
}
