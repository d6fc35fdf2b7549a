package kz.digitaltenge.ledger.fact;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import kz.digitaltenge.ledger.crypto.Keys;
import kz.digitaltenge.ledger.crypto.SignatureVerifier;
import kz.digitaltenge.ledger.registry.RegisteredKey;
import kz.digitaltenge.ledger.registry.Registry;
import kz.digitaltenge.ledger.store.LedgerStore;

/**
 * The hash-chained evidence log of registered facts (X-Road's message log, for the oracle). Appending happens in
 * {@link LedgerStore#insertFact}; {@link #verify} re-checks the whole chain — every link, every fact's id and
 * every oracle signature — and reports the first broken link.
 */
public final class EvidenceLog {
    private static final byte[] DOMAIN = "digital-tenge/evidence/v1:".getBytes(StandardCharsets.US_ASCII);
    private static final HexFormat HEX = HexFormat.of();

    /** The outcome of a verification: how many entries were checked, and the first problem if any. */
    public record Report(long entries, boolean intact, Long firstBrokenSeq, String problem, String headHash) {
    }

    private final LedgerStore store;
    private final Registry registry;

    public EvidenceLog(LedgerStore store, Registry registry) {
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

    public Report verify() {
        long[] count = {0};
        byte[][] prev = {new byte[32]};
        Long[] broken = {null};
        String[] problem = {null};
        store.readEvidence(e -> {
            count[0]++;
            String why = check(e, count[0], prev[0]);
            if (why != null) {
                broken[0] = e.seq();
                problem[0] = why;
                return false;
            }
            prev[0] = e.entryHash();
            return true;
        });
        return new Report(count[0], broken[0] == null, broken[0], problem[0], HEX.formatHex(prev[0]));
    }

    private String check(LedgerStore.EvidenceEntry e, long expectedSeq, byte[] prev) {
        if (e.seq() != expectedSeq) {
            return "entry " + expectedSeq + " is missing (found " + e.seq() + ")";
        }
        if (!Arrays.equals(e.prevHash(), prev)) {
            return "entry " + e.seq() + " does not link to the entry before it";
        }
        SignedFact f = e.fact();
        if (f == null) {
            return "entry " + e.seq() + ": the logged fact is missing or unreadable";
        }
        if (!Arrays.equals(f.id().bytes(), e.storedFactId())) {
            return "entry " + e.seq() + ": the stored fact does not hash to its id " + HEX.formatHex(e.storedFactId());
        }
        if (!Arrays.equals(entryHash(e.seq(), e.prevHash(), f, e.loggedAtMillis()), e.entryHash())) {
            return "entry " + e.seq() + ": its hash does not match its content";
        }
        RegisteredKey key = registry.key(f.keyId()).orElse(null);
        if (key == null) {
            return "entry " + e.seq() + ": signing key '" + f.keyId() + "' is not registered";
        }
        if (!SignatureVerifier.of(key.algorithm(), key.publicKey(), Keys.FACT_DOMAIN).verify(f.id().bytes(), f.signature())) {
            return "entry " + e.seq() + ": the oracle's signature on fact " + f.id() + " does not verify";
        }
        return null;
    }
}
