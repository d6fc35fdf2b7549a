package kz.digitaltenge.routes.procurement.portal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One answer of a list: the envelope {@code {total, limit, next_page, items[]}} or a bare array (the treasury sample
 * has no envelope). {@code nextPage} is null on the last page ({@code ""}, null or missing).
 */
record PortalList(List<JsonNode> items, String nextPage, long total) {
    /** Most pages one list is followed through, so a portal that names pages forever cannot hold a poll. */
    static final int MAX_PAGES = 2_000;

    PortalList {
        items = List.copyOf(items);
    }

    /**
     * @param recordAllowed whether an object without {@code items} counts as a list of that one record
     * @throws PortalUnavailable when the answer is no list
     */
    static PortalList of(JsonNode answer, String request, boolean recordAllowed) {
        if (answer.isArray()) {
            return new PortalList(elements(answer), null, -1);
        }
        if (answer.isObject() && answer.has("items")) {
            JsonNode items = answer.get("items");
            if (!items.isArray() && !items.isNull()) {
                throw new PortalUnavailable("the portal answered " + request + " with 'items' that is no array");
            }
            String next = PortalJson.text(answer, "next_page");
            long total = answer.path("total").canConvertToLong() ? answer.path("total").asLong() : -1;
            return new PortalList(items.isNull() ? List.of() : elements(items), next, total);
        }
        if (recordAllowed && answer.isObject()) {
            return new PortalList(List.of(answer), null, 1);
        }
        throw new PortalUnavailable("the portal answered " + request + " with no list (neither {total, limit, next_page,"
                + " items} nor an array)");
    }

    /**
     * Every item of a list, following {@code next_page} to the end, with the {@code total} its first page stated; empty
     * when its first page is missing (404).
     */
    static Optional<PortalList> readAll(PortalClient client, String path, boolean recordAllowed) {
        List<JsonNode> all = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String page = client.pathOf(path);
        long total = -1;
        for (int n = 0; page != null; n++) {
            if (n >= MAX_PAGES || !seen.add(page)) {
                throw new PortalUnavailable("the portal's pages of " + path + " do not end (" + (n >= MAX_PAGES
                        ? "more than " + MAX_PAGES + " pages" : "next_page names " + page + " again") + ")");
            }
            Optional<JsonNode> answer = client.get(page);
            if (answer.isEmpty()) {
                if (n == 0) {
                    return Optional.empty();
                }
                throw new PortalUnavailable("the portal's next page " + page + " of " + path + " is missing (404)", 404, null);
            }
            PortalList list = of(answer.get(), "GET " + page, recordAllowed);
            all.addAll(list.items());
            total = n == 0 ? list.total() : total;
            page = list.nextPage() == null ? null : client.pathOf(list.nextPage());
        }
        return Optional.of(new PortalList(all, null, total));
    }

    private static List<JsonNode> elements(JsonNode array) {
        List<JsonNode> out = new ArrayList<>(array.size());
        array.forEach(out::add);
        return out;
    }
}
