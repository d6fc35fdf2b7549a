package kz.digitaltenge.hub.payment;

import java.util.function.Function;
import kz.digitaltenge.hub.quarantine.QuarantineReplay;
import kz.digitaltenge.hub.quarantine.QuarantinedMessage;

/**
 * Retries a refused payment order from the quarantine: the stored original (a 1C document or the JSON order, as
 * edited by the back office for an edit-and-retry) is read again and the order processed again.
 */
public final class PaymentReplay implements QuarantineReplay {
    /** The quarantine's source system for refused payment orders. */
    public static final String SOURCE = "erp-1c-payments";

    private final PaymentOrders orders;
    private final Function<QuarantinedMessage, PaymentRequest> reader;

    public PaymentReplay(PaymentOrders orders, Function<QuarantinedMessage, PaymentRequest> reader) {
        this.orders = orders;
        this.reader = reader;
    }

    @Override
    public Outcome replay(QuarantinedMessage m) {
        if (!SOURCE.equals(m.sourceSystem())) {
            return Outcome.noRoute("not a payment order");
        }
        PaymentRequest r;
        try {
            r = reader.apply(m);
        } catch (kz.digitaltenge.ledger.fact.SourceMessageRejected e) {
            return Outcome.failed(e.reason(), e.getMessage());
        }
        PaymentOrders.Outcome o = orders.retry(r, "quarantine-retry");
        return switch (o.status()) {
            case "EXECUTED" -> Outcome.replayed(o.transactionId());
            case "AWAITING_CONFIRMATION" -> Outcome.replayed("payment-order:" + o.id());
            default -> Outcome.failed(o.reasonCode() == null ? o.status() : o.reasonCode(), o.message());
        };
    }
}
