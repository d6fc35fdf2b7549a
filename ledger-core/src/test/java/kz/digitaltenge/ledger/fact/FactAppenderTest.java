package kz.digitaltenge.ledger.fact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import kz.digitaltenge.canonical.LedgerException;
import kz.digitaltenge.canonical.ReasonCode;
import kz.digitaltenge.ledger.testing.LedgerNode;
import kz.digitaltenge.ledger.testing.TestDatabase;
import kz.digitaltenge.ledger.testing.TestParties;
import org.junit.jupiter.api.Test;

/**
 * The group append: the facts of callers waiting behind a write go together in the next one (one transaction, one
 * update of the chain's head); one bad fact fails alone; on the real store the chain is whole, entry by entry.
 */
class FactAppenderTest {

    static final List<SignedFact> FACTS = java.util.stream.IntStream.range(0, 8).mapToObj(i -> new SignedFact(
            Fact.of(FactType.EVENT_OCCURRED, "EV-" + i, Map.of("occurrence", "o" + i), Instant.now()), "k", new byte[64])).toList();

    static SignedFact fact(int i) {
        return FACTS.get(i);
    }

    /** A store that records each batch; its first write waits until the test lets it go, and it refuses one fact. */
    static final class RecordingStore implements FactStore {
        final List<List<SignedFact>> batches = Collections.synchronizedList(new ArrayList<>());
        final CountDownLatch firstMayFinish = new CountDownLatch(1);
        volatile SignedFact refused;

        @Override
        public void insertFact(SignedFact fact) {
            insertFacts(List.of(fact));
        }

        @Override
        public void insertFacts(List<SignedFact> facts) {
            if (refused != null && facts.contains(refused)) {
                throw new LedgerException(ReasonCode.NOT_FOUND, "the fact's key is not registered");
            }
            batches.add(List.copyOf(facts));
            if (batches.size() == 1) {
                try {
                    firstMayFinish.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        @Override
        public Optional<SignedFact> findFact(FactId id) {
            return Optional.empty();
        }

        @Override
        public List<SignedFact> factsAbout(FactType type, String subject) {
            return List.of();
        }

        @Override
        public Optional<SignedFact> latestFact(FactType type, String subject) {
            return Optional.empty();
        }

        @Override
        public EvidenceHead evidenceHead() {
            return null;
        }

        @Override
        public void readEvidence(Predicate<EvidenceEntry> visitor) {
        }
    }

    static void await(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not reached in 10 s");
            }
            Thread.onSpinWait();
        }
    }

    @Test
    void callersWaitingBehindAWriteGoTogetherInTheNext() throws Exception {
        RecordingStore store = new RecordingStore();
        FactAppender appender = new FactAppender(store);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            Future<?> first = pool.submit(() -> appender.append(fact(0)));
            await(() -> store.batches.size() == 1); // the first write is under way, and held there
            List<Future<?>> others = new ArrayList<>();
            for (int i = 1; i <= 6; i++) {
                int n = i;
                others.add(pool.submit(() -> appender.append(fact(n))));
            }
            await(() -> appender.queued() == 6);
            store.firstMayFinish.countDown();
            first.get(10, TimeUnit.SECONDS);
            for (Future<?> f : others) {
                f.get(10, TimeUnit.SECONDS);
            }
            assertThat(store.batches).hasSize(2);
            assertThat(store.batches.get(0)).containsExactly(fact(0));
            assertThat(store.batches.get(1)).hasSize(6);
            assertThat(appender.batches()).isEqualTo(2);
            assertThat(appender.facts()).isEqualTo(7);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aBadFactFailsAloneAndTheOthersOfItsBatchAreStored() throws Exception {
        RecordingStore store = new RecordingStore();
        store.refused = fact(3);
        FactAppender appender = new FactAppender(store);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            Future<?> first = pool.submit(() -> appender.append(fact(0)));
            await(() -> store.batches.size() == 1);
            List<Future<?>> others = new ArrayList<>();
            for (int i = 1; i <= 5; i++) {
                int n = i;
                others.add(pool.submit(() -> appender.append(fact(n))));
            }
            await(() -> appender.queued() == 5);
            store.firstMayFinish.countDown();
            first.get(10, TimeUnit.SECONDS);
            int failed = 0;
            for (Future<?> f : others) {
                try {
                    f.get(10, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOf(LedgerException.class);
                    assertThat(((LedgerException) e.getCause()).reason()).isEqualTo(ReasonCode.NOT_FOUND);
                    failed++;
                }
            }
            assertThat(failed).isEqualTo(1);
            List<SignedFact> stored = store.batches.stream().flatMap(List::stream).toList();
            assertThat(stored).containsExactlyInAnyOrder(fact(0), fact(1), fact(2), fact(4), fact(5));
        } finally {
            pool.shutdownNow();
        }
        assertThatThrownBy(() -> appender.append(fact(3))).isInstanceOf(LedgerException.class);
    }

    @Test
    void onTheRealStoreConcurrentFactsFormOneWholeChainInFewerTransactions() throws Exception {
        try (HikariDataSource db = TestDatabase.shared().fresh()) {
            LedgerNode node = LedgerNode.cluster(1, db, 1).get(0);
            try {
                TestParties parties = new TestParties(node.registry);
                List<SignedFact> facts = new ArrayList<>();
                for (int i = 0; i < 200; i++) {
                    facts.add(parties.oracleFact(EvidenceLogTest.occurrence(1000 + i)));
                }
                long[] before = node.facts.appendCounts();
                ExecutorService pool = Executors.newFixedThreadPool(16);
                List<Future<FactId>> ids = new ArrayList<>();
                for (SignedFact f : facts) {
                    ids.add(pool.submit(() -> node.facts.register(f)));
                }
                for (Future<FactId> f : ids) {
                    f.get(30, TimeUnit.SECONDS);
                }
                // a fact again, alone and twice in one batch: stored and logged once
                pool.submit(() -> node.facts.register(facts.get(0))).get();
                pool.shutdown();
                EvidenceLog.Report report = node.ledger.evidence().verify();
                assertThat(report.intact()).as(report.problem()).isTrue();
                assertThat(report.entries()).isEqualTo(200);
                long[] after = node.facts.appendCounts();
                assertThat(after[1] - before[1]).isEqualTo(201);
                System.out.printf("group append: 201 facts in %d transactions%n", after[0] - before[0]);
                assertThat(after[0] - before[0]).isLessThanOrEqualTo(201);
            } finally {
                node.close();
            }
        }
    }
}
