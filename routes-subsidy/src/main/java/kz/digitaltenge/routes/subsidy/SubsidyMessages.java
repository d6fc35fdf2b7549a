package kz.digitaltenge.routes.subsidy;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import kz.digitaltenge.canonical.CanonicalMessage;
import kz.digitaltenge.canonical.ReasonCode;

/**
 * The canonical messages of the subsidy source, whichever format they came in: an application's registration
 * ({@code EVENT_REGISTERED}, its hold's terms) and a status it reached ({@code EVENT_OCCURRED}). The names of the
 * terms are here and nowhere else.
 */
public final class SubsidyMessages {
    public static final String EVENT_REGISTERED = "EVENT_REGISTERED";
    public static final String EVENT_OCCURRED = "EVENT_OCCURRED";
    /** The event's id (the fact subject, the hold {@code EVENT:SUBSIDY-<n>}) of application n. */
    public static final String SUBJECT_PREFIX = "SUBSIDY-";

    // the ledger's terms of an event (FactTerms)
    public static final String SENDER = "sender";
    public static final String RECIPIENT = "recipient";
    public static final String AMOUNT = "amount";
    public static final String VALID_UNTIL = "validUntil";
    public static final String HOLD_TYPE = "holdType";
    public static final String OCCURRENCE = "occurrence";
    // the subsidy's own
    public static final String APPLICANT = "applicant";
    public static final String SUBSIDY_NAME = "subsidyName";
    public static final String DIRECTION = "direction";
    public static final String NORMATIVE = "normative";
    public static final String REGION = "region";
    public static final String REGION_KATO = "regionKato";
    public static final String DISTRICT = "district";
    public static final String DISTRICT_KATO = "districtKato";
    public static final String LEASING_CONTRACT = "leasingContract";
    public static final String MACHINERY = "machinery";
    public static final String STATUS = "status";
    public static final String STATUS_AT = "statusAt";
    public static final String AKIMAT = "akimat";
    public static final String RECEIVED_AT = "receivedAt";
    /**
     * The {@code amount} of a status that states none (every status but an approval): the ledger requires the term of
     * every occurrence, and 0 releases nothing. The hold rules read 0 as "no amount stated".
     */
    public static final String NO_AMOUNT = "0";

    private SubsidyMessages() {
    }

    /** {@code SUBSIDY-<applicationNumber>}. */
    public static String subject(String applicationNumber) {
        return SUBJECT_PREFIX + applicationNumber;
    }

    /** {@code registration:<applicationNumber>}. */
    public static String registrationId(String applicationNumber) {
        return "registration:" + applicationNumber;
    }

    /** {@code status:<applicationNumber>:<code>}: a status seen again is the same message. */
    public static String statusId(String applicationNumber, ApplicationStatus status) {
        return "status:" + applicationNumber + ":" + status.code();
    }

    /** Where an application is: its region and district with their KATO codes. */
    record Location(KatoTable.Place region, KatoTable.Place district) {
        static Location of(KatoTable kato, String what, String regionName, String districtWhat, String districtName) {
            String r = Values.text(what, regionName);
            KatoTable.Place region = kato.region(r).orElseThrow(() -> new RecordProblem(ReasonCode.UNKNOWN_REFERENCE,
                    what + " " + Values.quote(r) + " is not in the KATO table (kato/regions.csv): add it there if it is a"
                            + " real oblast or city; nothing is guessed"));
            String d = Values.text(districtWhat, districtName);
            KatoTable.Place district = kato.district(region, d).orElseThrow(() -> new RecordProblem(ReasonCode.UNKNOWN_REFERENCE,
                    districtWhat + " " + Values.quote(d) + " is not a district of " + region.name() + " in the KATO table"
                            + " (kato/regions.csv): add it there if it is real; nothing is guessed"));
            return new Location(region, district);
        }

        void into(Map<String, String> terms) {
            terms.put(REGION, region.name());
            terms.put(REGION_KATO, region.kato());
            terms.put(DISTRICT, district.name());
            terms.put(DISTRICT_KATO, district.kato());
        }
    }

    /** The registration of an application and its hold: a SINGLE hold of {@code amount} tiyn until {@code validUntil}. */
    record Registration(String applicationNumber, String applicant, String sender, String recipient, long amount,
                        Instant validUntil, String subsidyName, String direction, long normative, Location location,
                        String leasingContract, String machinery, Instant registeredAt) {
        CanonicalMessage message() {
            Map<String, String> terms = new LinkedHashMap<>();
            terms.put(SENDER, sender);
            terms.put(RECIPIENT, recipient);
            terms.put(AMOUNT, Long.toString(amount));
            terms.put(VALID_UNTIL, validUntil.toString());
            terms.put(HOLD_TYPE, "SINGLE");
            terms.put(APPLICANT, applicant);
            terms.put(SUBSIDY_NAME, subsidyName);
            terms.put(DIRECTION, direction);
            terms.put(NORMATIVE, Long.toString(normative));
            location.into(terms);
            if (leasingContract != null) {
                terms.put(LEASING_CONTRACT, leasingContract);
            }
            if (machinery != null) {
                terms.put(MACHINERY, machinery);
            }
            return new CanonicalMessage(registrationId(applicationNumber), EVENT_REGISTERED, subject(applicationNumber),
                    Map.copyOf(terms), registeredAt.toString());
        }
    }

    /** A status an application reached, from the event format (with its time and, for an approval, the amount). */
    static CanonicalMessage statusChanged(String applicationNumber, ApplicationStatus status, Instant statusAt,
                                          Long approvedAmount) {
        Map<String, String> terms = new LinkedHashMap<>();
        terms.put(OCCURRENCE, status.code() + "@" + statusAt);
        terms.put(STATUS, status.code());
        terms.put(STATUS_AT, statusAt.toString());
        terms.put(AMOUNT, approvedAmount == null ? NO_AMOUNT : Long.toString(approvedAmount));
        return new CanonicalMessage(statusId(applicationNumber, status), EVENT_OCCURRED, subject(applicationNumber),
                Map.copyOf(terms), statusAt.toString());
    }

    /**
     * A status an application shows in a register export. The export has no time of the status, so the occurrence is
     * {@code <code>@register} and there is no {@code statusAt} (nor {@code occurredAt}: the hub's first receipt is
     * the fact's time); the terms are only what stays the same when a later export shows the same status again, so a
     * repeated row is the same message (its row number {@code № п/п} is not a term).
     */
    record RegisterRow(String applicationNumber, ApplicationStatus status, Instant receivedAt, Location location,
                       String akimat, String direction, String subsidyName, long normative, Long amountDue) {
        CanonicalMessage message() {
            Map<String, String> terms = new LinkedHashMap<>();
            terms.put(OCCURRENCE, status.code() + "@register");
            terms.put(STATUS, status.code());
            terms.put(AMOUNT, status.releases() ? Long.toString(amountDue) : NO_AMOUNT);
            terms.put(RECEIVED_AT, receivedAt.toString());
            location.into(terms);
            terms.put(AKIMAT, akimat);
            terms.put(DIRECTION, direction);
            terms.put(SUBSIDY_NAME, subsidyName);
            terms.put(NORMATIVE, Long.toString(normative));
            return new CanonicalMessage(statusId(applicationNumber, status), EVENT_OCCURRED, subject(applicationNumber),
                    Map.copyOf(terms), null);
        }
    }
}
