package kz.digitaltenge.adminui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The workstation in a real browser (headless Chromium over DevTools) against {@link MockHub}: what a back-office,
 * bank or treasury user does, by the stable test ids of admin-ui/README.md. Screenshots of each step land in
 * target/screenshots. Skipped where no Chromium is installed, or with -Dadmin-ui.browser=false.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrowserTest {
    static final Path SHOTS = Assets.MODULE.resolve("target/screenshots");
    MockHub hub;
    Browser browser;
    String base;

    @BeforeAll
    void start() throws Exception {
        // a missing browser fails the build rather than skipping the UI's tests: bin/test installs Debian's chromium
        if (Browser.binary() == null) {
            throw new IllegalStateException("the admin UI's browser tests need Debian's chromium (apt-get install chromium;"
                    + " bin/test installs it)");
        }
        browser = new Browser(1366, 768);
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    @AfterEach
    void stopHub() {
        if (hub != null) {
            hub.close();
        }
    }

    /** A fresh hub for every test (its data changes as the tests act), and the browser signed out. */
    @BeforeEach
    void signedOut() throws Exception {
        hub = new MockHub(0, null).start();
        base = hub.baseUrl() + "/admin/";
        browser.navigate(base + "#/");
        browser.waitFor("document.querySelector('[data-test=login-form], [data-test=logout]')");
        if (browser.truthy("document.querySelector('[data-test=logout]')")) {
            click("[data-test=logout]");
            browser.waitFor("document.querySelector('[data-test=login-form]')");
        }
        browser.eval("localStorage.setItem('hub-admin.language', 'en'); true");
    }

    // ------------------------------------------------------------------ helpers

    static String q(String selector) {
        return "document.querySelector(" + Json.write(selector) + ")";
    }

    void click(String selector) throws Exception {
        browser.waitFor(q(selector) + " && !" + q(selector) + ".disabled");
        browser.eval(q(selector) + ".click(); true");
    }

    void type(String selector, String value) throws Exception {
        browser.waitFor(q(selector));
        browser.eval("(() => { const el = " + q(selector) + "; el.value = " + Json.write(value)
                + "; el.dispatchEvent(new Event('input', {bubbles: true})); el.dispatchEvent(new Event('change', {bubbles: true})); return true; })()");
    }

    String text(String selector) throws Exception {
        browser.waitFor(q(selector));
        return browser.text(q(selector) + ".textContent");
    }

    long count(String selector) throws Exception {
        return ((Number) browser.eval("document.querySelectorAll(" + Json.write(selector) + ").length")).longValue();
    }

    void shot(String name) throws Exception {
        browser.screenshot(SHOTS.resolve(name + ".png"), true);
    }

    void login(String user) throws Exception {
        browser.navigate(base + "#/");
        browser.waitFor(q("[data-test=login-username]"));
        type("[data-test=login-username]", user);
        type("[data-test=login-password]", "demo-" + user);
        click("[data-test=login-submit]");
        browser.waitFor(q("[data-test=logout]"));
    }

    void go(String hash) throws Exception {
        browser.eval("window.location.hash = " + Json.write(hash) + "; true");
    }

    // ------------------------------------------------------------------ the scripts' own functions

    @Test
    void moneyIsFormattedFromTheStringNeverThroughFloatingPoint() throws Exception {
        String js = "import('./js/format.js').then(f => [f.money('1000000.00','ru'), f.money('1000000.00','kk'), f.money('1000000.00','en'),"
                + " f.money('0.10','en'), f.money('-1234.5','ru'), f.money('12345678901234567.89','en'), f.money('7','ru'), f.money('abc','en'),"
                + " f.money('999999999999999999.99','kk')])";
        @SuppressWarnings("unchecked")
        List<Object> out = (List<Object>) browser.eval(js);
        assertThat(out).containsExactly("1\u00a0000\u00a0000,00\u00a0₸", "1\u00a0000\u00a0000,00\u00a0₸", "₸1,000,000.00",
                "₸0.10", "-1\u00a0234,50\u00a0₸", "₸12,345,678,901,234,567.89", "7,00\u00a0₸", "abc",
                "999\u00a0999\u00a0999\u00a0999\u00a0999\u00a0999,99\u00a0₸");
        assertThat(browser.eval("import('./js/format.js').then(f => f.perMille('7250000.00', '10000000.00'))")).isEqualTo(725L);
    }

    @Test
    void theLineDiffIsALongestCommonSubsequence() throws Exception {
        @SuppressWarnings("unchecked")
        List<Object> ops = (List<Object>) browser.eval("import('./js/diff.js').then(d => d.lineDiff('a\\nb\\nc\\nd', 'a\\nB\\nc\\nd\\ne')"
                + ".map(x => x.op + ':' + x.text + ':' + x.a + ':' + x.b))");
        assertThat(ops).containsExactly("same:a:1:1", "del:b:2:null", "add:B:null:2", "same:c:3:3", "same:d:4:4", "add:e:null:5");
        assertThat(browser.eval("import('./js/diff.js').then(d => d.lineDiff('x\\r\\ny', 'x\\ny').every(x => x.op === 'same'))")).isEqualTo(true);
        assertThat(browser.eval("import('./js/diff.js').then(d => d.diffStats(d.lineDiff('', 'a\\nb')))")).isEqualTo(Json.obj("added", 2L, "removed", 0L));
    }

    @Test
    void bytesAreDecodedInTheirOwnCharset() throws Exception {
        // "Сумма" in windows-1251 and in ibm866
        assertThat(browser.eval("import('./js/decode.js').then(d => d.decodeText(new Uint8Array([0xd1,0xf3,0xec,0xec,0xe0]), 'windows-1251').text)")).isEqualTo("Сумма");
        assertThat(browser.eval("import('./js/decode.js').then(d => d.decodeText(new Uint8Array([0x91,0xe3,0xac,0xac,0xa0]), 'ibm866').text)")).isEqualTo("Сумма");
        assertThat(browser.eval("import('./js/decode.js').then(d => d.prettyXml('<a><b>1</b></a>'))")).isEqualTo("<a>\n  <b>1</b>\n</a>");
        assertThat(browser.eval("import('./js/decode.js').then(d => d.hexDump(new Uint8Array([0x41, 0x00])))")).isEqualTo("00000000  41 00" + " ".repeat(44) + "A.");
    }

    // ------------------------------------------------------------------ screens

    @Test
    void signInShowsTheHubsMessageOnFailureAndTheNavOfTheScreensMeLists() throws Exception {
        shot("01-login");
        type("[data-test=login-username]", "backoffice");
        type("[data-test=login-password]", "wrong");
        click("[data-test=login-submit]");
        browser.waitFor(q("[data-test=login-error-reason]"));
        assertThat(text("[data-test=login-error-reason]")).isEqualTo("NOT_AUTHENTICATED");
        assertThat(text("[data-test=login-error-message]")).contains("wrong user name or password");
        shot("02-login-failed");
        login("backoffice");
        assertThat(browser.eval("[...document.querySelectorAll('[data-test=nav] a')].map(a => a.dataset.test)"))
                .isEqualTo(List.of("nav-exceptions", "nav-flows", "nav-payments", "nav-invoices", "nav-audit"));
        assertThat(browser.text("location.hash")).isEqualTo("#/exceptions");
    }

    @Test
    void exceptionsGroupsListAndCursorPaging() throws Exception {
        login("backoffice");
        go("#/exceptions");
        browser.waitFor(q("[data-test=message-row]"));
        assertThat(count("[data-test=group-row-reason]")).isGreaterThanOrEqualTo(5);
        assertThat(text("[data-test=group-row-reason][data-key=MALFORMED]")).contains("What happened:").contains("What to do:");
        assertThat(count("[data-test=message-row]")).isEqualTo(50);
        shot("03-exceptions");
        click("[data-test=page-next]");
        browser.waitFor(q("[data-test=message-row][data-id='51']"));
        assertThat(browser.text(q("[data-test=message-row]") + ".dataset.id")).isEqualTo("51");
        click("[data-test=page-previous]");
        browser.waitFor(q("[data-test=message-row][data-id='1']"));
        type("[data-test=filter-source]", "erp-1c");
        click("[data-test=filter-apply]");
        browser.waitFor("document.querySelectorAll('[data-test=message-row]').length === 2");
        assertThat(browser.text("location.hash")).contains("source=erp-1c");
    }

    @Test
    void aOneCFileReadsAsCyrillicInItsOwnEncoding() throws Exception {
        login("backoffice");
        go("#/exceptions/1");
        browser.waitFor(q("[data-test=message-text]"));
        assertThat(text("[data-test=message-text]")).contains("Плательщик=ТОО «Ромашка»").contains("Сумма=150000.00");
        assertThat(text("[data-test=message-charset]")).contains("windows-1251");
        assertThat(count("[data-test=message-headers] tr")).isEqualTo(3);
        shot("04-message-1251");
        go("#/exceptions/2");
        browser.waitFor(q("[data-test=message-text]") + " && " + q("[data-test=message-text]") + ".textContent.includes('000124')");
        assertThat(text("[data-test=message-text]")).contains("Получатель=ИП Әлібек Қасымұлы".replace("Ә", "?").replace("Қ", "?").replace("ұ", "?").replace("і", "?"));
        assertThat(text("[data-test=message-charset]")).contains("ibm866");
        go("#/exceptions/3");
        browser.waitFor(q("[data-test=view-pretty]") + " && " + q("[data-test=message-text]") + ".textContent.includes('ESF-2025-000777')");
        click("[data-test=view-pretty]");
        assertThat(text("[data-test=message-text]")).contains("\n  \"registrationNumber\": \"ESF-2025-000777\"");
        go("#/exceptions/5");
        browser.waitFor(q("[data-test=message-text][data-mode=hex]"));
        assertThat(text("[data-test=message-text]")).startsWith("00000000  1f 8b 08");
        assertThat(browser.truthy(q("[data-test=message-edit]") + ".disabled")).isTrue();
        shot("05-message-binary");
    }

    @Test
    void editAndRetryShowsTheDiffFirstAndTheHubsRefusal() throws Exception {
        login("backoffice");
        go("#/exceptions/1");
        click("[data-test=message-edit]");
        browser.waitFor(q("[data-test=edit-text]"));
        assertThat(browser.truthy(q("[data-test=edit-send]") + ".disabled")).as("send before review").isTrue();
        String original = browser.text(q("[data-test=edit-text]") + ".value");
        type("[data-test=edit-text]", original.replace("Сумма=150000.00", "Сумма=1500000.00"));
        click("[data-test=edit-review]");
        browser.waitFor(q("[data-test=diff-view]"));
        assertThat(browser.text(q("[data-test=diff-view]") + ".dataset.added")).isEqualTo("1");
        assertThat(browser.text(q("[data-test=diff-view]") + ".dataset.removed")).isEqualTo("1");
        assertThat(text("[data-test=diff-view] tr.diff-del")).contains("Сумма=150000.00");
        assertThat(text("[data-test=diff-view] tr.diff-add")).contains("Сумма=1500000.00");
        click("[data-test=edit-send]");
        browser.waitFor(q("[data-test=edit-error-reason]"));
        assertThat(text("[data-test=edit-error-reason]")).isEqualTo("NOT_AUTHORIZED");
        assertThat(text("[data-test=edit-error-message]")).contains("may not change the amount");
        shot("06-edit-refused");
        type("[data-test=edit-text]", original.replace("ПлательщикИИК=KZ86125KZT5004100100", "ПлательщикИИК=KZ86125KZT5004100101"));
        assertThat(browser.truthy(q("[data-test=edit-send]") + ".disabled")).as("send after a new edit, before review").isTrue();
        click("[data-test=edit-review]");
        click("[data-test=edit-send]");
        browser.waitFor(q("[data-test=copy-link]"));
        assertThat(text("[data-test=retry-outcome]")).contains("resolved");
        assertThat(text("[data-test=link-retried-as]")).contains("copy #");
        shot("07-edit-sent");
        click("[data-test=copy-link]");
        browser.waitFor(q("[data-test=link-retry-of]"));
        assertThat(text("[data-test=message-text]")).contains("KZ86125KZT5004100101");
    }

    @Test
    void rejectNeedsAWrittenReason() throws Exception {
        login("backoffice");
        go("#/exceptions/4");
        click("[data-test=message-reject]");
        browser.waitFor(q("[data-test=reject-dialog-reason]"));
        assertThat(browser.truthy(q("[data-test=reject-dialog-ok]") + ".disabled")).isTrue();
        type("[data-test=reject-dialog-reason]", "tender withdrawn by the buyer");
        shot("08-reject-dialog");
        click("[data-test=reject-dialog-ok]");
        browser.waitFor(q("h1 .badge[data-value=REJECTED]"));
        assertThat(count("[data-test=message-actions]")).isZero();
        browser.waitFor(q("[data-test=message-audit]"));
        assertThat(text("[data-test=message-audit]")).contains("tender withdrawn by the buyer");
    }

    @Test
    void bulkRetryOfAGroupFollowsTheJobToTheEnd() throws Exception {
        login("backoffice");
        go("#/exceptions");
        browser.waitFor(q("[data-test=group-row-reason][data-key=DUPLICATE] [data-test=group-retry]"));
        String n = browser.text(q("[data-test=group-row-reason][data-key=DUPLICATE]") + ".dataset.count");
        click("[data-test=group-row-reason][data-key=DUPLICATE] [data-test=group-retry]");
        browser.waitFor(q("[data-test=bulk-confirm-text]"));
        assertThat(text("[data-test=bulk-confirm-text]")).contains("Retry " + n + " messages");
        click("[data-test=bulk-confirm-ok]");
        browser.waitFor(q("[data-test=job-progress]"));
        shot("09-job-running");
        browser.waitFor(q("[data-test=job-panel][data-status=DONE]"), java.time.Duration.ofSeconds(20));
        assertThat(browser.text(q("[data-test=job-progress]") + ".dataset.done")).isEqualTo(n);
        assertThat(count("[data-test=job-result-row]")).isEqualTo(Long.parseLong(n));
        assertThat(text("[data-test=job-new-failures]")).contains("2 new failures");
        shot("10-job-done");
        // the selection
        browser.waitFor(q("[data-test=message-select]"));
        click("[data-test=message-select][data-id='1']");
        click("[data-test=message-select][data-id='3']");
        assertThat(text("[data-test=selection-count]")).isEqualTo("2 selected");
        click("[data-test=bulk-reject]");
        browser.waitFor(q("[data-test=bulk-confirm-reason]"));
        type("[data-test=bulk-confirm-reason]", "sent twice by the source");
        click("[data-test=bulk-confirm-ok]");
        browser.waitFor(q("[data-test=job-panel][data-status=DONE]") + " && " + q("[data-test=job-progress]") + ".dataset.total === '2'",
                java.time.Duration.ofSeconds(20));
        assertThat(count("[data-test=job-new-failures]")).isZero();
    }

    /** The hub's text of MockHub's MALFORMED in a language. */
    static String malformed(String lang, String part) {
        return MockHub.REASONS.get(lang).stream().filter(r -> "MALFORMED".equals(r.get("code"))).findFirst().orElseThrow()
                .get(part).toString();
    }

    /** Waits until the MALFORMED group row explains the reason in that language (both texts, as the hub has them). */
    void reasonExplainedIn(String lang) throws Exception {
        String cell = q("[data-test=group-row-reason][data-key=MALFORMED] td.explanation");
        browser.waitFor(cell + " && " + cell + ".textContent.includes(" + Json.write(malformed(lang, "happened")) + ")"
                + " && " + cell + ".textContent.includes(" + Json.write(malformed(lang, "action")) + ")");
    }

    @Test
    void theLanguageSwitchesAndStaysWithTheUser() throws Exception {
        login("backoffice");
        go("#/exceptions");
        reasonExplainedIn("en");
        // the labels, <html lang> and the page change at once; the reasons' texts come again, in the new language
        type("[data-test=language-switch]", "ru");
        browser.waitFor(q("[data-test=nav-exceptions]") + ".textContent === 'Исключения'");
        assertThat(browser.text("document.documentElement.lang")).isEqualTo("ru");
        reasonExplainedIn("ru");
        String explanation = text("[data-test=group-row-reason][data-key=MALFORMED] td.explanation");
        assertThat(explanation).contains("Что произошло:").contains("Что делать:")
                .doesNotContain(malformed("en", "happened")).doesNotContain(malformed("en", "action"));
        go("#/payments");
        browser.waitFor(q("[data-test=payment-row]"));
        assertThat(text("[data-test=payment-row][data-id='2'] td.num .money")).isEqualTo("1\u00a0000\u00a0000,00\u00a0₸");
        shot("11-payments-ru");
        type("[data-test=language-switch]", "kk");
        browser.waitFor(q("[data-test=nav-exceptions]") + ".textContent === 'Ерекше жағдайлар'");
        assertThat(browser.text("document.documentElement.lang")).isEqualTo("kk");
        // signed out and in again: the hub remembers kk for this user, and the reasons come in Kazakh
        click("[data-test=logout]");
        browser.waitFor(q("[data-test=login-form]"));
        browser.eval("localStorage.setItem('hub-admin.language', 'en'); true");
        login("backoffice");
        browser.waitFor(q("[data-test=nav-exceptions]") + ".textContent === 'Ерекше жағдайлар'");
        go("#/exceptions");
        reasonExplainedIn("kk");
        assertThat(text("[data-test=group-row-reason][data-key=MALFORMED] td.explanation")).contains("Не болды:")
                .doesNotContain(malformed("ru", "happened")).doesNotContain(malformed("en", "happened"));
        shot("11-exceptions-kk");
        type("[data-test=language-switch]", "en");
        browser.waitFor(q("[data-test=nav-exceptions]") + ".textContent === 'Exceptions'");
        reasonExplainedIn("en");
    }

    @Test
    void aBankConfirmsAndDeclinesWithAReason() throws Exception {
        login("bank");
        assertThat(browser.text("location.hash")).isEqualTo("#/payments");
        browser.waitFor(q("[data-test=payment-confirm][data-id='1']"));
        assertThat(text("[data-test=payment-row][data-id='2'] td.num .money")).isEqualTo("₸1,000,000.00");
        shot("12-payments-bank");
        click("[data-test=payment-confirm][data-id='1']");
        browser.waitFor(q("[data-test=payment-confirm-dialog-text]"));
        assertThat(text("[data-test=payment-confirm-dialog-text]")).contains("118").contains("₸150,000.00");
        click("[data-test=payment-confirm-dialog-ok]");
        browser.waitFor(q("[data-test=payment-result]"));
        assertThat(text("[data-test=payment-result]")).contains("Executed");
        browser.waitFor("!" + q("[data-test=payment-row][data-id='1']"));
        click("[data-test=payment-decline][data-id='2']");
        browser.waitFor(q("[data-test=payment-decline-dialog-reason]"));
        assertThat(browser.truthy(q("[data-test=payment-decline-dialog-ok]") + ".disabled")).isTrue();
        type("[data-test=payment-decline-dialog-reason]", "the payer's account is blocked");
        click("[data-test=payment-decline-dialog-ok]");
        browser.waitFor("!" + q("[data-test=payment-row][data-id='2']"));
        type("[data-test=payments-status]", "DECLINED");
        click("[data-test=payments-apply]");
        browser.waitFor(q("[data-test=payment-row][data-id='2']"));
        assertThat(text("[data-test=payment-row][data-id='2']")).contains("the payer's account is blocked");
    }

    @Test
    void theTransactionTreeIsDrawnAndExported() throws Exception {
        login("treasury");
        go("#/tree");
        type("[data-test=tree-key]", "DG-2025/17");
        click("[data-test=tree-submit]");
        browser.waitFor(q("[data-test=tree-svg]"));
        assertThat(count("[data-test=tree-node]")).isEqualTo(4);
        assertThat(count("[data-test=tree-edge]")).isEqualTo(6);
        assertThat(count("[data-test=tree-edge][data-verified=true] [data-test=edge-verified]")).isEqualTo(6);
        assertThat(count("[data-test=tree-leaf]")).isEqualTo(3);
        browser.eval("(() => { const g = " + q("[data-test=tree-node]") + "; g.dispatchEvent(new MouseEvent('click', {bubbles: true})); return true; })()");
        browser.waitFor(q("[data-test=tree-panel-tx]"));
        shot("13-tree");
        browser.eval("window.__downloads = []; HTMLAnchorElement.prototype.click = function () { window.__downloads.push(this.download); }; true");
        click("[data-test=tree-export-svg]");
        click("[data-test=tree-export-png]");
        browser.waitFor("window.__downloads.length === 2");
        assertThat(browser.eval("window.__downloads")).isEqualTo(List.of("trace-contract-DG-2025_17.svg", "trace-contract-DG-2025_17.png"));
        String svg = browser.text("import('./js/views/tree.js').then(m => m.serializeSvg(" + q("[data-test=tree-svg]") + "))");
        assertThat(svg).startsWith("<?xml").contains("xmlns=\"http://www.w3.org/2000/svg\"").contains("₸10,000,000.00");
        // the PNG itself: the SVG drawn into a canvas, kept for a look
        String png = browser.text("import('./js/views/tree.js').then(m => m.svgToPng(" + q("[data-test=tree-svg]") + "))"
                + ".then(b => new Promise(r => { const f = new FileReader(); f.onload = () => r(f.result); f.readAsDataURL(b); }))");
        assertThat(png).startsWith("data:image/png;base64,");
        byte[] bytes = java.util.Base64.getDecoder().decode(png.substring(png.indexOf(',') + 1));
        assertThat(bytes.length).isGreaterThan(5000);
        java.nio.file.Files.createDirectories(SHOTS);
        java.nio.file.Files.write(SHOTS.resolve("13b-tree-export.png"), bytes);
        go("#/tree?contract=XNONE");
        browser.waitFor(q("[data-test=tree-error-reason]"));
        assertThat(text("[data-test=tree-error-reason]")).isEqualTo("NOT_FOUND");
    }

    @Test
    void flowsContractsAuditAndEvents() throws Exception {
        login("auditor");
        go("#/flows");
        browser.waitFor(q("[data-test=flow-source]"));
        assertThat(count("[data-test=flow-source]")).isEqualTo(4);
        assertThat(count("[data-test='flow-chart-einvoice'] rect.bar")).isGreaterThan(30);
        assertThat(text("[data-test=awaiting-count]")).isEqualTo("3");
        click("[data-test=evidence-verify]");
        browser.waitFor(q("[data-test=evidence-verify-result] [data-valid=true]"));
        shot("14-flows");
        click("[data-test=flows-window-day]");
        browser.waitFor("location.hash.includes('window=day') && " + q("[data-test=flow-source]"));
        go("#/contracts?q=DG-2025%2F17");
        browser.waitFor(q("[data-test=limit-transfer-used]"));
        assertThat(text("[data-test=limit-transfer-used]")).isEqualTo("₸7,250,000.00");
        assertThat(text("[data-test=limit-cashout-remaining]")).isEqualTo("₸1,849,999.50");
        shot("15-contract");
        go("#/events?q=EV-1");
        browser.waitFor(q("[data-test=event-heldOutputs]"));
        go("#/invoices?q=ESF-2025-000123");
        browser.waitFor(q("[data-test=invoice-highlight]"));
        assertThat(text("[data-test=invoice-highlight]")).contains("₸560,000.00");
        go("#/invoices?q=NOPE");
        browser.waitFor(q("[data-test=invoices-error-reason]"));
        go("#/audit");
        browser.waitFor(q("[data-test=audit-row]"));
        assertThat(browser.text(q("[data-test=audit-csv]") + ".getAttribute('href')")).startsWith("/api/quarantine/audit.csv");
        type("[data-test=audit-actor]", "hub");
        click("[data-test=audit-apply]");
        browser.waitFor("location.hash.includes('actor=hub') && " + q("[data-test=audit-row]"));
        assertThat(browser.text(q("[data-test=audit-csv]") + ".getAttribute('href')")).isEqualTo("/api/quarantine/audit.csv?actor=hub");
        shot("16-audit");
        // an auditor changes nothing: no action buttons
        go("#/exceptions/6");
        browser.waitFor(q("[data-test=message-text]"));
        assertThat(count("[data-test=message-actions]")).isZero();
    }

    @Test
    void a401AnywhereGoesBackToSignIn() throws Exception {
        login("backoffice");
        browser.eval("fetch('/admin/logout', {method: 'POST', credentials: 'same-origin', headers: {'X-XSRF-TOKEN':"
                + " document.cookie.split('; ').find(c => c.startsWith('XSRF-TOKEN=')).slice(11)}}).then(r => r.status)");
        go("#/flows");
        browser.waitFor(q("[data-test=login-notice]"));
        login("backoffice");
        browser.waitFor("location.hash === '#/flows'");
    }

    @Test
    void theLayoutFitsAWideMonitorToo() throws Exception {
        try (Browser wide = new Browser(2560, 1440)) {
            wide.navigate(base + "#/");
            wide.waitFor(q("[data-test=login-username]") + " || " + q("[data-test=logout]"));
            if (wide.truthy(q("[data-test=logout]"))) {
                wide.eval(q("[data-test=logout]") + ".click(); true");
            }
            wide.waitFor(q("[data-test=login-username]"));
            wide.eval("(() => { for (const [s, v] of [['#login-username', 'backoffice'], ['#login-password', 'demo-backoffice']]) {"
                    + " document.querySelector(s).value = v; } document.querySelector('#login-submit').click(); return true; })()");
            wide.waitFor(q("[data-test=message-row]"));
            wide.screenshot(SHOTS.resolve("17-exceptions-wide.png"), false);
            assertThat(wide.eval("document.documentElement.scrollWidth <= window.innerWidth")).isEqualTo(true);
        }
        login("backoffice");
        browser.waitFor(q("[data-test=message-row]"));
        assertThat(browser.eval("document.documentElement.scrollWidth <= window.innerWidth")).as("no page-wide horizontal scroll at 1366").isEqualTo(true);
    }
}
