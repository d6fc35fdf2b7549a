package kz.digitaltenge.hub.pipeline;

import java.time.Instant;
import java.util.Optional;
import kz.digitaltenge.canonical.source.FactLookup;
import kz.digitaltenge.canonical.source.KnownFact;
import kz.digitaltenge.ledger.fact.FactBook;
import kz.digitaltenge.ledger.fact.FactType;
import kz.digitaltenge.ledger.fact.SignedFact;

/** The registered facts, as the sources' checks and reactions read them. */
final class HubFactLookup implements FactLookup {
    private final FactBook facts;

    HubFactLookup(FactBook facts) {
        this.facts = facts;
    }

    @Override
    public Optional<KnownFact> latest(String type, String subject) {
        FactType t;
        try {
            t = FactType.valueOf(type);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return facts.latest(t, subject).map(HubFactLookup::known);
    }

    static KnownFact known(SignedFact f) {
        return new KnownFact(f.id().hex(), f.fact().type().name(), f.fact().subject(), f.fact().terms(),
                Instant.ofEpochMilli(f.fact().issuedAtMillis()));
    }
}
