package kz.digitaltenge.routes.subsidy;

import java.nio.file.Path;
import kz.digitaltenge.canonical.source.SourceSystem;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The subsidy source wires itself: on a hub's classpath this module declares source {@code subsidy} to the intake
 * ({@code hub.sources.subsidy.enabled=false} leaves it out). Its settings, all optional:
 * <ul>
 *   <li>{@code hub.sources.subsidy.inbox}: a directory the hub watches (each file one register export or event file);</li>
 *   <li>{@code hub.sources.subsidy.kafka-topic}: the Kafka topic instead of the hub's default {@code <prefix>subsidy};</li>
 *   <li>{@code hub.sources.subsidy.kato-table}: a KATO table file (the format of the bundled {@code kato/regions.csv})
 *       used instead of the bundled one;</li>
 *   <li>{@code hub.sources.subsidy.max-file-bytes}, {@code hub.sources.subsidy.max-rows}: the register export's
 *       limits (10 MiB, 100,000 rows).</li>
 * </ul>
 */
@AutoConfiguration
public class SubsidyAutoConfiguration {
    @Bean
    @ConditionalOnProperty(prefix = "hub.sources.subsidy", name = "enabled", havingValue = "true", matchIfMissing = true)
    SourceSystem subsidySource(Environment env) {
        String table = env.getProperty("hub.sources.subsidy.kato-table", "");
        KatoTable kato = table.isBlank() ? KatoTable.bundled() : KatoTable.read(Path.of(table.strip()));
        RegisterLimits limits = RegisterLimits.DEFAULT
                .withMaxFileBytes(env.getProperty("hub.sources.subsidy.max-file-bytes", Long.class,
                        RegisterLimits.DEFAULT.maxFileBytes()))
                .withMaxRows(env.getProperty("hub.sources.subsidy.max-rows", Integer.class, RegisterLimits.DEFAULT.maxRows()));
        return new SubsidySource(kato, limits, env.getProperty("hub.sources.subsidy.inbox"),
                env.getProperty("hub.sources.subsidy.kafka-topic"));
    }
}
