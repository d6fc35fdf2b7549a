package kz.digitaltenge.hub.pipeline;

import java.time.Instant;
import java.util.Map;
import kz.digitaltenge.ledger.fact.Fact;
import kz.digitaltenge.canonical.CanonicalMessage;
import kz.digitaltenge.ledger.fact.SignedFact;

/** One message on its way through the intake routes (the exchange body between the steps). */
final class IntakeState {
    final String source;
    final byte[] body;
    final String contentType;
    final Map<String, String> headers;
    final java.util.Set<String> callerRoles;
    final boolean replay;
    CanonicalMessage message;
    Instant issuedAt;
    Fact fact;
    SignedFact signed;
    String factId;
    boolean duplicate;
    /** A source's translator made {@link #message} of the original (its meaning, not its bytes, is what dedup compares). */
    boolean translated;
    /** The source's check found the message says what its registered fact says ({@code factId}): nothing was signed. */
    boolean unchanged;
    /** The fact the new one supersedes (the subject's latest before it), or null for a subject's first fact. */
    String supersedes;
    /** The labels of a batch's messages (as the translator named each record), parallel to {@link #batch}, or empty. */
    java.util.List<Map<String, String>> batchLabels = java.util.List.of();
    /** The labels of this message's record, when it is a batch's. */
    Map<String, String> labels = Map.of();
    /** The canonical messages of a batch, when the translation made more than one. */
    java.util.List<CanonicalMessage> batch;
    /** Records of a batch the source's translator refused one by one, already quarantined (their outcomes). */
    java.util.List<IntakeResult> rejected = java.util.List.of();

    IntakeState(String source, byte[] body, String contentType, Map<String, String> headers, java.util.Set<String> callerRoles,
                boolean replay) {
        this.source = source;
        this.body = body;
        this.contentType = contentType;
        this.headers = headers;
        this.callerRoles = callerRoles;
        this.replay = replay;
    }

    /** The {@code index}-th message of a batch as a message of its own (the same original bytes, its index noted). */
    IntakeState item(int index) {
        Map<String, String> h = new java.util.LinkedHashMap<>(headers);
        h.put("batchItem", Integer.toString(index));
        IntakeState s = new IntakeState(source, body, contentType, h, callerRoles, replay);
        s.message = batch.get(index);
        s.translated = true;
        s.labels = batchLabels.isEmpty() ? Map.of() : batchLabels.get(index);
        return s;
    }
}
