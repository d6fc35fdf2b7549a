package kz.digitaltenge.routes.procurement.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import kz.digitaltenge.canonical.CanonicalMessage;
import kz.digitaltenge.canonical.source.BatchTranslator;
import org.junit.jupiter.api.Test;

/** Every field of a contract record to its term, and every rule of {@link ContractMapping}. */
class ContractMappingTest {
    private final InMemoryHub hub = new InMemoryHub();

    private static BatchTranslator translator() {
        return new ProcurementTranslator(() -> ProcurementTranslator.NOTHING_REGISTERED, Programmes.NONE, StatusNames.NONE,
                ProcurementTranslator.DEFAULT_MAX_BYTES);
    }

    private static CanonicalMessage one(Map<String, Object> record) {
        BatchTranslator.Batch b = translator().translateBatch(Records.json(record), Map.of());
        assertThat(b.rejected()).as("rejected").isEmpty();
        assertThat(b.messages()).hasSize(1);
        return b.messages().get(0);
    }

    private static BatchTranslator.RejectedRecord refused(Map<String, Object> record) {
        BatchTranslator.Batch b = translator().translateBatch(Records.json(record), Map.of());
        assertThat(b.messages()).as("messages").isEmpty();
        assertThat(b.rejected()).hasSize(1);
        return b.rejected().get(0);
    }

    @Test
    void everyFieldOfAFullRecordBecomesItsTerm() {
        CanonicalMessage m = one(Records.contract(57113));

        assertThat(m.type()).isEqualTo("CONTRACT_REGISTERED");
        assertThat(m.subject()).isEqualTo(Records.numberSys(57113));
        assertThat(m.terms()).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                Map.entry("sender", Records.CUSTOMER_IIK),
                Map.entry("recipient", Records.SUPPLIER_IIK),
                Map.entry("senderBin", Records.CUSTOMER_BIN),
                Map.entry("recipientBin", Records.SUPPLIER_BIN),
                Map.entry("number", "Д-57113/2026"),
                Map.entry("numberSys", Records.numberSys(57113)),
                Map.entry("portalId", "57113"),
                Map.entry("rootId", "57113"),
                Map.entry("status", "190"),
                Map.entry("maxTransfer", "150000050"),
                Map.entry("maxCashOut", "0"),
                // 2026-10-05 10:00:00 in Almaty (UTC+5)
                Map.entry("validFrom", "2026-10-05T05:00:00Z"),
                // 2026-12-31 00:00:00 is a date: the contract runs through that day, Almaty time
                Map.entry("validTo", "2026-12-31T18:59:59.999Z"),
                Map.entry("treasuryRequired", "true"),
                Map.entry("terminated", "false"),
                Map.entry("deleted", "false"),
                Map.entry("programme", "default"),
                Map.entry("cashOut", "ACTS"),
                Map.entry("portalUpdatedAt", "2026-10-02T06:00:00Z"),
                Map.entry("version", "1")));
        assertThat(m.occurredAt()).isEqualTo("2026-10-02T06:00:00Z");
        assertThat(m.sourceMessageId()).startsWith("contract:57113:20261002110000:").hasSizeLessThanOrEqualTo(128);
    }

    @Test
    void sumsAreExactDecimalsInTiynNeverRounded() {
        Map<String, Object> r = Records.contract(1);
        r.put("contract_sum_wnds", new BigDecimal("1500000.50"));
        assertThat(one(r).terms()).containsEntry("maxTransfer", "150000050");
        r.put("contract_sum_wnds", "1500000.5");
        assertThat(one(r).terms()).as("a sum as a string").containsEntry("maxTransfer", "150000050");
        r.put("contract_sum_wnds", new BigDecimal("1500000.500"));
        assertThat(one(r).terms()).as("trailing zeros are no decimals").containsEntry("maxTransfer", "150000050");
        r.put("contract_sum_wnds", 9999999999999L);
        assertThat(one(r).terms()).containsEntry("maxTransfer", "999999999999900");

        r.put("contract_sum_wnds", new BigDecimal("1500000.505"));
        BatchTranslator.RejectedRecord three = refused(r);
        assertThat(three.reason().name()).isEqualTo("MALFORMED");
        assertThat(three.message()).contains("contract_sum_wnds").contains("more than two decimals");
        r.put("contract_sum_wnds", "1500000.505");
        assertThat(refused(r).message()).contains("more than two decimals");
        for (Object bad : List.of("-5", "1e5", "1 500 000", "١٠٠", "", "abc")) {
            r.put("contract_sum_wnds", bad);
            BatchTranslator.RejectedRecord x = refused(r);
            assertThat(x.reason().name()).as(String.valueOf(bad)).isIn("MALFORMED", "INCOMPLETE");
        }
        r.put("contract_sum_wnds", new BigDecimal("-1.00"));
        assertThat(refused(r).reason().name()).isEqualTo("MALFORMED");
    }

    /** A contract whose contract_sum_wnds is the JSON number literal {@code raw}, as a parser meets it. */
    private static BatchTranslator.Batch withSum(String raw) {
        Map<String, Object> r = Records.contract(1);
        r.put("contract_sum_wnds", "@SUM@");
        String json = new String(Records.json(r), java.nio.charset.StandardCharsets.UTF_8).replace("\"@SUM@\"", raw);
        return translator().translateBatch(json.getBytes(java.nio.charset.StandardCharsets.UTF_8), Map.of());
    }

    @Test
    void hugeNumbersAreOverTheLimitNotExpanded() {
        for (String huge : List.of("1e999999999", "1E+999999999", "123456789012345678901234567890", "10000000000000.01")) {
            BatchTranslator.Batch b = withSum(huge);
            assertThat(b.rejected()).as(huge).hasSize(1);
            assertThat(b.rejected().get(0).reason().name()).as(huge).isEqualTo("OVER_LIMIT");
        }
        assertThat(withSum("1e-999999999").rejected().get(0).reason().name()).isEqualTo("MALFORMED");
        assertThat(withSum("-0.5").rejected().get(0).reason().name()).isEqualTo("MALFORMED");
        assertThat(withSum("10000000000000.00").messages().get(0).terms()).containsEntry("maxTransfer", "1000000000000000");
        assertThat(withSum("1.5e6").messages().get(0).terms()).as("an exponent within the limit is a number")
                .containsEntry("maxTransfer", "150000000");
        assertThat(withSum("0").messages().get(0).terms()).containsEntry("maxTransfer", "0");
    }

    @Test
    void timestampsWithoutAZoneAreAlmatyLocalTimeByItsRulesOfTheDay() {
        Map<String, Object> r = Records.contract(1);
        r.put("sign_date", "2024-02-15 09:30:00"); // UTC+6 before 1 March 2024
        r.put("ec_end_date", "2024-12-31 18:00:00"); // UTC+5 after
        Map<String, String> t = one(r).terms();
        assertThat(t).containsEntry("validFrom", "2024-02-15T03:30:00Z").containsEntry("validTo", "2024-12-31T13:00:00Z");
        r.put("sign_date", "2024-02-15 09:30:00.123456"); // bids carry microseconds
        assertThat(one(r).terms()).containsEntry("validFrom", "2024-02-15T03:30:00.123456Z");
        r.put("sign_date", "2024-02-15T09:30:00+06:00"); // an explicit offset is honoured
        assertThat(one(r).terms()).containsEntry("validFrom", "2024-02-15T03:30:00Z");
        r.put("sign_date", "15.02.2024");
        BatchTranslator.RejectedRecord x = refused(r);
        assertThat(x.reason().name()).isEqualTo("MALFORMED");
        assertThat(x.message()).contains("sign_date");
    }

    @Test
    void anEndBeforeTheStartIsRefusedAndATerminationCutsTheValidity() {
        Map<String, Object> r = Records.contract(1);
        r.put("ec_end_date", "2026-10-01 00:00:00");
        assertThat(refused(r).reason().name()).isEqualTo("BUSINESS_RULE");

        r = Records.contract(1);
        r.put("contract_end_date", "2026-11-15 00:00:00");
        r.put("ref_contract_cancel_id", 24);
        r.put("ref_contract_status_id", 350);
        r.put("last_update_date", "2026-11-15 12:00:00");
        Map<String, String> t = one(r).terms();
        assertThat(t).containsEntry("terminated", "true").containsEntry("status", "350")
                // a termination takes effect at its instant: the start of its day for a date
                .containsEntry("validTo", "2026-11-14T19:00:00Z").containsEntry("validFrom", "2026-10-05T05:00:00Z");

        r.put("ref_contract_cancel_id", 0);
        r.put("ref_contract_status_id", 190);
        assertThat(one(r).terms()).as("an end date without a ground cuts, but is no termination")
                .containsEntry("terminated", "false").containsEntry("validTo", "2026-11-14T19:00:00Z");

        r.put("contract_end_date", null);
        r.put("ref_contract_status_id", 340);
        assertThat(one(r).terms()).as("a terminated status without an end date ends at its last change")
                .containsEntry("terminated", "true").containsEntry("validTo", "2026-11-15T07:00:00Z");

        r.put("ref_contract_status_id", 350);
        r.put("contract_end_date", "2026-09-01 00:00:00"); // before it was signed: the window collapses, nothing moves
        assertThat(one(r).terms()).containsEntry("validFrom", "2026-08-31T19:00:00Z").containsEntry("validTo", "2026-08-31T19:00:00Z");
    }

    @Test
    void aDeletedRecordEndsAtItsLastChange() {
        Map<String, Object> r = Records.contract(1);
        r.put("deleted", 1);
        r.put("last_update_date", "2026-11-20 10:00:00");
        assertThat(one(r).terms()).containsEntry("deleted", "true").containsEntry("validTo", "2026-11-20T05:00:00Z");
    }

    @Test
    void statusesActAsTheTableSays() {
        Map<String, Object> r = Records.contract(1);
        for (int drafting : List.of(110, 120, 135)) {
            r.put("ref_contract_status_id", drafting);
            BatchTranslator.RejectedRecord x = refused(r);
            assertThat(x.reason().name()).isEqualTo("BUSINESS_RULE");
            assertThat(x.message()).contains("not concluded");
        }
        for (int notInForce : List.of(160, 165, 999, 460)) {
            r.put("ref_contract_status_id", notInForce);
            Map<String, String> t = one(r).terms();
            assertThat(t.get("validTo")).as("status " + notInForce + " closes the window").isEqualTo(t.get("validFrom"));
        }
        for (int inForce : List.of(185, 190, 450, 455, 375, 390, 470, 345)) {
            r.put("ref_contract_status_id", inForce);
            assertThat(one(r).terms()).as("status " + inForce).containsEntry("validTo", "2026-12-31T18:59:59.999Z")
                    .containsEntry("terminated", "false");
        }
        for (int terminated : List.of(330, 340, 350, 480)) {
            r.put("ref_contract_status_id", terminated);
            assertThat(one(r).terms()).as("status " + terminated).containsEntry("terminated", "true");
        }
        assertThat(ContractStatuses.group(190).effect()).isEqualTo(ContractStatuses.Effect.IN_FORCE);
        assertThat(ContractStatuses.actApproved(15)).isTrue();
        assertThat(ContractStatuses.actApproved(11)).isFalse();
    }

    @Test
    void statusNamesComeFromThePortalsReferenceOnly() {
        BatchTranslator named = new ProcurementTranslator(() -> ProcurementTranslator.NOTHING_REGISTERED, Programmes.NONE,
                code -> code == 190 ? Optional.of("Действует") : Optional.empty(), ProcurementTranslator.DEFAULT_MAX_BYTES);
        Map<String, Object> r = Records.contract(1);
        assertThat(named.translate(Records.json(r), Map.of()).get(0).terms()).containsEntry("statusName", "Действует");
        r.put("ref_contract_status_id", 185);
        assertThat(named.translate(Records.json(r), Map.of()).get(0).terms()).doesNotContainKey("statusName");
        assertThat(one(Records.contract(1)).terms()).as("no reference loaded").doesNotContainKey("statusName");
        BatchTranslator hostile = new ProcurementTranslator(() -> ProcurementTranslator.NOTHING_REGISTERED, Programmes.NONE,
                code -> Optional.of("bad\u202Ename"), ProcurementTranslator.DEFAULT_MAX_BYTES);
        assertThat(hostile.translate(Records.json(Records.contract(1)), Map.of()).get(0).terms())
                .as("a name the text rule refuses is left out").doesNotContainKey("statusName");
    }

    @Test
    void partiesMustBeValidIdentifiersAndDifferentAccounts() {
        Map<String, Object> r = Records.contract(1);
        r.put("supplier_iik", "KZ00601A871001726091");
        assertThat(refused(r).reason().name()).isEqualTo("INVALID_IDENTIFIER");
        r = Records.contract(1);
        r.put("supplier_iik", Records.SUPPLIER_IIK.toLowerCase().substring(0, 10) + " " + Records.SUPPLIER_IIK.substring(10));
        assertThat(one(r).terms()).as("blanks and case are normalised").containsEntry("recipient", Records.SUPPLIER_IIK);
        r = Records.contract(1);
        r.put("customer_bin", "000140001537");
        assertThat(refused(r).reason().name()).isEqualTo("INVALID_IDENTIFIER");
        r = Records.contract(1);
        r.put("customer_bin", Long.parseLong(Records.CUSTOMER_BIN));
        BatchTranslator.RejectedRecord number = refused(r);
        assertThat(number.reason().name()).isEqualTo("MALFORMED");
        assertThat(number.message()).contains("leading zeros");
        r = Records.contract(1);
        r.put("supplier_iik", Records.CUSTOMER_IIK);
        assertThat(refused(r).reason().name()).isEqualTo("BUSINESS_RULE");
        assertThat(one(Records.contract(1)).terms().get("senderBin")).startsWith("000");
    }

    @Test
    void onlyTengeContractsAreRegistered() {
        Map<String, Object> r = Records.contract(1);
        r.put("ref_currency_code", "USD");
        BatchTranslator.RejectedRecord x = refused(r);
        assertThat(x.reason().name()).isEqualTo("UNSUPPORTED");
        assertThat(x.message()).contains("USD").contains("tenge");
    }

    @Test
    void aShortListRecordIsIncompleteNamingWhatItLacks() {
        BatchTranslator.RejectedRecord x = refused(Records.shortContract(57113));
        assertThat(x.reason().name()).isEqualTo("INCOMPLETE");
        assertThat(x.message()).contains("sign_date", "fin_year", "ec_end_date", "customer_iik", "short-list")
                .doesNotContain("contract_sum_wnds,");
        Map<String, Object> r = Records.contract(1);
        r.put("is_gu", null);
        assertThat(refused(r).message()).contains("is_gu");
        r = Records.contract(1);
        r.put("last_update_date", "  ");
        assertThat(refused(r).reason().name()).isEqualTo("INCOMPLETE");
    }

    @Test
    void theBudgetRuleIsIsGu() {
        Map<String, Object> r = Records.contract(1);
        r.put("is_gu", 0);
        assertThat(one(r).terms()).containsEntry("treasuryRequired", "false");
    }

    @Test
    void unitsSumTheirBudgetLinesGivenAsStrings() {
        Map<String, Object> r = Records.contract(1);
        r.put("ContractUnits", List.of(
                Map.of("id", 11, "contract_registry_id", 1, "total_sum_wnds", 1, "deleted", 0, "spec", List.of(
                        Map.of("fin_year", 2026, "total_sum_wnds", "14049", "ref_fkrb_program_id", 22),
                        Map.of("fin_year", 2027, "total_sum_wnds", "100.50", "ref_fkrb_program_id", "022"))),
                Map.of("id", 12, "total_sum_wnds", new BigDecimal("31470.88"), "deleted", 0),
                Map.of("id", 13, "total_sum_wnds", new BigDecimal("999"), "deleted", 1)));
        assertThat(one(r).terms()).containsEntry("unitsTotal", Long.toString(1404900 + 10050 + 3147088));
        r.put("ContractUnits", List.of(Map.of("id", 11, "spec", List.of(Map.of("total_sum_wnds", "14049.123")))));
        BatchTranslator.RejectedRecord x = refused(r);
        assertThat(x.message()).contains("ContractUnits[1].spec[1].total_sum_wnds");
        r.put("ContractUnits", List.of(Map.of("id", 11)));
        assertThat(one(r).terms()).as("a unit without a sum: no total").doesNotContainKey("unitsTotal");
    }

    @Test
    void programmesDecideTheCashOut() {
        Programmes programmes = new Programmes(List.of(
                Programme.of("railway", Set.of(), Set.of(), Set.of("022"), CashOutPolicy.percent(new BigDecimal("30"))),
                Programme.of("nbk", Set.of(Records.CUSTOMER_BIN), Set.of(5L), Set.of(), CashOutPolicy.percent(new BigDecimal("12.5")))));
        BatchTranslator t = new ProcurementTranslator(() -> ProcurementTranslator.NOTHING_REGISTERED, programmes,
                StatusNames.NONE, ProcurementTranslator.DEFAULT_MAX_BYTES);
        Map<String, Object> r = Records.contract(1);
        Map<String, String> nbk = t.translate(Records.json(r), Map.of()).get(0).terms();
        assertThat(nbk).containsEntry("programme", "nbk").containsEntry("cashOut", "PERCENT:12.5")
                .containsEntry("maxCashOut", "18750006"); // 12.5% of 150000050, rounded down
        r.put("ContractUnits", List.of(Map.of("id", 11, "spec", List.of(Map.of("total_sum_wnds", "14049", "ref_fkrb_program_id", "022")))));
        assertThat(t.translate(Records.json(r), Map.of()).get(0).terms()).containsEntry("programme", "railway")
                .containsEntry("maxCashOut", "45000015");
        r.remove("ContractUnits");
        r.put("ref_finsource_id", 6);
        assertThat(t.translate(Records.json(r), Map.of()).get(0).terms()).containsEntry("programme", "default")
                .containsEntry("cashOut", "ACTS").containsEntry("maxCashOut", "0");
    }

    @Test
    void aChangedSystemNumberKeepsTheKeyItWasRegisteredUnder() {
        hub.importFile("contracts", Records.contract(5));
        Map<String, Object> r = Records.contract(5);
        r.put("contract_number_sys", "000140001536/999999/00");
        r.put("last_update_date", "2026-10-03 11:00:00");
        assertThat(hub.importFile("contracts", r)).extracting(InMemoryHub.Outcome::status).containsExactly("AMENDED");
        assertThat(hub.terms(Records.numberSys(5))).containsEntry("numberSys", "000140001536/999999/00");
    }
}
