package kz.digitaltenge.ledger.fact;

/** A fact with the oracle's signature over {@code Keys.FACT_DOMAIN} + its id. */
public record SignedFact(Fact fact, String keyId, byte[] signature) {
    public FactId id() {
        return fact.id();
    }
}
