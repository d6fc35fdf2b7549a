package kz.digitaltenge.ledger.fact;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import kz.digitaltenge.ledger.crypto.Keys;
import kz.digitaltenge.ledger.crypto.SignatureVerifier;
import kz.digitaltenge.ledger.registry.RegisteredKey;

/**
 * Checks an evidence chain entry by entry, in chain order: every link, every fact's id, every entry hash, every
 * signature against a set of keys, and the chain against signed checkpoints of its head. It is the one check behind
 * {@link EvidenceLog#verify} (the hub's tables, the registry's keys, the hub's latest checkpoint) and the offline
 * verifier (an export, the keys the auditor trusts, the checkpoints the auditor kept), so the two cannot drift apart.
 *
 * <p>The links alone show an entry removed or changed in the middle; they cannot show a tail cut off or a chain
 * rebuilt with consistent links. A checkpoint can: its signature must verify with a trusted key, the chain must
 * reach its seq, and the entry at its seq must have exactly its hash.
 */
public final class EvidenceChain {
    private static final HexFormat HEX = HexFormat.of();

    private final Function<String, Optional<RegisteredKey>> keys;
    private final String untrusted;
    /** Checkpoints whose signature verified, by the seq they name. */
    private final TreeMap<Long, List<EvidenceCheckpoint>> checkpoints = new TreeMap<>();
    private long entries;
    private byte[] head = new byte[32];
    private Long brokenSeq;
    private String problem;

    /**
     * @param keys        the keys signatures may be made with, by key id
     * @param untrusted   how a key outside that set is described, e.g. "is not registered"
     * @param checkpoints checkpoints of this chain signed earlier (may be empty)
     */
    public EvidenceChain(Function<String, Optional<RegisteredKey>> keys, String untrusted, Collection<EvidenceCheckpoint> checkpoints) {
        this.keys = keys;
        this.untrusted = untrusted;
        for (EvidenceCheckpoint cp : checkpoints) {
            RegisteredKey key = keys.apply(cp.keyId()).orElse(null);
            if (key == null) {
                problem = cp + ": its signing key '" + cp.keyId() + "' " + untrusted;
                return;
            }
            if (!cp.verifiesWith(key)) {
                problem = cp + ": its signature does not verify with key '" + cp.keyId() + "'";
                return;
            }
            this.checkpoints.computeIfAbsent(cp.seq(), s -> new ArrayList<>()).add(cp);
        }
    }

    /** Checks the next entry of the chain; false once a problem is found (the walk may stop there). */
    public boolean accept(EvidenceEntry e) {
        if (problem != null) {
            return false;
        }
        entries++;
        String why = check(e, entries, head);
        if (why == null) {
            why = againstCheckpoints(e);
        }
        if (why != null) {
            brokenSeq = e.seq();
            problem = why;
            return false;
        }
        head = e.entryHash();
        return true;
    }

    /** The outcome, once every entry was given: a chain shorter than a checkpoint lost its tail. */
    public EvidenceLog.Report report() {
        if (problem == null && !checkpoints.isEmpty() && entries < checkpoints.lastKey()) {
            EvidenceCheckpoint cp = checkpoints.lastEntry().getValue().get(0);
            brokenSeq = entries + 1;
            problem = "the chain ends at entry " + entries + ", before entry " + cp.seq() + " that " + cp
                    + " names: entries were removed from its end";
        }
        return new EvidenceLog.Report(entries, problem == null, brokenSeq, problem, HEX.formatHex(head));
    }

    /** The checkpoint naming the highest seq among those checked, if any. */
    public Optional<EvidenceCheckpoint> latestCheckpoint() {
        return checkpoints.isEmpty() ? Optional.empty() : Optional.of(checkpoints.lastEntry().getValue().get(0));
    }

    private String againstCheckpoints(EvidenceEntry e) {
        for (EvidenceCheckpoint cp : checkpoints.getOrDefault(e.seq(), List.of())) {
            if (!Arrays.equals(cp.entryHash(), e.entryHash())) {
                return "entry " + e.seq() + " has hash " + HEX.formatHex(e.entryHash()) + ", not the hash " + cp
                        + " signed: the chain was rewritten after it";
            }
        }
        return null;
    }

    private String check(EvidenceEntry e, long expectedSeq, byte[] prev) {
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
        if (!Arrays.equals(EvidenceLog.entryHash(e.seq(), e.prevHash(), f, e.loggedAtMillis()), e.entryHash())) {
            return "entry " + e.seq() + ": its hash does not match its content";
        }
        RegisteredKey key = keys.apply(f.keyId()).orElse(null);
        if (key == null) {
            return "entry " + e.seq() + ": signing key '" + f.keyId() + "' " + untrusted;
        }
        if (!verifies(key, f)) {
            return "entry " + e.seq() + ": the oracle's signature on fact " + f.id() + " does not verify";
        }
        return null;
    }

    private static boolean verifies(RegisteredKey key, SignedFact f) {
        try {
            return SignatureVerifier.of(key.algorithm(), key.publicKey(), Keys.FACT_DOMAIN).verify(f.id().bytes(), f.signature());
        } catch (kz.digitaltenge.canonical.LedgerException unreadableKey) {
            return false;
        }
    }
}
