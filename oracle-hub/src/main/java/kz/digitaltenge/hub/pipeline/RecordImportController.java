package kz.digitaltenge.hub.pipeline;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kz.digitaltenge.canonical.ReasonCode;
import kz.digitaltenge.canonical.source.RecordImport;
import kz.digitaltenge.canonical.source.SourceHeaders;
import kz.digitaltenge.hub.web.ApiError;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * A source's record imports ({@link RecordImport}, declared by the source): {@code POST /api/<source>/<path>} with a
 * file of the source's own format (the procurement portal's list response or one record), through the same pipeline as
 * every message of the source. Each record is judged on its own; the answer is one entry per record, in file order:
 * the record's labels (its number, the source's id), its status, and its fact or its quarantine entry.
 *
 * <p>Statuses: {@code REGISTERED} the subject's first fact, {@code AMENDED} a later version of it, {@code UNCHANGED}
 * the same record again or one that says what is registered (no second fact), {@code INCOMPLETE} the record lacks what
 * the fact needs (quarantined {@code INCOMPLETE}), {@code REFUSED} any other refusal (quarantined with its reason).
 * 200 when the file was read (whatever each record's outcome); 422 when the file as a whole could not be (one entry,
 * quarantined); 403 when the caller's roles are not the import's; 404 when the source has no such import.
 */
@RestController
@Tag(name = "intake", description = "canonical messages from source systems become signed facts")
public class RecordImportController {
    private final IntakeController intake;
    private final SourceSystems sources;

    public RecordImportController(IntakeController intake, SourceSystems sources) {
        this.intake = intake;
        this.sources = sources;
    }

    /**
     * One POST mapping per declared import ({@code /api/<source>/<path>}), made at start from the declarations: a
     * pattern {@code /api/{source}/{path}} would also catch every other two-segment POST that its own endpoint refuses
     * (a form sent to {@code /api/ledger/transactions} must stay that endpoint's 415).
     */
    public void registerImports(org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping mappings) {
        java.lang.reflect.Method handler;
        try {
            handler = RecordImportController.class.getMethod("importRecords", byte[].class, HttpServletRequest.class,
                    Authentication.class);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
        for (SourceSystems.Declared d : sources.all()) {
            for (RecordImport i : d.system().imports()) {
                mappings.registerMapping(org.springframework.web.servlet.mvc.method.RequestMappingInfo
                        .paths("/api/" + d.id() + "/" + i.path())
                        .methods(org.springframework.web.bind.annotation.RequestMethod.POST)
                        .produces(MediaType.APPLICATION_JSON_VALUE)
                        .options(mappings.getBuilderConfiguration()).build(), this, handler);
            }
        }
    }

    /** One record's outcome; the record's labels are fields of their own. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RecordOutcome(@com.fasterxml.jackson.annotation.JsonIgnore Map<String, String> labels, String status,
                                String factId, String supersedes, String reasonCode, Long quarantineId, String message) {
        @JsonAnyGetter
        public Map<String, String> labelFields() {
            return labels;
        }
    }

    @Operation(summary = "Import records of a source's own format (e.g. POST /api/procurement/contracts with the portal's"
            + " list response {total, limit, next_page, items} or one full record); one entry per record: its labels,"
            + " status REGISTERED | AMENDED | UNCHANGED | INCOMPLETE | REFUSED, factId or reasonCode and quarantineId")
    @kz.digitaltenge.hub.security.PartyScoped("a narrowed caller (a general contractor's system) imports as its own party:"
            + " the source's translator judges what that party may declare (its own contracts' subcontracts)")
    public ResponseEntity<Object> importRecords(@RequestBody(required = false) byte[] body, HttpServletRequest request,
                                                Authentication caller) {
        // mapped for each declared import only (registerImports), so no other endpoint's path is ever taken here
        String[] parts = request.getRequestURI().split("/", -1); // "", "api", source, path
        String source = parts.length == 4 ? parts[2] : "";
        String path = parts.length == 4 ? parts[3] : "";
        boolean declared = sources.find(source).map(d -> d.system().imports().stream().anyMatch(i -> i.path().equals(path)))
                .orElse(false);
        if (!declared) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(new ApiError(ReasonCode.NOT_FOUND.name(),
                    "source system " + source + " has no import " + path));
        }
        ResponseEntity<Object> answer = intake.accept(source, body, request.getContentType(), Map.of(SourceHeaders.IMPORT, path),
                request, caller);
        if (!(answer.getBody() instanceof IntakeResult result)) {
            return answer; // 403: the caller may not import this (nothing stored)
        }
        if (result.items() == null) {
            // the file as a whole: unreadable (quarantined), or a single message that went through
            RecordOutcome one = outcome(result, Map.of("record", "file"));
            return ResponseEntity.status(result.status() == IntakeResult.Status.QUARANTINED ? HttpStatus.UNPROCESSABLE_ENTITY
                    : HttpStatus.OK).body(List.of(one));
        }
        List<RecordOutcome> out = new ArrayList<>();
        for (IntakeResult item : result.items()) {
            out.add(outcome(item, item.labels()));
        }
        // the translator's good records and its rejected ones come separately: the answer is in file order
        out.sort(java.util.Comparator.comparingLong(o -> recordNumber(o.labels())));
        return ResponseEntity.ok(out);
    }

    private static RecordOutcome outcome(IntakeResult r, Map<String, String> labels) {
        Map<String, String> l = new LinkedHashMap<>(labels);
        return switch (r.status()) {
            case ACCEPTED -> new RecordOutcome(l, r.supersedes() == null ? "REGISTERED" : "AMENDED", r.factId(), r.supersedes(),
                    null, null, null);
            case DUPLICATE -> new RecordOutcome(l, "UNCHANGED", r.factId(), null, null, null, null);
            case QUARANTINED -> new RecordOutcome(l, ReasonCode.INCOMPLETE.name().equals(r.reason()) ? "INCOMPLETE" : "REFUSED",
                    null, null, r.reason(), r.quarantineId(), r.message());
        };
    }

    private static long recordNumber(Map<String, String> labels) {
        String n = labels.get("record");
        if (n == null) {
            return Long.MAX_VALUE;
        }
        try {
            return Long.parseLong(n.replaceAll("\\D", ""));
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }
}
