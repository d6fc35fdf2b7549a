package kz.digitaltenge.hub.pipeline;

import com.zaxxer.hikari.HikariDataSource;
import kz.digitaltenge.hub.oracle.OracleSigner;
import kz.digitaltenge.hub.quarantine.Quarantine;
import kz.digitaltenge.hub.quarantine.QuarantineStore;
import kz.digitaltenge.ledger.fact.FactBook;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The fact pipeline's beans: the steps, the Camel routes, and the replay the quarantine uses. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IntakeProperties.class)
public class PipelineConfiguration {

    /** Needs the hub schema (intake_messages), which the quarantine store migrates. */
    /** The sources route modules declare (their own auto-configuration makes the beans) and those configured. */
    @Bean
    SourceSystems sourceSystems(org.springframework.beans.factory.ObjectProvider<kz.digitaltenge.canonical.source.SourceSystem> modules,
                                kz.digitaltenge.hub.routefiles.RouteFiles.Loaded routeFiles, IntakeProperties properties) {
        java.util.List<kz.digitaltenge.canonical.source.SourceSystem> declared = new java.util.ArrayList<>(modules.orderedStream().toList());
        declared.addAll(routeFiles.sources());
        return new SourceSystems(declared, properties);
    }

    /**
     * The registered facts as sources read them (a route module's translator takes this bean: a procurement amendment
     * finds its contract by the portal's id). Needs the hub schema (fact_lookup).
     */
    @Bean
    HubFactLookup hubFactLookup(FactBook facts, HikariDataSource dataSource, QuarantineStore migratedHubSchema) {
        return new HubFactLookup(facts, dataSource);
    }

    @Bean
    FactIntake factIntake(HikariDataSource dataSource, FactBook facts, OracleSigner signer, IntakeProperties properties,
                          QuarantineStore migratedHubSchema, kz.digitaltenge.ledger.registry.Registry registry,
                          SourceSystems sources, org.springframework.beans.factory.ObjectProvider<FactHook> hooks,
                          org.springframework.beans.factory.ObjectProvider<SourceFactReaction> hubReactions, HubFactLookup lookup) {
        return new FactIntake(dataSource, facts, signer, sources, properties.getSignedSources(), registry,
                hooks.orderedStream().toList(), hubReactions.orderedStream().toList(), lookup);
    }

    @Bean
    FactPipelineRoutes factPipelineRoutes(FactIntake intake, Quarantine quarantine, IntakeProperties properties) {
        return new FactPipelineRoutes(intake, quarantine, properties.effectivePublishUri());
    }

    /**
     * Kafka intake routes exist only when brokers are configured; without them the hub runs on HTTP intake. A
     * {@link BeforeOffsetCommit} bean is a test seam (crash before the offset commit); production defines none.
     */
    @Bean
    @org.springframework.boot.autoconfigure.condition.ConditionalOnProperty(prefix = "hub.intake", name = "kafka-brokers")
    KafkaIntakeRoutes kafkaIntakeRoutes(IntakeProperties properties, SourceSystems sources,
                                        org.springframework.beans.factory.ObjectProvider<BeforeOffsetCommit> beforeOffsetCommit) {
        return new KafkaIntakeRoutes(properties, sources, beforeOffsetCommit.getIfAvailable());
    }

    /** The scheduled polls of the sources that declare one (needs the hub schema: source_checkpoints). */
    @Bean
    PollIntakeRoutes pollIntakeRoutes(SourceSystems sources, HikariDataSource dataSource, QuarantineStore migratedHubSchema) {
        return new PollIntakeRoutes(sources, dataSource);
    }

    /**
     * The polled sources on the health page ({@code polledSources}): each one's state, last success and failure, its
     * checkpoint. Always UP itself: a source system that cannot be reached is shown, it never takes the hub out of a
     * load balancer.
     */
    @Bean
    org.springframework.boot.actuate.health.HealthIndicator polledSourcesHealthIndicator(PollIntakeRoutes polls) {
        return () -> org.springframework.boot.actuate.health.Health.up().withDetails(polls.health()).build();
    }

    /** The sources' record imports, each its own POST mapping (see {@link RecordImportController#registerImports}). */
    @Bean
    org.springframework.beans.factory.SmartInitializingSingleton recordImportMappings(RecordImportController imports,
            @org.springframework.beans.factory.annotation.Qualifier("requestMappingHandlerMapping")
            org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping mappings) {
        return () -> imports.registerImports(mappings);
    }

    /** The watched directories of the sources that declare one. */
    @Bean
    DirectoryIntakeRoutes directoryIntakeRoutes(SourceSystems sources) {
        return new DirectoryIntakeRoutes(sources);
    }

    @Bean
    PipelineReplay pipelineReplay(org.apache.camel.ProducerTemplate producer, FactIntake intake,
                                  kz.digitaltenge.hub.security.SenderResolver senders) {
        return new PipelineReplay(producer, intake, senders);
    }
}
