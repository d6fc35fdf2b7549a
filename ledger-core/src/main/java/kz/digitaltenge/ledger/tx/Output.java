package kz.digitaltenge.ledger.tx;

import kz.digitaltenge.canonical.id.AccountNumber;

/**
 * A token: an amount in tiyn owned by an account. {@code marking} and {@code hold} are reserved for the
 * programmable-money archetypes (marking by address list / contract / VAT, holding); both are null for
 * standard money, and the validator refuses anything else until those rules are enforced.
 */
public record Output(AccountNumber owner, long amount, String marking, String hold) {
    public Output {
        if (owner == null) {
            throw new kz.digitaltenge.canonical.LedgerException(kz.digitaltenge.canonical.ReasonCode.MALFORMED, "output owner is missing");
        }
    }

    public static Output standard(AccountNumber owner, long amount) {
        return new Output(owner, amount, null, null);
    }
}
