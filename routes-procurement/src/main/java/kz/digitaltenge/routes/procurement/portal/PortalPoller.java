package kz.digitaltenge.routes.procurement.portal;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import kz.digitaltenge.canonical.source.SourcePoller;
import kz.digitaltenge.routes.procurement.portal.PortalCheckpoint.Journal;
import kz.digitaltenge.routes.procurement.portal.PortalCheckpoint.Load;
import kz.digitaltenge.routes.procurement.portal.PortalCheckpoint.Phase;

/**
 * Reads the procurement portal for the hub's poll: one page of messages per {@link #poll}, and the checkpoint after it.
 *
 * <p><b>Messages.</b> Each is the UTF-8 JSON of one portal record object as the API returned it (decimals exact),
 * except that a contract gets two arrays added, {@code "ContractUnits"} (the items of {@code /v3/contract/{id}/units})
 * and {@code "TreasuryPay"} (of {@code /v3/treasury-pay/{id}}; empty on 404). Acts and treasury payments are messages
 * of their own. A journal deletion ({@code action} {@code D}) is the journal item itself
 * ({@code {"object_id","action":"D","date_action","service_name","service_title","url"}}).
 *
 * <p><b>Phases and checkpoints</b> (null = the very start):
 * <ol>
 *   <li>{@code contracts:<started>|<page>|<done>}, e.g. {@code contracts:2026-11-30|/v3/contract/all?page=next&search_after=4996100|0}:
 *       the initial load of {@code /v3/contract/all} (full records; a short one, without {@code sign_date} or
 *       {@code fin_year}, is read again by id), following {@code next_page} until it is empty; {@code <done>} records
 *       of the page are already handed over (a portal page larger than one poll page is split);</li>
 *   <li>{@code acts:<started>|<page>|<done>}: the same for {@code /v3/acts};</li>
 *   <li>{@code journal:<date_from>|<date_action>|<keys>}, e.g.
 *       {@code journal:2026-11-30|2026-11-30 14:02:11|contract/4996100/U,acts/1-4909/D}: from then on, the changes of
 *       {@code /v3/journal?date_from=<date_from>}, handled in ({@code date_action}, {@code object_id}) order; every item
 *       up to {@code <date_action>} is handled, and of the items of that very second the ones whose
 *       {@code service/object_id/action} is listed (the portal may add to a second later: a count could skip one).
 *       The first {@code <date_from>} is {@code <started>}, the day the initial load began, so nothing changed during a
 *       long load is missed. {@code journal:2026-11-30||} is the journal before its first item.</li>
 * </ol>
 * {@code <started>} is the Almaty date {@value #START_MARGIN_MINUTES} minutes before the first poll, a margin for the
 * hub's clock against the portal's. Journal items: {@code U} of service {@code contract}/{@code contracts},
 * {@code acts}/{@code act}, {@code treasury-pay}/{@code treasury_pay}/{@code treasurypay} read the item's {@code url} (or
 * {@code /v3/<service>/<object_id>} when it is empty) and give its records (a record gone by then is counted, its
 * deletion follows); {@code D} of those services gives the item; other services (subjects, RNU, …) are skipped and
 * counted in the health.
 *
 * <p><b>Pages.</b> At most {@code pageMessages} (default {@value #DEFAULT_PAGE_MESSAGES}) messages, a treasury list
 * of one journal item excepted; {@code more} while the initial load has pages left or the journal read has items
 * left. Nothing new in the journal: the same checkpoint and {@code more} false. A page read again (the hub crashed
 * before storing its checkpoint) gives the same records again, which the hub deduplicates.
 *
 * <p><b>Failures.</b> A {@link PortalFailure} (or an unreadable checkpoint) is recorded in the {@link PortalHealth} and
 * thrown; the hub keeps its checkpoint. A poll that succeeds marks the portal UP; either way the health shows where
 * the poll stands ({@link #health()}, for the hub's health page). The contract status list is loaded on the first poll
 * ({@link #statuses()}). Polls are serialized.
 */
public final class PortalPoller implements SourcePoller {
    public static final int DEFAULT_PAGE_MESSAGES = 50;
    static final long START_MARGIN_MINUTES = 15;

    private final PortalClient client;
    private final PortalHealth health;
    private final PortalClock clock;
    private final PortalRecords records;
    private final int pageMessages;
    private volatile ContractStatusReference statuses;
    /** The journal as last read, while its items are handed over page by page (never across a restart). */
    private JournalRead lastJournal;

    private record JournalRead(String checkpoint, LocalDate from, List<JournalItem> items) {
    }

    public PortalPoller(PortalClient client) {
        this(client, DEFAULT_PAGE_MESSAGES);
    }

    public PortalPoller(PortalClient client, int pageMessages) {
        if (pageMessages < 1) {
            throw new IllegalArgumentException("a page holds at least one message, not " + pageMessages);
        }
        this.client = Objects.requireNonNull(client, "client");
        this.health = client.health();
        this.clock = client.clock();
        this.records = new PortalRecords(client);
        this.pageMessages = pageMessages;
    }

    /** The portal's contract statuses, once a poll has loaded them. */
    public Optional<ContractStatusReference> statuses() {
        return Optional.ofNullable(statuses);
    }

    /** The portal's state for the hub's health page ({@link PortalHealth#details()}): never the token. */
    @Override
    public Map<String, Object> health() {
        return health.details();
    }

    public PortalHealth portalHealth() {
        return health;
    }

    @Override
    public synchronized Page poll(String checkpoint) {
        try {
            PortalCheckpoint at = checkpoint == null ? start() : PortalCheckpoint.parse(checkpoint);
            if (statuses == null) {
                ContractStatusReference loaded = ContractStatusReference.load(client);
                health.contractStatuses(loaded.size());
                statuses = loaded;
            }
            Page page = at instanceof Load load ? load(load) : journal((Journal) at, checkpoint);
            health.succeeded(clock.now(), page.nextCheckpoint());
            return page;
        } catch (PortalFailure e) {
            health.failed(clock.now(), e.getMessage(), e instanceof PortalUnauthorized, checkpoint);
            throw e;
        } catch (RuntimeException e) {
            health.failed(clock.now(), "the poll failed: " + e.getMessage(), false, checkpoint);
            throw e;
        }
    }

    private Load start() {
        LocalDate started = clock.now().minus(Duration.ofMinutes(START_MARGIN_MINUTES)).atZone(PortalTime.ZONE).toLocalDate();
        return PortalCheckpoint.start(started);
    }

    /** One page of the initial load. */
    private Page load(Load at) {
        JsonNode answer = client.get(at.page()).orElseThrow(() -> new PortalUnavailable("the portal has no page "
                + at.page() + " of the initial load of " + at.phase().firstPage + " (404)", 404, null));
        PortalList list = PortalList.of(answer, "GET " + at.page(), false);
        int from = Math.min(at.done(), list.items().size());
        int to = Math.min(from + pageMessages, list.items().size());
        List<byte[]> messages = new ArrayList<>();
        for (JsonNode item : list.items().subList(from, to)) {
            messages.add(PortalJson.bytes(at.phase() == Phase.CONTRACTS ? records.contract(item, null) : item));
        }
        PortalCheckpoint next;
        if (to < list.items().size()) {
            next = new Load(at.phase(), at.started(), at.page(), to);
        } else if (list.nextPage() != null) {
            String page = client.pathOf(list.nextPage());
            if (page.equals(at.page())) {
                throw new PortalUnavailable("the portal's next_page of " + at.page() + " is that page again; the load"
                        + " would never end");
            }
            next = new Load(at.phase(), at.started(), page, 0);
        } else if (at.phase() == Phase.CONTRACTS) {
            next = new Load(Phase.ACTS, at.started(), Phase.ACTS.firstPage, 0);
        } else {
            next = new Journal(at.started(), "", List.of());
        }
        return new Page(messages, next.format(), true);
    }

    /** One page of the journal's changes after the checkpoint. */
    private Page journal(Journal at, String given) {
        JournalRead read = lastJournal != null && lastJournal.checkpoint().equals(given) && lastJournal.from().equals(at.from())
                ? lastJournal : new JournalRead(given, at.from(), PortalJournal.read(client, at.from(), health));
        lastJournal = null;
        LocalDateTime lastAt = at.lastAction().isEmpty() ? null : PortalTime.parseLocal(at.lastAction());
        Set<String> handled = new LinkedHashSet<>(at.handled());
        List<JournalItem> fresh = read.items().stream().filter(i -> isNew(i, lastAt, handled)).toList();
        if (fresh.isEmpty()) {
            return new Page(List.of(), given, false);
        }
        List<byte[]> messages = new ArrayList<>();
        String lastText = at.lastAction();
        LocalDateTime last = lastAt;
        int i = 0;
        for (; i < fresh.size() && messages.size() < pageMessages; i++) {
            JournalItem item = fresh.get(i);
            if (!item.at().equals(last)) {
                last = item.at();
                lastText = item.dateAction();
                handled.clear();
            }
            if (handled.add(item.key())) {
                messages.addAll(messagesOf(item));
            }
        }
        LocalDate from = last.toLocalDate().isAfter(at.from()) ? last.toLocalDate() : at.from();
        String next = new Journal(from, lastText, List.copyOf(handled)).format();
        boolean more = i < fresh.size();
        if (more) {
            lastJournal = new JournalRead(next, from, read.items());
        }
        return new Page(messages, next, more);
    }

    private static boolean isNew(JournalItem item, LocalDateTime lastAt, Set<String> handled) {
        if (lastAt == null) {
            return true;
        }
        int order = item.at().compareTo(lastAt);
        return order > 0 || order == 0 && !handled.contains(item.key());
    }

    /** The messages one journal item gives: its records, the item itself for a deletion, none for other services. */
    private List<byte[]> messagesOf(JournalItem item) {
        JournalItem.Kind kind = item.kind();
        if (kind == JournalItem.Kind.OTHER || !(item.action().equals("U") || item.action().equals("D"))) {
            health.journalItemsSkipped(1);
            return List.of();
        }
        if (item.action().equals("D")) {
            return List.of(PortalJson.bytes(item.node()));
        }
        String path = item.url() != null ? item.url() : derivedPath(kind, item.objectId());
        if (path == null) {
            health.journalItemsSkipped(1);
            return List.of();
        }
        Optional<JsonNode> answer = client.get(path);
        if (answer.isEmpty()) {
            health.recordsMissing(1);
            return List.of();
        }
        List<byte[]> out = new ArrayList<>();
        for (JsonNode record : PortalRecords.records(answer.get(), "GET " + client.pathOf(path))) {
            out.add(PortalJson.bytes(kind == JournalItem.Kind.CONTRACT ? records.contract(record, path) : record));
        }
        return out;
    }

    /** Where a record lives when the journal item gives no {@code url}. */
    private static String derivedPath(JournalItem.Kind kind, String objectId) {
        if (objectId.isEmpty()) {
            return null;
        }
        String id = PortalRecords.segment(objectId);
        return switch (kind) {
            case CONTRACT -> "/v3/contract/" + id;
            case ACT -> "/v3/acts/" + id;
            case TREASURY_PAY -> "/v3/treasury-pay/" + id;
            case OTHER -> null;
        };
    }
}
