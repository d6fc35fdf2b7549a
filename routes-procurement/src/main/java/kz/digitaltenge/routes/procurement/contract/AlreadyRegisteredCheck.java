package kz.digitaltenge.routes.procurement.contract;

import java.util.Optional;
import kz.digitaltenge.canonical.CanonicalMessage;
import kz.digitaltenge.canonical.source.AlreadyRegistered;
import kz.digitaltenge.canonical.source.FactLookup;
import kz.digitaltenge.canonical.source.KnownFact;
import kz.digitaltenge.canonical.source.RegistryCheck;

/**
 * A contract's message that says exactly what its latest fact says (the same record imported again, an act read
 * again, a superseded version's record) makes no second fact: the hub answers it UNCHANGED with the registered fact.
 * The translator gives such a message the latest fact's own version number, so "the same" is plain equality of terms.
 */
public final class AlreadyRegisteredCheck implements RegistryCheck {
    @Override
    public void check(CanonicalMessage message, FactLookup facts) {
        if (!KnownContracts.TYPE.equals(message.type()) || message.terms() == null) {
            return;
        }
        Optional<KnownFact> latest = facts.latest(KnownContracts.TYPE, message.subject());
        if (latest.isPresent() && latest.get().terms().equals(message.terms())) {
            throw new AlreadyRegistered(latest.get().id(), "contract " + message.subject() + " version "
                    + message.terms().get(ContractTerms.VERSION) + " says this already");
        }
    }
}
