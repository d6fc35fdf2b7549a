package kz.digitaltenge.routes.livestock.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import kz.digitaltenge.routes.livestock.EventFields;

/**
 * One record of routes-livestock's event format as an adapter of the identification system writes it, for tests and
 * the demo: a loan or an animal event, written as a JSON object or a CSV row. Values are kept as given (strings,
 * booleans, whole numbers, agreement lines), so a test can write wrong ones too.
 */
public final class LivestockEvent {
    /** One line of a loan's purchase agreement. */
    public record Line(String species, Object heads, String pricePerHead) {
        public Line(String species, int heads, String pricePerHead) {
            this(species, (Object) heads, pricePerHead);
        }
    }

    private final LinkedHashMap<String, Object> fields = new LinkedHashMap<>();

    private LivestockEvent() {
    }

    public static LivestockEvent of(String kind) {
        return new LivestockEvent().with(EventFields.KIND, kind);
    }

    public static LivestockEvent loan(String loanNumber, String lenderAccount, String sellerAccount, String borrower,
                                      String validUntil, Line... agreement) {
        return of("LOAN_REGISTERED").with(EventFields.LOAN_NUMBER, loanNumber)
                .with(EventFields.LENDER_ACCOUNT, lenderAccount).with(EventFields.SELLER_ACCOUNT, sellerAccount)
                .with(EventFields.BORROWER, borrower).with(EventFields.AGREEMENT, List.of(agreement))
                .with(EventFields.VALID_UNTIL, validUntil);
    }

    /** An animal event with its required fields (and the loan number when not null). */
    public static LivestockEvent animal(String kind, String eventId, String loanNumber, String animalNumber,
                                        String newOwner, String at) {
        LivestockEvent e = of(kind).with(EventFields.EVENT_ID, eventId);
        if (loanNumber != null) {
            e.with(EventFields.LOAN_NUMBER, loanNumber);
        }
        return e.with(EventFields.ANIMAL_NUMBER, animalNumber)
                .with(EventFields.SPECIES, animalNumber.length() > 3 ? animalNumber.substring(3, 4) : "1")
                .with(EventFields.NEW_OWNER, newOwner).with(EventFields.AT, at);
    }

    public static LivestockEvent ownerChange(String eventId, String loanNumber, String animalNumber, String previousOwner,
                                             String newOwner, String at) {
        LivestockEvent e = animal("OWNER_CHANGE", eventId, loanNumber, animalNumber, newOwner, at);
        return previousOwner == null ? e : e.with(EventFields.PREVIOUS_OWNER, previousOwner);
    }

    /** Sets a field (a String, Boolean, Integer/Long, or a List of {@link Line}); null removes it. */
    public LivestockEvent with(String field, Object value) {
        if (value == null) {
            fields.remove(field);
        } else {
            fields.put(field, value);
        }
        return this;
    }

    public LivestockEvent without(String field) {
        fields.remove(field);
        return this;
    }

    public Object get(String field) {
        return fields.get(field);
    }

    public String text(String field) {
        Object v = fields.get(field);
        return v == null ? null : v.toString();
    }

    public LivestockEvent copy() {
        LivestockEvent c = new LivestockEvent();
        c.fields.putAll(fields);
        return c;
    }

    public Map<String, Object> fields() {
        return java.util.Collections.unmodifiableMap(fields);
    }

    /** The record as one line of JSON. */
    public String json() {
        StringJoiner j = new StringJoiner(",", "{", "}");
        for (Map.Entry<String, Object> e : fields.entrySet()) {
            j.add(quote(e.getKey()) + ":" + jsonValue(e.getValue()));
        }
        return j.toString();
    }

    /** The record as a CSV row of these columns (agreement as {@code species:heads:price} entries, blank-separated). */
    public String csvRow(List<String> columns, char delimiter) {
        StringJoiner j = new StringJoiner(String.valueOf(delimiter));
        for (String c : columns) {
            Object v = fields.get(c);
            j.add(v == null ? "" : csvCell(csvValue(v), delimiter));
        }
        return j.toString();
    }

    /** JSON lines of these records. */
    public static String jsonLines(List<LivestockEvent> events) {
        StringBuilder b = new StringBuilder();
        for (LivestockEvent e : events) {
            b.append(e.json()).append('\n');
        }
        return b.toString();
    }

    /** A CSV file of these records: a header row of {@link EventFields#CSV_COLUMNS}, CRLF line ends as spreadsheets write. */
    public static String csv(List<LivestockEvent> events, char delimiter) {
        return csv(events, EventFields.CSV_COLUMNS, delimiter);
    }

    public static String csv(List<LivestockEvent> events, List<String> columns, char delimiter) {
        StringBuilder b = new StringBuilder(String.join(String.valueOf(delimiter), columns)).append("\r\n");
        for (LivestockEvent e : events) {
            b.append(e.csvRow(columns, delimiter)).append("\r\n");
        }
        return b.toString();
    }

    private static String csvValue(Object v) {
        if (v instanceof List<?> lines) {
            List<String> entries = new ArrayList<>();
            for (Object o : lines) {
                Line l = (Line) o;
                entries.add(l.species() + ":" + l.heads() + ":" + l.pricePerHead());
            }
            return String.join(" ", entries);
        }
        return v.toString();
    }

    private static String csvCell(String v, char delimiter) {
        boolean quote = v.indexOf(delimiter) >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0
                || (!v.isEmpty() && (v.charAt(0) == ' ' || v.charAt(v.length() - 1) == ' '));
        return quote ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }

    private static String jsonValue(Object v) {
        if (v instanceof String s) {
            return quote(s);
        }
        if (v instanceof List<?> lines) {
            StringJoiner j = new StringJoiner(",", "[", "]");
            for (Object o : lines) {
                Line l = (Line) o;
                j.add("{\"species\":" + (l.species() == null ? "null" : quote(l.species())) + ",\"heads\":"
                        + (l.heads() instanceof String s ? quote(s) : String.valueOf(l.heads())) + ",\"pricePerHead\":"
                        + (l.pricePerHead() == null ? "null" : quote(l.pricePerHead())) + "}");
            }
            return j.toString();
        }
        return String.valueOf(v); // booleans, numbers
    }

    static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    @Override
    public String toString() {
        return json();
    }
}
