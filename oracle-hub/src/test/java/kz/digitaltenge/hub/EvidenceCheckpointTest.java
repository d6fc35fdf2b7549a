package kz.digitaltenge.hub;

import kz.digitaltenge.ledger.fact.EvidenceHead;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.zaxxer.hikari.HikariDataSource;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import kz.digitaltenge.hub.cli.EvidenceVerifier;
import kz.digitaltenge.hub.evidence.EvidenceCheckpoints;
import kz.digitaltenge.hub.evidence.EvidenceExport;
import kz.digitaltenge.hub.evidence.EvidenceJson;
import kz.digitaltenge.hub.oracle.OracleSigner;
import kz.digitaltenge.hub.security.HubRole;
import kz.digitaltenge.ledger.crypto.Keys;
import kz.digitaltenge.ledger.crypto.SignatureAlgorithm;
import kz.digitaltenge.ledger.fact.EvidenceCheckpoint;
import kz.digitaltenge.ledger.fact.EvidenceLog;
import kz.digitaltenge.ledger.fact.Fact;
import kz.digitaltenge.ledger.fact.FactType;
import kz.digitaltenge.ledger.fact.SignedFact;
import kz.digitaltenge.ledger.registry.RegisteredKey;
import kz.digitaltenge.ledger.store.LedgerStore;
import kz.digitaltenge.ledger.fact.EvidenceEntry;
import kz.digitaltenge.ledger.testing.TestParties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Checkpoints of the evidence log and the offline verifier, on exports taken from the running test hub: a clean
 * export verifies against its checkpoint; a deleted middle entry, a tail cut below the checkpoint, a chain rebuilt
 * with consistent links, a fact signed by a key the auditor does not trust and a forged checkpoint are each named.
 * The tampering is done on the export (the hub's tables are shared by every test of this JVM), except one cut tail in
 * the tables for the online check, put back at once. The cut tail and the rebuilt chain pass without a checkpoint:
 * the checkpoint is what finds them.
 */
class EvidenceCheckpointTest extends HubTestBase {
    @Autowired
    OracleSigner oracle;
    @Autowired
    EvidenceCheckpoints checkpoints;
    @Autowired
    EvidenceExport exportSource;
    @Autowired
    LedgerStore ledgerStore;
    @Autowired
    HikariDataSource db;
    @TempDir
    Path dir;

    record Outcome(int code, String out, String err) {
    }

    private static Map<String, String> eventTerms() {
        Map<String, String> terms = new HashMap<>();
        terms.put("sender", TestParties.newAccountNumber().value());
        terms.put("recipient", TestParties.newAccountNumber().value());
        terms.put("amount", "5000000");
        terms.put("validUntil", "2026-12-31T23:59:59Z");
        terms.put("holdType", "SINGLE");
        return terms;
    }

    private void signFacts(int n) {
        for (int i = 0; i < n; i++) {
            Response r = post("/api/oracle/facts/sign", Map.of("type", "EVENT_REGISTERED", "subject", "EV-" + UUID.randomUUID(),
                    "terms", eventTerms()));
            assertThat(r.status()).as(r.raw()).isEqualTo(201);
        }
    }

    private JsonNode checkpointNow() {
        Response r = post("/api/oracle/evidence/checkpoints", "");
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        return r.body();
    }

    /** The export's lines as an auditor downloads them: [0] the header, [k] the entry of seq k. */
    private List<String> export() {
        Response r = sendAs(userOf(HubRole.AUDITOR), HttpRequest.newBuilder(uri("/api/oracle/evidence/export")).GET());
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        return new ArrayList<>(Arrays.asList(r.raw().split("\n")));
    }

    /** The auditor's key file: the oracle keys as the operator handed them over (here, read from the registry). */
    private Path keysFile(List<RegisteredKey> keys) throws Exception {
        ArrayNode list = JSON.createArrayNode();
        keys.forEach(k -> list.add(EvidenceJson.key(k)));
        return Files.writeString(dir.resolve("keys-" + UUID.randomUUID() + ".json"), list.toString());
    }

    private Path trustedKeys() throws Exception {
        return keysFile(exportSource.oracleKeys());
    }

    private Outcome verify(List<String> lines, String... options) throws Exception {
        Path file = Files.write(dir.resolve("export-" + UUID.randomUUID() + ".jsonl"), lines, StandardCharsets.UTF_8);
        List<String> args = new ArrayList<>(List.of(file.toString()));
        args.addAll(List.of(options));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = EvidenceVerifier.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static EvidenceEntry entry(String line) throws Exception {
        return EvidenceJson.entry(JSON.readTree(line));
    }

    /** Entries from {@code lines} re-linked and re-hashed from seq 1, as a forger with write access would rebuild them. */
    private static List<String> rebuilt(List<String> lines) throws Exception {
        List<String> out = new ArrayList<>(List.of(lines.get(0)));
        byte[] prev = new byte[32];
        for (int i = 1; i < lines.size(); i++) {
            EvidenceEntry e = entry(lines.get(i));
            byte[] hash = EvidenceLog.entryHash(i, prev, e.fact(), e.loggedAtMillis());
            out.add(EvidenceJson.entry(new EvidenceEntry(i, prev, hash, e.loggedAtMillis(), e.fact(), e.storedFactId())).toString());
            prev = hash;
        }
        return out;
    }

    @Test
    void aCleanExportVerifiesOfflineAgainstItsSignedCheckpoint() throws Exception {
        signFacts(3);
        JsonNode cp = checkpointNow();
        assertThat(cp.get("kind").asText()).isEqualTo("EVIDENCE_CHECKPOINT");
        EvidenceHead head = ledgerStore.evidenceHead();
        assertThat(cp.get("seq").asLong()).isEqualTo(head.seq());
        assertThat(cp.get("entryHash").asText()).isEqualTo(java.util.HexFormat.of().formatHex(head.entryHash()));
        assertThat(cp.get("keyId").asText()).isEqualTo(oracle.keyId());

        // signed by the hub's oracle key over its own domain and 52-byte encoding, so it can never pass as a fact signature
        EvidenceCheckpoint parsed = EvidenceJson.checkpoint(cp);
        assertThat(parsed.canonicalBytes()).hasSize(52);
        var publicKey = Keys.decodePublic(SignatureAlgorithm.ED25519, oracle.publicKey());
        assertThat(Keys.verify(SignatureAlgorithm.ED25519, publicKey, Keys.EVIDENCE_CHECKPOINT_DOMAIN, parsed.digest(),
                parsed.signature())).isTrue();
        assertThat(Keys.verify(SignatureAlgorithm.ED25519, publicKey, Keys.FACT_DOMAIN, parsed.digest(), parsed.signature())).isFalse();

        // kept and listed, highest seq first, for those who audit
        Response listed = sendAs(userOf(HubRole.AUDITOR), HttpRequest.newBuilder(uri("/api/oracle/evidence/checkpoints")).GET());
        assertThat(listed.status()).as(listed.raw()).isEqualTo(200);
        assertThat(listed.body().get(0)).isEqualTo(cp);
        Response online = get("/api/oracle/evidence/verify");
        assertThat(online.body().get("intact").asBoolean()).as(online.raw()).isTrue();

        List<String> lines = export();
        JsonNode header = JSON.readTree(lines.get(0));
        assertThat(header.get("kind").asText()).isEqualTo("EVIDENCE_EXPORT");
        assertThat(header.get("keys").findValuesAsText("keyId")).contains(oracle.keyId());
        assertThat(lines).hasSizeGreaterThan((int) head.seq());

        Outcome ok = verify(lines, "--keys", trustedKeys().toString(), "--checkpoint", cp.toString());
        assertThat(ok.code()).as(ok.out() + ok.err()).isZero();
        assertThat(ok.out().trim()).isEqualTo("intact: " + (lines.size() - 1) + " entries, head "
                + JSON.readTree(lines.get(lines.size() - 1)).get("entryHash").asText() + ", checkpoint " + head.seq() + " matches");
        assertThat(ok.err()).isEmpty();

        // without the auditor's keys the export's own list is used, and the verifier says that this is weaker
        Outcome weak = verify(lines, "--checkpoint", cp.toString());
        assertThat(weak.code()).as(weak.out() + weak.err()).isZero();
        assertThat(weak.err()).contains("WARNING").contains("--keys");
    }

    @Test
    void aDeletedMiddleEntryIsNamed() throws Exception {
        signFacts(3);
        List<String> lines = export();
        int middle = (lines.size() - 1) / 2 + 1;
        lines.remove(middle);
        Outcome broken = verify(lines, "--keys", trustedKeys().toString());
        assertThat(broken.code()).isEqualTo(1);
        assertThat(broken.out()).contains("entry " + middle + " is missing");
    }

    @Test
    void aTailCutBelowTheLastCheckpointIsNamed() throws Exception {
        signFacts(3);
        JsonNode cp = checkpointNow();
        long seq = cp.get("seq").asLong();
        List<String> cut = export().subList(0, (int) seq - 1); // the header and entries 1..seq-2
        Path keys = trustedKeys();
        assertThat(verify(cut, "--keys", keys.toString()).code()).as("the links alone cannot see a cut tail").isZero();

        Outcome broken = verify(cut, "--keys", keys.toString(), "--checkpoint", cp.toString());
        assertThat(broken.code()).isEqualTo(1);
        assertThat(broken.out()).contains("ends at entry " + (seq - 2)).contains("removed from its end");
    }

    @Test
    void aChainRebuiltWithConsistentLinksIsNamedByTheCheckpoint() throws Exception {
        signFacts(3);
        JsonNode cp = checkpointNow();
        signFacts(2); // the chain grows on after the checkpoint
        List<String> lines = export();
        lines.remove(1); // the forger drops the first fact and rebuilds every link and hash after it
        List<String> forged = rebuilt(lines);
        Path keys = trustedKeys();
        assertThat(verify(forged, "--keys", keys.toString()).code()).as("consistent links, genuine signatures").isZero();

        Outcome broken = verify(forged, "--keys", keys.toString(), "--checkpoint", cp.toString());
        assertThat(broken.code()).isEqualTo(1);
        assertThat(broken.out()).contains("entry " + cp.get("seq").asLong() + " has hash").contains("rewritten");
    }

    @Test
    void aFactSignedByAKeyTheAuditorDoesNotTrustIsNamed() throws Exception {
        signFacts(1);
        List<String> lines = export();
        // appended by someone holding a key of their own, and listed in the export's key list by them too
        KeyPair intruder = Keys.generate(SignatureAlgorithm.ED25519);
        Fact fact = Fact.of(FactType.EVENT_REGISTERED, "EV-" + UUID.randomUUID(), Map.of("amount", "1"), Instant.now());
        SignedFact signed = new SignedFact(fact, "intruder-1",
                Keys.sign(SignatureAlgorithm.ED25519, intruder.getPrivate(), Keys.FACT_DOMAIN, fact.id().bytes()));
        EvidenceEntry last = entry(lines.get(lines.size() - 1));
        long seq = last.seq() + 1;
        long at = System.currentTimeMillis();
        lines.add(EvidenceJson.entry(new EvidenceEntry(seq, last.entryHash(), EvidenceLog.entryHash(seq, last.entryHash(), signed, at),
                at, signed, fact.id().bytes())).toString());
        ObjectNode header = (ObjectNode) JSON.readTree(lines.get(0));
        ((ArrayNode) header.get("keys")).add(EvidenceJson.key(new RegisteredKey("intruder-1", null, SignatureAlgorithm.ED25519,
                intruder.getPublic().getEncoded())));
        lines.set(0, header.toString());

        Outcome broken = verify(lines, "--keys", trustedKeys().toString());
        assertThat(broken.code()).isEqualTo(1);
        assertThat(broken.out()).contains("entry " + seq + ": signing key 'intruder-1' is not among the trusted keys");
        Outcome weak = verify(lines);
        assertThat(weak.code()).as("the export's own key list trusts what the export says").isZero();
        assertThat(weak.err()).contains("WARNING");

        // a registered ORACLE key the auditor was never given: the hub accepts its facts, the auditor's check does not
        Party unvetted = party("Unvetted Oracle", List.of("ORACLE"), false);
        Fact other = Fact.of(FactType.EVENT_REGISTERED, "EV-" + UUID.randomUUID(), eventTerms(), Instant.now());
        Map<String, Object> body = new java.util.LinkedHashMap<>(Map.of("type", other.type().name(), "subject", other.subject(),
                "terms", other.terms(), "issuedAt", Instant.ofEpochMilli(other.issuedAtMillis()).toString(), "keyId", unvetted.keyId()));
        body.put("signature", Keys.base64(Keys.sign(SignatureAlgorithm.ED25519, unvetted.keys().getPrivate(), Keys.FACT_DOMAIN,
                other.id().bytes())));
        Response registered = post("/api/oracle/facts", body);
        assertThat(registered.status()).as(registered.raw()).isEqualTo(201);
        List<RegisteredKey> vetted = exportSource.oracleKeys().stream().filter(k -> !k.keyId().equals(unvetted.keyId())).toList();
        Outcome notGiven = verify(export(), "--keys", keysFile(vetted).toString());
        assertThat(notGiven.code()).isEqualTo(1);
        assertThat(notGiven.out()).contains("signing key '" + unvetted.keyId() + "' is not among the trusted keys");
    }

    @Test
    void aForgedCheckpointIsRefused() throws Exception {
        signFacts(2);
        JsonNode cp = checkpointNow();
        List<String> lines = export();
        Path keys = trustedKeys();
        // the signed statement moved to another entry: its signature no longer covers what it says
        long earlier = cp.get("seq").asLong() - 1;
        ObjectNode moved = (ObjectNode) cp.deepCopy();
        moved.put("seq", earlier);
        moved.put("entryHash", JSON.readTree(lines.get((int) earlier)).get("entryHash").asText());
        Outcome forged = verify(lines, "--keys", keys.toString(), "--checkpoint", moved.toString());
        assertThat(forged.code()).isEqualTo(1);
        assertThat(forged.out()).contains("checkpoint " + earlier).contains("signature does not verify");

        // a well-formed checkpoint signed by a key the auditor does not trust
        KeyPair intruder = Keys.generate(SignatureAlgorithm.ED25519);
        EvidenceCheckpoint own = EvidenceCheckpoint.sign(earlier, java.util.HexFormat.of().parseHex(moved.get("entryHash").asText()),
                System.currentTimeMillis(), "intruder-2", SignatureAlgorithm.ED25519, intruder.getPrivate());
        Outcome untrusted = verify(lines, "--keys", keys.toString(), "--checkpoint", EvidenceJson.checkpoint(own).toString());
        assertThat(untrusted.code()).isEqualTo(1);
        assertThat(untrusted.out()).contains("'intruder-2' is not among the trusted keys");
    }

    @Test
    void theScheduleSignsACheckpointOnlyWhenTheHeadMoved() {
        signFacts(1);
        EvidenceCheckpoint made = checkpoints.checkpointIfMoved().orElseThrow();
        assertThat(made.seq()).isEqualTo(ledgerStore.evidenceHead().seq());
        assertThat(checkpoints.checkpointIfMoved()).as("the head did not move").isEmpty();
        assertThat(checkpoints.latest().orElseThrow().seq()).isEqualTo(made.seq());
        signFacts(1);
        assertThat(checkpoints.checkpointIfMoved().orElseThrow().seq()).isEqualTo(made.seq() + 1);
    }

    /** The online verification checks the latest stored checkpoint: the hub's own tables with their tail cut. */
    @Test
    void theOnlineVerificationNamesATailCutBelowTheLatestCheckpoint() throws Exception {
        signFacts(1);
        long seq = checkpointNow().get("seq").asLong();
        Object[] row;
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "delete from evidence_log where seq = ? returning seq, fact_id, prev_hash, entry_hash, logged_at")) {
            ps.setLong(1, seq);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                row = new Object[] {rs.getLong(1), rs.getBytes(2), rs.getBytes(3), rs.getBytes(4), rs.getTimestamp(5)};
            }
        }
        try {
            Response cut = get("/api/oracle/evidence/verify");
            assertThat(cut.body().get("intact").asBoolean()).as(cut.raw()).isFalse();
            assertThat(cut.body().get("problem").asText()).contains("ends at entry " + (seq - 1));
        } finally {
            try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                    "insert into evidence_log(seq, fact_id, prev_hash, entry_hash, logged_at) values (?,?,?,?,?)")) {
                for (int i = 0; i < row.length; i++) {
                    ps.setObject(i + 1, row[i]);
                }
                ps.executeUpdate();
            }
        }
        assertThat(get("/api/oracle/evidence/verify").body().get("intact").asBoolean()).isTrue();
    }
}
