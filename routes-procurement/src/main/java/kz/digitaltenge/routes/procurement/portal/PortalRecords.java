package kz.digitaltenge.routes.procurement.portal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Records as messages. A contract's message is its full record with two arrays added: {@value #UNITS} (the items of
 * {@code /v3/contract/{id}/units}) and {@value #TREASURY} (of {@code /v3/treasury-pay/{id}}, an envelope or a bare
 * array); a list that is missing (404) is an empty array. Nothing else is changed: a record with missing or odd fields
 * goes on as the portal wrote it, and the translator judges it.
 */
final class PortalRecords {
    static final String UNITS = "ContractUnits";
    static final String TREASURY = "TreasuryPay";

    private final PortalClient client;

    PortalRecords(PortalClient client) {
        this.client = client;
    }

    /**
     * @param fetchedFrom the path the record came from when it is the answer for one record, null for a list's item
     */
    JsonNode contract(JsonNode record, String fetchedFrom) {
        if (!record.isObject()) {
            return record;
        }
        String id = PortalJson.text(record, "id");
        ObjectNode full = (ObjectNode) record;
        if (id != null && isShort(record)) {
            String own = client.pathOf("/v3/contract/" + segment(id));
            if (!own.equals(fetchedFrom == null ? null : client.pathOf(fetchedFrom))) {
                // the short lists lack sign_date, fin_year, ec_end_date: the full record has them
                Optional<JsonNode> answer = client.get(own);
                if (answer.isPresent() && answer.get().isObject()) {
                    full = (ObjectNode) answer.get();
                }
            }
        }
        ObjectNode message = full.deepCopy();
        message.set(UNITS, id == null ? message.arrayNode() : list("/v3/contract/" + segment(id) + "/units"));
        message.set(TREASURY, id == null ? message.arrayNode() : list("/v3/treasury-pay/" + segment(id)));
        return message;
    }

    /** The records of an answer that may be one record or a list of them (a treasury answer is a list). */
    static List<JsonNode> records(JsonNode answer, String request) {
        return PortalList.of(answer, request, true).items();
    }

    static boolean isShort(JsonNode record) {
        return !record.has("sign_date") || !record.has("fin_year");
    }

    static String segment(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private ArrayNode list(String path) {
        ArrayNode array = PortalJson.MAPPER.createArrayNode();
        PortalList.readAll(client, path, true).ifPresent(list -> array.addAll(list.items()));
        return array;
    }
}
