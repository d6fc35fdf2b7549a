package kz.digitaltenge.ledger.fact;

/** The head of the evidence log: the last entry's seq and hash (0 and 32 zero bytes while the log is empty). */
public record EvidenceHead(long seq, byte[] entryHash) {
}
