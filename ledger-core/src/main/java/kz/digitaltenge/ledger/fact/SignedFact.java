package kz.digitaltenge.ledger.fact;

import java.util.Arrays;
import java.util.Objects;

/**
 * A fact with the oracle's signature over {@code Keys.FACT_DOMAIN} + its id.
 *
 * <p>A class, not a record, for one reason: its id (the SHA-256 of the fact's canonical encoding) is computed once, here,
 * instead of by every step that names it — the store, the evidence entry, the registries, the lookup each asked again,
 * six encodings and digests per fact on the intake path (issue 14's profile).
 */
public final class SignedFact {
    private final Fact fact;
    private final String keyId;
    private final byte[] signature;
    private final FactId id;

    public SignedFact(Fact fact, String keyId, byte[] signature) {
        this.fact = Objects.requireNonNull(fact, "fact");
        this.keyId = keyId;
        this.signature = signature;
        this.id = fact.id();
    }

    public Fact fact() {
        return fact;
    }

    public String keyId() {
        return keyId;
    }

    public byte[] signature() {
        return signature;
    }

    public FactId id() {
        return id;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SignedFact other && fact.equals(other.fact) && Objects.equals(keyId, other.keyId)
                && Arrays.equals(signature, other.signature);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * fact.hashCode() + Objects.hashCode(keyId)) + Arrays.hashCode(signature);
    }

    @Override
    public String toString() {
        return "SignedFact[" + id + " " + fact.type() + " " + fact.subject() + " by " + keyId + "]";
    }
}
