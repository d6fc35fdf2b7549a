package kz.digitaltenge.canonical.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import kz.digitaltenge.canonical.LedgerException;
import kz.digitaltenge.canonical.ReasonCode;
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
        assertThatThrownBy(() -> Tiyn.parse("1.000")).hasMessageContaining("two decimals"); // the rule is \\d+(\\.\\d{1,2})?
        assertThatThrownBy(() -> Tiyn.parse("abc")).hasMessageContaining("not a decimal");
        assertThatThrownBy(() -> Tiyn.parse("99999999999999999999999")).isInstanceOf(LedgerException.class);
        assertThatThrownBy(() -> Tiyn.parse("99999999999999999999")) // 20 digits: the length is fine, a long is not
                .satisfies(e -> assertThat(((LedgerException) e).reason()).isEqualTo(ReasonCode.OVER_LIMIT));
    }

    /** The probe's finding: "1E10000000" cost 7.3 s of CPU in new BigDecimal before it was refused as over the limit. */
    @Test
    void refusesExponentsBeforeAnyArithmetic() {
        long start = System.nanoTime();
        for (String s : List.of("1E10000000", "1e2", "1E-2", "1e+2", "9E999999999")) {
            assertMalformed(() -> Tiyn.parse(s));
        }
        // a generous bound that the old code missed by three orders of magnitude on the first value alone
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500));
    }

    @Test
    void acceptsOnlyPlainAsciiDecimalsWithoutSignOrBlanks() {
        for (String s : List.of("\u0661\u0660\u0660", "\uFF11\uFF10\uFF10", "+100", " 100", "100 ", "\t100", "-100", "1.",
                ".5", "1,50", "0x10", "1_000", "", "  ")) {
            assertMalformed(() -> Tiyn.parse(s));
        }
        assertMalformed(() -> Tiyn.parse(null));
        assertMalformed(() -> Tiyn.parse("1".repeat(21)));
        assertMalformed(() -> Tiyn.parse("1".repeat(200_000)));
    }

    @Test
    void aSignedAmountTakesALeadingMinusOnly() {
        assertThat(Tiyn.parseSigned("-1250.5")).isEqualTo(-125_050L);
        assertThat(Tiyn.parseSigned("1250.50")).isEqualTo(125_050L);
        for (String s : List.of("+1", "--1", "- 1", "\u22121", "-1E2", "-\u0661")) {
            assertMalformed(() -> Tiyn.parseSigned(s));
        }
    }

    @Test
    void wholeTiynTextIsAsciiDigitsOnly() {
        assertThat(Tiyn.parseWholeTiyn("125050")).isEqualTo(125_050L);
        assertThat(Tiyn.parseWholeTiyn("0")).isZero();
        for (String s : List.of("+5", "-5", "\u0665", "\uFF15", "5 ", "1e3", "1".repeat(19), "")) {
            assertMalformed(() -> Tiyn.parseWholeTiyn(s));
        }
    }

    /** A refusal quotes at most a short, escaped prefix of what was sent, never the whole input. */
    @Test
    void theMessageQuotesAShortEscapedPrefix() {
        assertThatThrownBy(() -> Tiyn.parse("1E10000000" + "0".repeat(100_000)))
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(120).contains("1E10000000"));
        assertThatThrownBy(() -> Tiyn.parse("\u0661\u0660\u0660"))
                .hasMessageContaining("U+0661U+0660U+0660").satisfies(e -> assertThat(e.getMessage()).doesNotContain("\u0661"));
    }

    private static void assertMalformed(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOf(LedgerException.class)
                .satisfies(e -> assertThat(((LedgerException) e).reason()).isEqualTo(ReasonCode.MALFORMED));
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
