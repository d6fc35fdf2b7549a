package kz.digitaltenge.hub.quarantine;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import kz.digitaltenge.canonical.ReasonCode;
import kz.digitaltenge.canonical.payment.InvoicePaymentStatus;
import kz.digitaltenge.canonical.payment.OutboundFailure;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;

/**
 * {@link OutboundFailure#ENDPOINT}: a message a route module could not deliver to a source's system within its retry
 * budget lands in the quarantine ({@code OUTBOUND_FAILED}) under the source the module names, with what failed, the
 * message as it was to be sent, and what it was about ({@link #SUBJECT_HEADERS}), so a retry can send it again.
 */
public final class OutboundFailureRoute extends RouteBuilder {
    /** Marks a send made by a quarantine retry: the entry being retried records the new failure itself. */
    public static final String REPLAY_HEADER = "hubQuarantineReplay";
    /** The exchange headers kept with the entry (what the message was about). */
    static final java.util.List<String> SUBJECT_HEADERS = java.util.List.of(InvoicePaymentStatus.REGISTRATION_NUMBER_HEADER);

    private final Quarantine quarantine;

    public OutboundFailureRoute(Quarantine quarantine) {
        this.quarantine = quarantine;
    }

    @Override
    public void configure() {
        from(OutboundFailure.ENDPOINT).routeId("outbound-failed").process(e -> {
            Message in = e.getMessage();
            if (in.getHeader(REPLAY_HEADER) != null) {
                return;
            }
            Map<String, String> headers = new LinkedHashMap<>();
            String subject = null;
            for (String h : SUBJECT_HEADERS) {
                String v = in.getHeader(h, String.class);
                if (v != null) {
                    headers.put(h, v);
                    subject = subject == null ? v : subject;
                }
            }
            String body = in.getBody(String.class);
            quarantine.put(QuarantinedMessage.of(in.getHeader(OutboundFailure.SOURCE_HEADER, "outbound", String.class), subject,
                    in.getHeader(OutboundFailure.ROUTE_HEADER, "outbound", String.class), ReasonCode.OUTBOUND_FAILED.name(),
                    in.getHeader(OutboundFailure.MESSAGE_HEADER, String.class), "application/json", headers,
                    body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8)));
        });
    }
}
