package kz.digitaltenge.routes.subsidy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import kz.digitaltenge.canonical.SourceMessageRejected;
import kz.digitaltenge.routes.subsidy.testing.SubsidyEvents;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The documented JSON Schema ({@value EventJson#SCHEMA}) and the reader agree: the fields and the required ones are
 * the reader's, the status values are the six, and documents of every shape — good ones and broken ones — are taken or
 * refused by both alike. What the schema cannot say (check digits, the KATO table, one field against another) is the
 * reader's alone and listed apart.
 */
class EventSchemaTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static JsonNode schemaNode;
    private static Schema schema;
    private final SubsidyTranslator translator = new SubsidyTranslator();

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = EventSchemaTest.class.getClassLoader().getResourceAsStream(EventJson.SCHEMA)) {
            schemaNode = JSON.readTree(in);
        }
        schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(schemaNode);
    }

    private static List<Error> errors(byte[] document) throws IOException {
        return schema.validate(JSON.readTree(document), ctx -> ctx.executionConfig(c -> c.formatAssertionsEnabled(true)));
    }

    private boolean readerTakes(byte[] document) {
        try {
            var batch = translator.translateBatch(document, Map.of());
            return batch.rejected().isEmpty();
        } catch (SourceMessageRejected e) {
            return false;
        }
    }

    @Test
    void itIsADraft2020_12Schema() {
        assertThat(schemaNode.get("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
    }

    @Test
    void theSchemasFieldsAreTheReadersFields() {
        JsonNode reg = schemaNode.at("/$defs/applicationRegistered");
        JsonNode status = schemaNode.at("/$defs/statusChanged");

        assertThat(names(reg.get("properties"))).isEqualTo(EventJson.REGISTRATION_FIELDS);
        assertThat(strings(reg.get("required"))).isEqualTo(EventJson.REGISTRATION_REQUIRED);
        assertThat(names(status.get("properties"))).isEqualTo(EventJson.STATUS_FIELDS);
        assertThat(strings(status.get("required"))).isEqualTo(EventJson.STATUS_REQUIRED);
        assertThat(reg.get("additionalProperties").asBoolean(true)).isFalse();
        assertThat(status.get("additionalProperties").asBoolean(true)).isFalse();
        assertThat(strings(status.at("/properties/status/enum")))
                .isEqualTo(Stream.of(ApplicationStatus.values()).map(ApplicationStatus::label).collect(java.util.stream.Collectors.toSet()));
    }

    static Stream<Arguments> documents() {
        Instant at = Instant.parse("2025-01-15T05:30:00Z");
        Instant until = Instant.parse("2025-12-31T18:59:59Z");
        List<Arguments> out = new ArrayList<>();
        Map<String, Object> good = SubsidyEvents.registration("25010100000001", "1250000.50", at, until);
        out.add(Arguments.of("a registration", SubsidyEvents.json(good)));
        for (ApplicationStatus s : ApplicationStatus.values()) {
            out.add(Arguments.of("status " + s, SubsidyEvents.json(SubsidyEvents.status("25010100000001", s.label(), at,
                    s.releases() ? "1000.00" : null))));
        }
        out.add(Arguments.of("a batch", SubsidyEvents.batch(good, SubsidyEvents.status("25010100000001", "Одобрена", at, null))));
        out.add(Arguments.of("approvedAmount null", SubsidyEvents.json(with(SubsidyEvents.status("25010100000001", "Отклонена", at, null),
                m -> m.put("approvedAmount", null)))));
        out.add(Arguments.of("optional fields null", SubsidyEvents.json(with(good, m -> {
            m.put("leasingContract", null);
            m.put("machinery", null);
        }))));
        out.add(Arguments.of("offset instants", SubsidyEvents.json(with(good, m -> m.put("registeredAt", "2025-01-15T10:30:00+05:00")))));

        // refused by both
        out.add(Arguments.of("an empty batch", "[]".getBytes()));
        out.add(Arguments.of("a string", "\"x\"".getBytes()));
        out.add(Arguments.of("an unknown field", SubsidyEvents.json(with(good, m -> m.put("extra", "x")))));
        out.add(Arguments.of("an unknown kind", SubsidyEvents.json(with(good, m -> m.put("kind", "APPLICATION_APPROVED")))));
        out.add(Arguments.of("no kind", SubsidyEvents.json(with(good, m -> m.remove("kind")))));
        for (String f : EventJson.REGISTRATION_REQUIRED) {
            out.add(Arguments.of("no " + f, SubsidyEvents.json(with(good, m -> m.remove(f)))));
        }
        out.add(Arguments.of("a number amount", SubsidyEvents.json(with(good, m -> m.put("amount", 1250000.5)))));
        out.add(Arguments.of("three decimals", SubsidyEvents.json(with(good, m -> m.put("amount", "1.005")))));
        out.add(Arguments.of("a zero amount", SubsidyEvents.json(with(good, m -> m.put("amount", "0.00")))));
        out.add(Arguments.of("a signed normative", SubsidyEvents.json(with(good, m -> m.put("normative", "-5")))));
        out.add(Arguments.of("13 digits", SubsidyEvents.json(with(good, m -> m.put("applicationNumber", "2501010000000")))));
        out.add(Arguments.of("a short BIN", SubsidyEvents.json(with(good, m -> m.put("applicantBin", "12345")))));
        out.add(Arguments.of("a lower-case IIK", SubsidyEvents.json(with(good, m -> m.put("senderAccount",
                SubsidyEvents.AKIMAT_IIK.toLowerCase(java.util.Locale.ROOT))))));
        out.add(Arguments.of("no offset", SubsidyEvents.json(with(good, m -> m.put("validUntil", "2025-12-31T23:59:59")))));
        out.add(Arguments.of("no seconds", SubsidyEvents.json(with(good, m -> m.put("validUntil", "2025-12-31T23:59Z")))));
        out.add(Arguments.of("month 13", SubsidyEvents.json(with(good, m -> m.put("validUntil", "2025-13-31T23:59:59Z")))));
        out.add(Arguments.of("a blank name", SubsidyEvents.json(with(good, m -> m.put("subsidyName", "  ")))));
        out.add(Arguments.of("a control character", SubsidyEvents.json(with(good, m -> m.put("direction", "a\tb")))));
        out.add(Arguments.of("a bidi override", SubsidyEvents.json(with(good, m -> m.put("direction", "a\u202Eb")))));
        out.add(Arguments.of("a long name", SubsidyEvents.json(with(good, m -> m.put("subsidyName", "x".repeat(513))))));
        out.add(Arguments.of("an English status", SubsidyEvents.json(SubsidyEvents.status("25010100000001", "Approved", at, null))));
        out.add(Arguments.of("approvedAmount on a rejection", SubsidyEvents.json(SubsidyEvents.status("25010100000001",
                "Отклонена", at, "5.00"))));
        out.add(Arguments.of("a zero approvedAmount", SubsidyEvents.json(SubsidyEvents.status("25010100000001", "Одобрена", at, "0"))));
        out.add(Arguments.of("a batch with a bad event", SubsidyEvents.batch(good, with(good, m -> m.remove("amount")))));
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("documents")
    void whatTheSchemaTakesTheReaderTakes(String what, byte[] document) throws IOException {
        boolean schemaTakes = errors(document).isEmpty();
        assertThat(readerTakes(document)).as(what + ": schema errors " + errors(document)).isEqualTo(schemaTakes);
    }

    @Test
    void whatOnlyTheReaderChecksIsValidForTheSchema() throws IOException {
        Instant at = Instant.parse("2025-01-15T05:30:00Z");
        Map<String, Object> good = SubsidyEvents.registration("25010100000001", "1250000.50", at, Instant.parse("2025-12-31T18:59:59Z"));
        List<byte[]> onlyTheReaderRefuses = List.of(
                SubsidyEvents.json(with(good, m -> m.put("applicantBin", "123456789012"))), // check digit
                SubsidyEvents.json(with(good, m -> m.put("senderAccount", "KZ000000000000000000"))), // mod-97
                SubsidyEvents.json(with(good, m -> m.put("recipientAccount", m.get("senderAccount")))),
                SubsidyEvents.json(with(good, m -> m.put("validUntil", "2024-01-01T00:00:00Z"))), // before registeredAt
                SubsidyEvents.json(with(good, m -> m.put("region", "Целинный край"))),
                SubsidyEvents.json(with(good, m -> m.put("amount", "10000000000000"))));
        for (byte[] doc : onlyTheReaderRefuses) {
            assertThat(errors(doc)).isEmpty();
            assertThat(readerTakes(doc)).isFalse();
        }
    }

    private static Map<String, Object> with(Map<String, Object> event, Consumer<Map<String, Object>> change) {
        Map<String, Object> copy = new LinkedHashMap<>(event);
        change.accept(copy);
        return copy;
    }

    private static Set<String> names(JsonNode object) {
        Set<String> out = new HashSet<>();
        object.fieldNames().forEachRemaining(out::add);
        return out;
    }

    private static Set<String> strings(JsonNode array) {
        Set<String> out = new HashSet<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
