package kz.digitaltenge.routes.livestock;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import kz.digitaltenge.canonical.source.SourceSystem;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The module wires itself: on a hub's classpath it declares source livestock, unless told not to. */
class LivestockAutoConfigurationTest {
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(LivestockAutoConfiguration.class));

    @Test
    void declaresTheLivestockSource() {
        runner.run(context -> {
            SourceSystem s = context.getBean(SourceSystem.class);
            assertThat(s.id()).isEqualTo("livestock");
            assertThat(s.role()).isEqualTo("EVENT_PROVIDER");
            assertThat(s.factTypes()).containsExactlyInAnyOrder("EVENT_REGISTERED", "EVENT_OCCURRED");
            assertThat(s.headers()).isEqualTo(Set.of("format", "charset"));
            assertThat(s.translator()).isInstanceOf(LivestockReader.class);
            assertThat(s.holdRules()).isInstanceOf(LoanHoldRules.class);
            assertThat(s.takesCanonicalJson()).as("canonical messages sent to the source before this module still go in").isTrue();
            assertThat(s.transports().kafkaTopic()).as("the hub's default topic").isNull();
            assertThat(s.transports().directory()).isNull();
            assertThat(s.transports().poll()).isNull();
            assertThat(s.maxMessageBytes()).isEqualTo(LivestockReader.DEFAULT_MAX_BYTES);
            assertThat(s.paymentOrders()).isNull();
        });
    }

    @Test
    void watchesTheInboxWhenOneIsSetAndTakesItsSizeLimit() {
        runner.withPropertyValues("hub.sources.livestock.inbox=/var/hub/livestock-inbox",
                "hub.sources.livestock.max-bytes=65536").run(context -> {
                    SourceSystem s = context.getBean(SourceSystem.class);
                    assertThat(s.transports().directory()).isEqualTo("/var/hub/livestock-inbox");
                    assertThat(s.maxMessageBytes()).isEqualTo(65536);
                });
    }

    @Test
    void enabledFalseLeavesItOut() {
        runner.withPropertyValues("hub.sources.livestock.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(SourceSystem.class));
    }

    @Test
    void isListedForSpringBootsAutoConfiguration() throws IOException {
        try (InputStream in = getClass().getResourceAsStream(
                "/META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports")) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8).strip())
                    .isEqualTo(LivestockAutoConfiguration.class.getName());
        }
    }
}
