package kz.digitaltenge.routes.procurement.portal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The portal's change list from a date: {@code GET /v3/journal?date_from=YYYY-MM-DD}, every page of it (its paging is
 * undocumented: a {@code next_page} is followed when there is one), in the order the poller handles it
 * ({@link JournalItem#ORDER}), whatever order the portal gave.
 */
final class PortalJournal {
    private PortalJournal() {
    }

    static String path(LocalDate from) {
        return "/v3/journal?date_from=" + from;
    }

    static List<JournalItem> read(PortalClient client, LocalDate from, PortalHealth health) {
        String path = path(from);
        Optional<PortalList> list = PortalList.readAll(client, path, false);
        if (list.isEmpty()) {
            health.warning("the journal answered 404 for date_from=" + from + "; read as no changes");
            return List.of();
        }
        List<JournalItem> items = new ArrayList<>();
        list.get().items().forEach(node -> items.add(JournalItem.of(node)));
        items.sort(JournalItem.ORDER);
        long total = list.get().total();
        // the paging is undocumented: when the portal says there is more than it gave, the operators must know
        health.warning(total > items.size() ? "the journal for date_from=" + from + " states total " + total
                + " but gave " + items.size() + " items and no next_page; changes beyond them may be missed" : null);
        return items;
    }
}
