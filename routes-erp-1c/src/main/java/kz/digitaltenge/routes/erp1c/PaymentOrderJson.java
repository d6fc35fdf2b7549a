package kz.digitaltenge.routes.erp1c;

import kz.digitaltenge.canonical.ReasonCode;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import kz.digitaltenge.canonical.SourceMessageRejected;

/**
 * A payment order as JSON, for 1C plug-ins that post orders directly instead of writing a client-bank file. Every
 * value is a string; money is a decimal string such as {@code "1250.50"} so no JSON number (and no binary floating
 * point) is ever involved.
 *
 * <pre>{@code
 * {"number": "17", "date": "2025-03-14", "amount": "1250.50", "currency": "KZT",
 *  "payerBin": "040840000997", "payerAccount": "KZ18722S000012345678", "payerName": "ТОО Астана Строй",
 *  "payeeBin": "120340005124", "payeeAccount": "KZ35601A000000000123", "payeeName": "ТОО Дала Трейд",
 *  "purpose": "Оплата по ЭСФ ESF-120340005124-20250314-0001", "knp": "710",
 *  "invoice": null, "contract": null, "vat": "133.98"}
 * }</pre>
 *
 * @param date     {@code yyyy-MM-dd}
 * @param currency optional, {@code KZT} when absent
 * @param invoice  the e-invoice registration number the order pays, or null
 * @param contract the contract number the order prepays, or null; with neither, the purpose must name one
 * @param vat      the VAT amount, or null to take it from the purpose text (or have none)
 */
public record PaymentOrderJson(
        String number,
        String date,
        String amount,
        String currency,
        String payerBin,
        String payerAccount,
        String payerName,
        String payeeBin,
        String payeeAccount,
        String payeeName,
        String purpose,
        String knp,
        String invoice,
        String contract,
        String vat) {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            // A JSON number for a string property would have gone through the parser's number handling; money
            // must arrive as the exact decimal text the sender wrote.
            .withCoercionConfig(LogicalType.Textual, config -> config
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .build();

    /**
     * Parses the JSON body of a request.
     *
     * @throws SourceMessageRejected MALFORMED when it is not JSON, SCHEMA_INVALID when it is not one payment order
     *                               object of strings with the properties above
     */
    public static PaymentOrderJson read(byte[] json) {
        if (json == null || json.length == 0) {
            throw new SourceMessageRejected(ReasonCode.MALFORMED, "the payment order JSON is empty");
        }
        try {
            PaymentOrderJson order = JSON.readValue(json, PaymentOrderJson.class);
            if (order == null) {
                throw new SourceMessageRejected(ReasonCode.SCHEMA_INVALID, "the payment order JSON is null, not an object");
            }
            return order;
        } catch (StreamReadException e) {
            throw new SourceMessageRejected(ReasonCode.MALFORMED, "not valid JSON: " + e.getOriginalMessage(), e);
        } catch (JacksonException e) {
            throw new SourceMessageRejected(ReasonCode.SCHEMA_INVALID, "not a payment order: " + e.getOriginalMessage()
                    + " at " + e.getLocation(), e);
        } catch (IOException e) {
            throw new SourceMessageRejected(ReasonCode.MALFORMED, "the payment order JSON cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * Checks the order by the same rules as a 1C document (required fields, amount, date, BIN/IIN, IIK, the
     * reference rule, VAT) and maps it.
     *
     * @throws SourceMessageRejected with SCHEMA_INVALID or BUSINESS_RULE and the offending field
     */
    public PaymentOrder toPaymentOrder() {
        Map<String, DocumentField> fields = new LinkedHashMap<>();
        put(fields, "number", number);
        put(fields, "date", date);
        put(fields, "amount", amount);
        put(fields, "currency", currency);
        put(fields, "payerBin", payerBin);
        put(fields, "payerAccount", payerAccount);
        put(fields, "payerName", payerName);
        put(fields, "payeeBin", payeeBin);
        put(fields, "payeeAccount", payeeAccount);
        put(fields, "payeeName", payeeName);
        put(fields, "purpose", purpose);
        put(fields, "knp", knp);
        put(fields, "invoice", invoice);
        put(fields, "contract", contract);
        put(fields, "vat", vat);
        try {
            return PaymentOrderMapper.fromJson(new OrderFields(fields, 0));
        } catch (DocumentProblem problem) {
            throw new SourceMessageRejected(problem.reason(), problem.getMessage());
        }
    }

    private static void put(Map<String, DocumentField> fields, String key, String value) {
        if (value != null) {
            fields.put(key, new DocumentField(key, value, 0));
        }
    }
}
