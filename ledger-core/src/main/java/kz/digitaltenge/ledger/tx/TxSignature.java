package kz.digitaltenge.ledger.tx;

/** A signature over the transaction id by a registered key. */
public record TxSignature(String keyId, byte[] value) {
}
