package kz.digitaltenge.hub.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import kz.digitaltenge.hub.config.HubProperties;
import kz.digitaltenge.hub.oracle.OracleSigner;
import kz.digitaltenge.canonical.LedgerException;
import kz.digitaltenge.canonical.ReasonCode;
import kz.digitaltenge.ledger.crypto.Keys;
import kz.digitaltenge.ledger.fact.Fact;
import kz.digitaltenge.ledger.fact.FactBook;
import kz.digitaltenge.ledger.fact.FactId;
import kz.digitaltenge.ledger.fact.FactTerms;
import kz.digitaltenge.ledger.fact.FactType;
import kz.digitaltenge.ledger.fact.SignedFact;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Oracle facts (docs/programmable-money.md, "Facts"): register a fact signed by an oracle key, let the hub sign
 * and register one with its own oracle key, read a fact by id or the latest of a type about a subject. Terms are
 * a JSON object of strings, exactly what {@link Fact} holds (amounts in tiyn as decimal integers, accounts as
 * IIK, instants as ISO-8601).
 */
@RestController
@RequestMapping(path = "/api/oracle/facts", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "oracle facts", description = "facts the oracle confirms: contracts, invoices, events, approvals")
public class FactController {
    private final FactBook facts;
    private final OracleSigner signer;
    private final HubProperties properties;

    public FactController(FactBook facts, OracleSigner signer, HubProperties properties) {
        this.facts = facts;
        this.signer = signer;
        this.properties = properties;
    }

    @Schema(description = "A fact; for POST /api/oracle/facts also keyId and signature (base64, over"
            + " 'digital-tenge/fact/v1:' + the 32-byte fact id)")
    public record FactRequest(String type, String subject,
                              @Schema(description = "string to string; amounts in tiyn, accounts as IIK, instants ISO-8601")
                              JsonNode terms,
                              @Schema(description = "ISO-8601 instant, millisecond precision; default now for /sign")
                              String issuedAt,
                              String keyId, String signature) {
    }

    public record FactJson(String id, String type, String subject, Map<String, String> terms, String issuedAt,
                           String keyId, String signature) {
        static FactJson of(SignedFact f) {
            Fact fact = f.fact();
            return new FactJson(f.id().hex(), fact.type().name(), fact.subject(), fact.terms(),
                    Instant.ofEpochMilli(fact.issuedAtMillis()).toString(), f.keyId(), Keys.base64(f.signature()));
        }
    }

    @Operation(summary = "Register a fact signed by an oracle key; 201 when new, 200 when already registered")
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<FactJson> register(@RequestBody FactRequest r) {
        require(r != null, "the body is missing");
        require(r.keyId() != null && !r.keyId().isBlank(), "keyId is missing");
        require(r.signature() != null && !r.signature().isBlank(), "signature is missing");
        Fact fact = fact(r, false);
        refuseApproval(fact);
        return register(new SignedFact(fact, r.keyId(), Keys.fromBase64(r.signature(), "signature")));
    }

    @Operation(summary = "The hub signs the fact with its own oracle key and registers it (tests and tools)")
    @PostMapping(path = "/sign", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<FactJson> sign(@RequestBody FactRequest r) {
        if (!properties.getOracle().isSignEndpoint()) {
            throw new LedgerException(ReasonCode.NOT_AUTHORIZED, "signing by the hub is switched off (hub.oracle.sign-endpoint)");
        }
        require(r != null, "the body is missing");
        require(r.keyId() == null && r.signature() == null, "/sign takes an unsigned fact: no keyId or signature");
        Fact fact = fact(r, true);
        refuseApproval(fact);
        FactTerms.validate(fact); // never sign a fact that could not be registered
        return register(signer.sign(fact));
    }

    @Operation(summary = "A registered fact by its id (64 hex)")
    @GetMapping("/{id}")
    public FactJson byId(@PathVariable("id") String id) {
        FactId factId = FactId.parse(id);
        return facts.find(factId).map(FactJson::of).orElseThrow(() ->
                new LedgerException(ReasonCode.NOT_FOUND, "fact " + factId + " is not registered"));
    }

    @Operation(summary = "The latest fact of a type about a subject (e.g. an invoice's current state)")
    @GetMapping
    public FactJson latest(@RequestParam("type") String type, @RequestParam("subject") String subject) {
        FactType t = type(type);
        return facts.latest(t, subject).map(FactJson::of).orElseThrow(() ->
                new LedgerException(ReasonCode.NOT_FOUND, "no " + t + " fact about '" + subject + "'"));
    }

    /**
     * The oracle's approvals are the outcome of its own checks (the hold and release endpoints of an event), so neither
     * a signed fact from outside nor a request to sign one can be an approval.
     */
    private static void refuseApproval(Fact fact) {
        if (kz.digitaltenge.hub.pipeline.FactIntake.APPROVALS.contains(fact.type())) {
            throw new LedgerException(ReasonCode.NOT_AUTHORIZED, fact.type() + " is made by the oracle's own checks only"
                    + " (POST /api/programmable/events/{id}/hold-approvals, and a release approves its occurrence itself)");
        }
    }

    private ResponseEntity<FactJson> register(SignedFact signed) {
        boolean known = facts.find(signed.id()).isPresent();
        facts.register(signed);
        SignedFact stored = facts.find(signed.id()).orElse(signed);
        return ResponseEntity.status(known ? HttpStatus.OK : HttpStatus.CREATED).body(FactJson.of(stored));
    }

    private static Fact fact(FactRequest r, boolean defaultNow) {
        FactType type = type(r.type());
        require(r.subject() != null, "subject is missing");
        Instant issuedAt;
        if (r.issuedAt() == null || r.issuedAt().isBlank()) {
            require(defaultNow, "issuedAt is missing");
            issuedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        } else {
            try {
                issuedAt = Instant.parse(r.issuedAt());
            } catch (DateTimeParseException e) {
                throw new LedgerException(ReasonCode.MALFORMED, "issuedAt '" + r.issuedAt() + "' is not an ISO-8601 instant");
            }
            require(issuedAt.getNano() % 1_000_000 == 0, "issuedAt has more than millisecond precision");
        }
        return Fact.of(type, r.subject(), terms(r.terms()), issuedAt);
    }

    private static SortedMap<String, String> terms(JsonNode node) {
        require(node != null && !node.isNull(), "terms are missing");
        require(node.isObject(), "terms must be a JSON object of strings");
        SortedMap<String, String> terms = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            require(e.getValue().isTextual(), "term '" + e.getKey() + "' must be a string (amounts in tiyn as \"12345\")");
            terms.put(e.getKey(), e.getValue().textValue());
        }
        return terms;
    }

    private static FactType type(String value) {
        require(value != null && !value.isBlank(), "type is missing");
        try {
            return FactType.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new LedgerException(ReasonCode.MALFORMED, "type '" + value + "' is not one of "
                    + java.util.Arrays.toString(FactType.values()));
        }
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new LedgerException(ReasonCode.MALFORMED, message);
        }
    }
}
