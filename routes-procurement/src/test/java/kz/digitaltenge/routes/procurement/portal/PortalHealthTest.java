package kz.digitaltenge.routes.procurement.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PortalHealthTest {
    private static final Instant T1 = Instant.parse("2026-11-30T09:00:00Z");
    private static final Instant T2 = Instant.parse("2026-11-30T09:05:00Z");

    @Test
    void unknownUntilTheFirstPoll() {
        PortalHealth health = new PortalHealth();
        assertThat(health.state()).isEqualTo(PortalHealth.State.UNKNOWN);
        assertThat(health.details()).containsEntry("state", "UNKNOWN").containsEntry("tokenRefused", false)
                .doesNotContainKeys("lastSuccess", "lastFailure", "lastFailureReason", "lastHttpStatus", "checkpoint");
    }

    @Test
    void upAfterASuccessDownAfterAFailureWithItsReason() {
        PortalHealth health = new PortalHealth();
        health.succeeded(T1, "acts:2026-11-30|/v3/acts|0");
        health.httpStatus(200);
        assertThat(health.details()).containsEntry("state", "UP").containsEntry("lastSuccess", "2026-11-30T09:00:00Z")
                .containsEntry("lastHttpStatus", 200).containsEntry("checkpoint", "acts:2026-11-30|/v3/acts|0");

        health.httpStatus(503);
        health.failed(T2, "the portal gave no usable answer", false, "acts:2026-11-30|/v3/acts|0");
        Map<String, Object> down = health.details();
        assertThat(down).containsEntry("state", "DOWN").containsEntry("lastFailure", "2026-11-30T09:05:00Z")
                .containsEntry("lastFailureReason", "the portal gave no usable answer")
                .containsEntry("lastSuccess", "2026-11-30T09:00:00Z").containsEntry("lastHttpStatus", 503);
    }

    @Test
    void aRefusedTokenShowsUntilAPollSucceeds() {
        PortalHealth health = new PortalHealth();
        health.failed(T1, "refused", true, null);
        assertThat(health.snapshot().tokenRefused()).isTrue();
        health.succeeded(T2, "journal:2026-11-30||");
        assertThat(health.snapshot().tokenRefused()).isFalse();
        assertThat(health.snapshot().lastFailureReason()).isEqualTo("refused");
    }

    @Test
    void detailsAreAnImmutableSnapshot() {
        PortalHealth health = new PortalHealth();
        health.succeeded(T1, "contracts:2026-11-30|/v3/contract/all|0");
        Map<String, Object> before = health.details();
        health.failed(T2, "later", false, "x");
        assertThat(before).containsEntry("state", "UP");
        assertThatThrownBy(() -> before.put("state", "DOWN")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aLongCheckpointIsShownShortened() {
        PortalHealth health = new PortalHealth();
        health.succeeded(T1, "journal:2026-11-30|2026-11-30 14:02:11|" + "contract/1/U,".repeat(100));
        assertThat((String) health.details().get("checkpoint")).hasSize(PortalHealth.SHOWN_CHECKPOINT_CHARS + 1).endsWith("…");
    }
}
