package kz.digitaltenge.routes.procurement.portal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The portal's reference list of contract statuses ({@code /v3/refs/ref_contract_status}), loaded at start so that no
 * status name is written into the hub: the documentation confirms only 190 "Действует", and the live list has changed
 * before. Read leniently: an envelope followed through {@code next_page} or a bare array; every field but {@code id}
 * optional; an item without a numeric id is left out; the first item of an id wins.
 */
public final class ContractStatusReference {
    public static final String PATH = "/v3/refs/ref_contract_status";

    /**
     * A status's names.
     *
     * @param code the item's {@code code}, or its {@code name_en} when it has none (the sample's 190 {@code Valid})
     */
    public record StatusName(String nameRu, String nameKz, String code) {
    }

    private static final ContractStatusReference EMPTY = new ContractStatusReference(Map.of());

    private final Map<Integer, StatusName> names;

    private ContractStatusReference(Map<Integer, StatusName> names) {
        this.names = names;
    }

    /**
     * The list as the portal gives it now; empty when the portal has no such list (404), so contracts still flow and
     * the statuses show as their numbers.
     *
     * @throws PortalFailure when the portal cannot be read
     */
    public static ContractStatusReference load(PortalClient client) {
        return PortalList.readAll(client, PATH, false).map(list -> of(list.items())).orElse(EMPTY);
    }

    static ContractStatusReference of(List<JsonNode> items) {
        Map<Integer, StatusName> names = new TreeMap<>();
        for (JsonNode item : items) {
            Integer id = id(item);
            if (id != null) {
                String code = PortalJson.text(item, "code");
                names.putIfAbsent(id, new StatusName(PortalJson.text(item, "name_ru"), PortalJson.text(item, "name_kz"),
                        code != null ? code : PortalJson.text(item, "name_en")));
            }
        }
        return new ContractStatusReference(Collections.unmodifiableMap(names));
    }

    /** Every status by its id, in id order; unmodifiable. */
    public Map<Integer, StatusName> names() {
        return names;
    }

    public Optional<StatusName> name(int id) {
        return Optional.ofNullable(names.get(id));
    }

    public int size() {
        return names.size();
    }

    private static Integer id(JsonNode item) {
        String text = PortalJson.text(item, "id");
        if (text == null || !text.matches("-?\\d{1,9}")) {
            return null;
        }
        return Integer.valueOf(text);
    }
}
