package kz.digitaltenge.hub.quarantine;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import kz.digitaltenge.hub.quarantine.Quarantine.BulkResult;
import kz.digitaltenge.hub.quarantine.Quarantine.Groups;
import kz.digitaltenge.hub.quarantine.Quarantine.Selection;
import kz.digitaltenge.hub.quarantine.QuarantineReplay.Outcome;
import kz.digitaltenge.canonical.LedgerException;
import kz.digitaltenge.canonical.ReasonCode;
import org.springframework.http.MediaType;
import org.springframework.util.MimeType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Failed-message operations under {@code /api/quarantine} (oracle-hub/README.md, "Quarantine"). The actor of every
 * action is the authenticated {@link Principal}'s name, "anonymous" while the API has no authentication.
 */
@RestController
@RequestMapping(path = "/api/quarantine", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "quarantine", description = "failed messages: list, group, view, retry, edit-and-retry, reject; audit log")
public class QuarantineController {
    private final Quarantine quarantine;

    public QuarantineController(Quarantine quarantine) {
        this.quarantine = quarantine;
    }

    // ------------------------------------------------------------------ JSON

    @Schema(description = "A quarantined message without its body")
    public record MessageSummary(long id, Instant receivedAt, String sourceSystem, String sourceMessageId,
                                 String routeId, String reasonCode, String reasonMessage, String contentType,
                                 int size, QuarantineStatus status, Long retryOf, Long retriedAs, String producedRef,
                                 String resolutionNote, int attempts, Instant updatedAt) {
        static MessageSummary of(QuarantinedMessage m) {
            return new MessageSummary(m.id(), m.receivedAt(), m.sourceSystem(), m.sourceMessageId(), m.routeId(),
                    m.reasonCode(), m.reasonMessage(), m.contentType(), m.body().length, m.status(), m.retryOf(),
                    m.retriedAs(), m.producedRef(), m.resolutionNote(), m.attempts(), m.updatedAt());
        }
    }

    @Schema(description = "A quarantined message with its original headers and bytes")
    public record MessageView(long id, Instant receivedAt, String sourceSystem, String sourceMessageId,
                              String routeId, String reasonCode, String reasonMessage, String contentType, int size,
                              QuarantineStatus status, Long retryOf, Long retriedAs, String producedRef,
                              String resolutionNote, int attempts, Instant updatedAt, Map<String, String> headers,
                              @Schema(description = "the original bytes, base64") String bodyBase64,
                              @Schema(description = "for text content types: the body decoded with the declared"
                                      + " charset (UTF-8 when none); absent when not text or not decodable")
                              String bodyText,
                              @Schema(description = "the charset bodyText was decoded with; null when there is no text")
                              String charset) {
        static MessageView of(QuarantinedMessage m) {
            String text = text(m.contentType(), m.body());
            return new MessageView(m.id(), m.receivedAt(), m.sourceSystem(), m.sourceMessageId(), m.routeId(),
                    m.reasonCode(), m.reasonMessage(), m.contentType(), m.body().length, m.status(), m.retryOf(),
                    m.retriedAs(), m.producedRef(), m.resolutionNote(), m.attempts(), m.updatedAt(), m.headers(),
                    Base64.getEncoder().encodeToString(m.body()), text, text == null ? null : QuarantineController.charset(m.contentType()).name());
        }
    }

    public record PageJson<T>(List<T> items, int page, int size, long total) {
    }

    @Schema(description = "A page of the list: by page number, or by cursor (next / previous: pass as after= / before=)")
    public record ListJson(List<MessageSummary> items, int page, int size, long total, Long next, Long previous) {
    }

    public record OutcomeJson(String result, String producedRef, String reasonCode, String message) {
        static OutcomeJson of(Outcome o) {
            return new OutcomeJson(o.result().name(), o.producedRef(), o.reasonCode(), o.message());
        }
    }

    public record RetryAnswer(MessageView entry, OutcomeJson outcome) {
    }

    public record EditAnswer(MessageView original, MessageView copy, OutcomeJson outcome) {
    }

    @Schema(description = "The edited message: exactly one of text (encoded with the content type's charset, UTF-8"
            + " when none) or base64; headers and contentType replace the original's when given")
    public record EditRequest(String text, String base64, JsonNode headers, String contentType) {
    }

    public record RejectRequest(@Schema(description = "why, in words; required") String reason) {
    }

    @Schema(description = "exactly one of reasonCode (its QUARANTINED entries, oldest first, at most 1000) or ids;"
            + " reason is required for /groups/reject")
    public record BulkRequest(String reasonCode, List<Long> ids, String reason) {
    }

    // ------------------------------------------------------------------ endpoints

    @Operation(summary = "Quarantined messages, oldest first, filtered by status, reason code, source, route,"
            + " time received (from inclusive, to exclusive, ISO-8601) and free text q (sender, document number, message);"
            + " paged by cursor (after= / before= an id: next and previous in the answer) or by page number")
    @GetMapping("/messages")
    public ListJson list(@RequestParam(required = false) String status,
                                         @RequestParam(required = false) String reason,
                                         @RequestParam(required = false) String source,
                                         @RequestParam(required = false) String route,
                                         @RequestParam(required = false) String from,
                                         @RequestParam(required = false) String to,
                                         @RequestParam(required = false) String q,
                                         @RequestParam(required = false) Long after,
                                         @RequestParam(required = false) Long before,
                                         @RequestParam(defaultValue = "0") int page,
                                         @RequestParam(defaultValue = "50") int size) {
        QuarantineFilter filter = new QuarantineFilter(status(status), blankToNull(reason), blankToNull(source),
                blankToNull(route), instant("from", from), instant("to", to));
        if (page > 0 && (after != null || before != null)) {
            throw malformed("page by number or by cursor (after, before), not both");
        }
        if (page > 0) {
            Page<QuarantinedMessage> p = quarantine.list(filter, page, size);
            return new ListJson(p.items().stream().map(MessageSummary::of).toList(), p.page(), p.size(), p.total(), null, null);
        }
        QuarantineSearch.Slice s = quarantine.search(filter, blankToNull(q), after, before, size);
        return new ListJson(s.items().stream().map(MessageSummary::of).toList(), 0, size, s.total(), s.next(), s.previous());
    }

    @Operation(summary = "Counts per reason code and per source system of the entries in a status (default QUARANTINED)")
    @GetMapping("/groups")
    public Groups groups(@RequestParam(required = false) String status) {
        QuarantineStatus s = status(status);
        return quarantine.groups(s == null ? QuarantineStatus.QUARANTINED : s);
    }

    @Operation(summary = "One message with its headers and original bytes (base64, and as text for text types)")
    @GetMapping("/messages/{id}")
    public MessageView get(@PathVariable long id) {
        return MessageView.of(quarantine.get(id));
    }

    @Operation(summary = "Replay the message as stored: RESOLVED when the replay succeeds, else still QUARANTINED"
            + " with the new reason or a note; 409 CONFLICT unless QUARANTINED")
    @PostMapping("/messages/{id}/retry")
    public RetryAnswer retry(@PathVariable long id, Principal principal) {
        Quarantine.RetryResult r = quarantine.retry(id, actor(principal));
        return new RetryAnswer(MessageView.of(r.entry()), OutcomeJson.of(r.outcome()));
    }

    @Operation(summary = "Store an edited copy linked to the original (kept unchanged, now RETRIED) and retry the"
            + " copy; 409 CONFLICT unless QUARANTINED")
    @PostMapping(path = "/messages/{id}/edit-and-retry", consumes = MediaType.APPLICATION_JSON_VALUE)
    public EditAnswer editAndRetry(@PathVariable long id, @RequestBody EditRequest request, Principal principal) {
        if (request == null || (request.text() == null) == (request.base64() == null)) {
            throw malformed("give exactly one of text or base64");
        }
        QuarantinedMessage original = quarantine.get(id);
        String contentType = blankToNull(request.contentType());
        byte[] body;
        if (request.base64() != null) {
            try {
                body = Base64.getDecoder().decode(request.base64());
            } catch (IllegalArgumentException e) {
                throw malformed("base64: " + e.getMessage());
            }
        } else {
            body = request.text().getBytes(charset(contentType != null ? contentType : original.contentType()));
        }
        Quarantine.EditResult r = quarantine.editAndRetry(id, body, headers(request.headers()), contentType,
                actor(principal));
        return new EditAnswer(MessageView.of(r.original()), MessageView.of(r.copy()), OutcomeJson.of(r.outcome()));
    }

    @Operation(summary = "Reject for good with a written reason (400 MALFORMED when blank); 409 CONFLICT unless"
            + " QUARANTINED")
    @PostMapping(path = "/messages/{id}/reject", consumes = MediaType.APPLICATION_JSON_VALUE)
    public MessageView reject(@PathVariable long id, @RequestBody(required = false) RejectRequest request,
                              Principal principal) {
        return MessageView.of(quarantine.reject(id, request == null ? null : request.reason(), actor(principal)));
    }

    @Operation(summary = "Retry a group (reasonCode) or a list of ids, each on its own; skipped entries are reported")
    @PostMapping(path = "/groups/retry", consumes = MediaType.APPLICATION_JSON_VALUE)
    public BulkResult bulkRetry(@RequestBody BulkRequest request, Principal principal) {
        return quarantine.bulkRetry(selection(request), actor(principal));
    }

    @Operation(summary = "Reject a group (reasonCode) or a list of ids with one written reason, in one transaction")
    @PostMapping(path = "/groups/reject", consumes = MediaType.APPLICATION_JSON_VALUE)
    public BulkResult bulkReject(@RequestBody BulkRequest request, Principal principal) {
        Selection selection = selection(request);
        return quarantine.bulkReject(selection, request.reason(), actor(principal));
    }

    @Operation(summary = "The audit log, oldest first: target (a quarantine id, or a group such as reason:X),"
            + " actor, time (from inclusive, to exclusive)")
    @GetMapping("/audit")
    public PageJson<AuditEntry> audit(@RequestParam(required = false) String target,
                                      @Parameter(description = "quarantine (default when target is given) or"
                                              + " quarantine-group")
                                      @RequestParam(required = false) String targetType,
                                      @RequestParam(required = false) String actor,
                                      @RequestParam(required = false) String from,
                                      @RequestParam(required = false) String to,
                                      @RequestParam(defaultValue = "0") int page,
                                      @RequestParam(defaultValue = "100") int size) {
        Page<AuditEntry> p = quarantine.audit(auditFilter(target, targetType, actor, from, to), page, size);
        return new PageJson<>(p.items(), p.page(), p.size(), p.total());
    }

    /** The audit log's filter from the query: a target's type follows from the target when not given. */
    static AuditFilter auditFilter(String target, String targetType, String actor, String from, String to) {
        String type = blankToNull(targetType);
        if (type != null && !type.equals(Quarantine.TARGET) && !type.equals(Quarantine.GROUP_TARGET)) {
            // an unknown type matched nothing and answered an empty log, as if nothing had been done
            throw new LedgerException(ReasonCode.MALFORMED, "unknown targetType '" + type + "' (" + Quarantine.TARGET + ", "
                    + Quarantine.GROUP_TARGET + ")");
        }
        String id = blankToNull(target);
        if (type == null && id != null) {
            type = id.startsWith("reason:") || id.startsWith("ids:") ? Quarantine.GROUP_TARGET : Quarantine.TARGET;
        }
        return new AuditFilter(type, id, blankToNull(actor), instant("from", from), instant("to", to));
    }

    // ------------------------------------------------------------------ helpers

    static String actor(Principal principal) {
        String name = principal == null ? null : principal.getName();
        return name == null || name.isBlank() ? "anonymous" : name;
    }

    private static Selection selection(BulkRequest r) {
        if (r == null) {
            throw malformed("the body is missing");
        }
        return new Selection(blankToNull(r.reasonCode()), r.ids());
    }

    private static Map<String, String> headers(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw malformed("headers must be a JSON object of strings");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        var fields = node.fields();
        while (fields.hasNext()) {
            var f = fields.next();
            if (!f.getValue().isTextual()) {
                throw malformed("header '" + f.getKey() + "' is not a string");
            }
            headers.put(f.getKey(), f.getValue().asText());
        }
        return headers;
    }

    private static QuarantineStatus status(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return QuarantineStatus.valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw malformed("unknown status '" + s + "' (QUARANTINED, RETRIED, RESOLVED, REJECTED)");
        }
    }

    private static Instant instant(String name, String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(s.trim());
        } catch (DateTimeParseException e) {
            throw malformed(name + ": not an ISO-8601 instant: " + s);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    /** The body as text for text content types (text/*, *json, *xml, or a declared charset), else null. */
    static String text(String contentType, byte[] body) {
        if (contentType == null) {
            return null;
        }
        String ct = contentType.toLowerCase(Locale.ROOT);
        boolean textual = ct.startsWith("text/") || ct.contains("json") || ct.contains("xml") || ct.contains("csv")
                || ct.contains("charset=");
        if (!textual) {
            return null;
        }
        try {
            return charset(contentType).newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** The charset a content type declares, UTF-8 when none or unknown. */
    static Charset charset(String contentType) {
        if (contentType == null) {
            return StandardCharsets.UTF_8;
        }
        try {
            Charset c = MimeType.valueOf(contentType).getCharset();
            return c == null ? StandardCharsets.UTF_8 : c;
        } catch (RuntimeException e) {
            return StandardCharsets.UTF_8;
        }
    }

    private static LedgerException malformed(String message) {
        return new LedgerException(ReasonCode.MALFORMED, message);
    }
}
