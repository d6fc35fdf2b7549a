package kz.digitaltenge.ledger.registry;

import kz.digitaltenge.ledger.id.AccountNumber;
import kz.digitaltenge.ledger.id.Bic;
import kz.digitaltenge.ledger.id.PartyId;

/** A digital account: its IIK, the party that owns it, what kind of holder that is, and who services it. */
public record Account(AccountNumber number, PartyId owner, AccountKind kind, Bic servicer) {
}
