package kz.digitaltenge.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import kz.digitaltenge.hub.web.ApiErrors;
import kz.digitaltenge.hub.oracle.OracleSigner;
import kz.digitaltenge.canonical.ReasonCode;
import kz.digitaltenge.ledger.crypto.Keys;
import kz.digitaltenge.ledger.crypto.SignatureAlgorithm;
import kz.digitaltenge.ledger.fact.Fact;
import kz.digitaltenge.ledger.fact.FactType;
import kz.digitaltenge.canonical.id.PartyId;
import kz.digitaltenge.ledger.registry.RegisteredKey;
import kz.digitaltenge.ledger.registry.Registry;
import kz.digitaltenge.ledger.registry.Role;
import kz.digitaltenge.ledger.testing.TestParties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;

/** /api/oracle/facts: the hub's own oracle signature, facts signed elsewhere, refusals, reads. */
class FactApiTest extends HubTestBase {
    @Autowired
    Registry registry;
    @Autowired
    OracleSigner oracle;

    private static Map<String, String> eventTerms() {
        Map<String, String> t = new HashMap<>();
        t.put("sender", TestParties.newAccountNumber().value());
        t.put("recipient", TestParties.newAccountNumber().value());
        t.put("amount", "5000000");
        t.put("validUntil", "2026-12-31T23:59:59Z");
        t.put("holdType", "SINGLE");
        return t;
    }

    private static Map<String, Object> body(FactType type, String subject, Map<String, ?> terms, Instant issuedAt) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("type", type.name());
        b.put("subject", subject);
        b.put("terms", terms);
        if (issuedAt != null) {
            b.put("issuedAt", issuedAt.toString());
        }
        return b;
    }

    private static Map<String, Object> signedBody(Party signer, Fact fact) {
        Map<String, Object> b = body(fact.type(), fact.subject(), fact.terms(), Instant.ofEpochMilli(fact.issuedAtMillis()));
        b.put("keyId", signer.keyId());
        b.put("signature", Keys.base64(Keys.sign(SignatureAlgorithm.ED25519, signer.keys().getPrivate(),
                Keys.FACT_DOMAIN, fact.id().bytes())));
        return b;
    }

    private static String subject() {
        return "EV-" + UUID.randomUUID();
    }

    @Test
    void theHubIsARegisteredOracleAndItsSignedFactsVerify() {
        assertThat(PartyId.isValid(oracle.partyId().value())).isTrue();
        assertThat(registry.participant(oracle.partyId()).has(Role.ORACLE)).isTrue();
        RegisteredKey key = registry.key(oracle.keyId()).orElseThrow();
        assertThat(key.publicKey()).isEqualTo(oracle.publicKey());

        String subject = subject();
        Map<String, String> terms = eventTerms();
        Response r = post("/api/oracle/facts/sign", body(FactType.EVENT_REGISTERED, subject, terms, null));
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        JsonNode f = r.body();
        Instant issuedAt = Instant.parse(f.get("issuedAt").asText());
        Fact expected = Fact.of(FactType.EVENT_REGISTERED, subject, terms, issuedAt);
        assertThat(f.get("id").asText()).isEqualTo(expected.id().hex()).hasSize(64);
        assertThat(f.get("keyId").asText()).isEqualTo(oracle.keyId());
        assertThat(f.get("terms").get("amount").asText()).isEqualTo("5000000");
        byte[] signature = Keys.fromBase64(f.get("signature").asText(), "signature");
        assertThat(Keys.verify(SignatureAlgorithm.ED25519, Keys.decodePublic(SignatureAlgorithm.ED25519, key.publicKey()),
                Keys.FACT_DOMAIN, expected.id().bytes(), signature)).isTrue();

        Response again = post("/api/oracle/facts/sign", body(FactType.EVENT_REGISTERED, subject, terms, issuedAt));
        assertThat(again.status()).as(again.raw()).isEqualTo(200);
        assertThat(again.body().get("id").asText()).isEqualTo(expected.id().hex());

        Response read = get("/api/oracle/facts/" + expected.id().hex());
        assertThat(read.status()).as(read.raw()).isEqualTo(200);
        assertThat(read.body().get("subject").asText()).isEqualTo(subject);
        assertThat(read.body().get("issuedAt").asText()).isEqualTo(issuedAt.toString());
    }

    @Test
    void aFactSignedByAnotherOracleKeyIsRegisteredOnceAndReadBack() {
        Party otherOracle = party("Second Oracle", List.of("ORACLE"), false);
        String subject = subject();
        Map<String, String> terms = eventTerms();
        Fact first = Fact.of(FactType.EVENT_REGISTERED, subject, terms, Instant.parse("2026-11-25T10:00:00Z"));
        terms.put("amount", "7000000");
        Fact second = Fact.of(FactType.EVENT_REGISTERED, subject, terms, Instant.parse("2026-11-26T10:00:00Z"));

        Response r1 = post("/api/oracle/facts", signedBody(otherOracle, first));
        assertThat(r1.status()).as(r1.raw()).isEqualTo(201);
        assertThat(r1.body().get("id").asText()).isEqualTo(first.id().hex());
        Response dup = post("/api/oracle/facts", signedBody(otherOracle, first)); // Ed25519: same signature bytes
        assertThat(dup.status()).as(dup.raw()).isEqualTo(200);
        assertThat(dup.body().get("id").asText()).isEqualTo(first.id().hex());
        Response r2 = post("/api/oracle/facts", signedBody(otherOracle, second));
        assertThat(r2.status()).as(r2.raw()).isEqualTo(201);

        Response byId = get("/api/oracle/facts/" + first.id().hex());
        assertThat(byId.status()).as(byId.raw()).isEqualTo(200);
        assertThat(byId.body().get("terms").get("amount").asText()).isEqualTo("5000000");
        assertThat(byId.body().get("keyId").asText()).isEqualTo(otherOracle.keyId());

        Response latest = get("/api/oracle/facts?type=EVENT_REGISTERED&subject=" + subject);
        assertThat(latest.status()).as(latest.raw()).isEqualTo(200);
        assertThat(latest.body().get("id").asText()).isEqualTo(second.id().hex());
        assertThat(latest.body().get("issuedAt").asText()).isEqualTo("2026-11-26T10:00:00Z");

        // every registered fact is in the evidence chain, which verifies end to end
        Response evidence = get("/api/oracle/evidence/verify");
        assertThat(evidence.status()).as(evidence.raw()).isEqualTo(200);
        assertThat(evidence.body().get("intact").asBoolean()).as(evidence.raw()).isTrue();
        assertThat(evidence.body().get("entries").asLong()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void refusals() {
        Party notOracle = party("Not An Oracle", List.of(), false);
        Party otherOracle = party("Third Oracle", List.of("ORACLE"), false);
        Fact fact = Fact.of(FactType.EVENT_REGISTERED, subject(), eventTerms(), Instant.parse("2026-11-25T10:00:00Z"));

        assertRefused(post("/api/oracle/facts", signedBody(notOracle, fact)), 422, ReasonCode.INVALID_FACT);

        Map<String, Object> tampered = signedBody(otherOracle, fact);
        tampered.put("subject", fact.subject() + "-X");
        assertRefused(post("/api/oracle/facts", tampered), 422, ReasonCode.INVALID_FACT);

        Map<String, Object> unknownKey = signedBody(otherOracle, fact);
        unknownKey.put("keyId", "no-such-key-" + UUID.randomUUID());
        assertRefused(post("/api/oracle/facts", unknownKey), 422, ReasonCode.INVALID_FACT);

        Map<String, String> noAmount = eventTerms();
        noAmount.remove("amount");
        Fact incomplete = Fact.of(FactType.EVENT_REGISTERED, subject(), noAmount, Instant.parse("2026-11-25T10:00:00Z"));
        assertRefused(post("/api/oracle/facts", signedBody(otherOracle, incomplete)), 422, ReasonCode.INVALID_FACT);
        assertRefused(post("/api/oracle/facts/sign", body(FactType.EVENT_REGISTERED, subject(), noAmount, null)),
                422, ReasonCode.INVALID_FACT);

        Map<String, Object> numberTerm = new HashMap<>(eventTerms());
        numberTerm.put("amount", 5000000);
        assertRefused(post("/api/oracle/facts/sign", body(FactType.EVENT_REGISTERED, subject(), numberTerm, null)),
                400, ReasonCode.MALFORMED);
        assertRefused(post("/api/oracle/facts", "{\"type\":"), 400, ReasonCode.MALFORMED);
        assertRefused(post("/api/oracle/facts/sign", Map.of("type", "NO_SUCH_TYPE", "subject", "x", "terms", Map.of())),
                400, ReasonCode.MALFORMED);
        Map<String, Object> noSignature = signedBody(otherOracle, fact);
        noSignature.remove("signature");
        assertRefused(post("/api/oracle/facts", noSignature), 400, ReasonCode.MALFORMED);

        assertRefused(get("/api/oracle/facts/" + "ab".repeat(32)), 404, ReasonCode.NOT_FOUND);
        assertRefused(get("/api/oracle/facts/not-hex"), 400, ReasonCode.MALFORMED);
        assertRefused(get("/api/oracle/facts?type=HOLD_APPROVED&subject=" + subject()), 404, ReasonCode.NOT_FOUND);
        assertRefused(get("/api/oracle/facts?type=HOLD_APPROVED"), 400, ReasonCode.MALFORMED);
    }

    @Test
    void everyReasonCodeHasAStatus() {
        for (ReasonCode code : ReasonCode.values()) {
            assertThat(ApiErrors.STATUS).as(code.name()).containsKey(code);
        }
        for (ReasonCode code : List.of(ReasonCode.INVALID_FACT, ReasonCode.MARKING_VIOLATION, ReasonCode.LIMIT_EXCEEDED,
                ReasonCode.EXPIRED, ReasonCode.HELD)) {
            assertThat(ApiErrors.status(code)).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        }
    }

    private static void assertRefused(Response r, int status, ReasonCode reason) {
        assertThat(r.status()).as(r.raw()).isEqualTo(status);
        assertThat(r.reason()).as(r.raw()).isEqualTo(reason.name());
        assertThat(r.body().get("message").asText()).isNotBlank();
    }
}
