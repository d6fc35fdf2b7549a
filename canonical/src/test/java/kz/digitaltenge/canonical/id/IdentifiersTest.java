package kz.digitaltenge.canonical.id;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import kz.digitaltenge.canonical.LedgerException;
import kz.digitaltenge.canonical.ReasonCode;
import org.junit.jupiter.api.Test;

class IdentifiersTest {

    @Test
    void binCheckDigitUsesFirstWeightsThenSecond() {
        // 12345678901?: sum(d_i * i) = 1+4+9+16+25+36+49+64+81+0+11 = 296, 296 mod 11 = 10 -> second weights
        // 3*1+4*2+5*3+6*4+7*5+8*6+9*7+10*8+11*9+1*0+2*1 = 377, 377 mod 11 = 3
        assertThat(PartyId.checkDigit("12345678901")).isEqualTo(3);
        assertThat(PartyId.isValid("123456789013")).isTrue();
        assertThat(PartyId.isValid("123456789012")).isFalse();
        // 000000000011: first pass = 11 mod 11 = 0
        assertThat(PartyId.checkDigit("00000000001")).isEqualTo(0);
    }

    @Test
    void badBinsAreRefusedWithReason() {
        assertThatThrownBy(() -> new PartyId("12345"))
                .isInstanceOf(LedgerException.class)
                .hasMessageContaining("12 digits")
                .satisfies(e -> assertThat(((LedgerException) e).reason()).isEqualTo(ReasonCode.INVALID_IDENTIFIER));
        assertThatThrownBy(() -> new PartyId("12345678901A")).hasMessageContaining("digits only");
        assertThatThrownBy(() -> new PartyId("123456789012")).hasMessageContaining("check digit");
    }

    @Test
    void accountNumberMod97() {
        AccountNumber built = AccountNumber.of("601", "0000000000001");
        assertThat(built.value()).hasSize(20).startsWith("KZ");
        assertThat(AccountNumber.isValid(built.value())).isTrue();
        assertThat(built.bankCode()).isEqualTo("601");
        // a published Kazakh IBAN example
        assertThat(AccountNumber.isValid("KZ86125KZT5004100100")).isTrue();
        assertThat(AccountNumber.parse("kz86 125k zt50 0410 0100").value()).isEqualTo("KZ86125KZT5004100100");
    }

    @Test
    void badAccountNumbersAreRefused() {
        assertThatThrownBy(() -> new AccountNumber("KZ87125KZT5004100100")).hasMessageContaining("mod-97");
        assertThatThrownBy(() -> new AccountNumber("RU86125KZT5004100100")).hasMessageContaining("KZ");
        assertThatThrownBy(() -> new AccountNumber("KZ86125")).hasMessageContaining("20 characters");
        assertThatThrownBy(() -> new AccountNumber("KZ86125kzt5004100100")).hasMessageContaining("not allowed");
    }

    @Test
    void everySingleDigitChangeOfAnIikIsCaught() {
        String good = AccountNumber.of("722", "S000012345678").value();
        for (int i = 4; i < good.length(); i++) {
            char c = good.charAt(i);
            if (c < '0' || c > '9') {
                continue;
            }
            String changed = good.substring(0, i) + (char) ('0' + (c - '0' + 1) % 10) + good.substring(i + 1);
            assertThat(AccountNumber.isValid(changed)).as(changed).isFalse();
        }
    }

    @Test
    void bicShape() {
        assertThat(Bic.of("HSBKKZKX").value()).isEqualTo("HSBKKZKX");
        assertThat(Bic.of("KKMFKZ2A").value()).isEqualTo("KKMFKZ2A");
        assertThatThrownBy(() -> Bic.of("HSBKRUMM")).isInstanceOf(LedgerException.class);
        assertThatThrownBy(() -> Bic.of("HSB")).isInstanceOf(LedgerException.class);
    }
}
