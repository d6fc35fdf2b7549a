package kz.digitaltenge.routes.erp1c;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import kz.digitaltenge.canonical.payment.OrderForm;

/**
 * The back office's edits of quarantined payment orders: the format may be corrected (a date, a number, a purpose code,
 * the encoding), never a field that moves money ({@link MoneyFields}: payer, payee, their accounts, amount, currency,
 * VAT, the invoice or contract, the purpose text). The fields are read from the raw {@code key=value} lines (or the JSON
 * object), so this works for a document the reader refused too; a value that differs, appears or disappears refuses the
 * edit. Such a correction must come from the payer's own system.
 */
final class OrderEdits {
    private static final Charset CP1251 = Charset.forName("windows-1251");
    private static final Charset CP866 = Charset.forName("IBM866");
    /**
     * JSON as a person may have mistyped it (trailing commas, single quotes, unquoted names, comments): read only to
     * learn what an order says when judging an edit; the order itself is read strictly by {@link PaymentOrderJson}.
     */
    private static final JsonMapper FORGIVING = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA, JsonReadFeature.ALLOW_SINGLE_QUOTES,
                    JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES, JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .build();

    /** Why the edit may not be retried; null when every money field is as in the original. */
    String refusal(OrderForm format, byte[] original, byte[] edited) {
        Optional<List<Map<String, String>>> before = documents(format, original);
        if (before.isEmpty()) {
            return "the original payment order cannot be read, so the hub cannot tell whether an edit keeps its payer, payee,"
                    + " accounts and amounts; such a correction must come from the payer's system";
        }
        Optional<List<Map<String, String>>> after = documents(format, edited);
        if (after.isEmpty()) {
            return null; // nothing an order could be made of: the retry fails as MALFORMED and is recorded
        }
        if (before.get().size() != after.get().size()) {
            return "the edit has " + after.get().size() + " payment orders where the original has " + before.get().size()
                    + "; orders are added or removed only by the payer's system";
        }
        List<String> changed = new ArrayList<>();
        for (int i = 0; i < before.get().size(); i++) {
            Map<String, String> a = before.get().get(i);
            Map<String, String> b = after.get().get(i);
            TreeSet<String> keys = new TreeSet<>(a.keySet());
            keys.addAll(b.keySet());
            for (String k : keys) {
                if (MoneyFields.moves(k) && !Objects.equals(a.get(k), b.get(k))) {
                    changed.add(before.get().size() > 1 ? "order " + (i + 1) + ": " + k : k);
                }
            }
        }
        if (changed.isEmpty()) {
            return null;
        }
        return "the back office corrects the format of a payment order, never who pays whom, how much or for what: this"
                + " edit changes " + String.join(", ", changed) + "; such a correction must come from the payer's system";
    }

    /** The fields of each document, trimmed; empty when the bytes cannot be read as text of the format at all. */
    private static Optional<List<Map<String, String>>> documents(OrderForm format, byte[] bytes) {
        if (format == OrderForm.JSON) {
            JsonNode tree = mistypedObject(bytes);
            if (tree == null) {
                return Optional.empty();
            }
            Map<String, String> fields = new LinkedHashMap<>();
            tree.fields().forEachRemaining(f -> fields.put(f.getKey(), f.getValue().isValueNode() ? f.getValue().asText().strip()
                    : f.getValue().toString()));
            return Optional.of(List.of(fields));
        }
        String text = decode(bytes);
        if (text == null) {
            return Optional.empty();
        }
        List<Map<String, String>> docs = new ArrayList<>();
        Map<String, String> current = format == OrderForm.FILE ? null : new LinkedHashMap<>();
        for (String raw : text.split("\r?\n")) {
            String line = raw.strip();
            if (line.startsWith("СекцияДокумент")) {
                current = new LinkedHashMap<>();
            } else if (line.equals("КонецДокумента")) {
                if (current != null) {
                    docs.add(current);
                }
                current = format == OrderForm.FILE ? null : new LinkedHashMap<>();
            } else if (current != null) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    current.merge(line.substring(0, eq).strip(), line.substring(eq + 1).strip(), (x, y) -> x + "\n" + y);
                }
            }
        }
        if (format != OrderForm.FILE && current != null && !current.isEmpty()) {
            docs.add(current); // a document quarantined on its own may lack its closing line
        }
        return docs.isEmpty() ? Optional.empty() : Optional.of(docs);
    }

    /**
     * The text in the first encoding 1C writes (UTF-8, cp1251, cp866) in which a money field's name appears; null when it
     * appears in none: then nothing could be compared, and the text counts as unreadable.
     */
    private static String decode(byte[] bytes) {
        for (Charset charset : List.of(StandardCharsets.UTF_8, CP1251, CP866)) {
            String text;
            try {
                text = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            } catch (CharacterCodingException e) {
                continue;
            }
            for (String name : MoneyFields.NAMES) {
                if (text.contains(name + "=")) {
                    return text;
                }
            }
        }
        return null;
    }

    private static JsonNode mistypedObject(byte[] bytes) {
        try {
            JsonNode tree = FORGIVING.readTree(bytes);
            return tree != null && tree.isObject() ? tree : null;
        } catch (java.io.IOException e) {
            return null;
        }
    }
}
