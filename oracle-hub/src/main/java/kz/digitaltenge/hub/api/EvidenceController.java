package kz.digitaltenge.hub.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import kz.digitaltenge.ledger.Ledger;
import kz.digitaltenge.ledger.fact.EvidenceLog;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The evidence log of registered facts (docs/programmable-money.md, "Evidence log"): verification on demand. */
@RestController
@RequestMapping(path = "/api/oracle/evidence", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "evidence", description = "the hash-chained log of every fact the oracle registered")
public class EvidenceController {
    private final Ledger ledger;

    public EvidenceController(Ledger ledger) {
        this.ledger = ledger;
    }

    @Operation(summary = "Re-checks the whole chain: every link, every fact's id, every oracle signature; reports the"
            + " first broken link")
    @GetMapping("/verify")
    public EvidenceLog.Report verify() {
        return ledger.evidence().verify();
    }
}
