package kz.digitaltenge.hub.quarantine;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The audit log as CSV (RFC 4180, UTF-8 with a byte order mark so spreadsheet programs read Cyrillic right), with the
 * filters of {@code GET /api/quarantine/audit}, oldest first, written page by page so a long log never sits in memory.
 */
@RestController
@Tag(name = "quarantine", description = "failed messages: review, retry, edit-and-retry, reject, audit")
public class AuditExportController {
    /** Most lines one export writes; a longer log is exported by period. */
    static final int MAX_LINES = 100_000;
    private static final int PAGE = 500;

    private final Quarantine quarantine;

    public AuditExportController(Quarantine quarantine) {
        this.quarantine = quarantine;
    }

    @Operation(summary = "The audit log as CSV: id, at, actor, action, targetType, target, detail (same filters as /audit)")
    @GetMapping(path = "/api/quarantine/audit.csv", produces = "text/csv")
    public void export(@RequestParam(required = false) String target, @RequestParam(required = false) String targetType,
                       @RequestParam(required = false) String actor, @RequestParam(required = false) String from,
                       @RequestParam(required = false) String to, HttpServletResponse response) throws IOException {
        AuditFilter filter = QuarantineController.auditFilter(target, targetType, actor, from, to);
        response.setContentType("text/csv; charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"audit-log.csv\"");
        Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        out.write('\uFEFF');
        out.write("id,at,actor,action,targetType,target,detail\r\n");
        int written = 0;
        for (int page = 0; written < MAX_LINES; page++) {
            Page<AuditEntry> p = quarantine.audit(filter, page, PAGE);
            for (AuditEntry e : p.items()) {
                out.write(e.id() + "," + e.at() + "," + cell(e.actor()) + "," + cell(e.action()) + "," + cell(e.targetType())
                        + "," + cell(e.targetId()) + "," + cell(e.detail()) + "\r\n");
                written++;
            }
            if (p.items().size() < PAGE) {
                break;
            }
        }
        out.flush();
    }

    /**
     * A field quoted when it must be; a leading =, +, - or @ is prefixed with an apostrophe, so a spreadsheet never runs
     * what an actor or a message wrote as a formula.
     */
    static String cell(String value) {
        if (value == null) {
            return "";
        }
        String v = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
            return "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }
}
