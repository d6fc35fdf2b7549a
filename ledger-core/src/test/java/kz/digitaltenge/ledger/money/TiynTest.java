package kz.digitaltenge.ledger.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import kz.digitaltenge.ledger.LedgerException;
import kz.digitaltenge.ledger.ReasonCode;
import org.junit.jupiter.api.Test;

class TiynTest {

    @Test
    void parsesAndFormatsWithTwoDecimals() {
        assertThat(Tiyn.parse("1250.50")).isEqualTo(125_050L);
        assertThat(Tiyn.parse("1250.5")).isEqualTo(125_050L);
        assertThat(Tiyn.parse("1250")).isEqualTo(125_000L);
        assertThat(Tiyn.parse("0.01")).isEqualTo(1L);
        assertThat(Tiyn.format(125_050L)).isEqualTo("1250.50");
        assertThat(Tiyn.format(0)).isEqualTo("0.00");
        assertThat(Tiyn.format(7)).isEqualTo("0.07");
    }

    @Test
    void refusesMoreThanTwoDecimalsInsteadOfRounding() {
        assertThatThrownBy(() -> Tiyn.parse("1.005")).isInstanceOf(LedgerException.class).hasMessageContaining("two decimals");
        assertThat(Tiyn.parse("1.000")).isEqualTo(100L);
        assertThatThrownBy(() -> Tiyn.parse("abc")).hasMessageContaining("not a decimal");
        assertThatThrownBy(() -> Tiyn.parse("99999999999999999999999")).isInstanceOf(LedgerException.class);
    }

    @Test
    void outputAmountLimits() {
        assertThat(Tiyn.requireOutputAmount(Tiyn.MAX_OUTPUT)).isEqualTo(Tiyn.MAX_OUTPUT);
        assertThatThrownBy(() -> Tiyn.requireOutputAmount(Tiyn.MAX_OUTPUT + 1))
                .satisfies(e -> assertThat(((LedgerException) e).reason()).isEqualTo(ReasonCode.OVER_LIMIT));
        assertThatThrownBy(() -> Tiyn.requireOutputAmount(0)).hasMessageContaining("positive");
        assertThatThrownBy(() -> Tiyn.requireOutputAmount(-5)).hasMessageContaining("positive");
    }

    @Test
    void sumsAreOverflowCheckedAndCapped() {
        assertThat(Tiyn.addWithinTransaction(Tiyn.MAX_TRANSACTION - 1, 1)).isEqualTo(Tiyn.MAX_TRANSACTION);
        assertThatThrownBy(() -> Tiyn.addWithinTransaction(Tiyn.MAX_TRANSACTION, 1)).hasMessageContaining("maximum");
        assertThatThrownBy(() -> Tiyn.addWithinTransaction(Long.MAX_VALUE, 1)).hasMessageContaining("overflow");
    }
}
