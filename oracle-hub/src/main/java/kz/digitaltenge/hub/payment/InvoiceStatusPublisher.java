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
import kz.digitaltenge.canonical.ReasonCode;
import kz.digitaltenge.canonical.payment.InvoicePaymentStatus;
import kz.digitaltenge.canonical.payment.OutboundFailure;
import kz.digitaltenge.hub.quarantine.OutboundFailureRoute;
import kz.digitaltenge.hub.quarantine.QuarantineReplay;
import kz.digitaltenge.hub.quarantine.QuarantinedMessage;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands an invoice's payment status to {@link InvoicePaymentStatus#ENDPOINT} after each payment, for the route module
 * that reports to the invoice's issuer (routes-einvoice: Kafka topic and HTTP, with retries; quarantined as
 * {@code OUTBOUND_FAILED} when the IS stays down past the retry budget). Durable: executed orders whose status was
 * not handed over (a crash, a restart) are found by a sweep and sent again — a status is the invoice's whole state,
 * so sending it twice is harmless.
 */
public final class InvoiceStatusPublisher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(InvoiceStatusPublisher.class);

    private final CamelContext camel;
    private final ProducerTemplate producer;
    private final InvoiceRegistry invoices;
    private final PaymentOrders payments;
    private final DataSource db;
    private final ScheduledExecutorService sweeper;
    /** One thread per lane, an invoice always in the same lane: its statuses leave in order. */
    private final java.util.concurrent.ExecutorService[] lanes = new java.util.concurrent.ExecutorService[4];
    private final java.util.Set<String> waiting = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final StatusSentMarks marks;

    public InvoiceStatusPublisher(CamelContext camel, InvoiceRegistry invoices, PaymentOrders payments, DataSource db, long sweepSeconds) {
        this.camel = camel;
        this.producer = camel.createProducerTemplate();
        this.invoices = invoices;
        this.payments = payments;
        this.db = db;
        this.marks = new StatusSentMarks(db);
        for (int i = 0; i < lanes.length; i++) {
            int lane = i;
            lanes[i] = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "einvoice-status-" + lane);
                t.setDaemon(true);
                return t;
            });
        }
        this.sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "einvoice-status-sweep");
            t.setDaemon(true);
            return t;
        });
        if (sweepSeconds > 0) {
            sweeper.scheduleWithFixedDelay(this::sweep, sweepSeconds, sweepSeconds, TimeUnit.SECONDS);
        }
    }

    /** The status of an invoice now, in the hub's terms (a module writes it in the issuer's format). */
    public InvoicePaymentStatus status(String registrationNumber) {
        return statusWithOrders(registrationNumber, new ArrayList<>());
    }

    /** As {@link #status}, adding to {@code orders} the ids of the executed orders the status reports. */
    private InvoicePaymentStatus statusWithOrders(String registrationNumber, List<Long> orders) {
        InvoiceRegistry.InvoiceState s = invoices.find(registrationNumber, false).orElseThrow();
        List<InvoicePaymentStatus.Payment> paid = new ArrayList<>();
        for (PaymentOrders.Outcome o : payments.executedFor(registrationNumber)) {
            // when the order was executed, as recorded with it
            paid.add(new InvoicePaymentStatus.Payment(o.transactionId(), Tiyn.parse(o.amount()),
                    o.vat() == null ? 0 : Tiyn.parse(o.vat()), java.time.Instant.parse(o.updatedAt())));
            orders.add(o.id());
        }
        Fact f = s.fact();
        return new InvoicePaymentStatus(registrationNumber, s.paymentStatus(), f.tiyn("net"), f.tiyn("vat"), f.tiyn("gross"),
                s.paid(), s.outstanding(), f.text("currency"), paid, java.time.Instant.now());
    }

    /** Whether a route takes statuses (a module that reports them is on the classpath and has a destination). */
    private boolean delivered() {
        org.apache.camel.Endpoint endpoint = camel.hasEndpoint(InvoicePaymentStatus.ENDPOINT);
        return endpoint != null && camel.getRoutes().stream().anyMatch(r -> r.getEndpoint() == endpoint);
    }

    /**
     * Hands the invoice's status to the outbound route without waiting for the delivery (which may retry). One invoice's
     * statuses go out one after the other, each computed when it is sent, so the last one the IS gets is the invoice's
     * state now: two payments in quick succession could otherwise deliver PAID before PARTLY_PAID (each was computed
     * first and then raced to the broker). A send already waiting for the invoice carries the newer state too.
     */
    public void publish(String registrationNumber) {
        if (!delivered()) {
            markSent(registrationNumber); // no route: nothing to deliver to
            return;
        }
        if (!waiting.add(registrationNumber)) {
            return; // a send of this invoice is queued: it will compute the state as it is then
        }
        lanes[Math.floorMod(registrationNumber.hashCode(), lanes.length)].execute(() -> {
            waiting.remove(registrationNumber); // from here on a new payment queues a send of its own
            try {
                List<Long> reported = new ArrayList<>();
                org.apache.camel.Exchange done = producer.send(InvoicePaymentStatus.ENDPOINT, e -> {
                    e.getMessage().setHeader(InvoicePaymentStatus.REGISTRATION_NUMBER_HEADER, registrationNumber);
                    e.getMessage().setBody(statusWithOrders(registrationNumber, reported));
                });
                if (done.getException() == null) {
                    marks.sent(reported); // delivered, or quarantined by the route after its retries
                } else {
                    LOG.warn("status of invoice {} not delivered; the sweep sends it again", registrationNumber, done.getException());
                }
            } catch (RuntimeException e) {
                LOG.warn("status of invoice {} not delivered; the sweep sends it again", registrationNumber, e);
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

    /**
     * Retry of a status the issuer's system did not take (an {@code OUTBOUND_FAILED} entry about an invoice): the
     * invoice's status as it is now is sent again.
     */
    public QuarantineReplay.Outcome replay(QuarantinedMessage m) {
        String reg = m.headers().get(InvoicePaymentStatus.REGISTRATION_NUMBER_HEADER);
        if (reg == null || !ReasonCode.OUTBOUND_FAILED.name().equals(m.reasonCode())) {
            return QuarantineReplay.Outcome.noRoute("not an invoice's payment status");
        }
        if (!delivered()) {
            return QuarantineReplay.Outcome.failed(ReasonCode.OUTBOUND_FAILED, "no route takes payment statuses now");
        }
        org.apache.camel.Exchange done = producer.send(InvoicePaymentStatus.ENDPOINT, x -> {
            x.getMessage().setHeader(OutboundFailureRoute.REPLAY_HEADER, m.id());
            x.getMessage().setHeader(InvoicePaymentStatus.REGISTRATION_NUMBER_HEADER, reg);
            x.getMessage().setBody(status(reg));
        });
        if (done.getException() != null) {
            return QuarantineReplay.Outcome.failed(ReasonCode.OUTBOUND_FAILED, done.getException().getMessage());
        }
        String failure = done.getMessage().getHeader(OutboundFailure.MESSAGE_HEADER, String.class);
        return failure == null ? QuarantineReplay.Outcome.replayed(reg) : QuarantineReplay.Outcome.failed(ReasonCode.OUTBOUND_FAILED, failure);
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
        for (java.util.concurrent.ExecutorService lane : lanes) {
            lane.shutdownNow();
        }
        marks.close(); // after the lanes: what they marked is written
    }
}
