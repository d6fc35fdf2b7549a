package kz.digitaltenge.hub.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import kz.digitaltenge.canonical.id.AccountNumber;
import kz.digitaltenge.canonical.payment.ReferenceKind;
import kz.digitaltenge.hub.HubTestBase;
import kz.digitaltenge.ledger.testing.TestParties;
import kz.digitaltenge.ledger.tx.CommittedTransaction;
import kz.digitaltenge.ledger.tx.Output;
import kz.digitaltenge.ledger.tx.OutputRef;
import kz.digitaltenge.ledger.tx.SignedTransaction;
import kz.digitaltenge.ledger.tx.Transaction;
import kz.digitaltenge.ledger.tx.TxId;
import kz.digitaltenge.ledger.tx.TxType;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What the group commit writes of an order it pays: EXECUTED, the split the transaction paid the payee, the commit's
 * time — and it hands back what another delivery of the order may have set meanwhile (a refusal's quarantine id), so
 * the answer built from it is the row. A transaction naming no order in flight here is left alone.
 */
class PaymentOrderCommitsTest extends HubTestBase {
    @Autowired
    DataSource db;

    private static AccountNumber account(long salt) {
        return AccountNumber.of("601", String.format("%013d", Math.abs((System.nanoTime() + salt) % 10_000_000_000_000L)));
    }

    @Test
    void theOrderIsWrittenInTheCommitWithItsSplitItsTimeAndWhatAnotherDeliverySet() throws Exception {
        PaymentOrderBook book = new PaymentOrderBook(db);
        AccountNumber payer = account(1);
        AccountNumber payee = account(7);
        PaymentRequest r = new PaymentRequest("erp-1c", "json", "json", "C" + System.nanoTime(), LocalDate.now(), 112_000, null, "KZT",
                TestParties.newPartyId(), payer, TestParties.newPartyId(), payee, ReferenceKind.INVOICE, "ESF-COMMIT-" + System.nanoTime(),
                "{}".getBytes(StandardCharsets.UTF_8), Map.of());
        long id = book.receive(r, "bank", new byte[32]).inserted();
        // another delivery of the same order was refused and quarantined meanwhile (its check ran before this payment)
        assertThat(book.refused(id, "BUSINESS_RULE", "its check ran first", 4242L)).isPresent();

        String reference = PaymentOrders.reference(id);
        Transaction tx = new Transaction(TxType.TRANSFER, reference, List.of(new OutputRef(TxId.of(new byte[32]), 0)),
                List.of(Output.standard(payee, 100_000), new Output(payee, 12_000, "VAT", null), Output.standard(payer, 88_000)));
        Instant committedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        CommittedTransaction paid = new CommittedTransaction(tx.id(), 1, committedAt, new SignedTransaction(tx, List.of()), Map.of());
        Transaction other = new Transaction(TxType.TRANSFER, "payment-order:999999999", List.of(), List.of(Output.standard(payee, 1)));
        CommittedTransaction notOurs = new CommittedTransaction(other.id(), 2, committedAt, new SignedTransaction(other, List.of()), Map.of());

        PaymentOrderCommits commits = new PaymentOrderCommits();
        commits.expect(reference, id, payee);
        assertThat(commits.written(reference)).isFalse();
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            commits.write(c, List.of(notOurs, paid));
            c.commit();
        }
        assertThat(commits.written(reference)).isTrue();
        assertThat(commits.quarantineId(reference)).isEqualTo(4242L);

        PaymentOrders.Outcome row = book.find(id).orElseThrow();
        assertThat(row.status()).isEqualTo("EXECUTED");
        assertThat(row.transactionId()).isEqualTo(tx.id().hex());
        assertThat(row.net()).isEqualTo("1000.00");
        assertThat(row.vat()).isEqualTo("120.00");
        assertThat(row.reasonCode()).isNull();
        assertThat(row.quarantineId()).isEqualTo(4242L);
        assertThat(row.updatedAt()).isEqualTo(committedAt.toString());

        commits.forget(reference);
        assertThat(commits.written(reference)).isFalse();
    }
}
