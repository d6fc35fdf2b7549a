package kz.digitaltenge.routes.erp1c;

import java.util.Objects;

/**
 * What a payment order pays: an e-invoice (by its registration number in the e-invoice IS) or a contract (by its
 * number; a prepayment before any invoice exists).
 */
public record PaymentReference(Kind kind, String value) {

    public enum Kind {
        INVOICE,
        CONTRACT
    }

    public PaymentReference {
        Objects.requireNonNull(kind, "kind");
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("a payment reference needs a value");
        }
    }

    public static PaymentReference invoice(String registrationNumber) {
        return new PaymentReference(Kind.INVOICE, registrationNumber);
    }

    public static PaymentReference contract(String contractNumber) {
        return new PaymentReference(Kind.CONTRACT, contractNumber);
    }

    @Override
    public String toString() {
        return (kind == Kind.INVOICE ? "e-invoice " : "contract ") + value;
    }
}
