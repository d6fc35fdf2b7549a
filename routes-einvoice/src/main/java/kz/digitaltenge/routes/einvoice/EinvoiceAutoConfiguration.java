package kz.digitaltenge.routes.einvoice;

import java.time.Duration;
import kz.digitaltenge.canonical.payment.OutboundFailure;
import kz.digitaltenge.canonical.source.SourceSystem;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The e-invoice source wires itself: on a hub's classpath this module declares source {@code einvoice} to the intake
 * ({@code hub.sources.einvoice.enabled=false} leaves it out), and the route of payment statuses back to the IS.
 * The hub adds nothing for it.
 */
@AutoConfiguration
public class EinvoiceAutoConfiguration {
    @Bean
    @ConditionalOnProperty(prefix = "hub.sources.einvoice", name = "enabled", havingValue = "true", matchIfMissing = true)
    SourceSystem einvoiceSource() {
        return new EinvoiceSource();
    }

    /**
     * The payment statuses back to the IS, when it can be reached: the Kafka topic {@code hub.payments.einvoice-status-topic}
     * when the hub has brokers ({@code hub.intake.kafka-brokers}), a POST to {@code hub.payments.einvoice-status-url} when
     * one is set, retried {@code einvoice-status-attempts} times {@code einvoice-status-retry-delay} apart, then handed to
     * the hub's quarantine. With neither destination there is no route: statuses are computed and sent nowhere.
     */
    @Bean
    @ConditionalOnProperty(prefix = "hub.sources.einvoice", name = "enabled", havingValue = "true", matchIfMissing = true)
    RouteBuilder einvoiceStatusRoutes(Environment env) {
        String brokers = env.getProperty("hub.intake.kafka-brokers", "");
        String topic = env.getProperty("hub.payments.einvoice-status-topic", "hub.einvoice.statuses");
        String url = env.getProperty("hub.payments.einvoice-status-url", "");
        int attempts = Math.max(1, env.getProperty("hub.payments.einvoice-status-attempts", Integer.class, 5));
        Duration delay = env.getProperty("hub.payments.einvoice-status-retry-delay", Duration.class, Duration.ofSeconds(2));
        String kafka = brokers.isBlank() ? null : "kafka:" + topic + "?brokers=" + brokers;
        if (kafka == null && url.isBlank()) {
            return new RouteBuilder() {
                @Override
                public void configure() {
                    // no destination: statuses are computed (GET /api/invoices/{r}) but sent nowhere
                }
            };
        }
        return new EinvoiceStatusRoutes(kafka, url.isBlank() ? null : url, attempts, delay.toMillis(), OutboundFailure.ENDPOINT);
    }
}
