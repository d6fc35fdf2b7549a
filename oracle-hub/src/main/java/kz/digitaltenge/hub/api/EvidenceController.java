package kz.digitaltenge.hub.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import kz.digitaltenge.hub.evidence.EvidenceCheckpoints;
import kz.digitaltenge.hub.evidence.EvidenceExport;
import kz.digitaltenge.hub.evidence.EvidenceJson;
import kz.digitaltenge.ledger.Ledger;
import kz.digitaltenge.canonical.LedgerException;
import kz.digitaltenge.canonical.ReasonCode;
import kz.digitaltenge.ledger.fact.EvidenceLog;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The evidence log of registered facts (docs/evidence.md): verification on demand, against the latest signed
 * checkpoint too; checkpoints on demand and their list; the export an auditor verifies offline.
 */
@RestController
@RequestMapping(path = "/api/oracle/evidence", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "evidence", description = "the hash-chained log of every fact the oracle registered")
public class EvidenceController {
    /** JSON lines, one object per line (application/x-ndjson). */
    public static final String JSON_LINES = "application/x-ndjson";
    private static final int MAX_LISTED = 1000;

    private final Ledger ledger;
    private final EvidenceCheckpoints checkpoints;
    private final EvidenceExport export;

    public EvidenceController(Ledger ledger, EvidenceCheckpoints checkpoints, EvidenceExport export) {
        this.ledger = ledger;
        this.checkpoints = checkpoints;
        this.export = export;
    }

    @Operation(summary = "Re-checks the whole chain: every link, every fact's id, every oracle signature, and the"
            + " latest signed checkpoint (a chain cut below it or rewritten at it); reports the first problem")
    @GetMapping("/verify")
    public EvidenceLog.Report verify() {
        return ledger.evidence().verify(checkpoints.latest().map(List::of).orElse(List.of()));
    }

    @Operation(summary = "Signs a checkpoint of the chain's head now (seq, entry hash, time) with the hub's oracle key,"
            + " stores it and publishes it on the facts endpoint; 409 CONFLICT while the log is empty")
    @PostMapping("/checkpoints")
    @ResponseStatus(HttpStatus.CREATED)
    public JsonNode checkpoint() {
        return EvidenceJson.checkpoint(checkpoints.checkpoint());
    }

    @Operation(summary = "The stored checkpoints, highest seq first (at most limit, 1-1000)")
    @GetMapping("/checkpoints")
    public List<JsonNode> checkpoints(@RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > MAX_LISTED) {
            throw new LedgerException(ReasonCode.MALFORMED, "limit must be 1-" + MAX_LISTED);
        }
        return checkpoints.newestFirst(limit).stream().map(cp -> (JsonNode) EvidenceJson.checkpoint(cp)).toList();
    }

    @Operation(summary = "The whole chain as JSON lines: a header with the registered ORACLE keys, then one line per"
            + " entry with its signed fact; what bin/evidence-verify checks without the hub")
    @GetMapping(path = "/export", produces = JSON_LINES)
    public void export(HttpServletResponse response) throws IOException {
        response.setContentType(JSON_LINES);
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"evidence-export.jsonl\"");
        export.write(response.getOutputStream());
        response.flushBuffer();
    }
}
