package kz.digitaltenge.canonical.payment;

/**
 * What a payment order pays: an e-invoice (its registration number) or a contract (a prepayment by its number). Stored
 * and answered by its name, as the {@code reference_kind} column and the JSON {@code referenceKind} always were.
 */
public enum ReferenceKind {
    INVOICE,
    CONTRACT
}
