package kz.digitaltenge.ledger.registry;

import kz.digitaltenge.canonical.id.AccountNumber;
import kz.digitaltenge.canonical.id.Bic;
import kz.digitaltenge.canonical.id.PartyId;

/** A digital account: its IIK, the party that owns it, what kind of holder that is, and who services it. */
public record Account(AccountNumber number, PartyId owner, AccountKind kind, Bic servicer) {
}
