package kz.digitaltenge.hub.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Map;
import javax.sql.DataSource;
import kz.digitaltenge.canonical.id.AccountNumber;
import kz.digitaltenge.canonical.id.PartyId;
import kz.digitaltenge.hub.HubTestBase;
import kz.digitaltenge.canonical.payment.ReferenceKind;
import kz.digitaltenge.ledger.testing.TestParties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Two deliveries of one payment order decided at once, on two hubs sharing the book (the fault suite's payment
 * workload found it: one delivery paid the order, the other — refused because the invoice had nothing outstanding
 * any more — recorded REFUSED over EXECUTED, and its client was told the paid order was refused). A refusal is
 * recorded only while the order is undecided; a payment is recorded whatever was there, since the money moved.
 */
class PaymentOrderBookRaceTest extends HubTestBase {
    @Autowired
    DataSource db;

    private PaymentRequest order(String number) {
        PartyId payer = TestParties.newPartyId();
        PartyId payee = TestParties.newPartyId();
        return new PaymentRequest("erp-1c", "json", "json", number, LocalDate.now(), 112_000, null, "KZT", payer,
                AccountNumber.of("601", String.format("%013d", Math.abs(System.nanoTime() % 10_000_000_000_000L))), payee,
                AccountNumber.of("601", String.format("%013d", Math.abs((System.nanoTime() + 7) % 10_000_000_000_000L))),
                ReferenceKind.INVOICE, "ESF-RACE-" + number, "{}".getBytes(StandardCharsets.UTF_8), Map.of());
    }

    @Test
    void aRefusalDoesNotOverwriteAnOrderAnotherDeliveryPaid() {
        PaymentOrderBook book = new PaymentOrderBook(db);
        PaymentRequest r = order("R" + System.nanoTime());
        long id = book.receive(r, "bank", new byte[32]).inserted();
        byte[] tx = new byte[32];
        tx[0] = 7;
        assertThat(book.executed(id, tx, 100_000, 12_000).status()).isEqualTo("EXECUTED");

        assertThat(book.refused(id, "LIMIT_EXCEEDED", "the invoice's VAT limit is reached", null))
                .as("the other delivery's refusal, arriving after the payment").isEmpty();
        PaymentOrders.Outcome now = book.find(id).orElseThrow();
        assertThat(now.status()).isEqualTo("EXECUTED");
        assertThat(now.transactionId()).isEqualTo(kz.digitaltenge.ledger.tx.TxId.of(tx).hex());
        assertThat(now.reasonCode()).isNull();
        assertThat(now.net()).as("the split is recorded with the payment").isEqualTo("1000.00");
        assertThat(now.vat()).isEqualTo("120.00");
    }

    @Test
    void theFirstDecisionOfAnUndecidedOrderStandsAndAPaymentWinsOverARefusal() {
        PaymentOrderBook book = new PaymentOrderBook(db);
        PaymentRequest r = order("S" + System.nanoTime());
        long id = book.receive(r, "bank", new byte[32]).inserted();

        assertThat(book.refused(id, "BUSINESS_RULE", "nothing outstanding", null)).get()
                .extracting(PaymentOrders.Outcome::status).isEqualTo("REFUSED");
        assertThat(book.refused(id, "LIMIT_EXCEEDED", "another reason, later", null)).as("a second refusal").isEmpty();
        assertThat(book.find(id).orElseThrow().reasonCode()).isEqualTo("BUSINESS_RULE");

        // the store is the authority: a payment found committed is recorded even over a refusal
        byte[] tx = new byte[32];
        tx[1] = 9;
        assertThat(book.executed(id, tx, 100_000, 12_000).status()).isEqualTo("EXECUTED");
    }
}
