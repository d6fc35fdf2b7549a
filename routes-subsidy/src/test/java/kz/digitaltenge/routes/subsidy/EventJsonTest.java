package kz.digitaltenge.routes.subsidy;

import static kz.digitaltenge.routes.subsidy.testing.SubsidyEvents.AKIMAT_IIK;
import static kz.digitaltenge.routes.subsidy.testing.SubsidyEvents.FARM_BIN;
import static kz.digitaltenge.routes.subsidy.testing.SubsidyEvents.LEASING_IIK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import kz.digitaltenge.canonical.CanonicalMessage;
import kz.digitaltenge.canonical.ReasonCode;
import kz.digitaltenge.canonical.SourceMessageRejected;
import kz.digitaltenge.canonical.source.BatchTranslator.Batch;
import kz.digitaltenge.routes.subsidy.testing.SubsidyEvents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The module's JSON events: every field of both kinds, a batch judged event by event, and what is refused. */
class EventJsonTest {
    static final String APP = "25010100000001";
    static final Instant REGISTERED = Instant.parse("2025-01-15T05:30:00Z");
    static final Instant UNTIL = Instant.parse("2025-12-31T18:59:59Z");
    private final SubsidyTranslator translator = new SubsidyTranslator();

    private static Map<String, Object> registration() {
        return SubsidyEvents.registration(APP, "1250000.50", REGISTERED, UNTIL);
    }

    private CanonicalMessage one(Map<String, Object> event) {
        Batch b = translator.translateBatch(SubsidyEvents.json(event), Map.of());
        assertThat(b.rejected()).isEmpty();
        return b.messages().get(0);
    }

    private SourceMessageRejected refused(Map<String, Object> event) {
        return refused(SubsidyEvents.json(event));
    }

    private SourceMessageRejected refused(byte[] body) {
        try {
            translator.translateBatch(body, Map.of());
        } catch (SourceMessageRejected e) {
            return e;
        }
        throw new AssertionError("not refused: " + new String(body, StandardCharsets.UTF_8));
    }

    @Test
    void aRegistrationIsTheEventAndItsSingleHold() {
        CanonicalMessage m = one(registration());

        assertThat(m.sourceMessageId()).isEqualTo("registration:" + APP);
        assertThat(m.type()).isEqualTo("EVENT_REGISTERED");
        assertThat(m.subject()).isEqualTo("SUBSIDY-" + APP);
        assertThat(m.occurredAt()).isEqualTo("2025-01-15T05:30:00Z");
        assertThat(m.terms()).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                Map.entry("sender", AKIMAT_IIK),
                Map.entry("recipient", LEASING_IIK),
                Map.entry("amount", "125000050"),
                Map.entry("validUntil", "2025-12-31T18:59:59Z"),
                Map.entry("holdType", "SINGLE"),
                Map.entry("applicant", FARM_BIN),
                Map.entry("subsidyName", "Возмещение части затрат на приобретение сельхозтехники по лизингу"),
                Map.entry("direction", "Субсидирование инвестиций"),
                Map.entry("normative", "350000000"),
                Map.entry("region", "Акмолинская область"),
                Map.entry("regionKato", "110000000"),
                Map.entry("district", "Целиноградский район"),
                Map.entry("districtKato", "116600000"),
                Map.entry("leasingContract", "ЛД-2025/0117"),
                Map.entry("machinery", "Трактор Кировец К-742, зав. № 123456, гос. рег. AKM 0451")));
    }

    @Test
    void leasingContractAndMachineryAreOptional() {
        Map<String, Object> e = registration();
        e.remove("leasingContract");
        e.put("machinery", null);

        assertThat(one(e).terms()).doesNotContainKeys("leasingContract", "machinery");
    }

    @Test
    void instantsWithAnOffsetAreWrittenInUtc() {
        Map<String, Object> e = registration();
        e.put("registeredAt", "2025-01-15T10:30:00+05:00");
        e.put("validUntil", "2025-12-31T23:59:59.5+05:00");

        CanonicalMessage m = one(e);
        assertThat(m.occurredAt()).isEqualTo("2025-01-15T05:30:00Z");
        assertThat(m.terms()).containsEntry("validUntil", "2025-12-31T18:59:59.500Z");
    }

    @ParameterizedTest
    @CsvSource({"Получена, RECEIVED", "Одобрена, APPROVED", "Отклонена, REJECTED", "Сформировано поручение, ORDER_FORMED",
            "Исполнена, EXECUTED", "Отозвано, WITHDRAWN"})
    void aStatusIsTheOccurrenceOfItsCode(String status, String code) {
        CanonicalMessage m = one(SubsidyEvents.status(APP, status, Instant.parse("2025-02-01T04:00:00Z"), null));

        assertThat(m.sourceMessageId()).isEqualTo("status:" + APP + ":" + code);
        assertThat(m.type()).isEqualTo("EVENT_OCCURRED");
        assertThat(m.subject()).isEqualTo("SUBSIDY-" + APP);
        assertThat(m.occurredAt()).isEqualTo("2025-02-01T04:00:00Z");
        assertThat(m.terms()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "occurrence", code + "@2025-02-01T04:00:00Z", "status", code, "statusAt", "2025-02-01T04:00:00Z",
                "amount", "0"));
    }

    @Test
    void anApprovedAmountIsTheOccurrencesAmountInTiyn() {
        CanonicalMessage m = one(SubsidyEvents.status(APP, "Одобрена", Instant.parse("2025-02-01T04:00:00Z"), "1000000.5"));

        assertThat(m.terms()).containsEntry("amount", "100000050");
        assertThat(one(SubsidyEvents.status(APP, "Сформировано поручение", Instant.parse("2025-02-01T04:00:00Z"), "7"))
                .terms()).containsEntry("amount", "700");
    }

    @Test
    void aStatusSentAgainIsTheSameMessage() {
        Map<String, Object> e = SubsidyEvents.status(APP, "Одобрена", Instant.parse("2025-02-01T04:00:00Z"), "100.00");
        assertThat(one(e)).isEqualTo(one(new java.util.LinkedHashMap<>(e)));
    }

    // refused, with the field named

    @Test
    void anApprovedAmountComesOnlyWithAnApproval() {
        SourceMessageRejected e = refused(SubsidyEvents.status(APP, "Отклонена", REGISTERED, "100.00"));
        assertThat(e.code()).isEqualTo(ReasonCode.SCHEMA_INVALID);
        assertThat(e.getMessage()).contains("approvedAmount is stated only with Одобрена");
        assertThat(refused(SubsidyEvents.status(APP, "Одобрена", REGISTERED, "0.00")).code()).isEqualTo(ReasonCode.OVER_LIMIT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Approved", "одобрена", "APPROVED", "Одобрена ", "Сформировано  поручение", ""})
    void aStatusIsOneOfTheSixExactlyAsWritten(String status) {
        SourceMessageRejected e = refused(SubsidyEvents.status(APP, status, REGISTERED, null));
        assertThat(e.code()).isEqualTo(ReasonCode.SCHEMA_INVALID);
        assertThat(e.getMessage()).contains("status");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2501010000000", "250101000000011", "2501010000000A", "25010100000 01", "+2501010000000"})
    void theApplicationNumberIsFourteenDigits(String number) {
        Map<String, Object> e = registration();
        e.put("applicationNumber", number);
        assertThat(refused(e).getMessage()).startsWith("applicationNumber");
        assertThat(refused(SubsidyEvents.status(number, "Получена", REGISTERED, null)).getMessage()).startsWith("applicationNumber");
    }

    @Test
    void theApplicantIsABinOrIinWithItsCheckDigit() {
        Map<String, Object> e = registration();
        String bad = FARM_BIN.substring(0, 11) + ((FARM_BIN.charAt(11) - '0' + 1) % 10);
        e.put("applicantBin", bad);
        SourceMessageRejected r = refused(e);
        assertThat(r.code()).isEqualTo(ReasonCode.INVALID_IDENTIFIER);
        assertThat(r.getMessage()).startsWith("applicantBin").contains("check digit");

        e.put("applicantBin", "12345678901");
        assertThat(refused(e).getMessage()).contains("12 digits");
        e.put("applicantBin", SubsidyEvents.bin("85050130012")); // an IIN (a person) is as good
        assertThat(one(e).terms()).containsEntry("applicant", SubsidyEvents.bin("85050130012"));
    }

    @Test
    void accountsAreIiksWithTheirCheckDigits() {
        Map<String, Object> e = registration();
        e.put("senderAccount", AKIMAT_IIK.substring(0, 19) + (AKIMAT_IIK.charAt(19) == '1' ? '2' : '1'));
        SourceMessageRejected r = refused(e);
        assertThat(r.code()).isEqualTo(ReasonCode.INVALID_IDENTIFIER);
        assertThat(r.getMessage()).startsWith("senderAccount").contains("mod-97");

        e = registration();
        e.put("recipientAccount", LEASING_IIK.toLowerCase(java.util.Locale.ROOT));
        assertThat(refused(e).getMessage()).startsWith("recipientAccount");

        e = registration();
        e.put("recipientAccount", AKIMAT_IIK);
        assertThat(refused(e).code()).isEqualTo(ReasonCode.BUSINESS_RULE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1250000.505", "-1", "1,5", "1e6", "0", "0.00", " ", "10000000000000", "١٢٣"})
    void theAmountIsAPositiveDecimalString(String amount) {
        Map<String, Object> e = registration();
        e.put("amount", amount);
        SourceMessageRejected r = refused(e);
        assertThat(r.getMessage()).startsWith("amount");
        assertThat(r.code()).isIn(ReasonCode.MALFORMED, ReasonCode.OVER_LIMIT, ReasonCode.SCHEMA_INVALID);
    }

    @Test
    void aJsonNumberIsNeverAnAmount() {
        Map<String, Object> e = registration();
        e.put("amount", 1250000.50);
        assertThat(refused(e).getMessage()).contains("amount must be a string").contains("binary float");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-01-15T05:30:00", "2025-01-15", "2025-01-15T05:30Z", "2025-13-15T05:30:00Z",
            "2025-02-30T05:30:00Z", "15.01.2025 10:30:00", "1736919000", "2025-01-15 05:30:00Z"})
    void instantsAreIsoWithSecondsAndAnOffset(String at) {
        Map<String, Object> e = registration();
        e.put("registeredAt", at);
        assertThat(refused(e).getMessage()).startsWith("registeredAt");
        Map<String, Object> s = SubsidyEvents.status(APP, "Получена", REGISTERED, null);
        s.put("statusAt", at);
        assertThat(refused(s).getMessage()).startsWith("statusAt");
    }

    @Test
    void theHoldEndsAfterItStarts() {
        Map<String, Object> e = SubsidyEvents.registration(APP, "1.00", REGISTERED, REGISTERED);
        assertThat(refused(e).code()).isEqualTo(ReasonCode.BUSINESS_RULE);
    }

    @Test
    void anUnknownRegionOrDistrictIsAnUnknownReference() {
        Map<String, Object> e = registration();
        e.put("region", "Целинный край");
        SourceMessageRejected r = refused(e);
        assertThat(r.code()).isEqualTo(ReasonCode.UNKNOWN_REFERENCE);
        assertThat(r.getMessage()).startsWith("region 'Целинный край' is not in the KATO table");

        e = registration();
        e.put("district", "Илийский район"); // Almaty oblast's, not Akmola's
        assertThat(refused(e).getMessage()).startsWith("district 'Илийский район' is not a district of Акмолинская область");
    }

    @Test
    void requiredFieldsAreRequiredAndTextObeysTheTextRule() {
        for (String field : EventJson.REGISTRATION_REQUIRED) {
            Map<String, Object> e = registration();
            e.remove(field);
            assertThat(refused(e).getMessage()).as(field).contains(field.equals("kind") ? "kind is missing" : field + " is missing");
        }
        for (String field : EventJson.STATUS_REQUIRED) {
            Map<String, Object> e = SubsidyEvents.status(APP, "Получена", REGISTERED, null);
            e.put(field, null);
            assertThat(refused(e).getMessage()).as(field).contains(" is missing");
        }
        Map<String, Object> e = registration();
        e.put("subsidyName", "Лизинг\u0000");
        assertThat(refused(e).getMessage()).contains("U+0000").doesNotContain("\u0000");
        e.put("subsidyName", "   ");
        assertThat(refused(e).getMessage()).contains("subsidyName is missing");
    }

    @Test
    void fieldsTheFormatDoesNotNameAreRefused() {
        Map<String, Object> e = registration();
        e.put("amout", "1.00");
        assertThat(refused(e).getMessage()).contains("field 'amout' not in the APPLICATION_REGISTERED format");
        Map<String, Object> s = SubsidyEvents.status(APP, "Получена", REGISTERED, null);
        s.put("subsidyName", "x");
        assertThat(refused(s).getMessage()).contains("'subsidyName' not in the STATUS_CHANGED format");
        s = SubsidyEvents.status(APP, "Получена", REGISTERED, null);
        s.put("kind", "APPLICATION_APPROVED");
        assertThat(refused(s).getMessage()).contains("kind 'APPLICATION_APPROVED' is not");
    }

    @Test
    void notJsonOrNotAnEventIsRefusedWhole() {
        assertThat(refused("{\"kind\": ".getBytes(StandardCharsets.UTF_8)).code()).isEqualTo(ReasonCode.MALFORMED);
        assertThat(refused("{\"kind\":\"STATUS_CHANGED\",\"kind\":\"STATUS_CHANGED\"}".getBytes(StandardCharsets.UTF_8))
                .getMessage()).contains("Duplicate field 'kind'");
        assertThat(refused("{} {}".getBytes(StandardCharsets.UTF_8)).code()).isEqualTo(ReasonCode.MALFORMED);
        assertThat(refused("[]".getBytes(StandardCharsets.UTF_8)).getMessage()).contains("empty array");
        byte[] latin = "{\"kind\":\"STATUS_CHANGED\",\"status\":\"\u00D0\"}".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(refused(latin).code()).isEqualTo(ReasonCode.BAD_ENCODING);
        assertThat(refused("{\"kind\": \"STATUS_CHANGED\" /* c */}".getBytes(StandardCharsets.UTF_8)).code())
                .isEqualTo(ReasonCode.MALFORMED);
    }

    @Test
    void aBatchIsJudgedEventByEvent() {
        Map<String, Object> bad = SubsidyEvents.status(APP, "Одобрено", REGISTERED, null);
        Batch b = translator.translateBatch(SubsidyEvents.batch(registration(), bad,
                SubsidyEvents.status(APP, "Одобрена", Instant.parse("2025-02-01T04:00:00Z"), "100.00")), Map.of());

        assertThat(b.messages()).extracting(CanonicalMessage::sourceMessageId)
                .containsExactly("registration:" + APP, "status:" + APP + ":APPROVED");
        assertThat(b.rejected()).hasSize(1);
        assertThat(b.rejected().get(0).record()).isEqualTo("event 2");
        assertThat(b.rejected().get(0).message()).startsWith("event 2: status 'Одобрено'");
        assertThat(new String(b.rejected().get(0).original(), StandardCharsets.UTF_8)).contains("\"Одобрено\"");

        Batch notObjects = translator.translateBatch("[1, \"x\", null]".getBytes(StandardCharsets.UTF_8), Map.of());
        assertThat(notObjects.rejected()).extracting(r -> r.record()).containsExactly("event 1", "event 2", "event 3");
    }

    @Test
    void aJsonBodyWithAByteOrderMarkIsRead() {
        byte[] json = SubsidyEvents.json(registration());
        byte[] bom = new byte[json.length + 3];
        bom[0] = (byte) 0xEF;
        bom[1] = (byte) 0xBB;
        bom[2] = (byte) 0xBF;
        System.arraycopy(json, 0, bom, 3, json.length);
        assertThat(translator.translateBatch(bom, Map.of()).messages()).hasSize(1);
    }
}
