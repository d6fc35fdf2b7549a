package kz.digitaltenge.routes.einvoice;

import kz.digitaltenge.canonical.source.SourceSystem;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * The e-invoice source wires itself: on a hub's classpath this module declares source {@code einvoice} to the intake
 * ({@code hub.sources.einvoice.enabled=false} leaves it out). The hub adds nothing for it.
 */
@AutoConfiguration
public class EinvoiceAutoConfiguration {
    @Bean
    @ConditionalOnProperty(prefix = "hub.sources.einvoice", name = "enabled", havingValue = "true", matchIfMissing = true)
    SourceSystem einvoiceSource() {
        return new EinvoiceSource();
    }
}
