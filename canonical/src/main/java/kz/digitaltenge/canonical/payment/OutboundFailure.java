package kz.digitaltenge.canonical.payment;

/**
 * Where a route module hands a message it could not deliver to a source's system within its retry budget: the hub
 * consumes {@link #ENDPOINT} and quarantines the message ({@code OUTBOUND_FAILED}) under the source the module names,
 * with what failed, so the back office can retry it once the system is back. The body is the message as it was to
 * be sent; the exchange's other headers (e.g. {@link InvoicePaymentStatus#REGISTRATION_NUMBER_HEADER}) are kept.
 */
public final class OutboundFailure {
    public static final String ENDPOINT = "direct:outbound-failed";
    /** The quarantine source of the failed message (e.g. {@code einvoice-status}). */
    public static final String SOURCE_HEADER = "outboundSource";
    /** The route that gave up. */
    public static final String ROUTE_HEADER = "outboundRoute";
    /** What failed, after how many attempts: the entry's reason message. */
    public static final String MESSAGE_HEADER = "outboundMessage";

    private OutboundFailure() {
    }
}
