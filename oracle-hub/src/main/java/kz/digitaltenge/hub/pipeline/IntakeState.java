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

    IntakeState(String source, byte[] body, String contentType, Map<String, String> headers, java.util.Set<String> callerRoles,
                boolean replay) {
        this.source = source;
        this.body = body;
        this.contentType = contentType;
        this.headers = headers;
        this.callerRoles = callerRoles;
        this.replay = replay;
    }
}
