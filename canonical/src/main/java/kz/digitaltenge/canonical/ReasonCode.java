package kz.digitaltenge.canonical;

import java.util.List;

/**
 * The one list of reason codes: every refusal of the ledger, of the intake and of every route module, every quarantine
 * entry and every 4xx of the API carries one of these. Other systems key on the names, so a code is never renamed or
 * reordered; new ones may be added. Each says what happened and what the back office should do about it — the admin
 * UI shows these texts, and {@code GET /api/reasons} serves them. The English is here; the Kazakh and the Russian are in
 * {@code reasons_kk.properties} and {@code reasons_ru.properties} next to this class (UTF-8, read by {@link ReasonTexts}).
 */
public enum ReasonCode {
    // the ledger's codes, in their original order
    MALFORMED("The request or message could not be read: not valid JSON, XML or 1C text, a field of the wrong kind, a"
            + " control or direction character, an amount that is not a plain decimal.",
            "Look at the original: a format error can be corrected by edit-and-retry; anything that changes parties,"
            + " accounts or amounts must be sent again by the source."),
    INVALID_IDENTIFIER("An account number, BIN/IIN or BIC failed its format or check-digit rule.",
            "Ask the sender for the correct identifier; the back office may not change it."),
    INVALID_STRUCTURE("The transaction breaks a structural rule (no outputs, an input named twice, inputs on an issue, ...).",
            "A defect of the sending system: report it to its owner."),
    OVER_LIMIT("An amount or a count is over a documented limit, or an amount is not positive.",
            "Check the amount with the sender; the limits are in the ledger's README."),
    UNKNOWN_ACCOUNT("An account named is not registered.", "Register the account (operator) and retry."),
    UNKNOWN_INPUT("An input names an output the ledger never created.", "A defect of the sending system: report it."),
    ALREADY_SPENT("An input was already spent by a committed transaction.",
            "Nothing to retry: the money moved already (look up the spending transaction)."),
    INPUT_RESERVED("An input is reserved by another transaction in flight.", "Retry in a moment."),
    BAD_SIGNATURE("A signature does not verify, or names a key that is not registered, or a source that must sign did not.",
            "Reject it: a signed message cannot be corrected here; the source must sign and send it again."),
    UNBALANCED("Inputs and outputs do not add up.", "A defect of the sending system: report it."),
    NOT_AUTHORIZED("The caller, or the message's sender, may not do this: the role, the party it acts for, the fact types"
            + " its source declared, or an edit that would change what the message says.",
            "Nothing to fix here: the right party or source must send it."),
    UNSUPPORTED("A feature the ledger does not enforce was requested.", "Report it to the hub's operator."),
    CONFLICT("It conflicts with what exists (the same key or account again, an entry not in a state to act on).",
            "Look at the existing record; usually nothing is to be done."),
    NOT_FOUND("What the request names does not exist (or is not the caller's to see).", "Check the id."),
    UNAVAILABLE("The store, the notary or the broker could not be reached; nothing was committed.",
            "Retry later; the operator is alerted by the log."),
    INVALID_FACT("A fact is malformed, not signed by the oracle, or its terms do not allow what is asked.",
            "Ask the source for a correct message; for a transaction, name the current fact."),
    MARKING_VIOLATION("Marked money may not go there: the recipient, the level, the contract or the use is not allowed.",
            "Nothing to retry: the payer must pay an allowed recipient."),
    LIMIT_EXCEEDED("A limit tracked from facts is exhausted (a contract's transfers or cash-out, an invoice's outstanding"
            + " amount, an event's amount, an occurrence already released).", "Check what is left; nothing more can move."),
    EXPIRED("The contract or event is not valid at this time.", "Nothing to retry unless the source registers a new validity."),
    HELD("Held money is spent other than by a release or a return.", "Wait for the event or the hold's expiry."),
    WRONG_ACCOUNT_KIND("An account's kind does not fit its owner's roles (an ISSUER account for anyone but the issuer, ...).",
            "Open the account with the right kind (operator)."),
    // the intake's, the payments' and the hub's own (added after the ledger's; never reorder)
    SCHEMA_INVALID("The message reads, but is not what its format or the fact type requires: a required field or term"
            + " is missing or unusable.", "If only the format is wrong, edit and retry; otherwise ask the source to send it complete."),
    TOO_LARGE("The document is larger than the limit for its kind; it was refused before it was read.",
            "Ask the source to split it; the limits are in docs/security.md."),
    BAD_ENCODING("The bytes are not in the encoding the document declares (or it declares none).",
            "Correct the encoding declaration by edit-and-retry, or ask the source to send it in the declared encoding."),
    UNSAFE_XML("The XML uses features the hub refuses outright (a DOCTYPE, entities, absurd nesting).",
            "Reject it; ask the source for the plain document."),
    TRUNCATED("The document ends before it is complete.", "Ask the source to send it again."),
    NOT_AUTHENTICATED("The caller gave no credentials, or wrong ones.", "Check the system's API user and password."),
    BUSINESS_RULE("A rule of the business is broken: totals that do not add up, a later invoice state that changes"
            + " parties or amounts, an order that pays more than is outstanding, another currency.",
            "Ask the source to send a correct message (an additional or fixed invoice, a new order)."),
    UNKNOWN_REFERENCE("The message names something not registered yet (an event, a related invoice, an invoice or"
            + " contract an order pays).", "Retry once the referenced message has arrived; reject if it never will."),
    DUPLICATE_DIFFERENT_CONTENT("The source's id of this message was used before for other content.",
            "Ask the source: a correction needs its own id; reject this one if it is a mistake."),
    INSUFFICIENT_FUNDS("The payer's account has too little money usable for this payment.",
            "Retry once the account is funded; or reject."),
    TOO_FRAGMENTED("The payment would need more tokens than one transaction may spend.",
            "The payer's bank consolidates the account; then retry."),
    DECLINED_BY_BANK("The payer's bank declined the order.", "Nothing to do at the hub; the payer talks to its bank."),
    DOCUMENTS_REFUSED("Some documents of a retried 1C file were refused again (each is named).",
            "Look at each document's reason."),
    OUTBOUND_FAILED("The hub could not deliver a status to the e-invoice IS within its retry budget.",
            "Retry once the IS is reachable: the current status is sent."),
    REPLAY_ERROR("A retry failed inside the hub, not for a reason of the message.", "Retry; report it if it repeats."),
    PROCESSING_ERROR("The message failed inside the hub, not for a reason of the message.", "Retry; report it if it repeats."),
    INTERNAL("The hub failed on a request (an incident id is in its answer and its log).", "Report the incident id."),
    INCOMPLETE("The record lacks what the fact needs and the hub may not invent it (a procurement contract's short-list"
            + " record without its sign date or financial year).", "Import the full record (the portal's full form), or wait"
            + " for the portal's sync, which reads it; then retry.");

    /** The languages of the texts: Kazakh, Russian, English (the admin UI's). */
    public static final List<String> LANGUAGES = List.of("kk", "ru", "en");

    private final String happened;
    private final String action;

    ReasonCode(String happened, String action) {
        this.happened = happened;
        this.action = action;
    }

    /** What happened, in words the back office reads. */
    public String happened() {
        return happened;
    }

    /** What the back office should do about it. */
    public String action() {
        return action;
    }

    /** What happened, in {@code language} (kk, ru or en); English for any other language. */
    public String happened(String language) {
        return ReasonTexts.text(language, this, "happened", happened);
    }

    /** What the back office should do about it, in {@code language} (kk, ru or en); English for any other language. */
    public String action(String language) {
        return ReasonTexts.text(language, this, "action", action);
    }
}
