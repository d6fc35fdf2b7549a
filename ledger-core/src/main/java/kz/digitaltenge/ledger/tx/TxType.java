package kz.digitaltenge.ledger.tx;

/** What a transaction does to the money supply. */
public enum TxType {
    /** The issuer creates money: no inputs, outputs only. */
    ISSUE,
    /** Owners move money: inputs = outputs. */
    TRANSFER,
    /** The issuer destroys money handed back by its owners: inputs > outputs, the difference leaves supply. */
    REDEEM
}
