package kz.digitaltenge.routes.procurement.contract;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import kz.digitaltenge.canonical.LedgerException;
import kz.digitaltenge.canonical.ReasonCode;
import kz.digitaltenge.canonical.id.AccountNumber;
import kz.digitaltenge.canonical.id.PartyId;
import kz.digitaltenge.canonical.text.Text;
import kz.digitaltenge.routes.procurement.portal.PortalTime;

/**
 * Typed access to one portal record's fields, each refusal naming the field. The portal's nulls are common and
 * {@code 0} / {@code [0]} mean "none" for ids; a field that is absent, null or blank text is <em>missing</em>. Ids and
 * codes may come as numbers or strings; BINs and accounts only as strings (a number loses the leading zeros); amounts
 * as numbers or strings (see {@link Amounts}); timestamps as the portal writes them, Asia/Almaty local time
 * ({@link PortalTime}).
 */
final class RecordFields {
    private final JsonNode node;
    private final String where;

    /**
     * @param where how refusals name the record's fields, e.g. {@code "ContractUnits[2]."}, or empty
     */
    RecordFields(JsonNode node, String where) {
        this.node = node;
        this.where = where;
    }

    JsonNode node() {
        return node;
    }

    boolean has(String field) {
        JsonNode v = node.get(field);
        return v != null && !v.isNull() && !(v.isTextual() && v.textValue().isBlank());
    }

    /** The fields of {@code required} that are missing, in that order. */
    List<String> missing(List<String> required) {
        List<String> out = new ArrayList<>();
        for (String f : required) {
            if (!has(f)) {
                out.add(f);
            }
        }
        return out;
    }

    /** A present scalar as text, checked by the ledger's text rule; null when missing. */
    String text(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isValueNode()) {
            throw new RecordProblem(ReasonCode.SCHEMA_INVALID, name(field) + " must be a value, not a JSON "
                    + v.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        String text = v.isTextual() ? v.textValue() : v.isNumber() ? v.numberValue().toString() : v.asText();
        if (text.isBlank()) {
            return null;
        }
        try {
            return Text.require(Text.Field.DOCUMENT_FIELD, name(field), text.strip());
        } catch (LedgerException e) {
            throw new RecordProblem(ReasonCode.MALFORMED, e.getMessage());
        }
    }

    String requireText(String field) {
        String t = text(field);
        if (t == null) {
            throw new RecordProblem(ReasonCode.INCOMPLETE, name(field) + " is missing");
        }
        return t;
    }

    /** A portal id or code: a whole number, not negative, at most 18 digits; {@code fallback} when missing. */
    long number(String field, long fallback) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull() || (v.isTextual() && v.textValue().isBlank())) {
            return fallback;
        }
        String text;
        if (v.isIntegralNumber()) {
            text = v.bigIntegerValue().toString();
        } else if (v.isTextual()) {
            text = v.textValue().strip();
        } else {
            throw new RecordProblem(ReasonCode.MALFORMED, name(field) + " must be a whole number, not "
                    + (v.isNumber() ? Values.excerpt(v.asText()) : "a JSON " + v.getNodeType().name().toLowerCase(Locale.ROOT)));
        }
        if (!text.matches("[0-9]{1,18}")) {
            throw new RecordProblem(ReasonCode.MALFORMED, name(field) + " '" + Values.excerpt(text)
                    + "' is not a whole number of at most 18 digits");
        }
        return Long.parseLong(text);
    }

    long requireNumber(String field) {
        if (!has(field)) {
            throw new RecordProblem(ReasonCode.INCOMPLETE, name(field) + " is missing");
        }
        return number(field, 0);
    }

    /** A status or flag code that fits an int. */
    int code(String field, int fallback) {
        long n = number(field, fallback);
        if (n > Integer.MAX_VALUE) {
            throw new RecordProblem(ReasonCode.MALFORMED, name(field) + " " + n + " is not a status code");
        }
        return (int) n;
    }

    /** A BIN or IIN: a string of 12 digits with a valid check digit, leading zeros kept. */
    String bin(String field) {
        JsonNode v = node.get(field);
        if (v != null && v.isNumber()) {
            throw new RecordProblem(ReasonCode.MALFORMED, name(field) + " must be a string of 12 digits: as a JSON number ("
                    + Values.excerpt(v.asText()) + ") its leading zeros are lost");
        }
        String text = requireText(field);
        if (!PartyId.isValid(text)) {
            throw new RecordProblem(ReasonCode.INVALID_IDENTIFIER, name(field) + " '" + Values.excerpt(text)
                    + "' is not a BIN/IIN (12 digits with a valid check digit)");
        }
        return text;
    }

    /** A Kazakh account (IIK), blanks and lower case normalised, its mod-97 check digits valid. */
    String account(String field) {
        String text = requireText(field);
        String normalised = text.replace(" ", "").toUpperCase(Locale.ROOT);
        if (!AccountNumber.isValid(normalised)) {
            throw new RecordProblem(ReasonCode.INVALID_IDENTIFIER, name(field) + " '" + Values.excerpt(text)
                    + "' is not a Kazakh account (IIK: KZ, 2 check digits, 16 characters; mod-97)");
        }
        return normalised;
    }

    /** An amount in tiyn, or null when missing. */
    Long tiyn(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull() || (v.isTextual() && v.textValue().isBlank())) {
            return null;
        }
        BigDecimal tenge;
        if (v.isNumber()) {
            tenge = v.decimalValue();
        } else if (v.isTextual()) {
            tenge = Amounts.parseText(v.textValue(), name(field));
        } else {
            throw new RecordProblem(ReasonCode.MALFORMED, name(field) + " must be an amount, not a JSON "
                    + v.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        return Amounts.tiyn(tenge, name(field));
    }

    long requireTiyn(String field) {
        Long t = tiyn(field);
        if (t == null) {
            throw new RecordProblem(ReasonCode.INCOMPLETE, name(field) + " is missing");
        }
        return t;
    }

    /** A timestamp as Asia/Almaty local time (an explicit offset honoured); null when missing. */
    LocalDateTime local(String field) {
        String text = text(field);
        if (text == null) {
            return null;
        }
        try {
            return PortalTime.parseLocal(text);
        } catch (IllegalArgumentException e) {
            throw new RecordProblem(ReasonCode.MALFORMED, name(field) + ": " + e.getMessage());
        }
    }

    Instant instant(String field) {
        LocalDateTime t = local(field);
        return t == null ? null : t.atZone(PortalTime.ZONE).toInstant();
    }

    /** An array field's elements (empty when missing); anything but an array is refused. */
    List<JsonNode> array(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return List.of();
        }
        if (!v.isArray()) {
            throw new RecordProblem(ReasonCode.SCHEMA_INVALID, name(field) + " must be a JSON array");
        }
        List<JsonNode> out = new ArrayList<>();
        v.forEach(out::add);
        return out;
    }

    String name(String field) {
        return where + field;
    }
}
