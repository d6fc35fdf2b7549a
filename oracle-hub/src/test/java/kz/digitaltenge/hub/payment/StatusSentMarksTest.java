package kz.digitaltenge.hub.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import kz.digitaltenge.canonical.id.AccountNumber;
import kz.digitaltenge.canonical.payment.ReferenceKind;
import kz.digitaltenge.hub.HubTestBase;
import kz.digitaltenge.ledger.testing.TestParties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The sweep resends the status of every executed order not marked sent; the marks are written in batches after the
 * delivery. Only the orders a delivered status reported are marked: an order of the same invoice paid while that
 * status was on its way stays unmarked, so its own status is sent (by its publish, or by the sweep after a crash).
 */
class StatusSentMarksTest extends HubTestBase {
    @Autowired
    DataSource db;

    private long executedOrder(PaymentOrderBook book, String invoice, int n) {
        PaymentRequest r = new PaymentRequest("erp-1c", "json", "json", "M" + n + "-" + System.nanoTime(), LocalDate.now(), 112_000, null,
                "KZT", TestParties.newPartyId(), AccountNumber.of("601", String.format("%013d", Math.abs(System.nanoTime() % 10_000_000_000_000L))),
                TestParties.newPartyId(), AccountNumber.of("601", String.format("%013d", Math.abs((System.nanoTime() + 3) % 10_000_000_000_000L))),
                ReferenceKind.INVOICE, invoice, "{}".getBytes(StandardCharsets.UTF_8), Map.of());
        long id = book.receive(r, "bank", new byte[32]).inserted();
        byte[] tx = new byte[32];
        tx[0] = (byte) n;
        tx[1] = (byte) (System.nanoTime() & 0x7f);
        book.executed(id, tx, 100_000, 12_000);
        return id;
    }

    private boolean sent(long id) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("select status_sent from payment_orders where id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    @Test
    void marksExactlyTheOrdersADeliveredStatusReported() throws SQLException {
        PaymentOrderBook book = new PaymentOrderBook(db);
        String invoice = "ESF-MARKS-" + System.nanoTime();
        long reported = executedOrder(book, invoice, 1);
        long paidMeanwhile = executedOrder(book, invoice, 2);
        long otherInvoice = executedOrder(book, invoice + "-B", 3);
        long alsoReported = executedOrder(book, invoice + "-B", 4);

        StatusSentMarks marks = new StatusSentMarks(db);
        marks.sent(List.of(reported));
        marks.sent(List.of(alsoReported));
        marks.close(); // writes what is queued

        assertThat(sent(reported)).isTrue();
        assertThat(sent(alsoReported)).isTrue();
        assertThat(sent(paidMeanwhile)).as("paid while the status was on its way: its own status is still to send").isFalse();
        assertThat(sent(otherInvoice)).isFalse();
    }
}
