package kz.digitaltenge.hub.payment;

import kz.digitaltenge.hub.invoice.InvoiceRegistry;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import kz.digitaltenge.hub.payment.PaymentOrders;
import kz.digitaltenge.ledger.fact.Fact;
import kz.digitaltenge.canonical.money.Tiyn;
import kz.digitaltenge.routes.einvoice.PaymentStatus;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends an invoice's payment status back to the e-invoice IS after each payment, through the route
 * {@code einvoice-status} of routes-einvoice (Kafka topic and HTTP, with retries; quarantined as
 * {@code OUTBOUND_FAILED} when the IS stays down past the retry budget). Durable: executed orders whose status was
 * not handed over (a crash, a restart) are found by a sweep and sent again — a status is the invoice's whole state,
 * so sending it twice is harmless.
 */
public final class InvoiceStatusPublisher implements AutoCloseable {
    public static final String ROUTE = kz.digitaltenge.routes.einvoice.EinvoiceStatusRoutes.ROUTE_ID;
    private static final Logger LOG = LoggerFactory.getLogger(InvoiceStatusPublisher.class);

    private final CamelContext camel;
    private final ProducerTemplate producer;
    private final InvoiceRegistry invoices;
    private final PaymentOrders payments;
    private final DataSource db;
    private final ScheduledExecutorService sweeper;

    public InvoiceStatusPublisher(CamelContext camel, InvoiceRegistry invoices, PaymentOrders payments, DataSource db, long sweepSeconds) {
        this.camel = camel;
        this.producer = camel.createProducerTemplate();
        this.invoices = invoices;
        this.payments = payments;
        this.db = db;
        this.sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "einvoice-status-sweep");
            t.setDaemon(true);
            return t;
        });
        if (sweepSeconds > 0) {
            sweeper.scheduleWithFixedDelay(this::sweep, sweepSeconds, sweepSeconds, TimeUnit.SECONDS);
        }
    }

    /** The status of an invoice now, in the e-invoice IS's form (routes-einvoice {@link PaymentStatus}). */
    public PaymentStatus status(String registrationNumber) {
        InvoiceRegistry.InvoiceState s = invoices.find(registrationNumber, false).orElseThrow();
        java.util.List<PaymentStatus.Payment> paid = new ArrayList<>();
        for (PaymentOrders.Outcome o : payments.executedFor(registrationNumber)) {
            String at = o.updatedAt(); // when the order was executed, as recorded with it
            paid.add(new PaymentStatus.Payment(o.transactionId(), o.amount(), o.vat() == null ? "0.00" : o.vat(), at));
        }
        Fact f = s.fact();
        return new PaymentStatus(registrationNumber, PaymentStatus.State.valueOf(s.paymentStatus()), Tiyn.format(f.tiyn("net")),
                Tiyn.format(f.tiyn("vat")), Tiyn.format(f.tiyn("gross")), Tiyn.format(s.paid()), Tiyn.format(s.outstanding()),
                f.text("currency"), paid, java.time.Instant.now().toString());
    }

    /** Hands the invoice's status to the outbound route without waiting for the delivery (which may retry). */
    public void publish(String registrationNumber) {
        if (camel.getRoute(ROUTE) == null) {
            markSent(registrationNumber); // no route: nothing to deliver to
            return;
        }
        PaymentStatus body = status(registrationNumber);
        producer.asyncSend("direct:" + ROUTE, e -> {
            e.getMessage().setHeader("registrationNumber", registrationNumber);
            e.getMessage().setBody(body);
        }).whenComplete((done, failure) -> {
            if (failure == null && done.getException() == null) {
                markSent(registrationNumber); // delivered, or quarantined by the route after its retries
            } else {
                LOG.warn("status of invoice {} not delivered; the sweep sends it again", registrationNumber,
                        failure != null ? failure : done.getException());
            }
        });
    }

    void sweep() {
        try {
            for (String reg : unsent()) {
                publish(reg);
            }
        } catch (RuntimeException e) {
            LOG.warn("status sweep failed; next run retries", e);
        }
    }

    private List<String> unsent() {
        List<String> out = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("select distinct reference from payment_orders"
                + " where status = 'EXECUTED' and reference_kind = 'INVOICE' and not status_sent"
                + " and updated_at < clock_timestamp() - interval '30 seconds'")) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            LOG.warn("status sweep cannot read payment orders", e);
        }
        return out;
    }

    private void markSent(String registrationNumber) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("update payment_orders set status_sent = true"
                + " where reference_kind = 'INVOICE' and reference = ? and status = 'EXECUTED' and not status_sent")) {
            ps.setString(1, registrationNumber);
            ps.executeUpdate();
        } catch (SQLException e) {
            LOG.warn("status of invoice {} not marked sent; it may be sent again", registrationNumber, e);
        }
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
    }
}
