package kz.digitaltenge.hub.payment;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Marks executed orders whose invoice status reached the e-invoice route ({@code status_sent}), many at once: the
 * marks queued while one update runs go together in the next (one statement for the statuses of many payments, not
 * one each). Exactly the orders a delivered status reported are marked — an order paid while that status was on its
 * way keeps its own send. A mark is only the sweep's hint: one lost in a crash means the status is sent once more,
 * which is harmless (a status is the invoice's whole state), so nothing waits for it.
 */
final class StatusSentMarks implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StatusSentMarks.class);
    private static final int MAX_BATCH = 1_000;

    private final DataSource db;
    private final LinkedBlockingQueue<Long> queued = new LinkedBlockingQueue<>();
    private final Thread writer;

    StatusSentMarks(DataSource db) {
        this.db = db;
        this.writer = new Thread(this::writeLoop, "einvoice-status-marks");
        writer.setDaemon(true);
        writer.start();
    }

    /** The orders a delivered status reported. */
    void sent(List<Long> orderIds) {
        queued.addAll(orderIds);
    }

    private void writeLoop() {
        List<Long> batch = new ArrayList<>();
        try {
            while (!Thread.currentThread().isInterrupted()) {
                batch.add(queued.take());
                queued.drainTo(batch, MAX_BATCH - 1);
                write(batch);
                batch.clear();
            }
        } catch (InterruptedException e) {
            // closing: the queued marks are written below
        }
        Thread.interrupted(); // clear it, or the pool refuses the connection for the last write
        queued.drainTo(batch);
        write(batch); // what was queued at close
    }

    private void write(List<Long> ids) {
        if (ids.isEmpty()) {
            return;
        }
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("update payment_orders set status_sent = true"
                + " where id = any(?) and not status_sent")) {
            ps.setArray(1, c.createArrayOf("bigint", ids.toArray()));
            ps.executeUpdate();
        } catch (SQLException e) {
            LOG.warn("{} orders' statuses not marked sent; the sweep sends them again", ids.size(), e);
        }
    }

    @Override
    public void close() {
        writer.interrupt();
        try {
            writer.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
