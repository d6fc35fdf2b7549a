package kz.digitaltenge.routes.procurement;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import kz.digitaltenge.canonical.source.FactLookup;
import kz.digitaltenge.canonical.source.KnownFact;
import kz.digitaltenge.canonical.source.RecordImport;
import kz.digitaltenge.canonical.source.SourceSystem;
import kz.digitaltenge.routes.procurement.contract.AlreadyRegisteredCheck;
import kz.digitaltenge.routes.procurement.contract.ContractVersionCheck;
import kz.digitaltenge.routes.procurement.contract.ProcurementTranslator;
import kz.digitaltenge.routes.procurement.portal.PortalPoller;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The source as the hub sees it, and how the module wires itself. */
class ProcurementSourceTest {
    private final ApplicationContextRunner hub = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ProcurementAutoConfiguration.class));

    @Test
    void theSourceDeclaresItselfItsImportsAndItsLookupTerms() throws IOException {
        try (InputStream in = getClass().getClassLoader()
                .getResourceAsStream("META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports")) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).contains(ProcurementAutoConfiguration.class.getName());
        }
        hub.run(ctx -> {
            assertThat(ctx).hasSingleBean(SourceSystem.class);
            SourceSystem s = ctx.getBean(SourceSystem.class);
            assertThat(s.id()).isEqualTo("procurement");
            assertThat(s.role()).isEqualTo("EVENT_PROVIDER");
            assertThat(s.factTypes()).containsExactlyInAnyOrder("CONTRACT_REGISTERED", "PROJECT_DEFINED");
            assertThat(s.translator()).isInstanceOf(kz.digitaltenge.canonical.source.BatchTranslator.class);
            assertThat(s.takesCanonicalJson()).isFalse();
            assertThat(s.imports()).extracting(RecordImport::path).containsExactly("contracts", "acts", "treasury-pay",
                    "projects", "subcontracts");
            assertThat(s.imports().subList(0, 3)).allSatisfy(i -> assertThat(i.roles()).containsExactlyInAnyOrder("TREASURY", "BACK_OFFICE"));
            assertThat(s.imports().get(3).roles()).containsExactlyInAnyOrder("TREASURY", "ISSUER");
            assertThat(s.imports().get(4).roles()).containsExactly("TAXPAYER");
            assertThat(s.lookupTerms()).containsExactlyInAnyOrder("portalId", "rootId", "parent");
            assertThat(s.checks()).hasExactlyElementsOfTypes(AlreadyRegisteredCheck.class, ContractVersionCheck.class);
            assertThat(s.maxMessageBytes()).isEqualTo(20L * 1024 * 1024);
            assertThat(s.transports().poll()).as("no portal configured: no poll").isNull();
            assertThat(s.poller()).isNull();
            assertThat(s.headers()).as("import and callerParty are the hub's own, never the caller's").isEmpty();
            // without the hub's facts (no FactLookup bean) nothing is registered
            assertThat(s.translator().translate(kz.digitaltenge.routes.procurement.contract.RecordsForSource.contract(), java.util.Map.of()))
                    .hasSize(1);
        });
    }

    @Test
    void enabledFalseLeavesItOut() {
        hub.withPropertyValues("hub.sources.procurement.enabled=false").run(ctx -> assertThat(ctx).doesNotHaveBean(SourceSystem.class));
    }

    @Test
    void aPortalAddressAndTokenMakeThePoll() {
        hub.withPropertyValues("hub.procurement.base-url=https://ows.goszakup.gov.kz", "hub.procurement.token=secret-token-1",
                "hub.procurement.poll-interval=2m", "hub.procurement.requests-per-second=2").run(ctx -> {
            SourceSystem s = ctx.getBean(SourceSystem.class);
            assertThat(s.transports().poll()).isEqualTo(Duration.ofMinutes(2));
            assertThat(s.poller()).isInstanceOf(PortalPoller.class);
            assertThat(ctx.getBean(ProcurementProperties.class).toString()).doesNotContain("secret-token-1").contains("[hidden]");
        });
        hub.withPropertyValues("hub.procurement.base-url=https://ows.goszakup.gov.kz").run(ctx ->
                assertThat(ctx.getBean(SourceSystem.class).poller()).as("a token is needed too").isNull());
    }

    @Test
    void programmesAreSettingsAndAWrongOneStopsTheStart() {
        hub.withPropertyValues("hub.procurement.programmes[0].name=railway", "hub.procurement.programmes[0].customer-bins=000140001536",
                "hub.procurement.programmes[0].cash-out=PERCENT", "hub.procurement.programmes[0].percent=30",
                "hub.procurement.programmes[1].name=roads", "hub.procurement.programmes[1].finsources=5,6").run(ctx -> {
            var p = ctx.getBean(ProcurementProperties.class).toProgrammes();
            assertThat(p.configured()).hasSize(2);
            assertThat(p.configured().get(0).cashOut().term()).isEqualTo("PERCENT:30");
            assertThat(p.configured().get(1).finsources()).containsExactlyInAnyOrder(5L, 6L);
        });
        hub.withPropertyValues("hub.procurement.programmes[0].name=railway", "hub.procurement.programmes[0].cash-out=PERCENT",
                "hub.procurement.programmes[0].customer-bins=000140001536").run(ctx ->
                assertThat(ctx).hasFailed().getFailure().hasStackTraceContaining("percent"));
        hub.withPropertyValues("hub.procurement.programmes[0].name=everything").run(ctx ->
                assertThat(ctx).hasFailed().getFailure().hasStackTraceContaining("names no customer"));
    }

    @Test
    void theHubsFactsAreAskedAtTranslationTime() {
        FactLookup empty = (type, subject) -> Optional.<KnownFact>empty();
        hub.withBean(FactLookup.class, () -> empty).run(ctx -> {
            SourceSystem s = ctx.getBean(SourceSystem.class);
            assertThat(s.translator().translate(kz.digitaltenge.routes.procurement.contract.RecordsForSource.contract(), java.util.Map.of()))
                    .hasSize(1);
        });
    }
}
