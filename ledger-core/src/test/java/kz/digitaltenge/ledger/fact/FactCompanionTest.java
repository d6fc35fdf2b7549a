package kz.digitaltenge.ledger.fact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import kz.digitaltenge.canonical.LedgerException;
import kz.digitaltenge.canonical.ReasonCode;
import kz.digitaltenge.ledger.testing.SingleNodeLedgerTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A fact's companion records (the hub's invoice registry row, the message's fact id) are written in the group append's
 * transaction: committed with the fact and its evidence entry, or — when the database refuses them — neither the fact
 * nor its entry is written, and only that fact fails, not the others appended beside it.
 */
class FactCompanionTest extends SingleNodeLedgerTest {

    @BeforeAll
    static void table() throws Exception {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            // amount must be positive: a companion writing -1 is refused by the database for its data
            s.execute("create table companion_rows (fact_id bytea primary key, amount integer not null check (amount > 0))");
        }
    }

    static SignedFact occurrence(String subject) {
        return parties.oracleFact(Fact.of(FactType.EVENT_OCCURRED, subject, Map.of("occurrence", subject), Instant.now()));
    }

    static FactCompanion row(int amount) {
        return (statements, fact) -> {
            PreparedStatement ps = statements.batched("insert into companion_rows(fact_id, amount) values (?, ?)");
            ps.setBytes(1, fact.id().bytes());
            ps.setInt(2, amount);
            ps.addBatch();
        };
    }

    static boolean hasRow(FactId id) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("select 1 from companion_rows where fact_id = ?")) {
            ps.setBytes(1, id.bytes());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    static boolean logged(FactId id) {
        boolean[] found = {false};
        node.store.facts().readEvidence(e -> {
            found[0] |= java.util.Arrays.equals(e.storedFactId(), id.bytes());
            return !found[0];
        });
        return found[0];
    }

    @Test
    void theCompanionsRowsAreCommittedWithTheFactAndItsEntry() throws Exception {
        SignedFact fact = occurrence("CMP-1");
        FactId id = node.facts.register(fact, row(5));

        assertThat(node.store.facts().findFact(id)).isPresent();
        assertThat(logged(id)).isTrue();
        assertThat(hasRow(id)).isTrue();
    }

    @Test
    void aCompanionTheDatabaseRefusesFailsItsFactWholeWithItsReasonAndNotTheOthersBesideIt() throws Exception {
        long headBefore = node.store.facts().evidenceHead().seq();
        SignedFact bad = occurrence("CMP-BAD");
        List<SignedFact> good = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            good.add(occurrence("CMP-GOOD-" + i));
        }
        // all at once, so the appender is likely to write them as one batch with the bad one: the batch is then
        // written again fact by fact
        ExecutorService pool = Executors.newFixedThreadPool(good.size() + 1);
        CyclicBarrier start = new CyclicBarrier(good.size() + 1);
        try {
            Future<FactId> refused = pool.submit(() -> {
                start.await();
                return node.facts.register(bad, row(-1));
            });
            List<Future<FactId>> stored = new ArrayList<>();
            for (SignedFact f : good) {
                stored.add(pool.submit(() -> {
                    start.await();
                    return node.facts.register(f, row(1));
                }));
            }
            assertThatThrownBy(() -> refused.get(30, TimeUnit.SECONDS)).cause()
                    .isInstanceOfSatisfying(LedgerException.class, e -> assertThat(e.reason()).isEqualTo(ReasonCode.PROCESSING_ERROR))
                    .hasMessageContaining("could not be written");
            for (Future<FactId> f : stored) {
                FactId id = f.get(30, TimeUnit.SECONDS);
                assertThat(hasRow(id)).isTrue();
                assertThat(logged(id)).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(node.store.facts().findFact(bad.id())).as("the refused fact is not stored").isEmpty();
        assertThat(logged(bad.id())).as("nor logged").isFalse();
        assertThat(node.store.facts().evidenceHead().seq()).isEqualTo(headBefore + good.size());
        assertThat(node.ledger.evidence().verify().intact()).isTrue();

        // sent again with its records right, it is stored then
        FactId id = node.facts.register(bad, row(3));
        assertThat(hasRow(id)).isTrue();
        assertThat(logged(id)).isTrue();
    }

    /** A companion that sets the one row of {@code tally} to {@code value}: written by every fact of a batch, in turn. */
    static FactCompanion tally(int value) {
        return (statements, fact) -> {
            PreparedStatement ps = statements.batched("insert into companion_tally(id, value) values (1, ?)"
                    + " on conflict (id) do update set value = excluded.value");
            ps.setInt(1, value);
            ps.addBatch();
        };
    }

    static int tallyValue() throws Exception {
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select value from companion_tally where id = 1")) {
            return rs.next() ? rs.getInt(1) : -1;
        }
    }

    @Test
    void theRowsOfOneBatchAreWrittenInTheOrderOfItsFacts() throws Exception {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("create table if not exists companion_tally (id integer primary key, value integer not null)");
        }
        // one batch, as the appender hands it to the store: the companions' rows run together, and the same row
        // written by two facts of the batch is left as the later one wrote it (the invoice registry's upsert)
        List<SignedFact> batch = List.of(occurrence("CMP-ORDER-1"), occurrence("CMP-ORDER-2"), occurrence("CMP-ORDER-3"));
        node.store.facts().insertFacts(batch, List.of(tally(1), tally(2), tally(3)));
        assertThat(tallyValue()).isEqualTo(3);
        node.store.facts().insertFacts(List.of(occurrence("CMP-ORDER-4"), occurrence("CMP-ORDER-5")), List.of(tally(5), tally(4)));
        assertThat(tallyValue()).isEqualTo(4);
        for (SignedFact f : batch) {
            assertThat(logged(f.id())).isTrue();
        }
    }

    @Test
    void aBatchWithARefusedRowStoresNoneOfItAndFailsForTheDataNotAsAnOutage() throws Exception {
        long headBefore = node.store.facts().evidenceHead().seq();
        SignedFact good = occurrence("CMP-BATCH-GOOD");
        SignedFact bad = occurrence("CMP-BATCH-BAD");
        // not UNAVAILABLE: so the appender writes the batch again fact by fact (the test above) instead of failing all
        assertThatThrownBy(() -> node.store.facts().insertFacts(List.of(good, bad), List.of(row(2), row(-2))))
                .isInstanceOfSatisfying(LedgerException.class, e -> assertThat(e.reason()).isEqualTo(ReasonCode.PROCESSING_ERROR));
        assertThat(node.store.facts().findFact(good.id())).isEmpty();
        assertThat(hasRow(good.id())).isFalse();
        assertThat(node.store.facts().evidenceHead().seq()).isEqualTo(headBefore);
    }

    @Test
    void aStoreWithoutCompanionsRefusesAFactThatHasOne() {
        FactStore plain = new FactStore() {
            @Override
            public void insertFact(SignedFact fact) {
            }

            @Override
            public java.util.Optional<SignedFact> findFact(FactId id) {
                return java.util.Optional.empty();
            }

            @Override
            public List<SignedFact> factsAbout(FactType type, String subject) {
                return List.of();
            }

            @Override
            public java.util.Optional<SignedFact> latestFact(FactType type, String subject) {
                return java.util.Optional.empty();
            }

            @Override
            public EvidenceHead evidenceHead() {
                return null;
            }

            @Override
            public void readEvidence(java.util.function.Predicate<EvidenceEntry> visitor) {
            }
        };
        assertThatThrownBy(() -> plain.insertFacts(List.of(occurrence("CMP-P")), List.of(row(1))))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
