package kz.digitaltenge.hub.flows;

import com.zaxxer.hikari.HikariDataSource;
import kz.digitaltenge.hub.pipeline.IntakeProperties;
import kz.digitaltenge.hub.quarantine.QuarantineStore;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The flows dashboard and its meters. */
@Configuration(proxyBeanMethods = false)
public class FlowsConfiguration {
    /** Needs the hub schema (its indexes by time), which the quarantine store migrates. */
    @Bean
    FlowStatistics flowStatistics(HikariDataSource dataSource, QuarantineStore migratedHubSchema) {
        return new FlowStatistics(dataSource);
    }

    @Bean(destroyMethod = "close")
    FlowMetrics flowMetrics(FlowStatistics statistics,
                            @org.springframework.beans.factory.annotation.Value("${hub.flows.metrics-refresh:10s}") java.time.Duration refresh) {
        return new FlowMetrics(statistics, refresh);
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnExpression("'${hub.intake.kafka-brokers:}' != ''")
    KafkaLag kafkaLag(IntakeProperties intake) {
        return new KafkaLag(intake.getKafkaBrokers(), intake.getKafkaGroupId());
    }
}
