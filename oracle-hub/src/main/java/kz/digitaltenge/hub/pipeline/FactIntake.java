package kz.digitaltenge.hub.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.sql.DataSource;
import kz.digitaltenge.hub.oracle.OracleSigner;
import kz.digitaltenge.canonical.LedgerException;
import kz.digitaltenge.canonical.ReasonCode;
import kz.digitaltenge.canonical.CanonicalMessage;
import kz.digitaltenge.ledger.fact.Fact;
import kz.digitaltenge.ledger.fact.FactBook;
import kz.digitaltenge.ledger.fact.FactId;
import kz.digitaltenge.ledger.fact.FactTerms;
import kz.digitaltenge.ledger.fact.FactType;
import kz.digitaltenge.ledger.fact.SignedFact;

/**
 * The steps of the fact pipeline as plain code; {@link FactPipelineRoutes} runs each as a Camel route with a stable
 * id. Every failure is an {@link IntakeFailure} with the reason code it is quarantined under.
 */
public final class FactIntake {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(FactIntake.class);
    private static final ObjectMapper JSON = kz.digitaltenge.hub.web.StrictJson.mapper();
    private static final HexFormat HEX = HexFormat.of();
    /** The oracle's own confirmations: made by the hub's logic (EventRelease), never taken from a source. */
    public static final Set<FactType> APPROVALS = Set.of(FactType.HOLD_APPROVED, FactType.RELEASE_APPROVED, FactType.VOID_APPROVED);
    /** Facts about an event need the event to be registered first. */
    private static final Set<FactType> ABOUT_AN_EVENT = Set.of(FactType.EVENT_OCCURRED, FactType.HOLD_APPROVED, FactType.RELEASE_APPROVED);

    private final java.util.List<SourceFactReaction> hubReactions;
    private final DataSource db;
    private final FactBook facts;
    private final OracleSigner signer;
    private final SourceSystems sources;
    private final Map<String, java.util.List<String>> signedSources;
    private final kz.digitaltenge.ledger.registry.Registry registry;
    private final Map<FactType, java.util.List<FactHook>> hooks;
    private final HubFactLookup lookup;
    /** What a source system signs: this prefix and the SHA-256 of the message body. */
    public static final byte[] SOURCE_DOMAIN = "digital-tenge/source/v1:".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    /** The header (HTTP) and the stored header name (quarantine, Kafka) of a source's signature. */
    public static final String SIGNATURE_HEADER = "sourceSignature";

    public FactIntake(DataSource db, FactBook facts, OracleSigner signer, SourceSystems sources,
                      Map<String, java.util.List<String>> signedSources, kz.digitaltenge.ledger.registry.Registry registry,
                      java.util.List<FactHook> hooks, java.util.List<SourceFactReaction> hubReactions, HubFactLookup lookup) {
        this.hubReactions = java.util.List.copyOf(hubReactions);
        this.db = db;
        this.facts = facts;
        this.signer = signer;
        this.sources = sources;
        this.signedSources = Map.copyOf(signedSources);
        this.registry = registry;
        Map<FactType, java.util.List<FactHook>> byType = new java.util.EnumMap<>(FactType.class);
        hooks.forEach(h -> byType.computeIfAbsent(h.type(), t -> new java.util.ArrayList<>()).add(h));
        this.hooks = byType;
        this.lookup = lookup;
    }

    public SourceSystems sources() {
        return sources;
    }

    /**
     * The caller must hold the role configured for the source system — on a replay too, where the caller is the one who
     * sent the message first (the back office only pressed the button).
     */
    void authenticate(IntakeState s) {
        SourceSystems.Declared source = sources.find(s.source).orElseThrow(() ->
                new SourceNotAuthorized("unknown source system '" + s.source + "' (known: " + new java.util.TreeSet<>(sources.ids()) + ")"));
        String role = source.role().name();
        String importPath = s.headers.get(kz.digitaltenge.canonical.source.SourceHeaders.IMPORT);
        if (importPath != null) {
            // a named import admits more roles than the source's own: only for that import's records
            kz.digitaltenge.canonical.source.RecordImport declared = source.system().imports().stream()
                    .filter(i -> i.path().equals(importPath)).findFirst().orElseThrow(() ->
                            new SourceNotAuthorized("source system " + s.source + " has no import " + importPath));
            if (!s.callerRoles.contains(role) && declared.roles().stream().noneMatch(s.callerRoles::contains)) {
                throw new SourceNotAuthorized("only a caller with role " + role + " or " + new java.util.TreeSet<>(declared.roles())
                        + " imports " + importPath + " of source system " + s.source);
            }
        } else if (!s.callerRoles.contains(role)) {
            throw new SourceNotAuthorized("only a caller with role " + role + " speaks for source system " + s.source);
        }
        verifySourceSignature(s);
    }

    /**
     * For a source that must sign: the signature names one of the source's keys and verifies over the exact bytes
     * received. Checked on every delivery and every replay, so an edited copy of a signed message cannot become a
     * fact (the fix has to come from the source itself).
     */
    void verifySourceSignature(IntakeState s) {
        java.util.List<String> keys = signedSources.get(s.source);
        if (keys == null || keys.isEmpty()) {
            return;
        }
        String header = s.headers.get(SIGNATURE_HEADER);
        int colon = header == null ? -1 : header.indexOf(':');
        if (colon <= 0) {
            throw new IntakeFailure(ReasonCode.BAD_SIGNATURE, "source system " + s.source + " must sign its messages (" + SIGNATURE_HEADER
                    + ": <keyId>:<base64 signature>)");
        }
        String keyId = header.substring(0, colon);
        if (!keys.contains(keyId)) {
            throw new IntakeFailure(ReasonCode.BAD_SIGNATURE, "key '" + keyId + "' does not sign for source system " + s.source);
        }
        kz.digitaltenge.ledger.registry.RegisteredKey key = registry.key(keyId).orElseThrow(() ->
                new IntakeFailure(ReasonCode.BAD_SIGNATURE, "key '" + keyId + "' is not registered"));
        byte[] signature;
        try {
            signature = java.util.Base64.getDecoder().decode(header.substring(colon + 1).trim());
        } catch (IllegalArgumentException e) {
            throw new IntakeFailure(ReasonCode.BAD_SIGNATURE, "the source signature is not base64");
        }
        boolean ok = kz.digitaltenge.ledger.crypto.SignatureVerifier.of(key.algorithm(), key.publicKey(), SOURCE_DOMAIN)
                .verify(sha256(s.body), signature);
        if (!ok) {
            throw new IntakeFailure(ReasonCode.BAD_SIGNATURE, "the signature of source system " + s.source + " does not verify over the message received");
        }
    }

    /** Parses the canonical message and checks its fact: schema, terms, and references to what is registered. */
    void validate(IntakeState s) {
        CanonicalMessage m = s.message; // set when a route module translated the source's own format
        if (m == null) {
            try {
                m = JSON.readValue(s.body, CanonicalMessage.class);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IntakeFailure(ReasonCode.MALFORMED, "not a canonical message: " + e.getOriginalMessage());
            } catch (java.io.IOException e) {
                throw new IntakeFailure(ReasonCode.MALFORMED, "not a canonical message: " + e.getMessage());
            }
        }
        if (m == null || m.sourceMessageId() == null || m.sourceMessageId().isBlank() || m.sourceMessageId().length() > 128) {
            throw new IntakeFailure(ReasonCode.MALFORMED, "sourceMessageId is missing or longer than 128 characters");
        }
        FactType type;
        try {
            type = FactType.valueOf(String.valueOf(m.type()));
        } catch (IllegalArgumentException e) {
            throw new IntakeFailure(ReasonCode.MALFORMED, "unknown fact type '" + m.type() + "'");
        }
        Set<FactType> allowed = sources.find(s.source).map(SourceSystems.Declared::factTypes).orElse(Set.of());
        if (!allowed.contains(type) || APPROVALS.contains(type)) {
            throw new IntakeFailure(ReasonCode.NOT_AUTHORIZED, "source system " + s.source + " may produce " + (allowed.isEmpty()
                    ? "no fact" : new java.util.TreeSet<>(allowed)) + ", not " + type
                    + (APPROVALS.contains(type) ? " (approvals are the oracle's own, never a source's)" : ""));
        }
        if (m.occurredAt() != null) {
            try {
                Instant.parse(m.occurredAt());
            } catch (DateTimeParseException e) {
                throw new IntakeFailure(ReasonCode.MALFORMED, "occurredAt is not an ISO-8601 instant");
            }
        }
        s.message = m;
        try {
            Fact probe = new Fact(type, m.subject(), new TreeMap<>(m.terms() == null ? Map.of() : m.terms()), 0);
            FactTerms.validate(probe);
        } catch (LedgerException e) {
            throw new IntakeFailure(e.reason() == ReasonCode.MALFORMED ? ReasonCode.MALFORMED : ReasonCode.SCHEMA_INVALID, e.getMessage());
        }
        // a source with hold rules judges its own occurrences (its fact may name a borrower, not yet the event; an early
        // one is refused by its rules and quarantined with their reason); for the others the event must come first
        boolean judgedByRules = sources.find(s.source).map(d -> d.system().holdRules() != null).orElse(false);
        if (ABOUT_AN_EVENT.contains(type) && !judgedByRules && facts.latest(FactType.EVENT_REGISTERED, m.subject()).isEmpty()) {
            throw new IntakeFailure(ReasonCode.UNKNOWN_REFERENCE, "event " + m.subject() + " is not registered");
        }
    }

    /**
     * The durable idempotent repository: the first delivery records (source, message id, content hash, time);
     * a redelivery with the same bytes is answered with the fact made the first time; another message under the
     * same id is refused.
     */
    void deduplicate(IntakeState s) {
        // a record of a file is the same message when it says the same (type, subject, terms, time), whatever the
        // file's other records: a register exported again with one row changed repeats the others, it does not conflict
        byte[] hash = contentHash(s);
        try (Connection c = db.getConnection()) {
            Timestamp received = new Timestamp(receivedAt(s).toEpochMilli());
            try (PreparedStatement ps = c.prepareStatement("insert into intake_messages(source_system, message_id, content_hash, received_at)"
                    + " values (?,?,?,?) on conflict do nothing returning received_at")) {
                ps.setString(1, s.source);
                ps.setString(2, s.message.sourceMessageId());
                ps.setBytes(3, hash);
                ps.setTimestamp(4, received);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        // claimed now: this content, this time, no fact yet — nothing to read back (one round trip)
                        s.issuedAt = rs.getTimestamp(1).toInstant();
                        return;
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("select content_hash, received_at, fact_id from intake_messages"
                    + " where source_system = ? and message_id = ?")) {
                ps.setString(1, s.source);
                ps.setString(2, s.message.sourceMessageId());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    // a translated message claimed before its meaning was compared (by its bytes) is the same message
                    boolean sameBytes = s.translated && Arrays.equals(rs.getBytes(1), sha256(s.body));
                    if (!Arrays.equals(rs.getBytes(1), hash) && !sameBytes) {
                        throw new IntakeFailure(ReasonCode.DUPLICATE_DIFFERENT_CONTENT, "message " + s.message.sourceMessageId() + " of "
                                + s.source + " was received before with other content");
                    }
                    s.issuedAt = rs.getTimestamp(2).toInstant();
                    byte[] done = rs.getBytes(3);
                    if (done != null) {
                        s.duplicate = true;
                        s.factId = HEX.formatHex(done);
                    }
                }
            }
        } catch (SQLException e) {
            throw new LedgerException(ReasonCode.UNAVAILABLE, "intake store unavailable: " + e.getMessage(), e);
        }
    }

    /**
     * A message that failed after deduplication without becoming a fact (refused by a business rule, say) gives up
     * its claim on its message id: otherwise the source's correct message under that id, or an edited copy from the
     * quarantine, would be refused as DUPLICATE_DIFFERENT_CONTENT for good. Only this content's unfinished claim is
     * removed; a message that made a fact keeps its id.
     */
    void release(IntakeState s) {
        if (s.message == null || s.message.sourceMessageId() == null || s.factId != null || s.duplicate) {
            return;
        }
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("delete from intake_messages"
                + " where source_system = ? and message_id = ? and content_hash = ? and fact_id is null")) {
            ps.setString(1, s.source);
            ps.setString(2, s.message.sourceMessageId());
            ps.setBytes(3, contentHash(s));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new LedgerException(ReasonCode.UNAVAILABLE, "intake store unavailable: " + e.getMessage(), e);
        }
    }

    /**
     * Business rules against the registries, for a message seen for the first time (after deduplication, so a
     * reused message id is reported as that, whatever its content): an invoice's later state agrees with what is
     * registered, a correction names a registered invoice.
     */
    void checkRegistries(IntakeState s) {
        for (kz.digitaltenge.canonical.source.RegistryCheck check : source(s).system().checks()) {
            try {
                check.check(s.message, lookup);
            } catch (kz.digitaltenge.canonical.SourceMessageRejected e) {
                throw new IntakeFailure(e.code(), e.getMessage());
            } catch (kz.digitaltenge.canonical.source.AlreadyRegistered e) {
                // it says what the registered fact says: answered as that fact, nothing signed, its claim on the id given up
                release(s);
                s.duplicate = true;
                s.unchanged = true;
                s.factId = FactId.parse(e.factId()).hex();
                return;
            }
        }
    }

    private SourceSystems.Declared source(IntakeState s) {
        return sources.find(s.source).orElseThrow(() -> new SourceNotAuthorized("unknown source system '" + s.source + "'"));
    }

    void sign(IntakeState s) {
        CanonicalMessage m = s.message;
        Map<String, String> terms = m.terms() == null ? Map.of() : m.terms();
        for (FactHook hook : hooks.getOrDefault(FactType.valueOf(m.type()), java.util.List.of())) {
            // what the oracle settles itself (e.g. a prepayment), durable so a redelivery signs the same fact
            terms = hook.settle(new CanonicalMessage(m.sourceMessageId(), m.type(), m.subject(), terms, m.occurredAt()));
        }
        s.fact = Fact.of(FactType.valueOf(m.type()), m.subject(), terms, s.issuedAt);
        if (s.headers.containsKey(kz.digitaltenge.canonical.source.SourceHeaders.IMPORT)) {
            // an import answers REGISTERED or AMENDED: which one is the subject's fact before this one (one read, imports only)
            s.supersedes = facts.latest(s.fact.type(), s.fact.subject()).map(f -> f.id().hex()).orElse(null);
        }
        s.signed = signer.sign(s.fact);
    }

    /**
     * Registers the fact (appending it to the evidence log) and, in the same database transaction as the group append
     * ({@link kz.digitaltenge.ledger.fact.FactCompanion}), what goes with it: the hooks' records (the invoice registry's row),
     * the lookup index of its declared terms, and the message's fact id. So a message is marked done exactly when its
     * fact, its evidence entry and its records are committed, all at one commit; if any of them fails, none is written and
     * a redelivery signs the same fact again.
     */
    void store(IntakeState s) {
        java.util.List<FactHook> recorders = hooks.getOrDefault(s.fact.type(), java.util.List.of());
        Set<String> lookupTerms = source(s).system().lookupTerms();
        String source = s.source;
        String messageId = s.message.sourceMessageId();
        try {
            FactId id = facts.register(s.signed, (statements, signed) -> {
                for (FactHook hook : recorders) {
                    hook.recorded(statements, signed);
                }
                lookup.index(statements, signed.fact(), lookupTerms);
                // the message's fact id, and the source's count of facts made when it is the message's first: the row's lock
                // makes a second delivery of the same message (in this batch or another hub's) find it set and count nothing
                PreparedStatement ps = statements.batched("with marked as (update intake_messages set fact_id = ?"
                        + " where source_system = ? and message_id = ? and fact_id is null returning source_system)"
                        + " insert into intake_fact_counts(source_system, facts) select source_system, 1 from marked"
                        + " on conflict (source_system) do update set facts = intake_fact_counts.facts + excluded.facts");
                ps.setBytes(1, signed.id().bytes());
                ps.setString(2, source);
                ps.setString(3, messageId);
                ps.addBatch();
            });
            s.factId = id.hex();
        } catch (LedgerException e) {
            if (e.reason() == ReasonCode.UNAVAILABLE) {
                throw e;
            }
            throw new IntakeFailure(e.reason(), e.getMessage());
        }
    }

    /**
     * The source's reactions to its stored fact: after the first storing and again for every redelivery of the same
     * message (a reaction is idempotent; one that failed before gets another chance). A failing reaction never undoes
     * the fact: it is logged.
     */
    void react(IntakeState s) {
        java.util.List<kz.digitaltenge.canonical.source.FactReaction> reactions = source(s).system().reactions();
        if ((reactions.isEmpty() && hubReactions.isEmpty()) || s.factId == null) {
            return;
        }
        SignedFact stored = facts.find(FactId.parse(s.factId)).orElse(null);
        if (stored == null) {
            return;
        }
        kz.digitaltenge.canonical.source.KnownFact fact = HubFactLookup.known(stored);
        for (kz.digitaltenge.canonical.source.FactReaction r : reactions) {
            try {
                r.stored(fact);
            } catch (RuntimeException e) {
                LOG.warn("reaction of source {} to fact {} failed; it runs again on the next delivery", s.source, s.factId, e);
            }
        }
        for (SourceFactReaction r : hubReactions) {
            try {
                r.stored(s.source, source(s).system(), fact);
            } catch (RuntimeException e) {
                LOG.warn("the hub's reaction to fact {} of source {} failed; it runs again", s.factId, s.source, e);
            }
        }
    }

    /**
     * What deduplication compares: a canonical message's bytes as sent, or for a message a translator made of the
     * source's own format what it says (type, subject, terms, time) — so the same record alone and then again in a
     * file, or re-exported with other spacing, is the same message. The same hash gives the claim up after a failure.
     */
    private static byte[] contentHash(IntakeState s) {
        return s.translated || s.headers.containsKey("batchItem") ? sha256(itemContent(s.message)) : sha256(s.body);
    }

    /** What one record of a batch says, in a fixed order (its content hash for deduplication). */
    private static byte[] itemContent(CanonicalMessage m) {
        StringBuilder b = new StringBuilder().append(m.type()).append('\n').append(m.subject()).append('\n')
                .append(m.occurredAt()).append('\n');
        new TreeMap<>(m.terms() == null ? Map.of() : m.terms()).forEach((k, v) -> b.append(k).append('=').append(v).append('\n'));
        return b.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The signed fact as published on {@code hub.facts}. */
    String published(IntakeState s) {
        try {
            Map<String, Object> out = new java.util.LinkedHashMap<>();
            out.put("id", s.factId);
            out.put("type", s.fact.type().name());
            out.put("subject", s.fact.subject());
            out.put("terms", s.fact.terms());
            out.put("issuedAt", Instant.ofEpochMilli(s.fact.issuedAtMillis()).toString());
            out.put("keyId", s.signed.keyId());
            out.put("signature", java.util.Base64.getEncoder().encodeToString(s.signed.signature()));
            out.put("source", s.source);
            out.put("sourceMessageId", s.message.sourceMessageId());
            return JSON.writeValueAsString(out);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Instant receivedAt(IntakeState s) {
        Instant at = s.message.occurredAt() != null ? Instant.parse(s.message.occurredAt()) : Instant.now();
        return Instant.ofEpochMilli(at.toEpochMilli()); // millisecond precision, as facts carry it
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
