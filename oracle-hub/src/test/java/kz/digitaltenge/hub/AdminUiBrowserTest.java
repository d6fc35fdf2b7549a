package kz.digitaltenge.hub;

import static kz.digitaltenge.hub.AdminBrowser.test;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import kz.digitaltenge.hub.security.HubRole;
import kz.digitaltenge.hub.api.TransactionJson.OutputJson;
import kz.digitaltenge.hub.api.TransactionJson.TransactionRequest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The admin UI in a real headless Chromium against the shared test hub (real PostgreSQL, real Hazelcast): what a
 * back-office clerk, a bank operator and a Treasury officer do there. Each test leaves a screenshot under
 * {@code target/screenshots/}. Data is made through the hub's API first, as the source systems would.
 */
class AdminUiBrowserTest extends DigitalVatTestBase {
    private static final Charset CP1251 = Charset.forName("windows-1251");
    private static final String EVENTS = userOf(HubRole.EVENT_PROVIDER);
    private static final String TREASURY_USER = userOf(HubRole.TREASURY);

    private AdminBrowser browser() {
        return new AdminBrowser("http://localhost:" + port);
    }

    private static void signIn(AdminBrowser b, String user, String password) {
        b.open("/admin/");
        WebElement name = b.waitFor(test("login-username"));
        name.clear();
        name.sendKeys(user);
        WebElement pw = b.driver.findElement(test("login-password"));
        pw.clear();
        pw.sendKeys(password);
        b.driver.findElement(test("login-submit")).click();
    }

    private static void signedIn(AdminBrowser b, String user) {
        signIn(b, user, password(user));
        b.waitFor(test("current-user"));
    }

    private static void go(AdminBrowser b, String hash) {
        ((JavascriptExecutor) b.driver).executeScript("window.location.hash = arguments[0]", hash);
    }

    // ------------------------------------------------------------------ sign-in and roles

    @Test
    void aWrongPasswordIsRefusedAndARoleSeesOnlyItsScreens() {
        try (AdminBrowser b = browser()) {
            signIn(b, BACK_OFFICE, "not-the-password");
            WebElement error = b.waitFor(test("login-error"));
            assertThat(error.getText()).contains("NOT_AUTHENTICATED");
            b.screenshot("01-sign-in-refused");

            signedIn(b, BANK);
            assertThat(b.driver.findElements(test("nav-payments"))).isNotEmpty();
            assertThat(b.driver.findElements(test("nav-exceptions"))).as("the bank has no exceptions screen").isEmpty();
            go(b, "#/exceptions");
            b.waitFor(test("screen-unavailable"));
            b.screenshot("02-bank-sees-no-exceptions");
        }
        // a hidden screen is not the permission: the API refuses the bank too
        assertThat(sendAs(BANK, HttpRequest.newBuilder(uri("/api/quarantine/messages")).GET()).status()).isEqualTo(403);
    }

    // ------------------------------------------------------------------ a failed 1C file, read as written

    /** A file of one order whose end (КонецФайла) is missing: rejected whole and quarantined as sent (cp1251). */
    private long truncated1cFile(String payerName) {
        Taxpayer buyer = taxpayer(payerName);
        Taxpayer seller = taxpayer("Сатушы ЖШС");
        String text = new String(file(buyer, order("77", 125_050, buyer, seller, "Оплата по ЭСФ " + registrationNumber())), CP1251);
        byte[] cut = text.substring(0, text.indexOf("КонецФайла")).getBytes(CP1251);
        Response r = postFile(cut);
        assertThat(r.status()).as(r.raw()).isEqualTo(422);
        return r.body().get("quarantineId").asLong();
    }

    @Test
    void aQuarantined1cFileIsShownInItsOwnEncodingWithReadableCyrillic() {
        long id = truncated1cFile("ТОО Астана Құрылыс");
        try (AdminBrowser b = browser()) {
            signedIn(b, BACK_OFFICE);
            go(b, "#/exceptions/" + id);
            WebElement text = b.waitFor(test("message-text"));
            assertThat(text.getText()).contains("СекцияДокумент=Платежное поручение").contains("Оплата по ЭСФ");
            assertThat(b.driver.findElement(test("message-charset")).getText()).containsIgnoringCase("windows-1251");
            assertThat(b.driver.findElement(test("message-summary")).getText()).contains("TRUNCATED");
            b.screenshot("03-1c-file-in-cp1251");
        }
    }

    // ------------------------------------------------------------------ edit-and-retry

    private static String eventMessage(String id, String subject, String occurredAt) throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sourceMessageId", id);
        m.put("type", "EVENT_REGISTERED");
        m.put("subject", subject);
        m.put("terms", Map.of("sender", "KZ456010000000000001", "recipient", "KZ186010000000000002", "amount", "5000",
                "validUntil", "2027-01-01T00:00:00Z", "holdType", "SINGLE"));
        m.put("occurredAt", occurredAt);
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(m);
    }

    @Test
    void editAndRetryTurnsAFailureIntoASignedFact() throws Exception {
        String event = "ui-ev-" + UUID.randomUUID().toString().substring(0, 8);
        String fixed = eventMessage("reg-" + event, event, "2026-11-25T10:00:00Z");
        String misformatted = fixed.replace("2026-11-25T10:00:00Z", "25.11.2026 10:00");
        Response bad = sendAs(EVENTS, HttpRequest.newBuilder(uri("/api/intake/livestock")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(misformatted)));
        assertThat(bad.body().get("reason").asText()).as(bad.raw()).isEqualTo("MALFORMED");
        long id = bad.body().get("quarantineId").asLong();

        try (AdminBrowser b = browser()) {
            signedIn(b, BACK_OFFICE);
            go(b, "#/exceptions/" + id);
            b.waitFor(test("message-edit")).click();
            WebElement area = b.waitFor(test("edit-text"));
            ((JavascriptExecutor) b.driver).executeScript("arguments[0].value = arguments[1];"
                    + " arguments[0].dispatchEvent(new Event('input', {bubbles: true}));", area, fixed);
            b.driver.findElement(test("edit-review")).click();
            WebElement diff = b.waitFor(test("diff-view"));
            assertThat(diff.getAttribute("data-removed")).isEqualTo("1");
            assertThat(diff.getAttribute("data-added")).isEqualTo("1");
            b.screenshot("04-edit-shows-the-diff");
            b.waitUntil(d -> d.findElement(test("edit-send")).isEnabled());
            b.driver.findElement(test("edit-send")).click();
            WebElement outcome = b.waitFor(test("retry-outcome"));
            assertThat(outcome.getAttribute("data-result")).isEqualTo("REPLAYED");
            b.screenshot("05-edit-and-retry-made-the-fact");
        }
        JsonNode original = quarantined(id);
        assertThat(original.get("status").asText()).isEqualTo("RETRIED");
        assertThat(original.get("bodyText").asText()).as("the original is kept as it came").isEqualTo(misformatted);
        JsonNode copy = quarantined(original.get("retriedAs").asLong());
        assertThat(copy.get("status").asText()).isEqualTo("RESOLVED");
        assertThat(get("/api/oracle/facts/" + copy.get("producedRef").asText()).body().get("subject").asText()).isEqualTo(event);
    }

    // ------------------------------------------------------------------ the demo's failed 1C order, fixed in the page

    @Test
    void aClerkFixesTheDateOfARefused1cOrderAndTheInvoiceIsPaid() {
        Taxpayer seller = taxpayer("ТОО Дала Трейд");
        Taxpayer buyer = taxpayer("ТОО Астана Строй");
        fund(buyer.account(), "1000.00");
        String reg = registrationNumber();
        registerInvoice(reg, "CREATED", new Invoice(seller, buyer).line(100_00, 12_00));
        String today = today().format(java.time.format.DateTimeFormatter.ofPattern("dd.MM.yyyy"));
        String text = new String(file(buyer, order("103", 112_00, buyer, seller, "Оплата по ЭСФ " + reg)), CP1251);
        Response refused = postFile(text.replace("ДатаДокумента=" + today, "ДатаДокумента=31.02.2026").getBytes(CP1251));
        JsonNode doc = refused.body().get("documents").get(0);
        assertThat(doc.get("reasonCode").asText()).as(refused.raw()).isEqualTo("SCHEMA_INVALID");
        long id = doc.get("quarantineId").asLong();

        try (AdminBrowser b = browser()) {
            signedIn(b, BACK_OFFICE);
            go(b, "#/exceptions/" + id);
            assertThat(b.waitFor(test("message-summary")).getText()).contains("ДатаДокумента");
            b.waitFor(test("message-edit")).click();
            WebElement area = b.waitFor(test("edit-text"));
            String original = area.getAttribute("value");
            assertThat(original).contains("ДатаДокумента=31.02.2026");
            ((JavascriptExecutor) b.driver).executeScript("arguments[0].value = arguments[1];"
                    + " arguments[0].dispatchEvent(new Event('input', {bubbles: true}));", area,
                    original.replace("ДатаДокумента=31.02.2026", "ДатаДокумента=" + today));
            b.driver.findElement(test("edit-review")).click();
            assertThat(b.waitFor(test("diff-view")).getText()).contains("31.02.2026").contains(today);
            b.waitUntil(d -> d.findElement(test("edit-send")).isEnabled());
            b.driver.findElement(test("edit-send")).click();
            assertThat(b.waitFor(test("retry-outcome")).getAttribute("data-result")).isEqualTo("REPLAYED");
            b.screenshot("05b-1c-order-fixed-and-paid");
        }
        assertThat(invoice(reg).get("paymentStatus").asText()).isEqualTo("PAID");
        assertThat(balance(seller.account())).isEqualTo("112.00");
    }

    // ------------------------------------------------------------------ bulk reject

    @Test
    void aGroupIsRejectedInBulkWithProgressToCompletion() {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(truncated1cFile("Bulk Payer " + i));
        }
        try (AdminBrowser b = browser()) {
            signedIn(b, BACK_OFFICE);
            go(b, "#/exceptions");
            WebElement group = b.waitFor(By.cssSelector("[data-test='group-row-reason'][data-key='TRUNCATED']"));
            group.findElement(test("group-reject")).click();
            WebElement dialog = b.waitFor(By.cssSelector("dialog[open]"));
            assertThat(dialog.getText()).contains(group.getAttribute("data-count"));
            dialog.findElement(By.tagName("textarea")).sendKeys("1C sends these files again, whole");
            dialog.findElement(By.cssSelector("button[type='submit']")).click();
            b.waitFor(test("job-progress"));
            b.waitUntil(d -> ids.stream().allMatch(id -> "REJECTED".equals(quarantined(id).get("status").asText())));
            b.waitUntil(d -> d.findElement(test("job-panel")).getText().contains("100"));
            b.screenshot("06-bulk-reject-done");
        }
    }

    // ------------------------------------------------------------------ the bank's confirmation

    @Test
    void aBankOperatorConfirmsAnOrderAwaitingItsConfirmation() {
        Taxpayer seller = taxpayer("UI Confirm Seller");
        Taxpayer buyer = taxpayer("UI Confirm Buyer", confirmingBank(), true);
        fund(buyer.account(), "1000.00");
        String reg = registrationNumber();
        registerInvoice(reg, "CREATED", new Invoice(seller, buyer).line(1_000_00, 120_00));
        Response waiting = postJson(jsonOrder("61", "300.00", buyer, seller, reg, null, "Оплата по ЭСФ " + reg));
        assertThat(waiting.body().get("status").asText()).as(waiting.raw()).isEqualTo("AWAITING_CONFIRMATION");
        long id = waiting.body().get("id").asLong();

        try (AdminBrowser b = browser()) {
            signedIn(b, BANK);
            go(b, "#/payments?payer=" + buyer.account());
            WebElement row = b.waitFor(By.cssSelector("[data-test='payment-row'][data-id='" + id + "']"));
            b.screenshot("07-bank-awaiting-confirmation");
            row.findElement(test("payment-confirm")).click();
            List<WebElement> dialogs = b.driver.findElements(By.cssSelector("dialog[open] button[type='submit']"));
            if (!dialogs.isEmpty()) {
                dialogs.get(0).click(); // a confirmation the page asks for
            }
            b.waitUntil(d -> "EXECUTED".equals(payment(id).get("status").asText()));
            b.waitFor(test("payments-flash"));
            b.screenshot("08-bank-confirmed");
        }
        assertThat(balance(seller.account())).isEqualTo("300.00");
    }

    // ------------------------------------------------------------------ languages

    private static JsonNode labels(String language) throws Exception {
        try (InputStream in = AdminUiBrowserTest.class.getResourceAsStream("/META-INF/resources/admin/i18n/" + language + ".json")) {
            assertThat(in).as("the admin UI's " + language + " labels on the classpath").isNotNull();
            return JSON.readTree(in);
        }
    }

    @Test
    void theLanguageSwitchTranslatesThePageAndIsRememberedForTheUser() throws Exception {
        String clerk = userOf(HubRole.AUDITOR);
        try (AdminBrowser b = browser()) {
            signedIn(b, clerk);
            new Select(b.waitFor(test("language-switch"))).selectByValue("kk");
            b.waitUntil(d -> "kk".equals(d.findElement(By.tagName("html")).getAttribute("lang")));
            WebElement nav = b.waitFor(test("nav-exceptions"));
            String kazakh = labels("kk").path("nav").path("exceptions").asText();
            assertThat(kazakh).isNotBlank();
            assertThat(nav.getText()).contains(kazakh);
            b.screenshot("09-kazakh");
            b.waitUntil(d -> "kk".equals(sendAs(clerk, HttpRequest.newBuilder(uri("/api/me")).GET()).body().path("language").asText()));
            new Select(b.driver.findElement(test("language-switch"))).selectByValue("ru");
            b.waitUntil(d -> "ru".equals(d.findElement(By.tagName("html")).getAttribute("lang")));
            assertThat(b.driver.findElement(test("nav-exceptions")).getText()).contains(labels("ru").path("nav").path("exceptions").asText());
        }
        // a new sign-in starts in the language the user chose
        try (AdminBrowser b = browser()) {
            signedIn(b, clerk);
            b.waitUntil(d -> "ru".equals(d.findElement(By.tagName("html")).getAttribute("lang")));
            new Select(b.driver.findElement(test("language-switch"))).selectByValue("en");
        }
    }

    // ------------------------------------------------------------------ the transaction tree

    @Test
    void theTransactionTreeOfAMarkedContractIsDrawnAndLeadsToItsTransactions() {
        Party issuer = party("UI Issuer", List.of("ISSUER"), true);
        account(issuer, "ISSUER", issuer);
        Party treasury = party("UI Treasury", List.of("TREASURY"), true);
        Party bank = party("UI Bank", List.of("BANK"), true);
        Party ministry = party("UI Ministry", List.of(), false);
        Party builder = party("UI Builder LLP", List.of(), false);
        String ministryAcc = account(ministry, "GOVERNMENT_BODY", treasury);
        assertThat(post("/api/ledger/accounts/" + ministryAcc + "/delegations", Map.of("delegate", treasury.id())).status()).isEqualTo(201);
        String builderAcc = account(builder, "COMPANY", bank);
        String number = "UI-C-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> terms = new LinkedHashMap<>();
        terms.put("sender", ministryAcc);
        terms.put("recipient", builderAcc);
        terms.put("maxTransfer", "60000");
        terms.put("maxCashOut", "20000");
        terms.put("validFrom", Instant.now().minus(Duration.ofDays(1)).toString());
        terms.put("validTo", Instant.now().plus(Duration.ofDays(30)).toString());
        Response contract = post("/api/oracle/facts/sign", Map.of("type", "CONTRACT_REGISTERED", "subject", number, "terms", terms));
        String fact = contract.body().get("id").asText();
        String mark = "CONTRACT:" + number;
        String coin = committed(signed(request("ISSUE", reference(), List.of(), outputs(ministryAcc, "1000.00")), issuer));
        String marked = committed(signed(new TransactionRequest("MARK", reference(), List.of(input(coin, 0)),
                List.of(new OutputJson(ministryAcc, "1000.00", mark, null)), List.of(fact), null), treasury));
        String paid = committed(signed(new TransactionRequest("TRANSFER", reference(), List.of(input(marked, 0)),
                List.of(new OutputJson(builderAcc, "400.00", mark, null), new OutputJson(ministryAcc, "600.00", mark, null)),
                List.of(fact), null), ministry));

        try (AdminBrowser b = browser()) {
            signedIn(b, TREASURY_USER);
            go(b, "#/tree");
            new Select(b.waitFor(test("tree-kind"))).selectByValue("contract");
            WebElement key = b.driver.findElement(test("tree-key"));
            key.sendKeys(number, Keys.ENTER);
            b.waitFor(test("tree-svg"));
            assertThat(b.driver.findElements(test("tree-node"))).hasSizeGreaterThanOrEqualTo(2);
            assertThat(b.driver.findElement(test("tree-verified")).getText()).isNotBlank();
            assertThat(b.driver.findElement(test("tree-svg")).getText()).contains("400");
            b.screenshot("10-transaction-tree");
            b.driver.findElements(test("tree-node")).stream().filter(n -> paid.equals(n.getAttribute("data-tx"))).findFirst()
                    .orElse(b.driver.findElements(test("tree-node")).get(1)).click();
            WebElement panel = b.waitFor(test("tree-panel-tx"));
            assertThat(panel.getText()).contains("TRANSFER");
        }
    }

    private String committed(TransactionRequest request) {
        Response r = post("/api/ledger/transactions", request);
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        return r.body().get("txId").asText();
    }

    // ------------------------------------------------------------------ the flows

    @Test
    void theFlowsDashboardShowsWhatCameInAndTheHubsHealth() {
        truncated1cFile("Flows Payer");
        try (AdminBrowser b = browser()) {
            signedIn(b, BACK_OFFICE);
            go(b, "#/flows");
            b.waitFor(test("flow-source"));
            assertThat(b.driver.findElement(test("cluster-status")).getText()).contains("UP");
            b.driver.findElement(test("evidence-verify")).click();
            assertThat(b.waitFor(test("evidence-verify-result")).getText()).isNotBlank();
            b.screenshot("11-flows");
        }
    }

    // ------------------------------------------------------------------ the list, for the documentation

    @Test
    void theExceptionsScreenGroupsFailuresAndExplainsThem() {
        truncated1cFile("List Payer");
        try (AdminBrowser b = browser()) {
            signedIn(b, BACK_OFFICE);
            go(b, "#/exceptions");
            WebElement group = b.waitFor(By.cssSelector("[data-test='group-row-reason'][data-key='TRUNCATED']"));
            assertThat(group.getText()).as("the reason's explanation from the reason codes").isNotBlank();
            b.waitFor(test("message-row"));
            b.screenshot("00-exceptions");
        }
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
