package kz.digitaltenge.routes.procurement.portal;

import static kz.digitaltenge.routes.procurement.portal.PortalSamples.client;
import static kz.digitaltenge.routes.procurement.portal.PortalSamples.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import kz.digitaltenge.routes.procurement.testing.FakePortal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PortalClientTest {
    private final FakePortal portal = new FakePortal();
    private final FakeClock clock = FakeClock.almatyAfternoon();

    @AfterEach
    void stop() {
        portal.close();
    }

    @Test
    void sendsTheBearerTokenAndAsksForJson() {
        portal.contract(57113, PortalSamples.contract(57113));
        Optional<JsonNode> record = client(portal, clock).get("/v3/contract/57113");

        assertThat(record).isPresent();
        assertThat(record.get().get("contract_number_sys").asText()).isEqualTo("000140001536/160113/00");
        assertThat(portal.requests()).singleElement().satisfies(r -> {
            assertThat(r.authorization()).isEqualTo("Bearer " + FakePortal.TOKEN);
            assertThat(r.accept()).isEqualTo("application/json");
        });
    }

    @Test
    void pathsThePortalNamesAreHostRelativeAndGetV3WhenTheyLackIt() {
        PortalClient client = client(portal, clock);
        assertThat(client.pathOf("/v3/contract?page=next&search_after=4996100"))
                .isEqualTo("/v3/contract?page=next&search_after=4996100");
        assertThat(client.pathOf("/lots?page=next&search_after=77")).isEqualTo("/v3/lots?page=next&search_after=77");
        assertThat(client.pathOf("contract/all")).isEqualTo("/v3/contract/all");
        assertThat(client.pathOf(portal.baseUrl() + "/v3/acts/5")).isEqualTo("/v3/acts/5");
        assertThat(client.pathOf("/v3/contract/number/?number=Д 17")).isEqualTo("/v3/contract/number/?number=%D0%94%2017");

        portal.answer("/v3/lots?page=next&search_after=77", "{\"total\":0,\"limit\":50,\"next_page\":\"\",\"items\":[]}");
        assertThat(client.get("/lots?page=next&search_after=77")).isPresent();
        assertThat(portal.paths()).containsExactly("/v3/lots?page=next&search_after=77");
    }

    @Test
    void anAbsoluteUrlOnAnotherHostIsRefusedAndThatHostHearsNothing() {
        try (FakePortal foreign = new FakePortal()) {
            PortalClient client = client(portal, clock);
            for (String elsewhere : List.of("http://localhost:" + foreign.port() + "/v3/contract/1",
                    "//localhost:" + foreign.port() + "/v3/contract/1",
                    "http://127.0.0.1:" + foreign.port() + "/v3/contract/1")) {
                assertThatThrownBy(() -> client.get(elsewhere))
                        .isInstanceOf(PortalUnavailable.class)
                        .hasMessageContaining("not followed")
                        .hasMessageNotContaining(FakePortal.TOKEN);
            }
            assertThat(foreign.requests()).isEmpty();
            assertThat(portal.requests()).isEmpty();
        }
    }

    @Test
    void aRetryAfterOf429IsHonouredThenTheAnswerComes() {
        portal.contract(1, PortalSamples.contract(1)).failNext(429, "3");
        assertThat(client(portal, clock).get("/v3/contract/1")).isPresent();

        assertThat(portal.requests()).hasSize(2);
        assertThat(clock.sleeps()).containsExactly(Duration.ofSeconds(3));
    }

    @Test
    void aRetryAfterLongerThanTheMaximumIsCapped() {
        portal.contract(1, PortalSamples.contract(1)).failNext(429, "3600");
        PortalSettings s = settings(portal).withBackoff(Duration.ofMillis(500), Duration.ofSeconds(20));
        assertThat(client(s, clock).get("/v3/contract/1")).isPresent();
        assertThat(clock.sleeps()).containsExactly(Duration.ofSeconds(20));
    }

    @Test
    void serverErrorsAreRetriedWithGrowingDelaysThenSucceed() {
        portal.contract(1, PortalSamples.contract(1)).failNext(2, 500).failNext(503, null);
        assertThat(client(portal, clock).get("/v3/contract/1")).isPresent();

        assertThat(portal.requests()).hasSize(4);
        assertThat(clock.sleeps()).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    @Test
    void persistentServerErrorsEndInPortalUnavailableAfterMaxAttemptsWithCappedDelays() {
        portal.failNext(10, 500);
        PortalSettings s = settings(portal).withMaxAttempts(6).withBackoff(Duration.ofMillis(500), Duration.ofSeconds(2));
        PortalClient client = new PortalClient(s, new PortalHealth(), clock, () -> ThreadLocalRandom.current().nextDouble());

        assertThatThrownBy(() -> client.get("/v3/contract/1"))
                .isInstanceOf(PortalUnavailable.class)
                .hasMessageContaining("6 attempts")
                .hasMessageContaining("HTTP 500: Error: scripted 500")
                .satisfies(e -> assertThat(((PortalFailure) e).httpStatus()).isEqualTo(500));
        assertThat(portal.requests()).hasSize(6);
        List<Duration> delays = clock.sleeps();
        assertThat(delays).hasSize(5);
        // equal jitter: each delay is between half and all of 500 ms, 1 s, 2 s, 2 s, 2 s
        long[] top = {500, 1000, 2000, 2000, 2000};
        for (int i = 0; i < delays.size(); i++) {
            assertThat(delays.get(i).toMillis()).isBetween(top[i] / 2, top[i]);
        }
        assertThat(delays.get(0)).isLessThanOrEqualTo(delays.get(1));
        assertThat(delays.get(1)).isLessThanOrEqualTo(delays.get(2));
        assertThat(client.health().snapshot().lastHttpStatus()).isEqualTo(500);
    }

    @Test
    void theBackoffDoublesUpToItsMaximumAndNeverOverflows() {
        PortalSettings s = settings(portal).withMaxAttempts(20).withBackoff(Duration.ofMillis(500), Duration.ofSeconds(30));
        PortalClient client = client(s, clock);
        assertThat(client.backoff(1, null)).isEqualTo(Duration.ofMillis(500));
        assertThat(client.backoff(4, null)).isEqualTo(Duration.ofSeconds(4));
        assertThat(client.backoff(7, null)).isEqualTo(Duration.ofSeconds(30));
        assertThat(client.backoff(19, null)).isEqualTo(Duration.ofSeconds(30));
        assertThat(client.backoff(2, Duration.ofSeconds(7))).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void anExpiredTokenIsRefusedAtOnceAndSaysHowToGetANewOne() {
        portal.contract(1, PortalSamples.contract(1)).acceptToken("the-new-token");
        PortalClient client = client(portal, clock);

        assertThatThrownBy(() -> client.get("/v3/contract/1"))
                .isInstanceOf(PortalUnauthorized.class)
                .hasMessageContaining("HTTP 401")
                .hasMessageContaining("expired")
                .hasMessageContaining("re-issues it in the portal profile")
                .hasMessageNotContaining(FakePortal.TOKEN);
        assertThat(portal.requests()).hasSize(1);
        assertThat(clock.sleeps()).isEmpty();
    }

    @Test
    void aTokenThePortalEchoesIsBlankedWholeWhereverTheMessageIsCut() {
        for (int at : new int[] {0, 90, 100, 110, 150, 190, 250}) {
            String padding = "x".repeat(at);
            portal.failNext(401, null, "{\"name\":\"Unauthorized\",\"message\":\"" + padding + " bad token " + FakePortal.TOKEN
                    + " given\",\"code\":0,\"status\":401}");
            assertThatThrownBy(() -> client(portal, clock).get("/v3/contract/1")).isInstanceOf(PortalUnauthorized.class)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain(FakePortal.TOKEN.substring(0, 8)));
            portal.failNext(500, null, padding + " plain text with " + FakePortal.TOKEN + " in it");
            portal.failNext(500, null, padding + " plain text with " + FakePortal.TOKEN + " in it");
            portal.failNext(500, null, padding + " plain text with " + FakePortal.TOKEN + " in it");
            portal.failNext(500, null, padding + " plain text with " + FakePortal.TOKEN + " in it");
            assertThatThrownBy(() -> client(portal, clock).get("/v3/contract/1")).isInstanceOf(PortalUnavailable.class)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain(FakePortal.TOKEN.substring(0, 8)));
        }
    }

    @Test
    void forbiddenIsATokenRefusalToo() {
        portal.failNext(403, null);
        assertThatThrownBy(() -> client(portal, clock).get("/v3/contract/1")).isInstanceOf(PortalUnauthorized.class);
        assertThat(portal.requests()).hasSize(1);
    }

    @Test
    void aMissingRecordIsEmptyAndNotRetried() {
        assertThat(client(portal, clock).get("/v3/contract/404404")).isEmpty();
        assertThat(portal.requests()).hasSize(1);
    }

    @Test
    void malformedJsonIsUnavailableWithItsReasonAndNotRetried() {
        portal.answer("/v3/contract/all", "{\"total\":2,\"items\":[{\"id\":1},");
        portal.answer("/v3/acts", "");
        PortalClient client = client(portal, clock);

        assertThatThrownBy(() -> client.get("/v3/contract/all"))
                .isInstanceOf(PortalUnavailable.class)
                .hasMessageContaining("GET /v3/contract/all with malformed JSON at line 1");
        assertThatThrownBy(() -> client.get("/v3/acts"))
                .isInstanceOf(PortalUnavailable.class)
                .hasMessageContaining("empty body");
        assertThat(portal.requests()).hasSize(2);
    }

    @Test
    void anotherClientErrorIsUnavailableAtOnceAndAnEchoedTokenIsBlanked() {
        portal.failNext(400, null, FakePortal.error(400, "Bad Request", "bad token " + FakePortal.TOKEN));
        assertThatThrownBy(() -> client(portal, clock).get("/v3/contract/1"))
                .isInstanceOf(PortalUnavailable.class)
                .hasMessageContaining("HTTP 400")
                .hasMessageContaining("bad token [token]")
                .hasMessageNotContaining(FakePortal.TOKEN);
        assertThat(portal.requests()).hasSize(1);
    }

    @Test
    void noAnswerAtAllIsRetriedThenUnavailable() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        PortalSettings s = PortalSettings.of(URI.create("http://127.0.0.1:" + closed), FakePortal.TOKEN).withMaxAttempts(3);
        assertThatThrownBy(() -> client(s, clock).get("/v3/contract/1"))
                .isInstanceOf(PortalUnavailable.class)
                .hasMessageContaining("3 attempts")
                .hasMessageContaining("no answer")
                .satisfies(e -> assertThat(((PortalFailure) e).httpStatus()).isZero());
        assertThat(clock.sleeps()).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1));
    }

    @Test
    void aTimeoutIsRetriedThenUnavailable() {
        portal.stall();
        PortalSettings s = settings(portal).withTimeout(Duration.ofMillis(300)).withMaxAttempts(2);
        assertThatThrownBy(() -> client(s, clock).get("/v3/contract/1"))
                .isInstanceOf(PortalUnavailable.class)
                .hasMessageContaining("2 attempts")
                .hasMessageContaining("no answer within PT0.3S");
        assertThat(clock.sleeps()).containsExactly(Duration.ofMillis(500));
    }
}
