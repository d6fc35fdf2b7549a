package kz.digitaltenge.canonical;

/**
 * Stable reason codes for every refusal of the ledger. Other systems key on these strings, so a code is
 * never renamed; new ones may be added.
 */
public enum ReasonCode {
    /** The request could not be read: bad JSON, missing field, wrong type. */
    MALFORMED,
    /** An account number, BIN/IIN or BIC failed its format or check-digit rule. */
    INVALID_IDENTIFIER,
    /** The transaction breaks a structural rule (no outputs, duplicate inputs, inputs on an issue, ...). */
    INVALID_STRUCTURE,
    /** An amount or a count is over a documented limit, or an amount is not positive. */
    OVER_LIMIT,
    /** An output account is not registered. */
    UNKNOWN_ACCOUNT,
    /** An input names an output the ledger never created. */
    UNKNOWN_INPUT,
    /** An input was already spent by a committed transaction. */
    ALREADY_SPENT,
    /** An input is reserved by another transaction in flight; retry after it settles. */
    INPUT_RESERVED,
    /** A signature does not verify, or names a key that is not registered. */
    BAD_SIGNATURE,
    /** Sum of inputs differs from sum of outputs (transfers), or redeem/issue amounts are inconsistent. */
    UNBALANCED,
    /** The signers present are not allowed to do this (not the owner, no delegation, not the issuer). */
    NOT_AUTHORIZED,
    /** A feature the ledger does not enforce yet (marking, holds) was requested. */
    UNSUPPORTED,
    /** A registration conflicts with an existing one (same key id, same account number, ...). */
    CONFLICT,
    /** The request names something that does not exist (a transaction id, an account). */
    NOT_FOUND,
    /** The durable store or the notary could not be reached; nothing was committed. */
    UNAVAILABLE,
    /** A fact is malformed, not signed by the oracle, or its terms do not allow what is asked. */
    INVALID_FACT,
    /** Marked money may not go there: the recipient, the level, the contract or the use is not allowed. */
    MARKING_VIOLATION,
    /** A limit tracked from facts is exhausted: contract transfer or cash-out amount, invoice outstanding, event amount. */
    LIMIT_EXCEEDED,
    /** The contract or event named is not valid at this time (not yet valid, or expired). */
    EXPIRED,
    /** Held money cannot be spent except by a release or a return. */
    HELD,
    /**
     * An account's kind does not fit its owner's roles (an ISSUER account for anyone but the issuer, a TAX_OFFICE
     * account for anyone but the tax authority, ...): the rule table is {@code AccountKind#admits}.
     */
    WRONG_ACCOUNT_KIND
}
