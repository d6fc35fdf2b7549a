package kz.digitaltenge.routes.subsidy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kz.digitaltenge.canonical.CanonicalMessage;
import kz.digitaltenge.canonical.ReasonCode;
import kz.digitaltenge.canonical.SourceMessageRejected;
import kz.digitaltenge.canonical.source.BatchTranslator;

/**
 * The module's own JSON event format ({@value #SCHEMA}): an adapter on the subsidy system's side sends one event, or a
 * JSON array of them (a batch), to {@code POST /api/intake/subsidy}. Two kinds:
 * <ul>
 *   <li>{@code APPLICATION_REGISTERED} → {@code EVENT_REGISTERED} of {@code SUBSIDY-<applicationNumber>};</li>
 *   <li>{@code STATUS_CHANGED} → {@code EVENT_OCCURRED} of it.</li>
 * </ul>
 * Read strictly, as the schema says: every value a string, no field the schema does not name, no key twice; amounts
 * are decimal strings (a JSON number is a binary float and is refused). Each event of a batch is judged on its own.
 */
final class EventJson {
    static final String SCHEMA = "schema/subsidy-event.schema.json";
    static final String KIND = "kind";
    static final String APPLICATION_REGISTERED = "APPLICATION_REGISTERED";
    static final String STATUS_CHANGED = "STATUS_CHANGED";
    static final Set<String> REGISTRATION_FIELDS = Set.of(KIND, "applicationNumber", "applicantBin", "senderAccount",
            "recipientAccount", "amount", "validUntil", "subsidyName", "direction", "normative", "region", "district",
            "leasingContract", "machinery", "registeredAt");
    static final Set<String> REGISTRATION_REQUIRED = Set.of(KIND, "applicationNumber", "applicantBin", "senderAccount",
            "recipientAccount", "amount", "validUntil", "subsidyName", "direction", "normative", "region", "district",
            "registeredAt");
    static final Set<String> STATUS_FIELDS = Set.of(KIND, "applicationNumber", "status", "statusAt", "approvedAmount");
    static final Set<String> STATUS_REQUIRED = Set.of(KIND, "applicationNumber", "status", "statusAt");

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(JsonParser.Feature.ALLOW_COMMENTS)
            .build();

    private final KatoTable kato;

    EventJson(KatoTable kato) {
        this.kato = kato;
    }

    /** Whether the bytes look like JSON (after an optional UTF-8 byte order mark and blanks). */
    static boolean looksLikeJson(byte[] body) {
        int i = body.length >= 3 && (body[0] & 0xFF) == 0xEF && (body[1] & 0xFF) == 0xBB && (body[2] & 0xFF) == 0xBF ? 3 : 0;
        for (; i < body.length; i++) {
            byte b = body[i];
            if (b == '{' || b == '[') {
                return true;
            }
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return false;
    }

    /**
     * The events of a JSON document: one object is one event (refused whole when it is wrong); an array is a batch,
     * each element a record of its own ({@code event <n>}, from 1).
     */
    BatchTranslator.Batch read(byte[] body) {
        JsonNode root;
        try {
            String text = Register.strictUtf8(body, "the JSON document");
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new SourceMessageRejected(ReasonCode.MALFORMED, "not valid JSON: " + Values.safe(e.getOriginalMessage())
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")"));
        } catch (IOException e) {
            throw new SourceMessageRejected(ReasonCode.MALFORMED, "not valid JSON: " + Values.safe(e.getMessage()));
        }
        if (root == null || root.isMissingNode()) {
            throw new SourceMessageRejected(ReasonCode.MALFORMED, "the JSON document is empty");
        }
        if (root.isObject()) {
            try {
                return new BatchTranslator.Batch(List.of(event(root)), List.of());
            } catch (RecordProblem p) {
                throw new SourceMessageRejected(p.reason(), p.getMessage());
            }
        }
        if (!root.isArray()) {
            throw new SourceMessageRejected(ReasonCode.SCHEMA_INVALID, "a subsidy event is a JSON object (or an array of"
                    + " them), not " + root.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + " (" + SCHEMA + ")");
        }
        if (root.isEmpty()) {
            throw new SourceMessageRejected(ReasonCode.SCHEMA_INVALID, "the batch is an empty array: it holds no event");
        }
        List<CanonicalMessage> messages = new ArrayList<>();
        List<BatchTranslator.RejectedRecord> rejected = new ArrayList<>();
        int n = 0;
        for (JsonNode element : root) {
            n++;
            try {
                messages.add(event(element));
            } catch (RecordProblem p) {
                rejected.add(new BatchTranslator.RejectedRecord("event " + n, p.reason(), "event " + n + ": " + p.getMessage(),
                        element.toString().getBytes(StandardCharsets.UTF_8)));
            }
        }
        return new BatchTranslator.Batch(messages, rejected);
    }

    /** One event object to its canonical message. */
    CanonicalMessage event(JsonNode node) {
        if (!node.isObject()) {
            throw new RecordProblem(ReasonCode.SCHEMA_INVALID, "an event is a JSON object, not "
                    + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
        }
        JsonNode kindNode = node.get(KIND);
        String kind = kindNode != null && kindNode.isTextual() ? kindNode.textValue() : null;
        if (kind == null) {
            throw new RecordProblem(ReasonCode.SCHEMA_INVALID, "kind is missing: " + APPLICATION_REGISTERED + " or " + STATUS_CHANGED);
        }
        return switch (kind) {
            case APPLICATION_REGISTERED -> registration(fields(node, kind, REGISTRATION_FIELDS, REGISTRATION_REQUIRED));
            case STATUS_CHANGED -> statusChanged(fields(node, kind, STATUS_FIELDS, STATUS_REQUIRED));
            default -> throw new RecordProblem(ReasonCode.SCHEMA_INVALID, "kind " + Values.quote(kind) + " is not "
                    + APPLICATION_REGISTERED + " or " + STATUS_CHANGED);
        };
    }

    /** The event's fields as strings: only those named, every one a string, the required ones present. */
    private static Map<String, String> fields(JsonNode node, String kind, Set<String> allowed, Set<String> required) {
        Map<String, String> out = new java.util.HashMap<>();
        Set<String> unknown = new LinkedHashSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (!allowed.contains(f.getKey())) {
                unknown.add(Values.quote(f.getKey()));
                continue;
            }
            JsonNode v = f.getValue();
            if (v.isNull()) {
                continue; // an optional field written as null is absent; a required one is reported missing below
            }
            if (!v.isTextual()) {
                throw new RecordProblem(ReasonCode.SCHEMA_INVALID, f.getKey() + " must be a string, not a JSON "
                        + v.getNodeType().name().toLowerCase(java.util.Locale.ROOT)
                        + (v.isNumber() ? " (amounts are decimal strings like \"1250.50\": a JSON number is a binary float)" : ""));
            }
            out.put(f.getKey(), v.textValue());
        }
        if (!unknown.isEmpty()) {
            throw new RecordProblem(ReasonCode.SCHEMA_INVALID, "field" + (unknown.size() > 1 ? "s " : " ")
                    + String.join(", ", unknown) + " not in the " + kind + " format (" + SCHEMA + ")");
        }
        for (String r : required.stream().sorted().toList()) {
            if (out.get(r) == null) {
                throw new RecordProblem(ReasonCode.SCHEMA_INVALID, r + " is missing");
            }
        }
        return out;
    }

    private CanonicalMessage registration(Map<String, String> f) {
        String number = Values.applicationNumber("applicationNumber", f.get("applicationNumber"));
        String applicant = Values.partyId("applicantBin", f.get("applicantBin"));
        String sender = Values.account("senderAccount", f.get("senderAccount"));
        String recipient = Values.account("recipientAccount", f.get("recipientAccount"));
        if (sender.equals(recipient)) {
            throw new RecordProblem(ReasonCode.BUSINESS_RULE, "senderAccount and recipientAccount are the same account "
                    + sender + ": the subsidy is paid from the local executive body's account to the farmer's");
        }
        long amount = Values.positiveTenge("amount", f.get("amount"), false);
        Instant registeredAt = Values.instant("registeredAt", f.get("registeredAt"));
        Instant validUntil = Values.instant("validUntil", f.get("validUntil"));
        if (!validUntil.isAfter(registeredAt)) {
            throw new RecordProblem(ReasonCode.BUSINESS_RULE, "validUntil " + validUntil + " is not after registeredAt "
                    + registeredAt + ": the hold would be over before it starts");
        }
        String subsidyName = Values.text("subsidyName", f.get("subsidyName"));
        String direction = Values.text("direction", f.get("direction"));
        long normative = Values.tenge("normative", f.get("normative"), false);
        SubsidyMessages.Location location = SubsidyMessages.Location.of(kato, "region", f.get("region"), "district", f.get("district"));
        String leasing = Values.optionalText("leasingContract", f.get("leasingContract"));
        String machinery = Values.optionalText("machinery", f.get("machinery"));
        return new SubsidyMessages.Registration(number, applicant, sender, recipient, amount, validUntil, subsidyName,
                direction, normative, location, leasing, machinery, registeredAt).message();
    }

    private static CanonicalMessage statusChanged(Map<String, String> f) {
        String number = Values.applicationNumber("applicationNumber", f.get("applicationNumber"));
        String label = f.get("status");
        ApplicationStatus status = ApplicationStatus.ofLabel(label).filter(s -> s.label().equals(label))
                .orElseThrow(() -> new RecordProblem(ReasonCode.SCHEMA_INVALID, "status " + Values.quote(label)
                        + " is not one of Получена, Одобрена, Отклонена, Сформировано поручение, Исполнена, Отозвано"));
        Instant statusAt = Values.instant("statusAt", f.get("statusAt"));
        Long approved = null;
        if (f.get("approvedAmount") != null) {
            if (!status.releases()) {
                throw new RecordProblem(ReasonCode.SCHEMA_INVALID, "approvedAmount is stated only with Одобрена or"
                        + " Сформировано поручение, not with " + status.label());
            }
            approved = Values.positiveTenge("approvedAmount", f.get("approvedAmount"), false);
        }
        return SubsidyMessages.statusChanged(number, status, statusAt, approved);
    }
}
