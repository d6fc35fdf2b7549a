package kz.digitaltenge.hub.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import kz.digitaltenge.canonical.ReasonCode;
import kz.digitaltenge.hub.security.PartyScoped;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The one list of reason codes with what each means and what to do, in Kazakh, Russian or English: the admin UI shows
 * these texts in its current language. The English is canonical's {@link ReasonCode}, the others its UTF-8 resources.
 */
@RestController
@Tag(name = "reasons", description = "every reason code the hub answers or quarantines under, explained")
public class ReasonController {
    public record ReasonJson(
            @Schema(example = "MALFORMED") String code,
            @Schema(description = "what happened, in the answer's language") String happened,
            @Schema(description = "what the back office should do about it, in the answer's language") String action) {
    }

    @Operation(summary = "Every reason code: what happened, and what the back office should do about it",
            description = "In the language of `lang` (kk, ru or en); without it, or with another value, in the best of"
                    + " kk, ru and en that `Accept-Language` admits; else in English. Codes are never translated.",
            parameters = @Parameter(in = ParameterIn.HEADER, name = HttpHeaders.ACCEPT_LANGUAGE, example = "ru-KZ,ru;q=0.9,kk;q=0.8",
                    description = "used when `lang` is absent or not kk, ru or en", schema = @Schema(type = "string")),
            responses = @ApiResponse(responseCode = "200", description = "every code, in the order of the enum",
                    headers = @Header(name = HttpHeaders.CONTENT_LANGUAGE, description = "the language of the texts: kk, ru or en",
                            schema = @Schema(type = "string", allowableValues = {"kk", "ru", "en"})),
                    content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                            array = @ArraySchema(schema = @Schema(implementation = ReasonJson.class)))))
    @GetMapping(path = "/api/reasons", produces = MediaType.APPLICATION_JSON_VALUE)
    @PartyScoped("the explanations of reason codes name no party")
    public ResponseEntity<List<ReasonJson>> reasons(
            @Parameter(description = "the language of the texts; the admin UI sends its own",
                    schema = @Schema(type = "string", allowableValues = {"kk", "ru", "en"}))
            @RequestParam(name = "lang", required = false) String lang,
            @Parameter(hidden = true) @RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) String acceptLanguage) {
        String language = language(lang, acceptLanguage);
        List<ReasonJson> reasons = Arrays.stream(ReasonCode.values())
                .map(r -> new ReasonJson(r.name(), r.happened(language), r.action(language))).toList();
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_LANGUAGE, language)
                .header(HttpHeaders.VARY, HttpHeaders.ACCEPT_LANGUAGE)
                .body(reasons);
    }

    /**
     * {@code lang} when it is kk, ru or en (any case); else the first of those that {@code Accept-Language} admits in
     * its order of preference ({@code kk-KZ} is kk, {@code q=0} refuses one, {@code *} names none); else en. A malformed
     * header counts as none: the texts are a help, never a reason to refuse the request.
     */
    static String language(String lang, String acceptLanguage) {
        if (lang != null) {
            String l = lang.strip().toLowerCase(Locale.ROOT);
            if (ReasonCode.LANGUAGES.contains(l)) {
                return l;
            }
        }
        if (acceptLanguage != null && !acceptLanguage.isBlank()) {
            try {
                String match = Locale.lookupTag(Locale.LanguageRange.parse(acceptLanguage), ReasonCode.LANGUAGES);
                if (match != null) {
                    return match;
                }
            } catch (IllegalArgumentException malformed) {
                // falls back to English
            }
        }
        return "en";
    }
}
