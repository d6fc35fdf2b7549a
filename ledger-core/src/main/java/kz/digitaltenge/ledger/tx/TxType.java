package kz.digitaltenge.ledger.tx;

/** What a transaction does to the money supply. */
public enum TxType {
    /** The issuer creates money: no inputs, outputs only. */
    ISSUE,
    /** Owners move money: inputs = outputs. */
    TRANSFER,
    /** The issuer destroys money handed back by its owners: inputs > outputs, the difference leaves supply. */
    REDEEM,
    /** The Treasury (or a bank for its client) turns standard money into marked money. */
    MARK,
    /** The Treasury lifts a mark. */
    UNMARK,
    /** A sender holds money for a registered event, with the oracle's approval. */
    HOLD,
    /** Held money goes to the event's recipient on an approved occurrence. */
    RELEASE,
    /** Held money goes back to the sender (expiry, or the rest of a single hold). */
    RETURN
    // never reorder: the ordinal is part of the canonical encoding
}
