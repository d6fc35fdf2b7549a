package kz.digitaltenge.routes.procurement.contract;

import java.util.List;

/**
 * The names of the terms of a procurement contract's {@code CONTRACT_REGISTERED} fact, as this module writes them
 * (the ledger reads {@code sender}, {@code recipient}, {@code maxTransfer}, {@code maxCashOut}, {@code validFrom},
 * {@code validTo}, {@code treasuryRequired} and {@code treasuryNotice}; the others are the portal's record, kept so the
 * next version can be computed from the fact alone and the back office sees where each value came from). Formats: IIK
 * 20 characters, BIN/IIN 12 digits, amounts whole tiyn in ASCII digits, instants ISO-8601 UTC, flags {@code true} /
 * {@code false}. {@code docs/contract-marking.md} lists each term with its rule.
 */
public final class ContractTerms {
    public static final String SENDER = "sender";
    public static final String RECIPIENT = "recipient";
    public static final String SENDER_BIN = "senderBin";
    public static final String RECIPIENT_BIN = "recipientBin";
    public static final String NUMBER = "number";
    public static final String NUMBER_SYS = "numberSys";
    public static final String PORTAL_ID = "portalId";
    public static final String ROOT_ID = "rootId";
    public static final String STATUS = "status";
    public static final String STATUS_NAME = "statusName";
    public static final String MAX_TRANSFER = "maxTransfer";
    public static final String MAX_CASH_OUT = "maxCashOut";
    public static final String VALID_FROM = "validFrom";
    public static final String VALID_TO = "validTo";
    public static final String TREASURY_REQUIRED = "treasuryRequired";
    public static final String TREASURY_NOTICE = "treasuryNotice";
    public static final String TREASURY_REGISTERED_AT = "treasuryRegisteredAt";
    public static final String TREASURY_PAID = "treasuryPaid";
    /** The highest id of the Treasury payment lines counted in {@link #TREASURY_PAID} (a line up to it is counted). */
    public static final String TREASURY_PAID_THROUGH = "treasuryPaidThrough";
    public static final String TERMINATED = "terminated";
    public static final String DELETED = "deleted";
    public static final String PROGRAMME = "programme";
    public static final String CASH_OUT = "cashOut";
    /** The acts of completed work the hub has seen approved or revoked, in up to {@link #ACT_TERMS} terms. */
    public static final String ACTS = "acts";
    public static final String UNITS_TOTAL = "unitsTotal";
    public static final String PORTAL_UPDATED_AT = "portalUpdatedAt";
    public static final String VERSION = "version";

    /** Terms {@code acts}, {@code acts2}, {@code acts3}, {@code acts4}. */
    public static final int ACT_TERMS = 4;
    /** The terms every fact of this module has. */
    public static final List<String> ALWAYS = List.of(SENDER, RECIPIENT, SENDER_BIN, RECIPIENT_BIN, NUMBER, NUMBER_SYS,
            PORTAL_ID, ROOT_ID, STATUS, MAX_TRANSFER, MAX_CASH_OUT, VALID_FROM, VALID_TO, TREASURY_REQUIRED, TERMINATED,
            DELETED, PROGRAMME, CASH_OUT, PORTAL_UPDATED_AT, VERSION);

    /** At most this many terms: {@link #ALWAYS}, 6 optional single ones and the packed acts; the ledger takes 32. */
    public static final int MAX = ALWAYS.size() + 6 + ACT_TERMS;

    private ContractTerms() {
    }

    /** The {@code i}-th (from 1) term of a packed set: {@code acts}, {@code acts2}, ... */
    static String packed(String base, int i) {
        return i == 1 ? base : base + i;
    }
}
