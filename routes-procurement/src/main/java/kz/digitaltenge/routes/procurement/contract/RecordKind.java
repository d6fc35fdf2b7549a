package kz.digitaltenge.routes.procurement.contract;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/**
 * What a portal record is, by its fields: a contract ({@code contract_number_sys}), an act of completed work
 * ({@code number_act}), a Treasury registration or payment ({@code nom_za}, {@code nom_uved}, {@code dt_reg} or
 * {@code po_header_id}), an item of the change journal ({@code action} with {@code object_id}: D a deletion, U a
 * change). Checked in that order; a record with none of them is not the portal's.
 */
enum RecordKind {
    CONTRACT("contract"),
    ACT("act"),
    TREASURY("treasury"),
    JOURNAL_DELETION("journal"),
    JOURNAL_CHANGE("journal"),
    UNKNOWN("record");

    private final String label;

    RecordKind(String label) {
        this.label = label;
    }

    /** The word for it in labels and message ids. */
    String label() {
        return label;
    }

    static RecordKind of(JsonNode record) {
        if (!record.isObject()) {
            return UNKNOWN;
        }
        if (record.has("contract_number_sys")) {
            return CONTRACT;
        }
        if (record.has("number_act")) {
            return ACT;
        }
        if (record.has("nom_za") || record.has("nom_uved") || record.has("dt_reg") || record.has("po_header_id")) {
            return TREASURY;
        }
        JsonNode action = record.get("action");
        if (action != null && action.isTextual() && record.has("object_id")) {
            return "D".equalsIgnoreCase(action.textValue().strip()) ? JOURNAL_DELETION : JOURNAL_CHANGE;
        }
        return UNKNOWN;
    }

    /** The kinds an import path takes ({@code contracts} also takes the journal's deletions of contracts). */
    static Set<RecordKind> takenBy(String importPath) {
        return switch (importPath) {
            case "contracts" -> Set.of(CONTRACT, JOURNAL_DELETION, JOURNAL_CHANGE);
            case "acts" -> Set.of(ACT);
            case "treasury-pay" -> Set.of(TREASURY);
            default -> null;
        };
    }
}
