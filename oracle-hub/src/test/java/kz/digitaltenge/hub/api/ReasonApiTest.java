package kz.digitaltenge.hub.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import kz.digitaltenge.canonical.ReasonCode;
import kz.digitaltenge.hub.HubTestBase;
import kz.digitaltenge.hub.security.HubRole;
import org.junit.jupiter.api.Test;

/**
 * GET /api/reasons in the three languages: {@code ?lang=}, else {@code Accept-Language}, else English; the same shape
 * (code, happened, action for every code, in the enum's order) in each, the codes never translated.
 */
class ReasonApiTest extends HubTestBase {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final List<String> CODES = Arrays.stream(ReasonCode.values()).map(Enum::name).toList();

    private record Answer(int status, String contentLanguage, List<String> vary, JsonNode body) {
    }

    private Answer reasons(String user, String query, String acceptLanguage) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri("/api/reasons" + query)).GET()
                .header("Authorization", basic(user)).header("Accept", "application/json");
        if (acceptLanguage != null) {
            b.header("Accept-Language", acceptLanguage);
        }
        HttpResponse<byte[]> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        JsonNode body = JSON.readTree(new String(r.body(), StandardCharsets.UTF_8));
        return new Answer(r.statusCode(), r.headers().firstValue("Content-Language").orElse(null),
                r.headers().allValues("Vary"), body);
    }

    private Answer reasons(String query, String acceptLanguage) throws Exception {
        return reasons(OPERATOR, query, acceptLanguage);
    }

    /** Every code once, in order, with both texts exactly as canonical has them in that language, and nothing else. */
    private static void assertIn(Answer a, String language) {
        assertThat(a.status()).as(a.body().toString()).isEqualTo(200);
        assertThat(a.contentLanguage()).isEqualTo(language);
        assertThat(String.join(",", a.vary())).contains("Accept-Language");
        assertThat(a.body().isArray()).isTrue();
        assertThat(a.body().findValuesAsText("code")).isEqualTo(CODES);
        for (JsonNode r : a.body()) {
            assertThat(r.size()).as("the fields of %s", r).isEqualTo(3);
            ReasonCode code = ReasonCode.valueOf(r.get("code").asText());
            assertThat(r.get("happened").asText()).as("%s.happened in %s", code, language).isEqualTo(code.happened(language));
            assertThat(r.get("action").asText()).as("%s.action in %s", code, language).isEqualTo(code.action(language));
        }
    }

    private static String happened(Answer a, ReasonCode code) {
        for (JsonNode r : a.body()) {
            if (r.get("code").asText().equals(code.name())) {
                return r.get("happened").asText();
            }
        }
        throw new AssertionError(code + " missing from " + a.body());
    }

    @Test
    void withoutAnyLanguageTheTextsAreTheEnglishOfTheEnum() throws Exception {
        Answer a = reasons("", null);
        assertIn(a, "en");
        assertThat(happened(a, ReasonCode.MALFORMED)).isEqualTo(ReasonCode.MALFORMED.happened());
    }

    @Test
    void langRuAnswersInRussian() throws Exception {
        Answer a = reasons("?lang=ru", null);
        assertIn(a, "ru");
        assertThat(happened(a, ReasonCode.MALFORMED)).startsWith("Запрос или сообщение не удалось прочитать")
                .isNotEqualTo(ReasonCode.MALFORMED.happened());
        // the parameter wins over the header, in any case
        assertIn(reasons("?lang=RU", "kk-KZ,kk;q=0.9"), "ru");
        assertIn(reasons("?lang=en", "ru-RU,ru;q=0.9"), "en");
    }

    @Test
    void acceptLanguageKkAnswersInKazakh() throws Exception {
        Answer a = reasons("", "kk");
        assertIn(a, "kk");
        assertThat(happened(a, ReasonCode.MALFORMED)).startsWith("Сұрауды немесе хабарламаны оқу мүмкін болмады");
        assertIn(reasons("", "kk-KZ,ru;q=0.8,en;q=0.5"), "kk");
        // a browser's list: the first of kk, ru, en it admits, in its order of preference
        assertIn(reasons("", "de-DE,de;q=0.9,ru;q=0.8,kk;q=0.7"), "ru");
        assertIn(reasons("", "ru;q=0,kk;q=0.5"), "kk");
        // any role reads them
        assertIn(reasons(userOf(HubRole.BANK), "", "kk"), "kk");
    }

    @Test
    void anUnknownLanguageAnswersEnglish() throws Exception {
        assertIn(reasons("?lang=de", null), "en");
        assertIn(reasons("?lang=", null), "en");
        assertIn(reasons("", "de-DE,fr;q=0.5"), "en");
        assertIn(reasons("", "*"), "en");
        assertIn(reasons("?lang=xx", "zz;q=2"), "en"); // a malformed header is no reason to refuse
        // an unknown lang leaves the choice to the header
        assertIn(reasons("?lang=de", "ru"), "ru");
    }

    @Test
    void openApiDocumentsTheLanguageAndTheUnchangedShape() {
        JsonNode op = get("/v3/api-docs").body().path("paths").path("/api/reasons").path("get");
        List<String> params = op.path("parameters").findValuesAsText("name");
        assertThat(params).containsExactlyInAnyOrder("lang", "Accept-Language");
        for (JsonNode p : op.path("parameters")) {
            if (p.path("name").asText().equals("lang")) {
                assertThat(p.path("in").asText()).isEqualTo("query");
                assertThat(p.path("schema").path("enum").toString()).isEqualTo("[\"kk\",\"ru\",\"en\"]");
            } else {
                assertThat(p.path("in").asText()).isEqualTo("header");
            }
        }
        JsonNode ok = op.path("responses").path("200");
        assertThat(ok.path("headers").has("Content-Language")).isTrue();
        assertThat(ok.path("content").path("application/json").path("schema").path("type").asText()).isEqualTo("array");
        assertThat(ok.path("content").path("application/json").path("schema").path("items").path("$ref").asText())
                .endsWith("/ReasonJson");
    }

    @Test
    void theLanguageIsLangElseAcceptLanguageElseEnglish() {
        assertThat(ReasonController.language("kk", "ru")).isEqualTo("kk");
        assertThat(ReasonController.language(" Ru ", null)).isEqualTo("ru");
        assertThat(ReasonController.language(null, "kk-KZ")).isEqualTo("kk");
        assertThat(ReasonController.language("xx", "ru-KZ,ru;q=0.9")).isEqualTo("ru");
        assertThat(ReasonController.language(null, "en-GB,kk;q=0.9")).isEqualTo("en");
        assertThat(ReasonController.language(null, "@@@")).isEqualTo("en");
        assertThat(ReasonController.language(null, "")).isEqualTo("en");
        assertThat(ReasonController.language(null, null)).isEqualTo("en");
    }
}
