package kz.digitaltenge.ledger.fact;

/**
 * One row of the evidence log with the fact it logs, in chain order. {@code fact} is null when the stored fact is
 * missing or no longer decodes; {@code storedFactId} is the id the row names, so a verifier can tell which.
 */
public record EvidenceEntry(long seq, byte[] prevHash, byte[] entryHash, long loggedAtMillis, SignedFact fact, byte[] storedFactId) {
}
