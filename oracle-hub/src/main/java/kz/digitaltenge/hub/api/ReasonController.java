package kz.digitaltenge.hub.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Arrays;
import java.util.List;
import kz.digitaltenge.canonical.ReasonCode;
import kz.digitaltenge.hub.security.PartyScoped;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The one list of reason codes with what each means and what to do: the admin UI shows these texts. */
@RestController
@Tag(name = "reasons", description = "every reason code the hub answers or quarantines under, explained")
public class ReasonController {
    public record ReasonJson(String code, String happened, String action) {
    }

    @Operation(summary = "Every reason code: what happened, and what the back office should do about it")
    @GetMapping(path = "/api/reasons", produces = MediaType.APPLICATION_JSON_VALUE)
    @PartyScoped("the explanations of reason codes name no party")
    public List<ReasonJson> reasons() {
        return Arrays.stream(ReasonCode.values()).map(r -> new ReasonJson(r.name(), r.happened(), r.action())).toList();
    }
}
