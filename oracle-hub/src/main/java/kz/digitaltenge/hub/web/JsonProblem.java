package kz.digitaltenge.hub.web;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.util.stream.Collectors;

/**
 * A JSON body's problem in the client's words — which field, what is wrong, where — never the parser's own text,
 * which names the hub's classes and Java types.
 */
final class JsonProblem {
    private JsonProblem() {
    }

    static String describe(Throwable t) {
        if (t instanceof StreamConstraintsException) {
            return "it nests too deep, or a number or text in it is too long";
        }
        if (t instanceof UnrecognizedPropertyException u) {
            return "unknown field '" + u.getPropertyName() + "'" + at(u);
        }
        if (t instanceof JsonParseException p) {
            String m = String.valueOf(p.getOriginalMessage());
            if (m.startsWith("Duplicate field")) {
                return "a field appears twice" + at(p);
            }
            return "not valid JSON" + at(p);
        }
        if (t instanceof InvalidFormatException f) {
            return "field '" + path(f) + "' has a value of the wrong kind";
        }
        if (t instanceof MismatchedInputException m) {
            String path = path(m);
            return path.isEmpty() ? "the body is not a JSON object of the expected shape" : "field '" + path + "' has the wrong kind of value";
        }
        if (t instanceof JsonMappingException m) {
            String path = path(m);
            return path.isEmpty() ? "the body does not have the expected shape" : "field '" + path + "' is not accepted";
        }
        if (t instanceof JsonProcessingException p) {
            return "not valid JSON" + at(p);
        }
        return "the body could not be read";
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    private static String at(JsonProcessingException e) {
        JsonLocation l = e.getLocation();
        return l == null || l.getLineNr() < 0 ? "" : " (line " + l.getLineNr() + ", column " + l.getColumnNr() + ")";
    }
}
