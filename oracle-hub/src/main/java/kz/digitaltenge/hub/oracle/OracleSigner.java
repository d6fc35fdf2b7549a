package kz.digitaltenge.hub.oracle;

import java.security.PrivateKey;
import kz.digitaltenge.ledger.crypto.Keys;
import kz.digitaltenge.ledger.crypto.SignatureAlgorithm;
import kz.digitaltenge.ledger.fact.EvidenceCheckpoint;
import kz.digitaltenge.ledger.fact.Fact;
import kz.digitaltenge.ledger.fact.SignedFact;
import kz.digitaltenge.canonical.id.PartyId;
import kz.digitaltenge.ledger.tx.Transaction;
import kz.digitaltenge.ledger.tx.TxSignature;

/**
 * The hub's oracle identity: signs facts with its Ed25519 key over {@link Keys#FACT_DOMAIN} + the fact id, and
 * transactions it submits as the controller (RELEASE, RETURN) over {@link Keys#DOMAIN} + the transaction id, and
 * checkpoints of the evidence log over {@link Keys#EVIDENCE_CHECKPOINT_DOMAIN} + the checkpoint's digest.
 */
public final class OracleSigner {
    private final PartyId partyId;
    private final String keyId;
    private final PrivateKey privateKey;
    private final byte[] publicKey;

    public OracleSigner(PartyId partyId, String keyId, PrivateKey privateKey, byte[] publicKey) {
        this.partyId = partyId;
        this.keyId = keyId;
        this.privateKey = privateKey;
        this.publicKey = publicKey.clone();
    }

    public SignedFact sign(Fact fact) {
        return new SignedFact(fact, keyId, Keys.sign(SignatureAlgorithm.ED25519, privateKey, Keys.FACT_DOMAIN, fact.id().bytes()));
    }

    /** A checkpoint of the evidence log's head, signed in the checkpoint domain (never the fact domain). */
    public EvidenceCheckpoint checkpoint(long seq, byte[] entryHash, long signedAtMillis) {
        return EvidenceCheckpoint.sign(seq, entryHash, signedAtMillis, keyId, SignatureAlgorithm.ED25519, privateKey);
    }

    /** The oracle's signature of a transaction (the transaction domain, never the fact domain). */
    public TxSignature sign(Transaction tx) {
        return new TxSignature(keyId, Keys.sign(SignatureAlgorithm.ED25519, privateKey, tx.id().bytes()));
    }

    public PartyId partyId() {
        return partyId;
    }

    public String keyId() {
        return keyId;
    }

    /** X.509 SubjectPublicKeyInfo of the oracle key. */
    public byte[] publicKey() {
        return publicKey.clone();
    }

    @Override
    public String toString() {
        return "OracleSigner[" + partyId + ", " + keyId + "]";
    }
}
