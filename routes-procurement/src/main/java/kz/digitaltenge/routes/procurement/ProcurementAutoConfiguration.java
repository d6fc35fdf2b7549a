package kz.digitaltenge.routes.procurement;

import kz.digitaltenge.routes.procurement.project.ProjectImports;

import java.net.URI;
import java.util.Optional;
import kz.digitaltenge.canonical.source.FactLookup;
import kz.digitaltenge.canonical.source.SourceSystem;
import kz.digitaltenge.routes.procurement.contract.ProcurementTranslator;
import kz.digitaltenge.routes.procurement.contract.StatusNames;
import kz.digitaltenge.routes.procurement.portal.ContractStatusReference;
import kz.digitaltenge.routes.procurement.portal.PortalClient;
import kz.digitaltenge.routes.procurement.portal.PortalHealth;
import kz.digitaltenge.routes.procurement.portal.PortalPoller;
import kz.digitaltenge.routes.procurement.portal.PortalSettings;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The procurement source wires itself: on a hub's classpath this module declares source {@code procurement}
 * ({@code hub.sources.procurement.enabled=false} leaves it out), with its three imports, and — when
 * {@code hub.procurement.base-url} and {@code hub.procurement.token} are set — the portal's poll every
 * {@code hub.procurement.poll-interval}. The hub's registered facts ({@link FactLookup}, the hub's bean) are asked at
 * each translation, so this bean does not wait for them. Settings: {@link ProcurementProperties}.
 */
@AutoConfiguration
@EnableConfigurationProperties(ProcurementProperties.class)
public class ProcurementAutoConfiguration {
    @Bean
    @ConditionalOnProperty(prefix = "hub.sources.procurement", name = "enabled", havingValue = "true", matchIfMissing = true)
    SourceSystem procurementSource(ProcurementProperties properties, ObjectProvider<FactLookup> facts) {
        PortalPoller poller = null;
        if (properties.portalConfigured()) {
            PortalSettings settings = PortalSettings.of(URI.create(properties.getBaseUrl().strip()), properties.getToken())
                    .withRequestsPerSecond(properties.getRequestsPerSecond());
            poller = new PortalPoller(new PortalClient(settings, new PortalHealth()));
        }
        PortalPoller portal = poller;
        // the status names come from the portal's reference once a poll loaded it; without a portal, codes only
        StatusNames names = portal == null ? StatusNames.NONE
                : code -> portal.statuses().flatMap(r -> r.name(code)).map(ProcurementAutoConfiguration::name);
        ProcurementTranslator translator = new ProcurementTranslator(() -> facts.getIfAvailable(() -> ProcurementTranslator.NOTHING_REGISTERED),
                properties.toProgrammes(), names, properties.getMaxMessageBytes());
        ProjectImports projects = new ProjectImports(() -> facts.getIfAvailable(() -> ProcurementTranslator.NOTHING_REGISTERED));
        return new ProcurementSource(translator, projects, poller, properties.getPollInterval());
    }

    private static String name(ContractStatusReference.StatusName n) {
        return Optional.ofNullable(n.nameRu()).or(() -> Optional.ofNullable(n.code())).orElse(n.nameKz());
    }
}
