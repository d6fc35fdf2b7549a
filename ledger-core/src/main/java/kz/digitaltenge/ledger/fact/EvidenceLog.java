package kz.digitaltenge.ledger.fact;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.List;
import kz.digitaltenge.ledger.registry.Registry;

/**
 * The hash-chained evidence log of registered facts (X-Road's message log, for the oracle). Appending happens in
 * {@link FactStore#insertFact}; {@link #verify} re-checks the whole chain — every link, every fact's id and
 * every oracle signature — and reports the first broken link ({@link EvidenceChain}); given a signed
 * {@link EvidenceCheckpoint} of an earlier head, it also reports a tail cut off below it or a chain rewritten at it.
 */
public final class EvidenceLog {
    private static final byte[] DOMAIN = "digital-tenge/evidence/v1:".getBytes(StandardCharsets.US_ASCII);

    /** The outcome of a verification: how many entries were checked, and the first problem if any. */
    public record Report(long entries, boolean intact, Long firstBrokenSeq, String problem, String headHash) {
    }

    private final FactStore store;
    private final Registry registry;

    public EvidenceLog(FactStore store, Registry registry) {
        this.store = store;
        this.registry = registry;
    }

    /** SHA-256 over domain, seq, the previous hash, the fact id, the signing key id and signature, and the time logged. */
    public static byte[] entryHash(long seq, byte[] prevHash, SignedFact fact, long loggedAtMillis) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(DOMAIN);
            sha.update(ByteBuffer.allocate(8).putLong(seq).array());
            sha.update(prevHash);
            sha.update(fact.id().bytes());
            sha.update(fact.keyId().getBytes(StandardCharsets.UTF_8));
            sha.update(fact.signature());
            sha.update(ByteBuffer.allocate(8).putLong(loggedAtMillis).array());
            return sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Re-checks the whole chain against the registry's keys. */
    public Report verify() {
        return verify(List.of());
    }

    /**
     * Re-checks the whole chain, and against {@code checkpoints} signed earlier (the hub passes its latest stored
     * one): a chain that ends before a checkpoint's entry, or whose entry there hashes differently, is reported too.
     */
    public Report verify(Collection<EvidenceCheckpoint> checkpoints) {
        EvidenceChain chain = new EvidenceChain(registry::key, "is not registered", checkpoints);
        store.readEvidence(chain::accept);
        return chain.report();
    }
}
