package kz.digitaltenge.routes.procurement.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PortalSettingsTest {
    private static final URI PORTAL = URI.create("https://ows.goszakup.gov.kz");
    private static final String TOKEN = "a1b2c3d4e5f6a7b8c9d0";

    @Test
    void defaultsAreTheDocumentedOnes() {
        PortalSettings s = PortalSettings.of(PORTAL, TOKEN + "\n");
        assertThat(s.token()).isEqualTo(TOKEN);
        assertThat(s.requestsPerSecond()).isEqualTo(5);
        assertThat(s.maxAttempts()).isEqualTo(4);
        assertThat(s.backoffBase()).isEqualTo(Duration.ofMillis(500));
        assertThat(s.backoffMax()).isGreaterThanOrEqualTo(s.backoffBase());
        assertThat(s.timeout()).isPositive();
    }

    @Test
    void toStringHidesTheToken() {
        PortalSettings s = PortalSettings.of(PORTAL, TOKEN);
        assertThat(s.toString()).doesNotContain(TOKEN).contains("token=[hidden]").contains("ows.goszakup.gov.kz");
    }

    @Test
    void badValuesAreRefusedWithTheirReason() {
        PortalSettings ok = PortalSettings.of(PORTAL, TOKEN);
        assertThatThrownBy(() -> PortalSettings.of(URI.create("ftp://ows.goszakup.gov.kz"), TOKEN))
                .hasMessageContaining("absolute http(s) URL");
        assertThatThrownBy(() -> PortalSettings.of(URI.create("/v3"), TOKEN)).hasMessageContaining("absolute http(s) URL");
        assertThatThrownBy(() -> PortalSettings.of(URI.create("https://ows.goszakup.gov.kz/?a=1"), TOKEN))
                .hasMessageContaining("no query");
        assertThatThrownBy(() -> PortalSettings.of(null, TOKEN)).hasMessageContaining("base URL is required");
        assertThatThrownBy(() -> PortalSettings.of(PORTAL, null)).hasMessageContaining("token is required");
        assertThatThrownBy(() -> PortalSettings.of(PORTAL, "  ")).hasMessageContaining("token is empty");
        assertThatThrownBy(() -> PortalSettings.of(PORTAL, "ab cd"))
                .hasMessageContaining("spaces or control characters").hasMessageNotContaining("ab cd");
        assertThatThrownBy(() -> ok.withRequestsPerSecond(0)).hasMessageContaining("requests per second");
        assertThatThrownBy(() -> ok.withRequestsPerSecond(Double.NaN)).hasMessageContaining("requests per second");
        assertThatThrownBy(() -> ok.withRequestsPerSecond(1000)).hasMessageContaining("at most 100");
        assertThatThrownBy(() -> ok.withMaxAttempts(0)).hasMessageContaining("max attempts must be 1 to 20");
        assertThatThrownBy(() -> ok.withTimeout(Duration.ZERO)).hasMessageContaining("timeout must be positive");
        assertThatThrownBy(() -> ok.withBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .hasMessageContaining("must not be less than its base");
        assertThat(ok.withRequestsPerSecond(0.5).requestsPerSecond()).isEqualTo(0.5);
    }
}
