package kz.digitaltenge.ledger.registry;

import kz.digitaltenge.ledger.crypto.SignatureAlgorithm;
import kz.digitaltenge.canonical.id.PartyId;

/** A public key registered for a party, under an id that signatures name. */
public record RegisteredKey(String keyId, PartyId holder, SignatureAlgorithm algorithm, byte[] publicKey) {
}
