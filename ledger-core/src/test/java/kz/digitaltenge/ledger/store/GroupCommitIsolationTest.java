package kz.digitaltenge.ledger.store;

import kz.digitaltenge.ledger.query.Supply;
import kz.digitaltenge.ledger.tx.CommittedTransaction;
import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import kz.digitaltenge.canonical.LedgerException;
import kz.digitaltenge.canonical.ReasonCode;
import kz.digitaltenge.canonical.id.AccountNumber;
import kz.digitaltenge.ledger.registry.Registry;
import kz.digitaltenge.ledger.testing.TestDatabase;
import kz.digitaltenge.ledger.testing.TestParties;
import kz.digitaltenge.ledger.tx.Output;
import kz.digitaltenge.ledger.tx.SignedTransaction;
import kz.digitaltenge.ledger.tx.Transaction;
import kz.digitaltenge.ledger.tx.TxType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The probe's finding: a transaction whose reference held a NUL made PostgreSQL fail the whole group commit, and
 * an honest transfer in the same batch got a 503 with PostgreSQL's text. Here the poisoned transaction slips past
 * validation (it is handed to the store as prepared), shares a batch with honest ones, and only it is refused.
 */
class GroupCommitIsolationTest {
    static HikariDataSource db;
    static LedgerStore store;
    static TestParties parties;
    static AccountNumber account;

    @BeforeAll
    static void start() {
        db = TestDatabase.shared().fresh();
        store = new LedgerStore(db);
        parties = new TestParties(new Registry(store.registry()));
        account = parties.clientAccount(parties.client("Isolation client"));
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    static PreparedTransaction issue(String reference, long tiyn) {
        SignedTransaction s = parties.issue(account, tiyn, reference);
        return new PreparedTransaction(s.id(), s, List.of(), tiyn, 0);
    }

    @Test
    void aValueTheDatabaseRefusesFailsOnlyItsOwnTransactionInABatch() throws Exception {
        GatedDataSource gated = new GatedDataSource(db);
        LedgerStore gatedStore = new LedgerStore(gated);
        Supply before = store.supply();
        PreparedTransaction first = issue("iso-first-" + System.nanoTime(), 100);
        PreparedTransaction honest1 = issue("iso-honest1-" + System.nanoTime(), 200);
        PreparedTransaction poisoned = issue("iso-\u0000-" + System.nanoTime(), 300);
        PreparedTransaction honest2 = issue("iso-honest2-" + System.nanoTime(), 400);
        try (GroupCommitter committer = new GroupCommitter(gatedStore.commits(), 1, (ok, failed) -> { })) {
            CompletableFuture<CommittedTransaction> a = committer.commit(first);
            gated.awaitFirstRequest(); // the only writer holds 'first': the next three queue up behind it
            CompletableFuture<CommittedTransaction> b = committer.commit(honest1);
            CompletableFuture<CommittedTransaction> p = committer.commit(poisoned);
            CompletableFuture<CommittedTransaction> c = committer.commit(honest2);
            gated.open();

            assertThat(a.get(30, TimeUnit.SECONDS).id()).isEqualTo(first.id());
            assertThat(b.get(30, TimeUnit.SECONDS).id()).isEqualTo(honest1.id());
            assertThat(c.get(30, TimeUnit.SECONDS).id()).isEqualTo(honest2.id());
            LedgerException refusal = refusalOf(p);
            assertThat(refusal.reason()).isEqualTo(ReasonCode.MALFORMED);
            assertThat(refusal.getMessage()).contains(poisoned.id().toString()).contains("was not committed");
            assertNoDatabaseText(refusal.getMessage());
            // 'first' alone, then the three as one batch that failed, then each of them on its own
            assertThat(gated.connections()).isEqualTo(5);
        }
        assertThat(store.findTransaction(poisoned.id())).isEmpty();
        assertThat(store.supply().issued() - before.issued()).isEqualTo(100 + 200 + 400);
        assertThat(store.audit().consistent()).isTrue();
    }

    @Test
    void aBatchRefusedByTheDatabaseIsSplitAndNothingOfItIsWritten() {
        PreparedTransaction honest = issue("split-honest-" + System.nanoTime(), 10);
        Transaction zero = new Transaction(TxType.ISSUE, "split-zero-" + System.nanoTime(), List.of(),
                List.of(Output.standard(account, 0))); // outputs.amount > 0 is a check constraint: class 23
        SignedTransaction zs = new SignedTransaction(zero, List.of(parties.issuer.sign(zero)));
        PreparedTransaction zeroAmount = new PreparedTransaction(zs.id(), zs, List.of(), 0, 0);

        assertThat(store.commits().commitBatch(List.of(honest, zeroAmount)).conflict()).isTrue();
        assertThat(store.findTransaction(honest.id())).isEmpty();

        assertThat(store.commits().commitOne(honest).id()).isEqualTo(honest.id());
        LedgerException alone = refusalOf(CompletableFuture.supplyAsync(() -> store.commits().commitOne(zeroAmount)));
        assertThat(alone.reason()).isEqualTo(ReasonCode.UNAVAILABLE);
        assertNoDatabaseText(alone.getMessage());
    }

    @Test
    void anIssueSentAgainIsAnsweredWithItsCommitAndWrittenOnce() {
        // an issue has no input, so no spent marker catches the second one: its outputs' primary key does
        PreparedTransaction issue = issue("again-" + System.nanoTime(), 500);
        Supply before = store.supply();
        CommittedTransaction first = store.commits().commitOne(issue);

        CommittedTransaction again = store.commits().commitOne(issue);
        assertThat(again.id()).isEqualTo(first.id());
        assertThat(again.seq()).isEqualTo(first.seq());

        PreparedTransaction fresh = issue("again-fresh-" + System.nanoTime(), 7);
        assertThat(store.commits().commitBatch(List.of(fresh, issue)).conflict()).isTrue();
        assertThat(store.findTransaction(fresh.id())).isEmpty(); // a batch with a repeat writes none of it
        assertThat(store.commits().commitOne(fresh).id()).isEqualTo(fresh.id());

        assertThat(store.supply().issued() - before.issued()).isEqualTo(500 + 7);
        assertThat(store.audit().consistent()).isTrue();
    }

    static LedgerException refusalOf(CompletableFuture<?> f) {
        try {
            f.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(LedgerException.class);
            return (LedgerException) e.getCause();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("expected a refusal");
    }

    /** Nothing of PostgreSQL's or the driver's words reaches a client. */
    static void assertNoDatabaseText(String message) {
        assertThat(message).doesNotContainIgnoringCase("ERROR:").doesNotContainIgnoringCase("invalid byte sequence")
                .doesNotContainIgnoringCase("UTF8").doesNotContainIgnoringCase("0x00").doesNotContainIgnoringCase("violates")
                .doesNotContainIgnoringCase("constraint").doesNotContainIgnoringCase("SQL").doesNotContainIgnoringCase("postgres")
                .doesNotContainIgnoringCase("relation").doesNotContainIgnoringCase("Detail:");
    }
}
