package kz.digitaltenge.hub.payment;

import kz.digitaltenge.routes.erp1c.PaymentReference;

/**
 * What a payment order pays: an e-invoice (its registration number) or a contract (a prepayment by its number). Stored
 * and answered by its name, as the {@code reference_kind} column and the JSON {@code referenceKind} always were.
 */
public enum ReferenceKind {
    INVOICE,
    CONTRACT;

    /** The kind a 1C document or a JSON order states. */
    static ReferenceKind of(PaymentReference.Kind kind) {
        return kind == PaymentReference.Kind.INVOICE ? INVOICE : CONTRACT;
    }
}
