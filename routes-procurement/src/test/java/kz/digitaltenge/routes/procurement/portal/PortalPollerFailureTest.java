package kz.digitaltenge.routes.procurement.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import kz.digitaltenge.canonical.source.SourcePoller.Page;
import kz.digitaltenge.routes.procurement.testing.FakePortal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What a poll that fails leaves behind: the exception for the hub, the reason in the health, the checkpoint kept. */
class PortalPollerFailureTest {
    private static final String AT = "acts:2026-11-30|/v3/acts|0";
    private final FakePortal portal = new FakePortal();
    private final FakeClock clock = FakeClock.almatyAfternoon();

    @AfterEach
    void stop() {
        portal.close();
    }

    private PortalPoller poller() {
        return new PortalPoller(PortalSamples.client(portal, clock), 50);
    }

    @Test
    void aPortalThatKeepsFailingIsDownWithTheReasonAndThePollResumesWhereItStood() {
        portal.act(201, PortalSamples.act(201, 1));
        PortalPoller poller = poller();
        poller.poll("journal:2026-11-30||"); // statuses loaded, health UP
        portal.failNext(4, 500);

        assertThatThrownBy(() -> poller.poll(AT)).isInstanceOf(PortalUnavailable.class).hasMessageContaining("HTTP 500");

        Map<String, Object> health = poller.health();
        assertThat(health).containsEntry("state", "DOWN").containsEntry("checkpoint", AT)
                .containsEntry("lastHttpStatus", 500).containsEntry("tokenRefused", false)
                .containsKeys("lastSuccess", "lastFailure");
        assertThat((String) health.get("lastFailureReason")).contains("GET /v3/acts", "4 attempts", "HTTP 500");
        Page page = poller.poll(AT);
        assertThat(page.messages()).hasSize(1);
        assertThat(poller.health()).containsEntry("state", "UP");
    }

    @Test
    void anExpiredTokenStopsThePollAtOnceAndTheHealthSaysSoWithoutTheToken() {
        portal.acceptToken("re-issued-token");
        PortalPoller poller = poller();

        assertThatThrownBy(() -> poller.poll(null)).isInstanceOf(PortalUnauthorized.class)
                .hasMessageNotContaining(FakePortal.TOKEN);

        assertThat(portal.requests()).hasSize(1);
        Map<String, Object> health = poller.health();
        assertThat(health).containsEntry("state", "DOWN").containsEntry("tokenRefused", true)
                .containsEntry("lastHttpStatus", 401);
        assertThat((String) health.get("lastFailureReason")).contains("refused the token", "re-issues");
        assertThat(health.toString()).doesNotContain(FakePortal.TOKEN);
        assertThat(poller.statuses()).isEmpty();
    }

    @Test
    void aNextPageOnAnotherHostIsNotFollowedAndThatHostHearsNothing() {
        try (FakePortal foreign = new FakePortal()) {
            portal.pageSize(1).contract(1, PortalSamples.contract(1)).contract(2, PortalSamples.contract(2))
                    .nextPageStyle(p -> "http://localhost:" + foreign.port() + p);
            PortalPoller poller = poller();

            assertThatThrownBy(() -> poller.poll(null)).isInstanceOf(PortalUnavailable.class)
                    .hasMessageContaining("not followed");

            assertThat(foreign.requests()).isEmpty();
            assertThat(poller.portalHealth().state()).isEqualTo(PortalHealth.State.DOWN);
            assertThat(poller.portalHealth().snapshot().checkpoint()).isNull();
        }
    }

    @Test
    void malformedJsonFailsThePollWithAClearReason() {
        portal.answer("/v3/acts", "{\"total\":1,\"items\":[{\"id\":201,\"sum_transfer\":12,}]}");
        PortalPoller poller = poller();

        assertThatThrownBy(() -> poller.poll(AT)).isInstanceOf(PortalUnavailable.class)
                .hasMessageContaining("GET /v3/acts with malformed JSON at line 1, column");
        assertThat((String) poller.health().get("lastFailureReason")).contains("malformed JSON");
        assertThat(portal.paths().stream().filter(p -> p.equals("/v3/acts"))).hasSize(1);
    }

    @Test
    void aJournalItemWithoutATimeFailsRatherThanBeSkipped() {
        portal.journalItem("7", "U", "soon", "acts", "");
        assertThatThrownBy(() -> poller().poll("journal:2026-11-30||")).isInstanceOf(PortalUnavailable.class)
                .hasMessageContaining("object_id 7").hasMessageContaining("'soon' is no timestamp");
    }

    @Test
    void aCheckpointOfSomethingElseIsRefusedAndShown() {
        PortalPoller poller = poller();
        assertThatThrownBy(() -> poller.poll("offset=42")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("checkpoint 'offset=42' is not the procurement portal poller's");
        assertThat(poller.health()).containsEntry("state", "DOWN").containsEntry("checkpoint", "offset=42");
        assertThat(portal.requests()).isEmpty();
    }
}
