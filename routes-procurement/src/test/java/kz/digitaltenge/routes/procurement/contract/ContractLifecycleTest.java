package kz.digitaltenge.routes.procurement.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A contract's versions through the hub (in memory): registration, the same record again, amendments, acts, the
 * Treasury, termination, deletion — each answered as the import answers it, each fact one the ledger takes.
 */
class ContractLifecycleTest {
    private static final long ROOT = 4996100;
    private static final String KEY = Records.numberSys(ROOT);
    private final InMemoryHub hub = new InMemoryHub();

    private List<String> post(String path, Object document) {
        return hub.importFile(path, document).stream().map(InMemoryHub.Outcome::status).toList();
    }

    private InMemoryHub.Outcome postOne(String path, Object document) {
        List<InMemoryHub.Outcome> out = hub.importFile(path, document);
        assertThat(out).hasSize(1);
        return out.get(0);
    }

    @Test
    void theSameRecordImportedTwiceIsUnchangedAndMakesNoSecondFact() {
        assertThat(post("contracts", Records.list(List.of(Records.contract(ROOT))))).containsExactly("REGISTERED");
        assertThat(post("contracts", Records.contract(ROOT))).containsExactly("UNCHANGED");
        assertThat(post("contracts", Records.list(List.of(Records.contract(ROOT))))).containsExactly("UNCHANGED");
        assertThat(hub.poll(Records.contract(ROOT))).extracting(InMemoryHub.Outcome::status).containsExactly("UNCHANGED");
        assertThat(hub.history(KEY)).hasSize(1);
        assertThat(post("contracts", List.of(Records.contract(ROOT), Records.contract(ROOT))))
                .as("twice in one file").containsExactly("UNCHANGED", "UNCHANGED");
        assertThat(hub.history(KEY)).hasSize(1);
    }

    @Test
    void anAmendmentRaisingTheSumKeepsTheSubjectAndItsHistory() {
        post("contracts", Records.contract(ROOT));
        InMemoryHub.Outcome amended = postOne("contracts", Records.amendment(ROOT, ROOT + 1, "1800000.00", "2026-10-20 09:00:00"));
        assertThat(amended.status()).isEqualTo("AMENDED");
        assertThat(amended.labels()).containsEntry("contractNumberSys", Records.numberSys(ROOT).replace("/00", "/01"));
        Map<String, String> t = hub.terms(KEY);
        assertThat(t).containsEntry("maxTransfer", "180000000").containsEntry("portalId", Long.toString(ROOT + 1))
                .containsEntry("rootId", Long.toString(ROOT)).containsEntry("numberSys", KEY.replace("/00", "/01"))
                .containsEntry("status", "455").containsEntry("version", "2");
        assertThat(hub.history(KEY)).hasSize(2);
        assertThat(hub.history(KEY).get(0).terms()).as("the superseded version stays").containsEntry("maxTransfer", "150000050");

        // the original's record read again (say its status moved to 455 on the portal) changes nothing
        Map<String, Object> old = Records.contract(ROOT);
        old.put("ref_contract_status_id", 455);
        old.put("last_update_date", "2026-10-21 09:00:00");
        assertThat(post("contracts", old)).containsExactly("UNCHANGED");
        // a second amendment, found by its parent or root
        Map<String, Object> second = Records.amendment(ROOT, ROOT + 2, "1700000.00", "2026-11-01 09:00:00");
        second.put("parent_id", ROOT + 1);
        second.put("root_id", 0);
        assertThat(post("contracts", second)).containsExactly("AMENDED");
        assertThat(hub.terms(KEY)).containsEntry("maxTransfer", "170000000").containsEntry("rootId", Long.toString(ROOT));
    }

    @Test
    void anAmendmentOfAContractNotRegisteredIsRefused() {
        InMemoryHub.Outcome o = postOne("contracts", Records.amendment(ROOT, ROOT + 1, "1800000.00", "2026-10-20 09:00:00"));
        assertThat(o.status()).isEqualTo("REFUSED");
        assertThat(o.reason()).isEqualTo("UNKNOWN_REFERENCE");
        assertThat(o.message()).contains("import the original contract first");
        // the original and its amendment in one file, in that order, both go in
        assertThat(post("contracts", Records.list(List.of(Records.contract(ROOT),
                Records.amendment(ROOT, ROOT + 1, "1800000.00", "2026-10-20 09:00:00"))))).containsExactly("REGISTERED", "AMENDED");
    }

    @Test
    void anAmendmentKeepsTheApprovedActsAndTheTreasuryRegistration() {
        post("contracts", Records.contract(ROOT));
        post("acts", Records.act(800, ROOT, "200000.00", true));
        post("treasury-pay", Records.treasuryRegistration(900, ROOT, "У-77", "2026-10-06 09:00:00"));
        post("contracts", Records.amendment(ROOT, ROOT + 1, "1800000.00", "2026-10-20 09:00:00"));
        assertThat(hub.terms(KEY)).containsEntry("acts", "800:20000000").containsEntry("maxCashOut", "20000000")
                .containsEntry("treasuryNotice", "У-77").containsEntry("maxTransfer", "180000000");
    }

    @Test
    void actsApproveRevokeAndReImportIdempotently() {
        post("contracts", Records.contract(ROOT));
        assertThat(post("acts", Records.act(801, ROOT, "300000.25", true))).containsExactly("AMENDED");
        assertThat(hub.terms(KEY)).containsEntry("maxCashOut", "30000025").containsEntry("acts", "801:30000025");
        assertThat(post("acts", Records.act(801, ROOT, "300000.25", true))).as("read again").containsExactly("UNCHANGED");
        assertThat(post("acts", Records.list(List.of(Records.act(802, ROOT, "100000.00", true),
                Records.act(803, ROOT, "50000.00", false))))).as("two of one contract in one file").containsExactly("AMENDED", "UNCHANGED");
        assertThat(hub.terms(KEY)).containsEntry("maxCashOut", "40000025").containsEntry("acts", "801:30000025,802:10000000");

        Map<String, Object> revoked = Records.act(801, ROOT, "300000.25", true);
        revoked.put("is_deleted", 1);
        assertThat(post("acts", revoked)).containsExactly("AMENDED");
        assertThat(hub.terms(KEY)).containsEntry("maxCashOut", "10000000").containsEntry("acts", "801:-,802:10000000");
        assertThat(post("acts", revoked)).containsExactly("UNCHANGED");

        InMemoryHub.Outcome again = postOne("acts", Records.act(801, ROOT, "300000.25", true));
        assertThat(again.status()).as("an old approval after the revocation").isEqualTo("REFUSED");
        assertThat(again.reason()).isEqualTo("CONFLICT");
        assertThat(hub.terms(KEY)).containsEntry("maxCashOut", "10000000");

        Map<String, Object> back = Records.act(802, ROOT, "100000.00", false); // no longer approved: withdrawn
        assertThat(post("acts", back)).containsExactly("AMENDED");
        assertThat(hub.terms(KEY)).containsEntry("maxCashOut", "0");

        Map<String, Object> corrected = Records.act(804, ROOT, "70000.00", true);
        post("acts", corrected);
        corrected.put("sum_transfer", new BigDecimal("60000.00"));
        assertThat(post("acts", corrected)).as("a corrected amount replaces the first").containsExactly("AMENDED");
        assertThat(hub.terms(KEY)).containsEntry("maxCashOut", "6000000");

        InMemoryHub.Outcome noSum = postOne("acts", Records.act(805, ROOT, null, true));
        assertThat(noSum.status()).isEqualTo("INCOMPLETE");
        InMemoryHub.Outcome unknown = postOne("acts", Records.act(806, 123, "1.00", true));
        assertThat(unknown.reason()).isEqualTo("UNKNOWN_REFERENCE");
        assertThat(unknown.message()).contains("import the contract first");
    }

    @Test
    void theActsOfAContractAreCappedByItsSumAndFoundByTheirRootOrVersion() {
        post("contracts", Records.contract(ROOT));
        post("contracts", Records.amendment(ROOT, ROOT + 1, "1800000.00", "2026-10-20 09:00:00"));
        Map<String, Object> act = Records.act(810, ROOT + 1, "2000000.00", true);
        act.put("contract_root_id", 0); // only the version's id
        assertThat(post("acts", act)).containsExactly("AMENDED");
        assertThat(hub.terms(KEY)).as("never more than the contract's sum").containsEntry("maxCashOut", "180000000");
    }

    @Test
    void aTerminationCutsTheValidityAndKeepsEverythingElse() {
        post("contracts", Records.contract(ROOT));
        post("acts", Records.act(801, ROOT, "300000.25", true));
        Map<String, Object> t = Records.contract(ROOT);
        t.put("contract_end_date", "2026-11-15 14:00:00");
        t.put("ref_contract_cancel_id", 24);
        t.put("ref_contract_status_id", 350);
        t.put("last_update_date", "2026-11-15 14:00:00");
        assertThat(post("contracts", t)).containsExactly("AMENDED");
        assertThat(hub.terms(KEY)).containsEntry("terminated", "true").containsEntry("validTo", "2026-11-15T09:00:00Z")
                .containsEntry("maxCashOut", "30000025").containsEntry("acts", "801:30000025");
        assertThat(post("contracts", Records.contract(ROOT))).as("an older read of the record").containsExactly("UNCHANGED");
        assertThat(hub.terms(KEY)).containsEntry("terminated", "true");
    }

    @Test
    void aDeletionEndsTheContractAndItsHistoryStays() {
        post("contracts", Records.contract(ROOT));
        assertThat(post("contracts", Records.journalDeletion(Long.toString(ROOT), "2026-11-20 10:00:00"))).containsExactly("AMENDED");
        assertThat(hub.terms(KEY)).containsEntry("deleted", "true").containsEntry("validTo", "2026-11-20T05:00:00Z")
                .containsEntry("portalUpdatedAt", "2026-11-20T05:00:00Z");
        assertThat(hub.poll(Records.journalDeletion("3-" + ROOT, "2026-11-20 10:00:00")))
                .extracting(InMemoryHub.Outcome::status).containsExactly("UNCHANGED");
        assertThat(post("contracts", Records.contract(ROOT))).as("a record from before the deletion").containsExactly("UNCHANGED");
        assertThat(hub.history(KEY)).hasSize(2);
        assertThat(hub.history(KEY).get(0).terms()).containsEntry("deleted", "false");

        InMemoryHub.Outcome unknown = postOne("contracts", Records.journalDeletion("42", "2026-11-20 10:00:00"));
        assertThat(unknown.reason()).isEqualTo("UNKNOWN_REFERENCE");

        Map<String, Object> flagged = Records.contract(ROOT + 5);
        post("contracts", flagged);
        flagged.put("deleted", 1);
        flagged.put("last_update_date", "2026-11-21 10:00:00");
        assertThat(post("contracts", flagged)).containsExactly("AMENDED");
        assertThat(hub.terms(Records.numberSys(ROOT + 5))).containsEntry("deleted", "true").containsEntry("validTo", "2026-11-21T05:00:00Z");
    }

    @Test
    void theTreasuryRegistersAndPaysOnceEachLine() {
        post("contracts", Records.contract(ROOT));
        assertThat(hub.terms(KEY)).containsEntry("treasuryRequired", "true").doesNotContainKey("treasuryNotice");
        assertThat(post("treasury-pay", Records.treasuryRegistration(900, ROOT, "У-77", "2026-10-06 09:00:00")))
                .containsExactly("AMENDED");
        assertThat(hub.terms(KEY)).containsEntry("treasuryNotice", "У-77").containsEntry("treasuryRegisteredAt", "2026-10-06T04:00:00Z");
        assertThat(post("treasury-pay", Records.treasuryRegistration(900, ROOT, "У-77", "2026-10-06 09:00:00"))).containsExactly("UNCHANGED");
        assertThat(post("treasury-pay", Records.treasuryRegistration(901, ROOT, "У-76", "2026-10-01 09:00:00")))
                .as("an older registration").containsExactly("UNCHANGED");

        assertThat(post("treasury-pay", List.of(Records.treasuryPayment(950, ROOT, "125000.10", "2026-11-12 00:00:00"),
                Records.treasuryPayment(951, ROOT, "1000.00", "2026-11-13 00:00:00")))).containsExactly("AMENDED", "AMENDED");
        assertThat(hub.terms(KEY)).containsEntry("treasuryPaid", "12600010").containsEntry("treasuryPaidThrough", "951")
                .containsEntry("treasuryNotice", "У-77");
        assertThat(post("treasury-pay", Records.treasuryPayment(950, ROOT, "125000.10", "2026-11-12 00:00:00"))).containsExactly("UNCHANGED");
        assertThat(post("treasury-pay", Records.treasuryPayment(951, ROOT, "999.00", "2026-11-13 00:00:00")))
                .as("a line read again with another amount keeps the first").containsExactly("UNCHANGED");
        assertThat(hub.terms(KEY)).containsEntry("treasuryPaid", "12600010");

        Map<String, Object> half = Records.treasuryRegistration(902, ROOT, null, "2026-10-07 09:00:00");
        assertThat(postOne("treasury-pay", half).status()).isEqualTo("INCOMPLETE");
        assertThat(postOne("treasury-pay", Records.treasuryRegistration(903, 1, "У-1", "2026-10-07 09:00:00")).reason())
                .isEqualTo("UNKNOWN_REFERENCE");
    }

    @Test
    void theSyncsContractCarriesItsUnitsAndTreasuryRegistration() {
        Map<String, Object> c = Records.contract(ROOT);
        c.put("ContractUnits", List.of(Map.of("id", 1, "total_sum_wnds", 1500000, "spec",
                List.of(Map.of("total_sum_wnds", "1500000.50", "ref_fkrb_program_id", "022")))));
        // the portal's list in any order: applied in id order, each payment line once
        c.put("TreasuryPay", List.of(Records.treasuryPayment(960, ROOT, "10.00", "2026-11-13 00:00:00"),
                Records.treasuryRegistration(900, ROOT, "У-77", "2026-10-06 09:00:00"),
                Records.treasuryPayment(950, ROOT, "5.00", "2026-11-12 00:00:00")));
        assertThat(hub.poll(c)).extracting(InMemoryHub.Outcome::status).containsExactly("REGISTERED");
        assertThat(hub.terms(KEY)).containsEntry("treasuryNotice", "У-77").containsEntry("unitsTotal", "150000050")
                .containsEntry("treasuryPaid", "1500").containsEntry("treasuryPaidThrough", "960");
        assertThat(hub.poll(c)).extracting(InMemoryHub.Outcome::status).containsExactly("UNCHANGED");
        c.remove("ContractUnits");
        c.remove("TreasuryPay");
        assertThat(post("contracts", c)).as("a bare record keeps the units and the registration").containsExactly("UNCHANGED");
    }

    @Test
    void aMessageReadAgainstAnOutdatedVersionIsRefusedForARetry() {
        post("contracts", Records.contract(ROOT));
        byte[] act = Records.json(Records.act(801, ROOT, "1.00", true));
        var translated = ((kz.digitaltenge.canonical.source.BatchTranslator) hub.source().translator()).translateBatch(act, Map.of());
        post("acts", Records.act(802, ROOT, "2.00", true)); // the contract moves on meanwhile
        var check = new ContractVersionCheck();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> check.check(translated.messages().get(0), hub))
                .isInstanceOf(kz.digitaltenge.canonical.SourceMessageRejected.class).hasMessageContaining("retry");
        assertThat(post("acts", Records.act(801, ROOT, "1.00", true))).as("the retry").containsExactly("AMENDED");
        assertThat(hub.terms(KEY)).containsEntry("acts", "801:100,802:200");
    }

    @Test
    void aFactRegisteredByHandIsSupersededByTheRecordButNotChangedByAnAct() {
        hub.registerByHand(KEY, Map.of("sender", Records.CUSTOMER_IIK, "recipient", Records.SUPPLIER_IIK, "maxTransfer", "1",
                "maxCashOut", "0", "validFrom", "2026-01-01T00:00:00Z", "validTo", "2026-12-31T00:00:00Z"));
        assertThat(post("contracts", Records.contract(ROOT))).containsExactly("AMENDED");
        assertThat(hub.terms(KEY)).containsEntry("version", "1").containsEntry("maxTransfer", "150000050");
        hub.registerByHand(KEY, Map.of("sender", Records.CUSTOMER_IIK));
        assertThat(postOne("acts", Records.act(801, ROOT, "1.00", true)).reason()).isEqualTo("CONFLICT");
    }

    @Test
    void everyFactOfTheseStoriesIsOneTheLedgerTakesWithinItsLimits() {
        anAmendmentKeepsTheApprovedActsAndTheTreasuryRegistration();
        for (var f : hub.history(KEY)) {
            assertThat(f.terms().size()).isLessThanOrEqualTo(ContractTerms.MAX).isLessThanOrEqualTo(32);
            assertThat(f.terms().keySet()).containsAll(ContractTerms.ALWAYS);
            assertThat(Set.copyOf(f.terms().keySet())).doesNotContain("parent");
        }
    }
}
