package kz.digitaltenge.ledger.fact;

/** The confirmations the oracle gives. Never reorder: the ordinal is part of the canonical encoding. */
public enum FactType {
    CONTRACT_REGISTERED,
    INVOICE_REGISTERED,
    EVENT_REGISTERED,
    EVENT_OCCURRED,
    HOLD_APPROVED,
    RELEASE_APPROVED
}
