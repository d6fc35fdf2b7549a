package kz.digitaltenge.hub.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import kz.digitaltenge.hub.HubTestBase;
import kz.digitaltenge.hub.security.HubRole;
import org.junit.jupiter.api.Test;

/**
 * The API behind the admin UI, as a browser uses it: the sign-in form with its session and CSRF token, the caller's
 * screens and language, the quarantine's search by text and cursor, bulk jobs with progress, the audit log as CSV,
 * the flows and the meters operators scrape.
 */
class AdminApiTest extends HubTestBase {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A browser: its own cookies (session, XSRF-TOKEN), and the UI's marker header on every request. */
    private final class Browser {
        final CookieManager cookies = new CookieManager();
        final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies).build();

        HttpResponse<String> send(String method, String path, String contentType, String body, boolean csrf) throws Exception {
            HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).header("X-Requested-With", "hub-admin")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
            if (contentType != null) {
                b.header("Content-Type", contentType);
            }
            if (csrf && xsrf() != null) {
                b.header("X-XSRF-TOKEN", xsrf());
            }
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        }

        String xsrf() {
            return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
                    .map(HttpCookie::getValue).findFirst().orElse(null);
        }

        HttpResponse<String> signIn(String user, String password) throws Exception {
            send("GET", "/api/me", null, null, false); // as the page does first: it gets the token cookie
            return send("POST", "/admin/login", "application/x-www-form-urlencoded", "username=" + enc(user) + "&password="
                    + enc(password), true);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void aPersonSignsInWithTheFormGetsASessionAndEveryChangeNeedsTheCsrfToken() throws Exception {
        String clerk = userOf(HubRole.BACK_OFFICE);
        Browser browser = new Browser();

        HttpResponse<String> anonymous = browser.send("GET", "/api/me", null, null, false);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).as("no Basic dialog for the UI").isEmpty();
        assertThat(browser.xsrf()).as("the token cookie, for the sign-in").isNotBlank();

        HttpResponse<String> noToken = browser.send("POST", "/admin/login", "application/x-www-form-urlencoded",
                "username=" + clerk + "&password=" + enc(password(clerk)), false);
        assertThat(noToken.statusCode()).isEqualTo(403);
        assertThat(browser.signIn(clerk, "wrong-password").statusCode()).isEqualTo(401);

        HttpResponse<String> signedIn = browser.signIn(clerk, password(clerk));
        assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(200);
        JsonNode me = JSON.readTree(signedIn.body());
        assertThat(me.get("name").asText()).isEqualTo(clerk);
        assertThat(me.get("roles").toString()).contains("BACK_OFFICE");
        assertThat(me.get("screens").toString()).contains("exceptions", "audit", "flows");

        assertThat(browser.send("GET", "/api/quarantine/groups", null, null, false).statusCode()).as("the session authenticates")
                .isEqualTo(200);
        assertThat(browser.send("PUT", "/api/me/language", "application/json", "{\"language\":\"kk\"}", false).statusCode())
                .as("a change without the token").isEqualTo(403);
        assertThat(browser.send("PUT", "/api/me/language", "application/json", "{\"language\":\"xx\"}", true).statusCode())
                .isEqualTo(400);
        assertThat(browser.send("PUT", "/api/me/language", "application/json", "{\"language\":\"kk\"}", true).statusCode())
                .isEqualTo(204);
        assertThat(JSON.readTree(browser.send("GET", "/api/me", null, null, false).body()).get("language").asText()).isEqualTo("kk");

        assertThat(browser.send("POST", "/admin/logout", null, null, true).statusCode()).isEqualTo(204);
        assertThat(browser.send("GET", "/api/me", null, null, false).statusCode()).as("signed out").isEqualTo(401);
    }

    @Test
    void eachRoleSeesTheScreensItsApiCallsAdmit() throws Exception {
        JsonNode bank = JSON.readTree(new Browser().signIn(userOf(HubRole.BANK), password(userOf(HubRole.BANK))).body());
        assertThat(bank.get("screens").toString()).contains("payments").doesNotContain("exceptions", "audit", "flows");
        JsonNode auditor = JSON.readTree(new Browser().signIn(userOf(HubRole.AUDITOR), password(userOf(HubRole.AUDITOR))).body());
        assertThat(auditor.get("screens").toString()).contains("exceptions", "audit", "flows", "payments");
        // and the API refuses what the screen list leaves out
        assertThat(sendAs(userOf(HubRole.BANK), HttpRequest.newBuilder(uri("/api/quarantine/messages")).GET()).status()).isEqualTo(403);
    }

    @Test
    void aBasicCallerFromAnotherSitesPageNeedsTheTokenToo() throws Exception {
        // a browser that replays Basic credentials adds Origin to a cross-site POST: refused without the token
        Response fromPage = sendAs(userOf(HubRole.BACK_OFFICE), HttpRequest.newBuilder(uri("/api/quarantine/jobs"))
                .header("Origin", "https://evil.example").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"action\":\"REJECT\",\"ids\":[],\"reason\":\"x\"}")));
        assertThat(fromPage.status()).isEqualTo(403);
        assertThat(fromPage.body().get("message").asText()).contains("CSRF");
        // a machine (no Origin) is unchanged, and its calls make no session
        HttpResponse<String> machine = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri("/api/quarantine/jobs"))
                .header("Authorization", basic(userOf(HubRole.BACK_OFFICE))).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"action\":\"REJECT\",\"ids\":[],\"reason\":\"x\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(machine.statusCode()).as(machine.body()).isEqualTo(202);
        assertThat(machine.headers().allValues("Set-Cookie")).as("no session, no token cookie for a machine").isEmpty();
    }

    /** A message the e-invoice intake refuses (not XML), quarantined under its registration number. */
    private long quarantineBadInvoice(String registrationNumber) {
        Response r = sendAs(userOf(HubRole.TAX_AUTHORITY), HttpRequest.newBuilder(uri("/api/einvoice/invoices?registrationNumber="
                + registrationNumber)).header("Content-Type", "application/xml").POST(HttpRequest.BodyPublishers.ofString("not xml")));
        assertThat(r.status()).as(r.raw()).isEqualTo(422);
        return r.body().get("quarantineId").asLong();
    }

    private Response asBackOffice(String path) {
        return sendAs(userOf(HubRole.BACK_OFFICE), HttpRequest.newBuilder(uri(path)).GET());
    }

    @Test
    void theBackOfficeFindsAnEntryByTextAndPagesByCursor() {
        String batch = "ADM-" + UUID.randomUUID().toString().substring(0, 8);
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(quarantineBadInvoice(batch + "-" + i));
        }
        Response found = asBackOffice("/api/quarantine/messages?q=" + batch + "-3");
        assertThat(found.body().get("total").asLong()).isEqualTo(1);
        assertThat(found.body().get("items").get(0).get("id").asLong()).isEqualTo(ids.get(3));

        Response first = asBackOffice("/api/quarantine/messages?q=" + batch + "&size=2");
        assertThat(first.body().get("total").asLong()).isEqualTo(5);
        assertThat(first.body().get("previous").isNull()).isTrue();
        long next = first.body().get("next").asLong();
        Response second = asBackOffice("/api/quarantine/messages?q=" + batch + "&size=2&after=" + next);
        assertThat(second.body().get("items").get(0).get("id").asLong()).isEqualTo(ids.get(2));
        Response back = asBackOffice("/api/quarantine/messages?q=" + batch + "&size=2&before="
                + second.body().get("previous").asLong());
        assertThat(back.body().get("items").get(0).get("id").asLong()).isEqualTo(ids.get(0));
        Response last = asBackOffice("/api/quarantine/messages?q=" + batch + "&size=2&after=" + ids.get(3));
        assertThat(last.body().get("items")).hasSize(1);
        assertThat(last.body().get("next").isNull()).isTrue();
        // a wildcard in the text is a character, not a pattern
        assertThat(asBackOffice("/api/quarantine/messages?q=%25").body().get("total").asLong()).isZero();
    }

    @Test
    void aBulkRejectRunsAsAJobWithProgressAResultPerEntryAndCountsNewFailures() throws Exception {
        String batch = "JOB-" + UUID.randomUUID().toString().substring(0, 8);
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(quarantineBadInvoice(batch + "-" + i));
        }
        String reason = asBackOffice("/api/quarantine/messages/" + ids.get(0)).body().get("reasonCode").asText();
        Response started = sendAs(userOf(HubRole.BACK_OFFICE), HttpRequest.newBuilder(uri("/api/quarantine/jobs"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"action\":\"REJECT\",\"ids\":" + ids + ",\"reason\":\"=sent again by the IS, " + batch + "\"}")));
        assertThat(started.status()).as(started.raw()).isEqualTo(202);
        long job = started.body().get("id").asLong();
        await().atMost(Duration.ofSeconds(30)).until(() -> asBackOffice("/api/quarantine/jobs/" + job).body()
                .get("status").asText().equals("DONE"));
        JsonNode done = asBackOffice("/api/quarantine/jobs/" + job).body();
        assertThat(done.get("total").asInt()).isEqualTo(3);
        assertThat(done.get("done").asInt()).isEqualTo(3);
        assertThat(done.get("succeeded").asInt()).isEqualTo(3);
        assertThat(done.get("results").findValuesAsText("result")).containsOnly("REJECTED");
        for (long id : ids) {
            assertThat(asBackOffice("/api/quarantine/messages/" + id).body().get("status").asText()).isEqualTo("REJECTED");
        }

        // a group job: failures of the group that arrive after it started are counted, not taken
        Response group = sendAs(userOf(HubRole.BACK_OFFICE), HttpRequest.newBuilder(uri("/api/quarantine/jobs"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"action\":\"REJECT\",\"reasonCode\":\"" + reason + "\",\"reason\":\"cleared " + batch + "\"}")));
        long groupJob = group.body().get("id").asLong();
        await().atMost(Duration.ofSeconds(30)).until(() -> asBackOffice("/api/quarantine/jobs/" + groupJob).body()
                .get("status").asText().equals("DONE"));
        long late = quarantineBadInvoice(batch + "-late");
        JsonNode after = asBackOffice("/api/quarantine/jobs/" + groupJob).body();
        assertThat(after.get("newFailures").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(asBackOffice("/api/quarantine/messages/" + late).body().get("status").asText()).isEqualTo("QUARANTINED");

        // the audit log as CSV: a line per rejected entry, the detail that looked like a formula defused
        HttpResponse<String> csv = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri("/api/quarantine/audit.csv?target="
                + ids.get(0))).header("Authorization", basic(userOf(HubRole.AUDITOR))).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(csv.body()).startsWith("\uFEFFid,at,actor,action,targetType,target,detail\r\n").contains(userOf(HubRole.BACK_OFFICE))
                .contains("'=sent again");
    }

    @Test
    void theFlowsAndTheMetersSayWhatCameInAndWhatFailed() throws Exception {
        String reg = "FLOW-" + UUID.randomUUID().toString().substring(0, 8);
        quarantineBadInvoice(reg);
        JsonNode flows = asBackOffice("/api/flows").body();
        assertThat(flows.get("bucketSeconds").asLong()).isEqualTo(60);
        assertThat(flows.get("buckets")).hasSize(60);
        JsonNode einvoice = null;
        for (JsonNode s : flows.get("sources")) {
            if (s.get("source").asText().equals("einvoice")) {
                einvoice = s;
            }
        }
        assertThat(einvoice).as(flows.toString()).isNotNull();
        long quarantinedThisHour = 0;
        for (JsonNode n : einvoice.get("quarantined")) {
            quarantinedThisHour += n.asLong();
        }
        assertThat(quarantinedThisHour).isPositive();
        JsonNode sizes = flows.get("quarantineSize");
        assertThat(sizes.get(sizes.size() - 1).asLong()).isEqualTo(flows.get("quarantined").asLong());
        assertThat(flows.get("cluster").get("members").asInt()).isPositive();
        assertThat(asBackOffice("/api/flows?window=day").body().get("bucketSeconds").asLong()).isEqualTo(900);
        assertThat(asBackOffice("/api/flows?window=week").status()).isEqualTo(400);

        // the meters are read from the stores on their own schedule: the new failure shows within a few refreshes
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Response scraped = sendAs(userOf(HubRole.ADMIN), HttpRequest.newBuilder(uri("/actuator/prometheus")).GET());
            assertThat(scraped.status()).isEqualTo(200);
            assertThat(scraped.raw()).contains("hub_intake_quarantined_total{source=\"einvoice\"}")
                    .doesNotContain("hub_quarantine_size 0.0");
        });
        assertThat(sendAs(null, HttpRequest.newBuilder(uri("/actuator/prometheus")).GET()).status()).isEqualTo(401);
    }
}
