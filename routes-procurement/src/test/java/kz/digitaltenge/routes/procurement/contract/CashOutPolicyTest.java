package kz.digitaltenge.routes.procurement.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CashOutPolicyTest {
    @Test
    void actsAreCappedByTheContractsSumAndPercentsRoundDown() {
        assertThat(CashOutPolicy.ACTS.maxCashOut(1000, 400)).isEqualTo(400);
        assertThat(CashOutPolicy.ACTS.maxCashOut(1000, 4000)).isEqualTo(1000);
        assertThat(CashOutPolicy.percent(new BigDecimal("33.33")).maxCashOut(100, 0)).isEqualTo(33);
        assertThat(CashOutPolicy.percent(new BigDecimal("100")).maxCashOut(1000, 0)).isEqualTo(1000);
        assertThat(CashOutPolicy.percent(new BigDecimal("0")).maxCashOut(1000, 500)).isZero();
        assertThat(CashOutPolicy.percent(new BigDecimal("30.00")).term()).isEqualTo("PERCENT:30");
        assertThat(CashOutPolicy.parse("PERCENT:12.5")).isEqualTo(CashOutPolicy.percent(new BigDecimal("12.5")));
        assertThat(CashOutPolicy.parse("ACTS")).isEqualTo(CashOutPolicy.ACTS);
    }

    @Test
    void aPercentIsZeroToAHundredWithTwoDecimals() {
        for (String bad : List.of("-1", "100.01", "12.345")) {
            assertThatThrownBy(() -> CashOutPolicy.percent(new BigDecimal(bad))).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> CashOutPolicy.percent(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aProgrammeNamesWhatItTakesAndTheFirstMatchWins() {
        assertThatThrownBy(() -> Programme.of("all", Set.of(), Set.of(), Set.of(), CashOutPolicy.ACTS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("names no customer");
        assertThatThrownBy(() -> Programme.of("bad name", Set.of("x"), Set.of(), Set.of(), CashOutPolicy.ACTS))
                .isInstanceOf(IllegalArgumentException.class);
        Programme a = Programme.of("a", Set.of("1"), Set.of(5L), Set.of(), CashOutPolicy.ACTS);
        Programme b = Programme.of("b", Set.of("1"), Set.of(), Set.of(), CashOutPolicy.percent(BigDecimal.TEN));
        Programmes both = new Programmes(List.of(a, b));
        assertThat(both.of("1", 5L, Set.of())).isEqualTo(a);
        assertThat(both.of("1", 6L, Set.of())).isEqualTo(b);
        assertThat(both.of("1", null, Set.of())).isEqualTo(b);
        assertThat(both.of("2", 5L, Set.of())).isEqualTo(Programme.DEFAULT);
        assertThatThrownBy(() -> new Programmes(List.of(a, a))).isInstanceOf(IllegalArgumentException.class);
    }
}
