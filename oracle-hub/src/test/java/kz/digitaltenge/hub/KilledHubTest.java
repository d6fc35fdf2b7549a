package kz.digitaltenge.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import kz.digitaltenge.hub.api.TransactionJson.InputJson;
import kz.digitaltenge.hub.api.TransactionJson.OutputJson;
import kz.digitaltenge.hub.api.TransactionJson.TransactionRequest;
import kz.digitaltenge.hub.demo.DemoClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real hub process killed in the middle of settling held money ({@code Runtime.halt} at a seam: no shutdown, as
 * {@code kill -9}), then started again on the same data directory: once killed after the occurrence's fact was
 * stored and before it was decided, once after it was decided and before the release was committed. The restarted
 * hub's sweep finishes each, and each occurrence releases exactly once — a redelivery afterwards moves nothing.
 */
class KilledHubTest {
    @TempDir
    Path data;

    private final int port = freePort();
    private final int hazelcast = 30000 + ThreadLocalRandom.current().nextInt(9000);
    private final String cluster = "killed-" + UUID.randomUUID();
    private int started;

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Process start(String stage, String subject) throws Exception {
        Path log = Path.of("target", "killed-hub-" + (++started) + ".log");
        Files.createDirectories(log.getParent());
        Process p = new ProcessBuilder(new File(System.getProperty("java.home"), "bin/java").getPath(), "-Xmx768m",
                "-Dhalt.stage=" + stage, "-Dhalt.subject=" + subject, "-cp", System.getProperty("java.class.path"),
                KilledHubMain.class.getName(), "--server.port=" + port, "--hub.data-dir=" + data,
                "--hub.hazelcast.port=" + hazelcast, "--hub.hazelcast.cluster-name=" + cluster,
                "--hub.holds.settlement-interval=1s", "--hub.holds.expiry-interval=10m", "--logging.level.root=WARN")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        HttpClient http = HttpClient.newHttpClient();
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).until(() -> {
            if (!p.isAlive()) {
                throw new IllegalStateException("the hub process ended at start: " + Files.readString(log));
            }
            try {
                return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
            } catch (java.io.IOException e) {
                return false;
            }
        });
        return p;
    }

    private static Map<String, Object> message(String id, String type, String subject, Map<String, String> terms) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sourceMessageId", id);
        m.put("type", type);
        m.put("subject", subject);
        m.put("terms", terms);
        m.put("occurredAt", Instant.now().toString());
        return m;
    }

    @Test
    void aHubKilledBeforeADecisionAndOneKilledBeforeItsReleaseEachReleaseOnceAfterARestart() throws Exception {
        String a = "KILL-A-" + UUID.randomUUID().toString().substring(0, 8);
        String b = "KILL-B-" + UUID.randomUUID().toString().substring(0, 8);
        Process first = start("before-decision", a);
        DemoClient hub = new DemoClient(URI.create("http://localhost:" + port + "/"), new PrintStream(java.io.OutputStream.nullOutputStream()));
        DemoClient.Users users = DemoClient.Users.demo();
        String bic = DemoClient.bic();
        DemoClient.Party bank = hub.party("Killed Bank", List.of("BANK"), bic);
        DemoClient.Party issuer = hub.party("Killed Issuer", List.of("ISSUER"), DemoClient.bic());
        DemoClient.Party sender = hub.party("Killed Sender", List.of(), null);
        String senderAcc = hub.account(sender.id(), "COMPANY", bic);
        String recipientAcc = hub.account(hub.party("Killed Recipient", List.of(), null).id(), "COMPANY", bic);
        String coin = hub.submit(users.issuer(), new TransactionRequest("ISSUE", "killed-" + a, List.of(),
                List.of(new OutputJson(senderAcc, "1000.00")), null), issuer).json().path("txId").asText();
        int index = 0;
        for (String event : List.of(a, b)) {
            hub.call("POST", "/api/intake/" + HeldTestSource.ID, users.events(), "application/json", DemoClient.json(message("reg-" + event,
                    "EVENT_REGISTERED", event, Map.of("sender", senderAcc, "recipient", recipientAcc, "amount", "50000",
                            "validUntil", Instant.now().plus(Duration.ofDays(10)).toString(), "holdType", "UNLIMITED"))), 202);
            String approval = hub.call("POST", "/api/programmable/events/" + event + "/hold-approvals", users.treasury(),
                    "application/json", DemoClient.json(Map.of("amount", "500.00")), 201).json().path("factId").asText();
            String eventFact = hub.getJson("/api/programmable/events/" + event, users.admin()).path("factId").asText();
            List<OutputJson> outs = index == 0 ? List.of(new OutputJson(senderAcc, "500.00", null, "EVENT:" + event), new OutputJson(senderAcc, "500.00"))
                    : List.of(new OutputJson(senderAcc, "500.00", null, "EVENT:" + event));
            coin = hub.submit(users.treasury(), new TransactionRequest("HOLD", "killed-hold-" + event, List.of(new InputJson(coin, index)),
                    outs, List.of(eventFact, approval), null), sender).json().path("txId").asText();
            index = 1;
        }
        Map<String, Object> occurredA = message("occ-" + a, "EVENT_OCCURRED", a, Map.of("occurrence", "batch", "action", "RELEASE", "pay", "10000"));
        Map<String, Object> occurredB = message("occ-" + b, "EVENT_OCCURRED", b, Map.of("occurrence", "batch", "action", "RELEASE", "pay", "20000"));

        // killed after A's fact is stored, before it is decided: the intake's call never gets its answer
        post(hub, occurredA);
        assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(first.exitValue()).isEqualTo(137);

        // started again (armed for B, after its decision): the sweep decides and releases A, once
        Process second = start("before-carrying-out", b);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(() -> "100.00".equals(hub.balance(recipientAcc)));
        post(hub, occurredB);
        assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(second.exitValue()).isEqualTo(137);

        // started again: B's decision, recorded but not carried out, is released once
        Process third = start("", "");
        try {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(() -> "300.00".equals(hub.balance(recipientAcc)));
            // the source sends both again: duplicates, and nothing moves twice
            for (Map<String, Object> again : List.of(occurredA, occurredB)) {
                DemoClient.HttpResult r = hub.call("POST", "/api/intake/" + HeldTestSource.ID, users.events(), "application/json",
                        DemoClient.json(again), 202);
                assertThat(r.json().path("status").asText()).isEqualTo("DUPLICATE");
            }
            assertThat(hub.balance(recipientAcc)).isEqualTo("300.00");
            assertThat(hub.getJson("/api/programmable/events/" + a, users.admin()).path("heldNow").asText()).isEqualTo("400.00");
            assertThat(hub.getJson("/api/programmable/events/" + b, users.admin()).path("heldNow").asText()).isEqualTo("300.00");
            assertThat(hub.getJson("/api/ledger/supply/audit", users.admin()).path("consistent").asBoolean()).isTrue();
        } finally {
            third.destroy();
            third.waitFor(60, TimeUnit.SECONDS);
        }
    }

    /** Posts the occurrence to a hub that dies while answering: the connection drops. */
    private static void post(DemoClient hub, Map<String, Object> message) throws Exception {
        try {
            hub.call("POST", "/api/intake/" + HeldTestSource.ID, DemoClient.Users.demo().events(), "application/json",
                    DemoClient.json(message), -1);
        } catch (java.io.IOException expected) {
            // the process was killed before it answered
        }
    }
}
