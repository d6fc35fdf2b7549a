package kz.digitaltenge.routes.procurement.contract;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import kz.digitaltenge.canonical.LedgerException;
import kz.digitaltenge.canonical.ReasonCode;
import kz.digitaltenge.canonical.text.Text;
import kz.digitaltenge.routes.procurement.portal.PortalTime;

/**
 * A portal contract record (a full record of {@code /v3/contract/{id}}, with the hub's {@code ContractUnits} and
 * {@code TreasuryPay} arrays when the portal client added them) to the version of the contract it makes. The rules,
 * each also in {@code docs/contract-marking.md}:
 * <ul>
 *   <li><b>Complete or refused.</b> The fact needs {@value #REQUIRED_TEXT}; a record that lacks any (a short-list
 *       record lacks {@code sign_date}, {@code fin_year}, {@code ec_end_date}) is refused INCOMPLETE naming them — no
 *       value is invented. Absent {@code deleted}, {@code ref_contract_cancel_id}, {@code parent_id}, {@code root_id}
 *       mean 0 ("none"), as the portal writes them.</li>
 *   <li><b>Key.</b> The subject is the root contract's {@code contract_number_sys}, given by the translator (an
 *       amendment keeps its root's); {@code numberSys} is this version's own, {@code number} the human
 *       {@code contract_number}, {@code portalId} this version's {@code id}, {@code rootId} its {@code root_id} (its own
 *       id for an original).</li>
 *   <li><b>Parties.</b> {@code sender} = {@code customer_iik}, {@code recipient} = {@code supplier_iik} (valid IIKs, not
 *       the same), {@code senderBin} = {@code customer_bin}, {@code recipientBin} = {@code supplier_biin} (strings of 12
 *       digits with a valid check digit): INVALID_IDENTIFIER otherwise.</li>
 *   <li><b>Money.</b> {@code maxTransfer} = {@code contract_sum_wnds} (with VAT) in tiyn, exact ({@link Amounts});
 *       {@code ref_currency_code} must be KZT, another currency is refused UNSUPPORTED (the digital tenge carries
 *       tenge; the ledger would read a dollar sum as tenge).</li>
 *   <li><b>Validity.</b> {@code validFrom} = {@code sign_date}; {@code validTo} = {@code ec_end_date}, where a time of
 *       00:00:00 (a date) means the end of that day (23:59:59.999 Asia/Almaty: the contract runs through its last day);
 *       cut at {@code contract_end_date} as given (a termination takes effect at its instant, the start of its day for
 *       a date), at {@code last_update_date} for a terminated status without {@code contract_end_date}, and at
 *       {@code last_update_date} for {@code deleted} = 1. A status not in force ({@link ContractStatuses}) closes the
 *       window at {@code validFrom}. A cut before {@code validFrom} collapses the window to the cut (nothing moves,
 *       a stop is never refused); an {@code ec_end_date} before {@code sign_date} is refused BUSINESS_RULE.
 *       Timestamps without a zone are Asia/Almaty local time.</li>
 *   <li><b>Status.</b> {@code status} = {@code ref_contract_status_id}, {@code statusName} its name from the portal's
 *       reference when loaded; drafting statuses are refused BUSINESS_RULE.</li>
 *   <li><b>Termination.</b> {@code terminated} = {@code contract_end_date} set and {@code ref_contract_cancel_id} ≠ 0,
 *       or a terminated status.</li>
 *   <li><b>Deletion.</b> {@code deleted} = {@code deleted} ≠ 0.</li>
 *   <li><b>Treasury.</b> {@code treasuryRequired} = {@code is_gu} = 1 (a government institution pays from the budget
 *       through the Treasury); the {@code TreasuryPay} entries are applied as {@link TreasuryMapping} says.</li>
 *   <li><b>Programme.</b> The first configured programme the contract meets, else the default ({@link Programmes});
 *       {@code programme} and {@code cashOut} record it, {@code maxCashOut} follows it.</li>
 *   <li><b>Units.</b> {@code unitsTotal}: the sum of the units not deleted, each by its budget lines
 *       ({@code spec[].total_sum_wnds}, strings in the portal's samples) or, without lines, its own
 *       {@code total_sum_wnds}; shown, never a limit; absent when a unit gives no sum. A record without the
 *       {@code ContractUnits} array (a bare record imported by file) keeps the latest version's {@code unitsTotal} and
 *       programme: matched without its budget lines, the contract could move to another cash-out policy.</li>
 *   <li><b>Earlier versions.</b> From the contract's latest version: its approved and revoked acts, its Treasury
 *       registration and payments. A record of a superseded version (an id below the latest's), an older read of the
 *       latest version (its {@code last_update_date} before the latest's), or any record not changed after a
 *       deletion, changes nothing.</li>
 * </ul>
 */
final class ContractMapping {
    static final List<String> REQUIRED = List.of("id", "contract_number", "contract_number_sys", "customer_bin",
            "customer_iik", "supplier_biin", "supplier_iik", "ref_contract_status_id", "contract_sum_wnds",
            "ref_currency_code", "sign_date", "ec_end_date", "fin_year", "is_gu", "last_update_date");
    static final String REQUIRED_TEXT = "id, contract_number, contract_number_sys, customer_bin, customer_iik, supplier_biin,"
            + " supplier_iik, ref_contract_status_id, contract_sum_wnds, ref_currency_code, sign_date, ec_end_date, fin_year,"
            + " is_gu, last_update_date";
    static final String UNITS = "ContractUnits";
    static final String TREASURY = "TreasuryPay";

    private final Programmes programmes;
    private final StatusNames statusNames;

    ContractMapping(Programmes programmes, StatusNames statusNames) {
        this.programmes = programmes;
        this.statusNames = statusNames;
    }

    /** Whether the record is an amendment: its root or parent is another record. */
    static boolean isAmendment(RecordFields f) {
        long id = f.number("id", 0);
        long root = f.number("root_id", 0);
        long parent = f.number("parent_id", 0);
        return (root != 0 && root != id) || (parent != 0 && parent != id);
    }

    /**
     * @param subject the root contract's {@code contract_number_sys}
     * @param base    the contract's latest version, or null for its first
     */
    /** INCOMPLETE, naming every missing field, for a record that lacks what the fact needs. */
    static void requireComplete(RecordFields f) {
        List<String> missing = f.missing(REQUIRED);
        if (!missing.isEmpty()) {
            boolean shortList = missing.contains("sign_date") || missing.contains("fin_year") || missing.contains("ec_end_date");
            throw new RecordProblem(ReasonCode.INCOMPLETE, "the record lacks " + String.join(", ", missing)
                    + (shortList ? " (a short-list record)" : "") + ": import the full record (/v3/contract/{id}) or let"
                    + " the portal's sync read it; the hub invents no value");
        }
    }

    ContractState map(RecordFields f, String subject, ContractState base) {
        requireComplete(f);
        long id = f.requireNumber("id");
        String currency = f.requireText("ref_currency_code");
        if (!currency.toUpperCase(Locale.ROOT).equals("KZT")) {
            throw new RecordProblem(ReasonCode.UNSUPPORTED, "the contract is in " + Values.excerpt(currency) + ", not KZT: the"
                    + " digital tenge marks tenge, and a sum in another currency would be read as tenge");
        }
        int status = f.code("ref_contract_status_id", 0);
        ContractStatuses.Group group = ContractStatuses.group(status);
        if (group.effect() == ContractStatuses.Effect.NOT_CONCLUDED) {
            throw new RecordProblem(ReasonCode.BUSINESS_RULE, "status " + status + " (" + group + "): the contract is not"
                    + " concluded yet; it is registered once the portal shows it signed (185, 190)");
        }
        f.requireNumber("fin_year"); // a full record's marker: a number, or the record is malformed
        String senderBin = f.bin("customer_bin");
        String recipientBin = f.bin("supplier_biin");
        String sender = f.account("customer_iik");
        String recipient = f.account("supplier_iik");
        if (sender.equals(recipient)) {
            throw new RecordProblem(ReasonCode.BUSINESS_RULE, "customer_iik and supplier_iik are the same account " + sender);
        }
        long maxTransfer = f.requireTiyn("contract_sum_wnds");
        Instant updated = f.instant("last_update_date");
        LocalDateTime signed = f.local("sign_date");
        Instant validFrom = signed.atZone(PortalTime.ZONE).toInstant();
        Instant termEnd = endOfTerm(f.local("ec_end_date"));
        if (termEnd.isBefore(validFrom)) {
            throw new RecordProblem(ReasonCode.BUSINESS_RULE, "ec_end_date " + termEnd + " is before sign_date " + validFrom
                    + ": the record's validity is inconsistent");
        }
        if (base != null && isStale(id, updated, base)) {
            return base;
        }
        Instant contractEnd = f.instant("contract_end_date");
        boolean terminated = (contractEnd != null && f.number("ref_contract_cancel_id", 0) != 0)
                || group.effect() == ContractStatuses.Effect.TERMINATED;
        boolean deleted = f.number("deleted", 0) != 0;
        Instant validTo = termEnd;
        if (contractEnd != null) {
            validTo = earlier(validTo, contractEnd);
        } else if (group.effect() == ContractStatuses.Effect.TERMINATED) {
            validTo = earlier(validTo, updated);
        }
        if (deleted) {
            validTo = earlier(validTo, updated);
        }
        if (group.effect() == ContractStatuses.Effect.NOT_IN_FORCE) {
            validTo = earlier(validTo, validFrom);
        }
        if (validTo.isBefore(validFrom)) {
            validFrom = validTo;
        }
        long root = f.number("root_id", 0);
        long rootId = root != 0 ? root : isAmendment(f) && base != null ? base.rootId() : id;
        Long finsource = f.has("ref_finsource_id") ? f.number("ref_finsource_id", 0) : null;
        ContractState.Builder b = (base == null ? new ContractState.Builder() : base.toBuilder())
                .subject(subject).sender(sender).recipient(recipient).senderBin(senderBin).recipientBin(recipientBin)
                .number(f.requireText("contract_number")).numberSys(f.requireText("contract_number_sys"))
                .portalId(id).rootId(rootId).status(status).statusName(statusName(status)).maxTransfer(maxTransfer)
                .validFrom(validFrom).validTo(validTo).treasuryRequired(f.number("is_gu", 0) == 1)
                .terminated(terminated).deleted(deleted).portalUpdatedAt(updated);
        if (f.node().has(UNITS) || base == null) {
            Units units = units(f);
            b.unitsTotal(units.total()).programme(programmes.of(senderBin, finsource, units.budgetProgrammes()));
        }
        // else: a record without its units (a file import of the bare record) keeps the latest version's programme and
        // units total: matching without the budget lines could move the contract to another cash-out policy
        ContractState s = b.build();
        List<JsonNode> treasury = f.array(TREASURY);
        List<RecordFields> lines = new ArrayList<>();
        for (int i = 0; i < treasury.size(); i++) {
            lines.add(new RecordFields(object(treasury.get(i), TREASURY + "[" + (i + 1) + "]"), TREASURY + "[" + (i + 1) + "]."));
        }
        // in the portal's id order, so each payment line counts once (TreasuryMapping counts up to the highest id)
        lines.sort(Comparator.comparingLong(l -> l.number("id", 0)));
        for (RecordFields line : lines) {
            s = TreasuryMapping.apply(line, s);
        }
        return s;
    }

    /** A record that changes nothing: a superseded version's, an older read of the latest, or one before a deletion. */
    private static boolean isStale(long id, Instant updated, ContractState base) {
        if (id < base.portalId()) {
            return true;
        }
        if (base.deleted() && !updated.isAfter(base.portalUpdatedAt())) {
            return true;
        }
        return id == base.portalId() && updated.isBefore(base.portalUpdatedAt());
    }

    /** The end of the contract's term: a date (00:00:00) runs through that day, Asia/Almaty. */
    static Instant endOfTerm(LocalDateTime end) {
        if (end.toLocalTime().equals(LocalTime.MIDNIGHT)) {
            return end.toLocalDate().plusDays(1).atStartOfDay(PortalTime.ZONE).toInstant().minusMillis(1);
        }
        return end.atZone(PortalTime.ZONE).toInstant();
    }

    private static Instant earlier(Instant a, Instant b) {
        return b.isBefore(a) ? b : a;
    }

    private String statusName(int status) {
        String name = statusNames.nameOf(status).orElse(null);
        if (name == null || name.isBlank()) {
            return null;
        }
        try {
            // a name is decoration: one the ledger's text rule refuses is left out, never a reason to refuse the contract
            return Text.require(Text.Field.TERM_VALUE, name.strip());
        } catch (LedgerException e) {
            return null;
        }
    }

    private record Units(Long total, Set<String> budgetProgrammes) {
    }

    private static Units units(RecordFields f) {
        List<JsonNode> units = f.array(UNITS);
        if (units.isEmpty()) {
            return new Units(null, Set.of()); // no units: no total to show (never 0, which would say "units of nothing")
        }
        long total = 0;
        boolean complete = true;
        Set<String> programmes = new TreeSet<>();
        for (int i = 0; i < units.size(); i++) {
            String where = UNITS + "[" + (i + 1) + "]";
            RecordFields unit = new RecordFields(object(units.get(i), where), where + ".");
            if (unit.number("deleted", 0) != 0) {
                continue;
            }
            List<JsonNode> spec = unit.array("spec");
            Long sum = null;
            if (!spec.isEmpty()) {
                long lines = 0;
                boolean every = true;
                for (int j = 0; j < spec.size(); j++) {
                    String at = where + ".spec[" + (j + 1) + "]";
                    RecordFields line = new RecordFields(object(spec.get(j), at), at + ".");
                    String programme = line.text("ref_fkrb_program_id");
                    if (programme != null) {
                        programmes.add(programme);
                    }
                    Long s = line.tiyn("total_sum_wnds");
                    if (s == null) {
                        every = false;
                    } else {
                        lines = Amounts.add(lines, s);
                    }
                }
                sum = every ? lines : null;
            } else {
                sum = unit.tiyn("total_sum_wnds");
            }
            if (sum == null) {
                complete = false;
            } else {
                total = Amounts.add(total, sum);
            }
        }
        return new Units(complete ? total : null, programmes);
    }

    static JsonNode object(JsonNode node, String where) {
        if (!node.isObject()) {
            throw new RecordProblem(ReasonCode.SCHEMA_INVALID, where + " must be a JSON object");
        }
        return node;
    }
}
