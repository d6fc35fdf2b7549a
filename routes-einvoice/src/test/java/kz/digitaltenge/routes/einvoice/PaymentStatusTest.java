package kz.digitaltenge.routes.einvoice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import kz.digitaltenge.routes.einvoice.PaymentStatus.Payment;
import kz.digitaltenge.routes.einvoice.PaymentStatus.State;
import org.junit.jupiter.api.Test;

class PaymentStatusTest {
    static final String REG = "ESF-123456789012-20240115-0000001";

    static PaymentStatus partlyPaid() {
        return new PaymentStatus(REG, State.PARTLY_PAID, "11750.50", "1350.06", "13100.56", "5000.00", "8100.56", "KZT",
                List.of(new Payment("tx-1", "3000.00", "321.43", "2024-02-01T10:15:30Z"),
                        new Payment("tx-2", "2000.00", "214.29", "2024-02-03T08:00:00Z")),
                "2024-02-03T08:00:01Z");
    }

    @Test
    void formatsTiynAsTengeWithTwoDecimals() {
        assertThat(PaymentStatus.tenge(125050)).isEqualTo("1250.50");
        assertThat(PaymentStatus.tenge(5)).isEqualTo("0.05");
        assertThat(PaymentStatus.tenge(0)).isEqualTo("0.00");
        assertThat(PaymentStatus.tenge(1_310_056)).isEqualTo("13100.56");
    }

    @Test
    void travelsAsJson() {
        String json = partlyPaid().toJson();

        assertThat(json).contains("\"registrationNumber\":\"" + REG + "\"", "\"status\":\"PARTLY_PAID\"",
                "\"outstanding\":\"8100.56\"", "\"transactionId\":\"tx-1\"", "\"at\":\"2024-02-01T10:15:30Z\"");
        assertThat(PaymentStatus.fromJson(json.getBytes(StandardCharsets.UTF_8))).isEqualTo(partlyPaid());
    }

    @Test
    void theStateFollowsFromTheAmounts() {
        assertThat(new PaymentStatus(REG, State.UNPAID, "100.00", "12.00", "112.00", "0.00", "112.00", "KZT", null,
                "2024-02-03T08:00:01Z").payments()).isEmpty();
        assertThat(new PaymentStatus(REG, State.PAID, "100.00", "12.00", "112.00", "112.00", "0.00", "KZT",
                List.of(new Payment("tx-9", "112.00", "12.00", "2024-02-03T08:00:00Z")), "2024-02-03T08:00:01Z")
                .status()).isEqualTo(State.PAID);
        assertThatThrownBy(() -> new PaymentStatus(REG, State.PAID, "100.00", "12.00", "112.00", "0.00", "112.00",
                "KZT", null, "2024-02-03T08:00:01Z")).hasMessageContaining("is UNPAID, not PAID");
    }

    /** Amounts are capped before they become numbers, and a refusal quotes a short prefix, not the whole value. */
    @Test
    void refusesAnAmountLongerThanAnyPaymentWithoutEchoingIt() {
        String huge = "9".repeat(100_000) + ".00";
        assertThatThrownBy(() -> new PaymentStatus(REG, State.UNPAID, huge, "0.00", huge, "0.00", huge, "KZT", null,
                "2024-02-03T08:00:01Z")).hasMessageContaining("net 9999999999999999... is not an amount with two decimals")
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(120));
        assertThatThrownBy(() -> new PaymentStatus(REG, State.UNPAID, "\u0661\u0660\u0660.00", "0.00", "100.00", "0.00",
                "100.00", "KZT", null, "2024-02-03T08:00:01Z")).hasMessageContaining("net U+0661U+0660U+0660.00 is not an amount");
    }

    @Test
    void refusesAnInconsistentReport() {
        assertThatThrownBy(() -> new PaymentStatus(REG, State.UNPAID, "100.00", "12.00", "113.00", "0.00", "113.00",
                "KZT", null, "2024-02-03T08:00:01Z")).hasMessageContaining("!= gross");
        assertThatThrownBy(() -> new PaymentStatus(REG, State.PARTLY_PAID, "100.00", "12.00", "112.00", "10.00",
                "100.00", "KZT", null, "2024-02-03T08:00:01Z")).hasMessageContaining("paid 10.00 + outstanding");
        assertThatThrownBy(() -> new PaymentStatus(REG, State.PARTLY_PAID, "100.00", "12.00", "112.00", "10.00",
                "102.00", "KZT", null, "2024-02-03T08:00:01Z")).hasMessageContaining("payments add up to 0");
        assertThatThrownBy(() -> new PaymentStatus(REG, State.UNPAID, "100.0", "12.00", "112.00", "0.00", "112.00",
                "KZT", null, "2024-02-03T08:00:01Z")).hasMessageContaining("two decimals");
        assertThatThrownBy(() -> new PaymentStatus(REG, State.UNPAID, "100.00", "12.00", "112.00", "0.00", "112.00",
                "KZT", null, "yesterday")).hasMessageContaining("ISO-8601");
        assertThatThrownBy(() -> new Payment(" ", "1.00", "0.00", "2024-02-03T08:00:00Z"))
                .hasMessageContaining("transaction id");
    }

    @Test
    void refusesJsonThatIsNotAConsistentStatus() {
        String json = partlyPaid().toJson().replace("\"paid\":\"5000.00\"", "\"paid\":\"5000.01\"");

        assertThatThrownBy(() -> PaymentStatus.fromJson(json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("not a payment status: ")
                .hasMessageContaining("paid 5000.01 + outstanding 8100.56 != gross 13100.56");
        assertThatThrownBy(() -> PaymentStatus.fromJson("{".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
