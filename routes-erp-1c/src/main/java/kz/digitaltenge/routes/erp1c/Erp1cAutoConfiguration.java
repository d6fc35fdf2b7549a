package kz.digitaltenge.routes.erp1c;

import java.time.Clock;
import java.time.ZoneId;
import kz.digitaltenge.canonical.source.SourceSystem;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * The 1C source wires itself: on a hub's classpath this module declares source {@code erp-1c}
 * ({@code hub.sources.erp-1c.enabled=false} leaves it out). Its settings keep the names they had in the hub:
 * {@code hub.payments.erp1c-inbox} (a watched directory) and {@code hub.payments.statement-sender}.
 */
@AutoConfiguration
public class Erp1cAutoConfiguration {
    /** Statement dates are Kazakhstan's days, whatever the server's zone. */
    private static final ZoneId KAZAKHSTAN = ZoneId.of("Asia/Almaty");

    @Bean
    @ConditionalOnProperty(prefix = "hub.sources.erp-1c", name = "enabled", havingValue = "true", matchIfMissing = true)
    SourceSystem erp1cSource(@Value("${hub.payments.erp1c-inbox:}") String inbox,
                             @Value("${hub.payments.statement-sender:Digital tenge hub}") String statementSender) {
        return new Erp1cSource(new Erp1cPaymentOrders(new StatementWriter(statementSender, Clock.system(KAZAKHSTAN))), inbox);
    }
}
