package kz.digitaltenge.hub.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import kz.digitaltenge.canonical.LedgerException;
import kz.digitaltenge.canonical.ReasonCode;
import kz.digitaltenge.ledger.crypto.SignatureAlgorithm;
import kz.digitaltenge.ledger.fact.EvidenceCheckpoint;
import kz.digitaltenge.ledger.fact.Fact;
import kz.digitaltenge.ledger.fact.FactType;
import kz.digitaltenge.ledger.fact.SignedFact;
import kz.digitaltenge.canonical.id.PartyId;
import kz.digitaltenge.ledger.registry.RegisteredKey;
import kz.digitaltenge.ledger.fact.EvidenceEntry;

/**
 * The JSON of the evidence log outside the hub, in one place, so the export, the published checkpoints and the
 * offline verifier read and write the same thing (the format is in docs/evidence.md). Hashes are lower-case hex,
 * signatures and public keys base64; {@code loggedAt} is epoch milliseconds because the entry hash covers exactly that
 * number; {@code issuedAt} and {@code signedAt} are ISO-8601 instants of millisecond precision, as facts carry them.
 */
public final class EvidenceJson {
    public static final String CHECKPOINT = "EVIDENCE_CHECKPOINT";
    public static final String EXPORT = "EVIDENCE_EXPORT";
    public static final String ENTRY = "EVIDENCE_ENTRY";
    public static final int FORMAT = 1;
    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HexFormat HEX = HexFormat.of();

    private EvidenceJson() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static ObjectNode checkpoint(EvidenceCheckpoint cp) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("kind", CHECKPOINT);
        n.put("seq", cp.seq());
        n.put("entryHash", cp.entryHashHex());
        n.put("signedAt", Instant.ofEpochMilli(cp.signedAtMillis()).toString());
        n.put("keyId", cp.keyId());
        n.put("signature", Base64.getEncoder().encodeToString(cp.signature()));
        return n;
    }

    /** A checkpoint as published, listed or kept by an auditor; MALFORMED when a field is missing or unreadable. */
    public static EvidenceCheckpoint checkpoint(JsonNode n) {
        if (!CHECKPOINT.equals(n.path("kind").asText())) {
            throw malformed("not a checkpoint (kind is not " + CHECKPOINT + ")");
        }
        try {
            return new EvidenceCheckpoint(required(n, "seq").asLong(), HEX.parseHex(text(n, "entryHash")),
                    Instant.parse(text(n, "signedAt")).toEpochMilli(), text(n, "keyId"),
                    Base64.getDecoder().decode(text(n, "signature")));
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            throw malformed("checkpoint: " + e.getMessage());
        }
    }

    public static ObjectNode key(RegisteredKey key) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("keyId", key.keyId());
        n.put("holder", key.holder() == null ? null : key.holder().value());
        n.put("algorithm", key.algorithm().name());
        n.put("publicKey", Base64.getEncoder().encodeToString(key.publicKey()));
        return n;
    }

    /** A key as listed in an export or in an auditor's key file ({@code holder} may be left out there). */
    public static RegisteredKey key(JsonNode n) {
        try {
            String holder = n.path("holder").asText(null);
            return new RegisteredKey(text(n, "keyId"), holder == null ? null : PartyId.of(holder),
                    SignatureAlgorithm.parse(text(n, "algorithm")), Base64.getDecoder().decode(text(n, "publicKey")));
        } catch (IllegalArgumentException e) {
            throw malformed("key: " + e.getMessage());
        }
    }

    public static ObjectNode exportHeader(Iterable<RegisteredKey> keys, Instant exportedAt) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("kind", EXPORT);
        n.put("format", FORMAT);
        n.put("exportedAt", exportedAt.toString());
        ArrayNode list = n.putArray("keys");
        keys.forEach(k -> list.add(key(k)));
        return n;
    }

    public static ObjectNode entry(EvidenceEntry e) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("kind", ENTRY);
        n.put("seq", e.seq());
        n.put("prevHash", HEX.formatHex(e.prevHash()));
        n.put("entryHash", HEX.formatHex(e.entryHash()));
        n.put("loggedAt", e.loggedAtMillis());
        ObjectNode f = n.putObject("fact");
        f.put("id", HEX.formatHex(e.storedFactId()));
        SignedFact signed = e.fact();
        if (signed != null) { // a fact the store could not read is exported as its id alone, and fails verification
            f.put("type", signed.fact().type().name());
            f.put("subject", signed.fact().subject());
            ObjectNode terms = f.putObject("terms");
            signed.fact().terms().forEach(terms::put);
            f.put("issuedAt", Instant.ofEpochMilli(signed.fact().issuedAtMillis()).toString());
            f.put("keyId", signed.keyId());
            f.put("signature", Base64.getEncoder().encodeToString(signed.signature()));
        }
        return n;
    }

    /**
     * An entry of an export. The fact is rebuilt through {@link Fact}'s canonical model, so its id is recomputed
     * from its content, never taken from the file; a fact that cannot be rebuilt is left null (reported as unreadable).
     */
    public static EvidenceEntry entry(JsonNode n) {
        if (!ENTRY.equals(n.path("kind").asText())) {
            throw malformed("not an entry of the evidence log (kind is not " + ENTRY + ")");
        }
        try {
            JsonNode f = required(n, "fact");
            return new EvidenceEntry(required(n, "seq").asLong(), HEX.parseHex(text(n, "prevHash")), HEX.parseHex(text(n, "entryHash")),
                    required(n, "loggedAt").asLong(), signedFact(f), HEX.parseHex(text(f, "id")));
        } catch (IllegalArgumentException e) {
            throw malformed("entry: " + e.getMessage());
        }
    }

    private static SignedFact signedFact(JsonNode f) {
        try {
            Map<String, String> terms = new TreeMap<>();
            required(f, "terms").properties().forEach(t -> terms.put(t.getKey(), t.getValue().asText()));
            Fact fact = Fact.of(FactType.valueOf(text(f, "type")), text(f, "subject"), terms, Instant.parse(text(f, "issuedAt")));
            return new SignedFact(fact, text(f, "keyId"), Base64.getDecoder().decode(text(f, "signature")));
        } catch (LedgerException | IllegalArgumentException | java.time.DateTimeException e) {
            return null;
        }
    }

    private static JsonNode required(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            throw malformed("'" + field + "' is missing");
        }
        return v;
    }

    private static String text(JsonNode n, String field) {
        return required(n, field).asText();
    }

    private static LedgerException malformed(String message) {
        return new LedgerException(ReasonCode.MALFORMED, message);
    }
}
