package kz.digitaltenge.hub.evidence;

import com.zaxxer.hikari.HikariDataSource;
import kz.digitaltenge.hub.config.HubProperties;
import kz.digitaltenge.hub.oracle.OracleSigner;
import kz.digitaltenge.hub.pipeline.IntakeProperties;
import kz.digitaltenge.hub.quarantine.QuarantineStore;
import kz.digitaltenge.ledger.registry.Registry;
import kz.digitaltenge.ledger.Ledger;
import org.apache.camel.ProducerTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Checkpoints of the evidence log (signed, stored, published, scheduled) and its export. */
@Configuration(proxyBeanMethods = false)
public class EvidenceConfiguration {

    /** Needs the hub schema (evidence_checkpoints), which the quarantine store migrates. */
    @Bean
    CheckpointStore checkpointStore(HikariDataSource dataSource, QuarantineStore migratedHubSchema) {
        return new CheckpointStore(dataSource);
    }

    /** Published where signed facts are ({@code hub.intake.effectivePublishUri()}: {@code hub.facts} with Kafka). */
    @Bean
    EvidenceCheckpoints evidenceCheckpoints(Ledger ledger, CheckpointStore store, OracleSigner signer,
                                            ProducerTemplate producer, IntakeProperties intake) {
        return new EvidenceCheckpoints(ledger.queries(), store, signer, producer, intake.effectivePublishUri());
    }

    @Bean(destroyMethod = "close")
    kz.digitaltenge.hub.config.PeriodicTask evidenceCheckpointScheduler(EvidenceCheckpoints checkpoints, HubProperties properties) {
        // a later checkpoint covers everything an earlier one would have: a failed pass loses nothing
        return new kz.digitaltenge.hub.config.PeriodicTask("evidence-checkpoint", "hub.evidence.checkpoint-interval",
                properties.getEvidence().getCheckpointInterval(), () -> checkpoints.checkpointIfMoved()
                        .ifPresent(cp -> org.slf4j.LoggerFactory.getLogger(EvidenceCheckpoints.class).info("evidence {} signed", cp)));
    }

    @Bean
    EvidenceExport evidenceExport(Ledger ledger, Registry registry) {
        return new EvidenceExport(ledger.queries(), registry);
    }
}
