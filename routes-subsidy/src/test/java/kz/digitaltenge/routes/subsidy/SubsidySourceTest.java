package kz.digitaltenge.routes.subsidy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import kz.digitaltenge.canonical.source.SourceSystem;
import kz.digitaltenge.routes.subsidy.testing.SubsidyEvents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The source as the hub sees it, and how the module wires itself. */
class SubsidySourceTest {
    private final ApplicationContextRunner hub = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SubsidyAutoConfiguration.class));

    @Test
    void theSourceDeclaresItselfAsAnEventProvider() {
        SubsidySource s = new SubsidySource();

        assertThat(s.id()).isEqualTo("subsidy");
        assertThat(s.role()).isEqualTo("EVENT_PROVIDER");
        assertThat(s.factTypes()).containsExactlyInAnyOrder("EVENT_REGISTERED", "EVENT_OCCURRED");
        assertThat(s.headers()).isEmpty();
        assertThat(s.takesCanonicalJson()).as("canonical messages sent to the source before this module still go in").isTrue();
        assertThat(s.translator()).isInstanceOf(SubsidyTranslator.class);
        assertThat(s.holdRules()).isInstanceOf(SubsidyHoldRules.class);
        assertThat(s.maxMessageBytes()).isEqualTo(RegisterLimits.DEFAULT.maxFileBytes());
        assertThat(s.transports().kafkaTopic()).isNull(); // the hub's default topic
        assertThat(s.transports().directory()).isNull();
        assertThat(s.transports().poll()).isNull();
        assertThat(s.paymentOrders()).isNull();
    }

    @Test
    void theModuleWiresItselfOnAHubsClasspath() throws IOException {
        try (InputStream in = getClass().getClassLoader()
                .getResourceAsStream("META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports")) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).contains(SubsidyAutoConfiguration.class.getName());
        }
        hub.run(ctx -> {
            assertThat(ctx).hasSingleBean(SourceSystem.class);
            SourceSystem s = ctx.getBean(SourceSystem.class);
            assertThat(s.id()).isEqualTo("subsidy");
            assertThat(s.transports().directory()).isNull();
        });
    }

    @Test
    void enabledFalseLeavesItOut() {
        hub.withPropertyValues("hub.sources.subsidy.enabled=false").run(ctx -> assertThat(ctx).doesNotHaveBean(SourceSystem.class));
    }

    @Test
    void anInboxTopicKatoTableAndLimitsAreSettings(@TempDir Path dir) throws IOException {
        Path table = dir.resolve("kato.csv");
        Files.writeString(table, "kato;level;parent;name;aliases\n110000000;REGION;;Акмолинская область;\n"
                + "116600000;DISTRICT;110000000;Целиноградский район;\n", StandardCharsets.UTF_8);
        hub.withPropertyValues("hub.sources.subsidy.inbox=" + dir.resolve("in"), "hub.sources.subsidy.kafka-topic=gis.subsidy",
                "hub.sources.subsidy.kato-table=" + table, "hub.sources.subsidy.max-file-bytes=2048").run(ctx -> {
            SourceSystem s = ctx.getBean(SourceSystem.class);
            assertThat(s.transports().directory()).isEqualTo(dir.resolve("in").toString());
            assertThat(s.transports().kafkaTopic()).isEqualTo("gis.subsidy");
            assertThat(s.maxMessageBytes()).isEqualTo(2048);
            var event = SubsidyEvents.registration("25010100000001", "10.00", Instant.parse("2025-01-15T05:30:00Z"),
                    Instant.parse("2025-12-31T00:00:00Z"));
            assertThat(s.translator().translate(SubsidyEvents.json(event), Map.of())).hasSize(1);
            event.put("region", "Алматинская область"); // not in the operator's table
            event.put("district", "Илийский район");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> s.translator().translate(SubsidyEvents.json(event), Map.of()))
                    .hasMessageContaining("not in the KATO table");
        });
    }
}
