package kz.digitaltenge.hub.payment;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import kz.digitaltenge.hub.payment.PaymentProperties;
import kz.digitaltenge.hub.pipeline.IntakeProperties;
import kz.digitaltenge.hub.quarantine.Quarantine;
import kz.digitaltenge.hub.quarantine.QuarantineReplay;
import kz.digitaltenge.hub.quarantine.QuarantinedMessage;
import kz.digitaltenge.routes.einvoice.EinvoiceStatusRoutes;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * routes-einvoice in the hub (the module declares source {@code einvoice} itself, by its auto-configuration): the statuses back to the e-invoice IS (Kafka topic when brokers are configured, HTTP when
 * an URL is); a status the IS does not take within the retry budget is quarantined ({@code OUTBOUND_FAILED}) and
 * can be retried from there.
 */
@Configuration(proxyBeanMethods = false)
public class EinvoiceConfiguration {
    /** Quarantine source of statuses that could not be delivered. */
    public static final String STATUS_SOURCE = "einvoice-status";
    static final String FAILED_URI = "direct:outbound-failed";
    static final String REPLAY_HEADER = "hubQuarantineReplay";

    /** The status routes when the IS can be reached (Kafka brokers or an URL configured); without either, no route. */
    @Bean
    RouteBuilder einvoiceStatusRoutes(PaymentProperties payments, IntakeProperties intake) {
        String kafka = intake.kafkaEnabled() ? "kafka:" + payments.getEinvoiceStatusTopic() + "?brokers=" + intake.getKafkaBrokers() : null;
        String http = payments.getEinvoiceStatusUrl() == null || payments.getEinvoiceStatusUrl().isBlank() ? null : payments.getEinvoiceStatusUrl();
        if (kafka == null && http == null) {
            return new RouteBuilder() {
                @Override
                public void configure() {
                    // statuses are computed (GET /api/invoices/{r}) but sent nowhere
                }
            };
        }
        return new EinvoiceStatusRoutes(kafka, http, Math.max(1, payments.getEinvoiceStatusAttempts()),
                payments.getEinvoiceStatusRetryDelay().toMillis(), FAILED_URI);
    }

    /** Where a status lands when the IS stayed down past the retry budget: the quarantine, with why. */
    @Bean
    RouteBuilder outboundFailedRoute(Quarantine quarantine) {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from(FAILED_URI).routeId("outbound-failed").process(e -> {
                    if (e.getMessage().getHeader(REPLAY_HEADER) != null) {
                        return; // a retry from the quarantine: the entry there records the new failure
                    }
                    Map<String, String> headers = new LinkedHashMap<>();
                    headers.put("registrationNumber", String.valueOf(e.getMessage().getHeader(EinvoiceStatusRoutes.KAFKA_KEY)));
                    quarantine.put(QuarantinedMessage.of(STATUS_SOURCE, String.valueOf(e.getMessage().getHeader(EinvoiceStatusRoutes.KAFKA_KEY)),
                            EinvoiceStatusRoutes.ROUTE_ID, kz.digitaltenge.canonical.ReasonCode.OUTBOUND_FAILED.name(),
                            e.getMessage().getHeader(EinvoiceStatusRoutes.OUTBOUND_MESSAGE, String.class), "application/json", headers,
                            e.getMessage().getBody(String.class).getBytes(StandardCharsets.UTF_8)));
                });
            }
        };
    }

    /** Retry of an undelivered status: the invoice's status as it is now is sent again. */
    @Bean
    QuarantineReplay statusReplay(ProducerTemplate producer, InvoiceStatusPublisher publisher) {
        return m -> {
            if (!STATUS_SOURCE.equals(m.sourceSystem())) {
                return QuarantineReplay.Outcome.noRoute("not an e-invoice status");
            }
            String reg = m.headers().get("registrationNumber");
            org.apache.camel.Exchange done = producer.send(EinvoiceStatusRoutes.ENDPOINT, x -> {
                x.getMessage().setHeader(REPLAY_HEADER, m.id());
                x.getMessage().setBody(publisher.status(reg));
            });
            if (done.getException() != null) {
                return QuarantineReplay.Outcome.failed(kz.digitaltenge.canonical.ReasonCode.OUTBOUND_FAILED, done.getException().getMessage());
            }
            Object reason = done.getMessage().getHeader(EinvoiceStatusRoutes.OUTBOUND_REASON);
            return reason == null ? QuarantineReplay.Outcome.replayed(reg)
                    : QuarantineReplay.Outcome.failed(kz.digitaltenge.canonical.ReasonCode.OUTBOUND_FAILED, String.valueOf(done.getMessage().getHeader(EinvoiceStatusRoutes.OUTBOUND_MESSAGE)));
        };
    }
}
