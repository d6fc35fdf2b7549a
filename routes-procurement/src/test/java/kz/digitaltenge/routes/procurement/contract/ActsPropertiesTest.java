package kz.digitaltenge.routes.procurement.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random sequences of acts approved, revoked (deleted, or moved out of the approved status), read again and corrected,
 * through the translator and the hub's checks: the contract's {@code maxCashOut} is always the sum of the acts approved
 * now (never more, never below 0, at most the contract's sum), a record read again makes no fact, and a revoked act
 * stays revoked.
 */
class ActsPropertiesTest {
    private static final long CONTRACT = 77001;
    private static final String KEY = Records.numberSys(CONTRACT);
    private static final long MAX_TRANSFER = 150000050;

    enum Kind { APPROVE, DELETE, UNAPPROVE, REPEAT }

    record Step(Kind kind, int act, long tiyn) {
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Step> step = Combinators.combine(Arbitraries.of(Kind.values()), Arbitraries.integers().between(1, 6),
                Arbitraries.longs().between(0, 90_000_000)).as(Step::new);
        return step.list().ofMinSize(1).ofMaxSize(40);
    }

    @Property(tries = 200)
    void maxCashOutIsTheSumOfTheActsApprovedNow(@ForAll("steps") List<Step> steps) {
        InMemoryHub hub = new InMemoryHub();
        assertThat(hub.importFile("contracts", Records.contract(CONTRACT)).get(0).status()).isEqualTo("REGISTERED");
        Map<Integer, Long> approved = new HashMap<>();
        Set<Integer> revoked = new HashSet<>();
        Map<String, Object> last = null;
        for (Step s : steps) {
            Map<String, Object> act;
            if (s.kind() == Kind.REPEAT) {
                if (last == null) {
                    continue;
                }
                act = last;
            } else {
                act = Records.act(s.act(), CONTRACT, BigDecimal.valueOf(s.tiyn(), 2).toPlainString(), s.kind() == Kind.APPROVE);
                if (s.kind() == Kind.DELETE) {
                    act.put("status_id", 15);
                    act.put("is_deleted", 1);
                }
            }
            int factsBefore = hub.history(KEY).size();
            InMemoryHub.Outcome o = hub.importFile("acts", act).get(0);
            boolean approving = Integer.valueOf(15).equals(act.get("status_id")) && Integer.valueOf(0).equals(act.get("is_deleted"));
            int id = ((Number) act.get("id")).intValue();
            long amount = ((BigDecimal) act.get("sum_transfer")).movePointRight(2).longValueExact();
            // the model
            if (approving) {
                if (revoked.contains(id)) {
                    assertThat(o.reason()).as("a revoked act is not approved again").isEqualTo("CONFLICT");
                } else {
                    approved.put(id, amount);
                }
            } else if (approved.containsKey(id)) {
                approved.remove(id);
                revoked.add(id);
            }
            if (s.kind() == Kind.REPEAT) {
                assertThat(o.status()).as("a record read again").isIn("UNCHANGED", "REFUSED");
                assertThat(hub.history(KEY)).as("no second fact").hasSize(factsBefore);
            }
            long sum = approved.values().stream().mapToLong(Long::longValue).sum();
            long maxCashOut = Long.parseLong(hub.terms(KEY).get("maxCashOut"));
            assertThat(maxCashOut).as("after " + s).isEqualTo(Math.min(sum, MAX_TRANSFER)).isBetween(0L, MAX_TRANSFER);
            last = act;
        }
        ContractActs acts = ContractActs.of(hub.terms(KEY));
        assertThat(acts.revoked().keySet()).containsExactlyInAnyOrderElementsOf(revoked.stream().map(Integer::longValue).toList());
        assertThat(acts.approved().keySet()).containsExactlyInAnyOrderElementsOf(approved.keySet().stream().map(Integer::longValue).toList());
    }
}
