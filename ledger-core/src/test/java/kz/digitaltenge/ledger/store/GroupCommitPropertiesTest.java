package kz.digitaltenge.ledger.store;

import kz.digitaltenge.ledger.query.Supply;
import kz.digitaltenge.ledger.tx.StoredOutput;
import kz.digitaltenge.ledger.tx.CommittedTransaction;
import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import kz.digitaltenge.canonical.LedgerException;
import kz.digitaltenge.canonical.ReasonCode;
import kz.digitaltenge.canonical.id.AccountNumber;
import kz.digitaltenge.ledger.registry.Registry;
import kz.digitaltenge.ledger.testing.LedgerChecks;
import kz.digitaltenge.ledger.testing.TestDatabase;
import kz.digitaltenge.ledger.testing.TestParties;
import kz.digitaltenge.ledger.testing.TestParties.Party;
import kz.digitaltenge.ledger.tx.Output;
import kz.digitaltenge.ledger.tx.OutputRef;
import kz.digitaltenge.ledger.tx.SignedTransaction;
import kz.digitaltenge.ledger.tx.Transaction;
import kz.digitaltenge.ledger.tx.TxType;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random mixes of honest transactions and poisoned ones — prepared transactions that slipped past validation and
 * that PostgreSQL refuses (a NUL in a reference or a marking, an output of zero against a check constraint, a
 * negative issued amount) — submitted concurrently through the group committer. Whatever batches form: no honest
 * transaction fails, each commits exactly once, every poisoned one is refused without database text and leaves
 * nothing behind (its inputs stay unspent), and supply is conserved.
 */
class GroupCommitPropertiesTest {
    static HikariDataSource db;
    static LedgerStore store;
    static TestParties parties;
    static Party owner;
    static AccountNumber a;
    static AccountNumber b;
    static final AtomicLong SERIAL = new AtomicLong();

    @BeforeContainer
    static void start() {
        db = TestDatabase.shared().fresh();
        store = new LedgerStore(db);
        parties = new TestParties(new Registry(store.registry()));
        owner = parties.client("Group commit owner");
        a = parties.clientAccount(owner);
        b = parties.clientAccount(owner);
    }

    @AfterContainer
    static void stop() {
        db.close();
    }

    /** 0-2 honest (issue, transfer, transfer with change), 3-6 poisoned (NUL reference, NUL marking, zero output, negative issued). */
    record Op(int kind, int amount) {
    }

    @Provide
    Arbitrary<List<Op>> ops() {
        return Combinators.combine(Arbitraries.integers().between(0, 6), Arbitraries.integers().between(2, 1_000_000))
                .as(Op::new).list().ofMinSize(2).ofMaxSize(60);
    }

    @Property(tries = 40)
    void poisonedTransactionsNeverFailHonestOnes(@ForAll("ops") List<Op> ops) throws Exception {
        List<PreparedTransaction> honest = new ArrayList<>();
        List<PreparedTransaction> poisoned = new ArrayList<>();
        List<OutputRef> poisonedInputs = new ArrayList<>();
        long honestIssued = 0;
        for (Op op : ops) {
            switch (op.kind()) {
                case 0 -> {
                    honest.add(issue("h-" + SERIAL.incrementAndGet(), op.amount()));
                    honestIssued += op.amount();
                }
                case 1 -> honest.add(transfer(fund(op.amount()), op.amount(), List.of(Output.standard(b, op.amount()))));
                case 2 -> honest.add(transfer(fund(op.amount()), op.amount(),
                        List.of(Output.standard(b, op.amount() / 2), Output.standard(a, op.amount() - op.amount() / 2))));
                case 3 -> poisoned.add(issue("p-\u0000-" + SERIAL.incrementAndGet(), op.amount()));
                case 4 -> {
                    OutputRef coin = fund(op.amount());
                    poisonedInputs.add(coin);
                    poisoned.add(transfer(coin, op.amount(), List.of(new Output(b, op.amount(), "VAT\u0000", null))));
                }
                case 5 -> poisoned.add(prepared(new Transaction(TxType.ISSUE, "z-" + SERIAL.incrementAndGet(), List.of(),
                        List.of(Output.standard(a, 0))), List.of(), 0));
                default -> poisoned.add(prepared(new Transaction(TxType.ISSUE, "n-" + SERIAL.incrementAndGet(), List.of(),
                        List.of(Output.standard(a, op.amount()))), List.of(), -op.amount()));
            }
        }
        Supply before = store.supply();
        long rowsBefore = LedgerChecks.committedCount(db);

        List<PreparedTransaction> all = new ArrayList<>(honest);
        all.addAll(poisoned);
        java.util.Collections.shuffle(all, new java.util.Random(ops.hashCode()));
        Map<PreparedTransaction, CompletableFuture<CommittedTransaction>> answers = new java.util.concurrent.ConcurrentHashMap<>();
        try (GroupCommitter committer = new GroupCommitter(store.commits(), 2, (ok, failed) -> { })) {
            // four submitters released at once, so batches of every composition form
            ExecutorService submitters = Executors.newFixedThreadPool(4);
            CountDownLatch go = new CountDownLatch(1);
            List<CompletableFuture<Void>> submitted = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int first = t;
                submitted.add(CompletableFuture.runAsync(() -> {
                    await(go);
                    for (int i = first; i < all.size(); i += 4) {
                        answers.put(all.get(i), committer.commit(all.get(i)));
                    }
                }, submitters));
            }
            go.countDown();
            CompletableFuture.allOf(submitted.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            submitters.shutdown();

            for (PreparedTransaction h : honest) {
                assertThat(answers.get(h).get(30, TimeUnit.SECONDS).id()).isEqualTo(h.id());
            }
            for (PreparedTransaction p : poisoned) {
                LedgerException refusal = GroupCommitIsolationTest.refusalOf(answers.get(p));
                assertThat(refusal.reason()).isIn(ReasonCode.MALFORMED, ReasonCode.UNAVAILABLE);
                GroupCommitIsolationTest.assertNoDatabaseText(refusal.getMessage());
            }
        }
        for (PreparedTransaction h : honest) {
            assertThat(store.findTransaction(h.id())).isPresent();
        }
        for (PreparedTransaction p : poisoned) {
            assertThat(store.findTransaction(p.id())).isEmpty();
        }
        assertThat(LedgerChecks.committedCount(db) - rowsBefore).isEqualTo(honest.size()); // each exactly once
        assertThat(store.spentBy(poisonedInputs)).isEmpty();
        assertThat(LedgerChecks.doubleSpends(db)).isZero();
        Supply after = store.supply();
        assertThat(after.issued() - before.issued()).isEqualTo(honestIssued);
        assertThat(after.redeemed()).isEqualTo(before.redeemed());
        assertThat(store.audit().consistent()).isTrue();
    }

    /** A fresh coin of {@code tiyn} on account a, committed before the mix starts. */
    static OutputRef fund(long tiyn) {
        CommittedTransaction c = store.commits().commitOne(issue("f-" + SERIAL.incrementAndGet(), tiyn));
        return new OutputRef(c.id(), 0);
    }

    static PreparedTransaction issue(String reference, long tiyn) {
        return prepared(new Transaction(TxType.ISSUE, reference, List.of(), List.of(Output.standard(a, tiyn))), List.of(), tiyn);
    }

    static PreparedTransaction transfer(OutputRef coin, long tiyn, List<Output> outputs) {
        Transaction tx = new Transaction(TxType.TRANSFER, "t-" + SERIAL.incrementAndGet(), List.of(coin), outputs);
        StoredOutput input = new StoredOutput(coin, Output.standard(a, tiyn), null);
        return prepared(tx, List.of(input), 0);
    }

    static PreparedTransaction prepared(Transaction tx, List<StoredOutput> inputs, long issued) {
        SignedTransaction s = new SignedTransaction(tx, List.of((tx.type() == TxType.ISSUE ? parties.issuer : owner).sign(tx)));
        return new PreparedTransaction(s.id(), s, inputs, issued, 0);
    }

    static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
