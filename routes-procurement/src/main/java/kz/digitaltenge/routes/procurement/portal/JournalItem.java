package kz.digitaltenge.routes.procurement.portal;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.Locale;

/**
 * One item of the portal's change list ({@code /v3/journal}): {@code object_id}, {@code action} ({@code U} created or
 * changed, {@code D} deleted), {@code date_action}, {@code service_name}, {@code url}; {@code node} is the item as the
 * portal wrote it (a deletion's message).
 */
record JournalItem(JsonNode node, String objectId, String action, String dateAction, LocalDateTime at, String service,
                   String url) {
    /** The order items are handled in: by {@code date_action}, then {@code object_id} (numbers as numbers). */
    static final Comparator<JournalItem> ORDER = Comparator.comparing(JournalItem::at)
            .thenComparing(JournalItem::objectId, JournalItem::compareIds)
            .thenComparing(JournalItem::service)
            .thenComparing(JournalItem::action);

    /** The services whose records this source reads, by the names the journal may give them. */
    enum Kind {
        CONTRACT, ACT, TREASURY_PAY, OTHER;

        static Kind of(String service) {
            return switch (service.toLowerCase(Locale.ROOT)) {
                case "contract", "contracts" -> CONTRACT;
                case "acts", "act" -> ACT;
                case "treasury-pay", "treasury_pay", "treasurypay" -> TREASURY_PAY;
                default -> OTHER;
            };
        }
    }

    /**
     * @throws PortalUnavailable when the item has no readable {@code date_action}: without it, it has no place in the
     *                           order, and skipping it could miss a change
     */
    static JournalItem of(JsonNode node) {
        String dateAction = PortalJson.text(node, "date_action");
        String objectId = PortalJson.text(node, "object_id");
        LocalDateTime at;
        try {
            at = PortalTime.parseLocal(dateAction);
        } catch (IllegalArgumentException e) {
            at = null;
        }
        if (at == null) {
            throw new PortalUnavailable("the portal's journal has an item (object_id " + objectId + ") whose date_action '"
                    + (dateAction == null ? "" : PortalPaths.shortened(dateAction)) + "' is no timestamp");
        }
        String action = PortalJson.text(node, "action");
        String service = PortalJson.text(node, "service_name");
        return new JournalItem(node, objectId == null ? "" : objectId, action == null ? "" : action.toUpperCase(Locale.ROOT),
                dateAction, at, service == null ? "" : service, PortalJson.text(node, "url"));
    }

    Kind kind() {
        return Kind.of(service);
    }

    /** Identifies the item among those of its second in a checkpoint: {@code service/object_id/action}, encoded. */
    String key() {
        return encode(service) + "/" + encode(objectId) + "/" + encode(action);
    }

    /** Keeps a key free of the checkpoint's separators ({@code / , |}) and readable for plain ids. */
    private static String encode(String part) {
        StringBuilder out = new StringBuilder();
        for (byte b : part.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
                    || c == '.' || c == '~') {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    private static int compareIds(String a, String b) {
        if (a.matches("\\d{1,30}") && b.matches("\\d{1,30}")) {
            String x = a.replaceFirst("^0+(?=.)", "");
            String y = b.replaceFirst("^0+(?=.)", "");
            return x.length() != y.length() ? Integer.compare(x.length(), y.length()) : x.compareTo(y);
        }
        return a.compareTo(b);
    }
}
