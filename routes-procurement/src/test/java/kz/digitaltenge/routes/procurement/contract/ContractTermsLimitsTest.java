package kz.digitaltenge.routes.procurement.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import kz.digitaltenge.ledger.fact.Fact;
import kz.digitaltenge.ledger.fact.FactTerms;
import kz.digitaltenge.ledger.fact.FactType;
import org.junit.jupiter.api.Test;

/** The fact at its fullest still fits the ledger (32 terms, 512 characters each); one act more is refused. */
class ContractTermsLimitsTest {
    private static final long C = 4996100;
    private static final String KEY = Records.numberSys(C);

    @Test
    void aContractWithEveryOptionalTermAndItsActsFullIsAFactTheLedgerTakes() {
        InMemoryHub hub = new InMemoryHub(Programmes.NONE, code -> Optional.of("Действует"));
        Map<String, Object> c = Records.contract(C);
        c.put("ContractUnits", List.of(Map.of("id", 1, "total_sum_wnds", 1)));
        c.put("TreasuryPay", List.of(Records.treasuryRegistration(1, C, "У-1", "2026-10-06 09:00:00")));
        assertThat(hub.importFile("contracts", c).get(0).status()).isEqualTo("REGISTERED");
        // the worst case for the acts: 10-digit ids and 15-digit amounts (27 characters an entry)
        List<Object> acts = new ArrayList<>();
        for (int i = 0; i < 76; i++) {
            acts.add(Records.act(1_000_000_000L + i, C, "1000000000000.00", true));
        }
        List<Object> payments = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            payments.add(Records.treasuryPayment(1_000_000_000L + i, C, "1.00", "2026-11-12 00:00:00"));
        }
        assertThat(hub.importFile("acts", Records.list(acts))).allMatch(o -> o.status().equals("AMENDED"));
        assertThat(hub.importFile("treasury-pay", Records.list(payments))).as("payment lines take two terms however many")
                .allMatch(o -> o.status().equals("AMENDED"));
        Map<String, String> t = hub.terms(KEY);
        assertThat(t).containsKeys("acts", "acts2", "acts3", "acts4", "statusName", "treasuryNotice", "treasuryRegisteredAt",
                "treasuryPaid", "treasuryPaidThrough", "unitsTotal").containsEntry("treasuryPaid", "20000");
        assertThat(t.size()).isEqualTo(ContractTerms.MAX).isLessThanOrEqualTo(Fact.MAX_TERMS);
        assertThat(t.values()).allMatch(v -> v.length() <= Fact.MAX_TERM_LENGTH);
        FactTerms.validate(new Fact(FactType.CONTRACT_REGISTERED, KEY, new TreeMap<>(t), 0));
        assertThat(ContractActs.of(t).approved()).hasSize(76);

        InMemoryHub.Outcome over = hub.importFile("acts", Records.act(1_000_000_076L, C, "1000000000000.00", true)).get(0);
        assertThat(over.reason()).isEqualTo("OVER_LIMIT");
        assertThat(over.message()).contains("acts of contract").contains("4 terms");
        // what fits still goes in: a revocation frees nothing (a revoked act is kept), an act read again is unchanged
        assertThat(hub.importFile("acts", Records.act(1_000_000_000L, C, "1000000000000.00", true)).get(0).status())
                .isEqualTo("UNCHANGED");
    }
}
