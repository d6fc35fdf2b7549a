package kz.digitaltenge.hub.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import kz.digitaltenge.hub.security.SignedInUser;
import kz.digitaltenge.hub.security.UserPreferences;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The caller itself: who it is, what its roles admit (the admin UI's screens), its language. */
@RestController
@Tag(name = "me", description = "the signed-in user")
public class MeController {
    private final SignedInUser me;
    private final UserPreferences preferences;

    public MeController(SignedInUser me, UserPreferences preferences) {
        this.me = me;
        this.preferences = preferences;
    }

    public record LanguageRequest(String language) {
    }

    @Operation(summary = "The caller: name, roles, bound participant, chosen language, and the admin UI's screens its roles admit")
    @GetMapping(path = "/api/me", produces = MediaType.APPLICATION_JSON_VALUE)
    public SignedInUser.Me get(Authentication caller) {
        return me.of(caller);
    }

    @Operation(summary = "Remember the caller's language for the admin UI: kk, ru or en")
    @PutMapping(path = "/api/me/language", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Void> language(@RequestBody LanguageRequest request, Authentication caller) {
        preferences.setLanguage(caller.getName(), request == null ? null : request.language());
        return ResponseEntity.noContent().build();
    }
}
