package kz.digitaltenge.ledger.fact;

/** The confirmations the oracle gives. Never reorder: the ordinal is part of the canonical encoding. */
public enum FactType {
    CONTRACT_REGISTERED,
    INVOICE_REGISTERED,
    EVENT_REGISTERED,
    EVENT_OCCURRED,
    HOLD_APPROVED,
    RELEASE_APPROVED,
    /**
     * The oracle's approval to return what is held for an event before its end, because of one occurrence (a subsidy
     * application rejected or withdrawn). Made by the oracle only, like the other approvals.
     */
    VOID_APPROVED,
    /**
     * A programme's rules for money marked to a root contract (railway sections, road repair): how deep the contract
     * tree may go and, per level, who may be added to it and what they may cash out. Versioned like every fact: the
     * latest is in force. Child contracts declared under it are checked against it by the oracle before they are signed.
     */
    PROJECT_DEFINED
}
