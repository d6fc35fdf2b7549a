package kz.digitaltenge.hub.pipeline;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import kz.digitaltenge.hub.web.ApiError;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The hub's intake for source systems and route modules: a canonical message in, a signed fact (or a quarantine
 * id) out. 202 when the fact is made or was made before for the same message; 422 with the quarantine id when
 * the message was quarantined; 403 when the caller may not speak for the source system (nothing stored).
 */
@RestController
@RequestMapping(path = "/api/intake", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "intake", description = "canonical messages from source systems become signed facts")
public class IntakeController {
    private final ProducerTemplate producer;
    private final SourceSystems sources;
    private final kz.digitaltenge.hub.routefiles.RouteFiles.Loaded routeFiles;

    public IntakeController(ProducerTemplate producer, SourceSystems sources, kz.digitaltenge.hub.routefiles.RouteFiles.Loaded routeFiles) {
        this.producer = producer;
        this.sources = sources;
        this.routeFiles = routeFiles;
    }

    public record SourceJson(String id, String role, java.util.List<String> factTypes, java.util.List<String> headers,
                             boolean translates) {
    }

    public record SourcesJson(java.util.List<SourceJson> sources, java.util.List<String> refusedRouteFiles) {
    }

    @Operation(summary = "The source systems the intake takes (declared by route modules, route files or configuration):"
            + " role, fact types, headers; and the route files refused at start, with the file, line and reason")
    @org.springframework.web.bind.annotation.GetMapping("/sources")
    public SourcesJson sources() {
        java.util.List<SourceJson> out = sources.all().stream().sorted(java.util.Comparator.comparing(SourceSystems.Declared::id))
                .map(d -> new SourceJson(d.id(), d.role().name(), d.factTypes().stream().map(Enum::name).sorted().toList(),
                        d.system().headers().stream().sorted().toList(),
                        d.system().translator() != kz.digitaltenge.canonical.source.SourceTranslator.CANONICAL))
                .toList();
        return new SourcesJson(out, routeFiles.refused().stream().map(Object::toString).toList());
    }

    @Operation(summary = "Submit a canonical message {sourceMessageId, type, subject, terms, occurredAt?} of a source"
            + " system; it is authenticated, validated, deduplicated, signed by the hub's oracle key, stored in the"
            + " evidence log and published, or quarantined with its reason")
    @PostMapping(path = "/{source}", consumes = MediaType.ALL_VALUE)
    @kz.digitaltenge.hub.security.PartyScoped("answers only the fact made of the caller's own message; what a source may"
            + " produce is its declared fact types")
    public ResponseEntity<Object> submit(@PathVariable("source") String source, @RequestBody(required = false) byte[] body,
                                         HttpServletRequest request, Authentication caller) {
        return accept(source, body, request.getContentType(), Map.of(), request, caller);
    }

    /**
     * A source system's message over HTTP into the fact pipeline, as the caller sent it: 202 with the fact, 422 with
     * the quarantine id, 403 when the caller may not speak for the source (nothing stored). {@code sourceHeaders} are
     * what the source states beside the body (e.g. the e-invoice IS's registration number), kept with the message.
     */
    ResponseEntity<Object> accept(String source, byte[] body, String contentType, Map<String, String> sourceHeaders,
                                  HttpServletRequest request, Authentication caller) {
        Set<String> roles = caller == null ? Set.of() : caller.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .map(a -> a.startsWith("ROLE_") ? a.substring(5) : a).collect(Collectors.toSet());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("caller", caller == null ? "anonymous" : caller.getName());
        if (caller != null) {
            headers.put(kz.digitaltenge.hub.security.Sender.HEADER, kz.digitaltenge.hub.security.Sender.user(caller.getName()).header());
            kz.digitaltenge.hub.security.Caller who = kz.digitaltenge.hub.security.Caller.of(caller);
            if (kz.digitaltenge.hub.security.CallerScope.narrowed(who) && who.has(kz.digitaltenge.hub.security.HubRole.TAXPAYER)
                    && who.party() != null) {
                // a translator judging who declares something (a general contractor its subcontracts) reads the party
                headers.put(kz.digitaltenge.canonical.source.SourceHeaders.CALLER_PARTY, who.party());
            }
        }
        headers.put("remoteAddress", request.getRemoteAddr());
        headers.putAll(sourceHeaders);
        String signature = request.getHeader("X-Source-Signature");
        if (signature != null) {
            headers.put(FactIntake.SIGNATURE_HEADER, signature);
        }
        IntakeState state = new IntakeState(source, body == null ? new byte[0] : body, contentType, headers, roles, false);
        IntakeResult r;
        try {
            r = producer.requestBody(FactPipelineRoutes.INTAKE, state, IntakeResult.class);
        } catch (CamelExecutionException e) {
            if (e.getCause() instanceof SourceNotAuthorized refused) {
                return ResponseEntity.status(HttpStatus.FORBIDDEN).body(new ApiError(kz.digitaltenge.canonical.ReasonCode.NOT_AUTHORIZED.name(), refused.getMessage()));
            }
            throw e;
        }
        return ResponseEntity.status(r.status() == IntakeResult.Status.QUARANTINED ? HttpStatus.UNPROCESSABLE_ENTITY : HttpStatus.ACCEPTED)
                .body(r);
    }

    /**
     * The pipeline could not finish (its store or the broker failed): nothing was acknowledged, so the source sends again.
     * The cause is logged; the answer names no internals.
     */
    @org.springframework.web.bind.annotation.ExceptionHandler(RuntimeException.class)
    ResponseEntity<ApiError> unavailable(RuntimeException e) {
        if (e instanceof kz.digitaltenge.canonical.LedgerException le && le.reason() != kz.digitaltenge.canonical.ReasonCode.UNAVAILABLE) {
            return ResponseEntity.status(kz.digitaltenge.hub.web.ApiErrors.status(le.reason())).body(new ApiError(le.reason().name(), le.getMessage()));
        }
        org.slf4j.LoggerFactory.getLogger(getClass()).warn("message not accepted", e);
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(new ApiError("UNAVAILABLE",
                "the message was not accepted and must be sent again: " + kz.digitaltenge.hub.web.ApiErrors.UNAVAILABLE_MESSAGE));
    }
}
