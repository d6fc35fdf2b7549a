package kz.digitaltenge.routes.procurement.contract;

import static kz.digitaltenge.routes.procurement.contract.ContractTerms.*;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.TreeMap;
import kz.digitaltenge.canonical.ReasonCode;

/**
 * One version of a procurement contract as its {@code CONTRACT_REGISTERED} fact says it: everything the next version
 * is computed from (an act, a Treasury record, an amendment read later start from here), and its terms
 * ({@link #terms()}). {@link #of(String, Map)} reads the terms back; a fact this module did not write (no
 * {@code portalId}) is {@code null} there.
 */
record ContractState(String subject, String sender, String recipient, String senderBin, String recipientBin,
                     String number, String numberSys, long portalId, long rootId, int status, String statusName,
                     long maxTransfer, String programme, CashOutPolicy cashOut, Instant validFrom, Instant validTo,
                     boolean treasuryRequired, String treasuryNotice, Instant treasuryRegisteredAt, long treasuryPaid,
                     long treasuryPaidThrough, boolean terminated, boolean deleted, ContractActs acts,
                     Long unitsTotal, Instant portalUpdatedAt, long version) {
    long maxCashOut() {
        return cashOut.maxCashOut(maxTransfer, acts.total());
    }

    /** The fact's terms; OVER_LIMIT when the acts or payments do not fit. */
    Map<String, String> terms() {
        Map<String, String> t = new TreeMap<>();
        t.put(SENDER, sender);
        t.put(RECIPIENT, recipient);
        t.put(SENDER_BIN, senderBin);
        t.put(RECIPIENT_BIN, recipientBin);
        t.put(NUMBER, number);
        t.put(NUMBER_SYS, numberSys);
        t.put(PORTAL_ID, Long.toString(portalId));
        t.put(ROOT_ID, Long.toString(rootId));
        t.put(STATUS, Integer.toString(status));
        if (statusName != null) {
            t.put(STATUS_NAME, statusName);
        }
        t.put(MAX_TRANSFER, Long.toString(maxTransfer));
        t.put(MAX_CASH_OUT, Long.toString(maxCashOut()));
        t.put(VALID_FROM, validFrom.toString());
        t.put(VALID_TO, validTo.toString());
        t.put(TREASURY_REQUIRED, Boolean.toString(treasuryRequired));
        if (treasuryNotice != null) {
            t.put(TREASURY_NOTICE, treasuryNotice);
        }
        if (treasuryRegisteredAt != null) {
            t.put(TREASURY_REGISTERED_AT, treasuryRegisteredAt.toString());
        }
        if (treasuryPaidThrough > 0) {
            t.put(TREASURY_PAID, Long.toString(treasuryPaid));
            t.put(TREASURY_PAID_THROUGH, Long.toString(treasuryPaidThrough));
        }
        t.put(TERMINATED, Boolean.toString(terminated));
        t.put(DELETED, Boolean.toString(deleted));
        t.put(PROGRAMME, programme);
        t.put(CASH_OUT, cashOut.term());
        t.putAll(acts.terms(subject));
        if (unitsTotal != null) {
            t.put(UNITS_TOTAL, Long.toString(unitsTotal));
        }
        t.put(PORTAL_UPDATED_AT, portalUpdatedAt.toString());
        t.put(VERSION, Long.toString(version));
        return t;
    }

    /** The same contract with another version number (everything else as it is). */
    ContractState withVersion(long v) {
        return toBuilder().version(v).build();
    }

    /** Whether the two say the same, their version numbers aside. */
    boolean sameAs(ContractState other) {
        return other != null && withVersion(0).terms().equals(other.withVersion(0).terms());
    }

    /** The state a registered fact's terms say, or null for a fact this module did not write (no {@code portalId}). */
    static ContractState of(String subject, Map<String, String> t) {
        if (t.get(PORTAL_ID) == null) {
            return null;
        }
        try {
            long paid = t.get(TREASURY_PAID) == null ? 0 : Long.parseLong(t.get(TREASURY_PAID));
            long through = t.get(TREASURY_PAID_THROUGH) == null ? 0 : Long.parseLong(t.get(TREASURY_PAID_THROUGH));
            return new ContractState(subject, need(t, SENDER), need(t, RECIPIENT), need(t, SENDER_BIN), need(t, RECIPIENT_BIN),
                    need(t, NUMBER), need(t, NUMBER_SYS), Long.parseLong(need(t, PORTAL_ID)), Long.parseLong(need(t, ROOT_ID)),
                    Integer.parseInt(need(t, STATUS)), t.get(STATUS_NAME), Long.parseLong(need(t, MAX_TRANSFER)),
                    need(t, PROGRAMME), CashOutPolicy.parse(need(t, CASH_OUT)), Instant.parse(need(t, VALID_FROM)),
                    Instant.parse(need(t, VALID_TO)), Boolean.parseBoolean(need(t, TREASURY_REQUIRED)), t.get(TREASURY_NOTICE),
                    t.get(TREASURY_REGISTERED_AT) == null ? null : Instant.parse(t.get(TREASURY_REGISTERED_AT)), paid, through,
                    Boolean.parseBoolean(need(t, TERMINATED)), Boolean.parseBoolean(need(t, DELETED)), ContractActs.of(t),
                    t.get(UNITS_TOTAL) == null ? null : Long.parseLong(t.get(UNITS_TOTAL)),
                    Instant.parse(need(t, PORTAL_UPDATED_AT)), Long.parseLong(need(t, VERSION)));
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new RecordProblem(ReasonCode.CONFLICT, "the registered fact of contract " + subject
                    + " cannot be read as a portal contract (" + Values.excerpt(e.getMessage()) + ")");
        }
    }

    private static String need(Map<String, String> t, String name) {
        String v = t.get(name);
        if (v == null) {
            throw new RecordProblem(ReasonCode.CONFLICT, "the registered fact lacks the term " + name
                    + ": it was not written by the procurement route");
        }
        return v;
    }

    Builder toBuilder() {
        return new Builder(this);
    }

    /** A changed copy. */
    static final class Builder {
        private String subject, sender, recipient, senderBin, recipientBin, number, numberSys, statusName, programme;
        private String treasuryNotice;
        private long portalId, rootId, maxTransfer, treasuryPaid, treasuryPaidThrough, version;
        private int status;
        private CashOutPolicy cashOut = CashOutPolicy.ACTS;
        private Instant validFrom, validTo, treasuryRegisteredAt, portalUpdatedAt;
        private boolean treasuryRequired, terminated, deleted;
        private ContractActs acts = ContractActs.NONE;
        private Long unitsTotal;

        Builder() {
        }

        private Builder(ContractState s) {
            subject = s.subject; sender = s.sender; recipient = s.recipient; senderBin = s.senderBin;
            recipientBin = s.recipientBin; number = s.number; numberSys = s.numberSys; portalId = s.portalId;
            rootId = s.rootId; status = s.status; statusName = s.statusName; maxTransfer = s.maxTransfer;
            programme = s.programme; cashOut = s.cashOut; validFrom = s.validFrom; validTo = s.validTo;
            treasuryRequired = s.treasuryRequired; treasuryNotice = s.treasuryNotice;
            treasuryRegisteredAt = s.treasuryRegisteredAt; treasuryPaid = s.treasuryPaid;
            treasuryPaidThrough = s.treasuryPaidThrough; terminated = s.terminated; deleted = s.deleted; acts = s.acts;
            unitsTotal = s.unitsTotal; portalUpdatedAt = s.portalUpdatedAt; version = s.version;
        }

        Builder subject(String v) { subject = v; return this; }
        Builder sender(String v) { sender = v; return this; }
        Builder recipient(String v) { recipient = v; return this; }
        Builder senderBin(String v) { senderBin = v; return this; }
        Builder recipientBin(String v) { recipientBin = v; return this; }
        Builder number(String v) { number = v; return this; }
        Builder numberSys(String v) { numberSys = v; return this; }
        Builder portalId(long v) { portalId = v; return this; }
        Builder rootId(long v) { rootId = v; return this; }
        Builder status(int v) { status = v; return this; }
        Builder statusName(String v) { statusName = v; return this; }
        Builder maxTransfer(long v) { maxTransfer = v; return this; }
        Builder programme(Programme p) { programme = p.name(); cashOut = p.cashOut(); return this; }
        Builder validFrom(Instant v) { validFrom = v; return this; }
        Builder validTo(Instant v) { validTo = v; return this; }
        Builder treasuryRequired(boolean v) { treasuryRequired = v; return this; }
        Builder treasuryRegistration(String notice, Instant at) { treasuryNotice = notice; treasuryRegisteredAt = at; return this; }
        Builder treasuryPaid(long paid, long through) { treasuryPaid = paid; treasuryPaidThrough = through; return this; }
        Builder terminated(boolean v) { terminated = v; return this; }
        Builder deleted(boolean v) { deleted = v; return this; }
        Builder acts(ContractActs v) { acts = v; return this; }
        Builder unitsTotal(Long v) { unitsTotal = v; return this; }
        Builder portalUpdatedAt(Instant v) { portalUpdatedAt = v; return this; }
        Builder version(long v) { version = v; return this; }

        ContractState build() {
            return new ContractState(subject, sender, recipient, senderBin, recipientBin, number, numberSys, portalId, rootId,
                    status, statusName, maxTransfer, programme, cashOut, validFrom, validTo, treasuryRequired, treasuryNotice,
                    treasuryRegisteredAt, treasuryPaid, treasuryPaidThrough, terminated, deleted, acts, unitsTotal,
                    portalUpdatedAt, version);
        }
    }
}
