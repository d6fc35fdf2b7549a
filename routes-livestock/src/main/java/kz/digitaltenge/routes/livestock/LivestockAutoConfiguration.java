package kz.digitaltenge.routes.livestock;

import kz.digitaltenge.canonical.source.SourceSystem;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * The livestock source wires itself: on a hub's classpath this module declares source {@code livestock}
 * ({@code hub.sources.livestock.enabled=false} leaves it out). {@code hub.sources.livestock.inbox} names a directory
 * the hub watches for files of events; {@code hub.sources.livestock.max-bytes} the largest file (8 MiB by default).
 */
@AutoConfiguration
public class LivestockAutoConfiguration {
    @Bean
    @ConditionalOnProperty(prefix = "hub.sources.livestock", name = "enabled", havingValue = "true", matchIfMissing = true)
    SourceSystem livestockSource(@Value("${hub.sources.livestock.inbox:}") String inbox,
                                 @Value("${hub.sources.livestock.max-bytes:" + LivestockReader.DEFAULT_MAX_BYTES + "}")
                                 long maxBytes) {
        return new LivestockSource(new LivestockReader(maxBytes), inbox);
    }
}
