package kz.digitaltenge.canonical.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import kz.digitaltenge.canonical.LedgerException;
import kz.digitaltenge.canonical.ReasonCode;
import kz.digitaltenge.canonical.text.Text.Field;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The text rule: which characters are refused, how a refusal reads, and the cap of each field. */
class TextTest {

    /** Every refused code point, in the middle of otherwise good text; the message names it and never echoes it. */
    @ParameterizedTest(name = "U+{0}")
    @ValueSource(strings = {"0000", "0009", "000A", "000D", "001B", "001F", "007F", "0080", "0085", "009F", "2028",
            "2029", "202A", "202B", "202C", "202D", "202E", "2066", "2067", "2068", "2069", "200E", "200F", "061C",
            "D800", "DBFF", "DC00", "DFFF"})
    void refusesControlBidiAndLoneSurrogates(String hex) {
        char c = (char) Integer.parseInt(hex, 16);
        String value = "ref-" + c + "-1";

        assertThatThrownBy(() -> Text.require(Field.REFERENCE, value)).isInstanceOf(LedgerException.class)
                .satisfies(e -> {
                    assertThat(((LedgerException) e).reason()).isEqualTo(ReasonCode.MALFORMED);
                    assertThat(e.getMessage()).startsWith("transaction reference contains U+" + hex + " at position 4")
                            .doesNotContain(String.valueOf(c));
                });
    }

    @Test
    void acceptsKazakhRussianAndSupplementaryCharacters() {
        for (String ok : new String[] {"ТОО «Қазақ Ғарыш Ұлттық» № 12/3", "Payment order 17", "ООО Ромашка — филиал",
                "emoji \uD83D\uDE00 pair", "a\u00A0b", "tab-free"}) {
            assertThat(Text.require(Field.PARTICIPANT_NAME, ok)).isEqualTo(ok);
        }
    }

    @Test
    void aSurrogateIsRefusedOnlyWhenUnpaired() {
        assertThatThrownBy(() -> Text.require(Field.MARKING, "x\uDE00\uD83D")).hasMessageContaining("U+DE00")
                .hasMessageContaining("unpaired surrogate");
        assertThatThrownBy(() -> Text.require(Field.MARKING, "x\uD83D")).hasMessageContaining("U+D83D at position 1");
    }

    @ParameterizedTest
    @EnumSource(Field.class)
    void eachFieldHasItsCap(Field field) {
        assertThat(Text.require(field, "a".repeat(field.cap()))).hasSize(field.cap());
        assertThatThrownBy(() -> Text.require(field, "a".repeat(field.cap() + 1)))
                .hasMessage(field.label() + " is longer than " + field.cap() + " characters (" + (field.cap() + 1) + ")")
                .satisfies(e -> assertThat(((LedgerException) e).reason()).isEqualTo(ReasonCode.MALFORMED));
    }

    @Test
    void requiredAndOptional() {
        assertThatThrownBy(() -> Text.require(Field.KEY_ID, null)).hasMessage("key id is missing");
        assertThatThrownBy(() -> Text.require(Field.KEY_ID, "  ")).hasMessage("key id is missing");
        assertThat(Text.optional(Field.HOLD, null)).isNull();
        assertThatThrownBy(() -> Text.optional(Field.HOLD, "EVENT:\u0000")).hasMessageStartingWith("hold contains U+0000");
        assertThatThrownBy(() -> Text.optional(Field.TERM_VALUE, "fact term 'net'", "1\u202E2"))
                .hasMessageStartingWith("fact term 'net' contains U+202E");
    }

    @Test
    void anExcerptIsShortAndPrintableAscii() {
        assertThat(Text.excerpt("1E10000000")).isEqualTo("1E10000000");
        assertThat(Text.excerpt("x".repeat(100))).isEqualTo("x".repeat(Text.EXCERPT) + "...");
        assertThat(Text.excerpt("a\u0000\u202Eb")).isEqualTo("aU+0000U+202Eb");
        assertThat(Text.excerpt(null)).isEqualTo("null");
    }
}
