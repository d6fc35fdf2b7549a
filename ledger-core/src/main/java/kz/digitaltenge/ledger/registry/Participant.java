package kz.digitaltenge.ledger.registry;

import java.util.Set;
import kz.digitaltenge.canonical.id.Bic;
import kz.digitaltenge.canonical.id.PartyId;

/** A party known to the ledger: identified by BIN/IIN; banks, the Treasury and the issuer also have a BIC. */
public record Participant(PartyId partyId, String name, Set<Role> roles, Bic bic) {
    public Participant {
        roles = Set.copyOf(roles == null ? Set.of() : roles);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }
}
