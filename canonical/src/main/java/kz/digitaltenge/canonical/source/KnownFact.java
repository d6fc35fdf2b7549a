package kz.digitaltenge.canonical.source;

import java.time.Instant;
import java.util.Map;

/** A fact as registered: its id (64 hex), type, subject, terms and when the oracle issued it. */
public record KnownFact(String id, String type, String subject, Map<String, String> terms, Instant issuedAt) {
    public KnownFact {
        terms = Map.copyOf(terms);
    }

    public String term(String name) {
        return terms.get(name);
    }
}
