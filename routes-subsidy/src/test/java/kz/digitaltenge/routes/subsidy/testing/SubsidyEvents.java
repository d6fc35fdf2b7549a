package kz.digitaltenge.routes.subsidy.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import kz.digitaltenge.canonical.id.AccountNumber;
import kz.digitaltenge.canonical.id.PartyId;

/**
 * The subsidy source's JSON events ({@code schema/subsidy-event.schema.json}), as an adapter on the subsidy system's
 * side sends them, for tests, the demo and the bench. The field maps are mutable, to write a wrong event.
 */
public final class SubsidyEvents {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The Akmola akimat's account (the sender of the subsidy). */
    public static final String AKIMAT_IIK = AccountNumber.of("070", "0000000000011").value();
    /** A leasing company's account (the recipient). */
    public static final String LEASING_IIK = AccountNumber.of("601", "0000000000022").value();
    /** A farmer's account. */
    public static final String FARMER_IIK = AccountNumber.of("998", "0000000000033").value();
    /** A farm's BIN. */
    public static final String FARM_BIN = bin("07034000123");

    private SubsidyEvents() {
    }

    /** A valid BIN/IIN: the eleven digits and their check digit. */
    public static String bin(String first11) {
        int check = PartyId.checkDigit(first11);
        if (check < 0) {
            throw new IllegalArgumentException("no valid BIN starts with " + first11);
        }
        return first11 + check;
    }

    /** An APPLICATION_REGISTERED of a leasing subsidy in Akmola (Целиноградский район) from the akimat to a leasing company. */
    public static Map<String, Object> registration(String applicationNumber, String amount, Instant registeredAt,
                                                   Instant validUntil) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", "APPLICATION_REGISTERED");
        m.put("applicationNumber", applicationNumber);
        m.put("applicantBin", FARM_BIN);
        m.put("senderAccount", AKIMAT_IIK);
        m.put("recipientAccount", LEASING_IIK);
        m.put("amount", amount);
        m.put("validUntil", validUntil.toString());
        m.put("subsidyName", "Возмещение части затрат на приобретение сельхозтехники по лизингу");
        m.put("direction", "Субсидирование инвестиций");
        m.put("normative", "3500000.00");
        m.put("region", "Акмолинская область");
        m.put("district", "Целиноградский район");
        m.put("leasingContract", "ЛД-2025/0117");
        m.put("machinery", "Трактор Кировец К-742, зав. № 123456, гос. рег. AKM 0451");
        m.put("registeredAt", registeredAt.toString());
        return m;
    }

    /** A STATUS_CHANGED; {@code approvedAmount} null for none. */
    public static Map<String, Object> status(String applicationNumber, String status, Instant statusAt, String approvedAmount) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", "STATUS_CHANGED");
        m.put("applicationNumber", applicationNumber);
        m.put("status", status);
        m.put("statusAt", statusAt.toString());
        if (approvedAmount != null) {
            m.put("approvedAmount", approvedAmount);
        }
        return m;
    }

    /** One event as JSON bytes. */
    public static byte[] json(Map<String, Object> event) {
        return write(event);
    }

    /** A batch: a JSON array of the events. */
    @SafeVarargs
    public static byte[] batch(Map<String, Object>... events) {
        return write(Arrays.asList(events));
    }

    private static byte[] write(Object o) {
        try {
            return JSON.writeValueAsBytes(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
