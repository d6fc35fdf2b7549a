package kz.digitaltenge.hub.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kz.digitaltenge.canonical.LedgerException;
import kz.digitaltenge.canonical.ReasonCode;
import kz.digitaltenge.canonical.text.Text;
import kz.digitaltenge.hub.oracle.OracleSigner;
import kz.digitaltenge.hub.programmable.EventRelease;
import kz.digitaltenge.ledger.Ledger;
import kz.digitaltenge.ledger.fact.Fact;
import kz.digitaltenge.ledger.fact.FactId;
import kz.digitaltenge.ledger.fact.FactType;
import kz.digitaltenge.ledger.fact.SignedFact;
import kz.digitaltenge.ledger.tx.CommittedTransaction;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Many holds in one call (a programme closing 287 holds should not need 287 calls): releases for registered
 * occurrences, or voids — the whole of each hold back to its sender now, on the oracle's own occurrence "voided by
 * &lt;user&gt;: &lt;reason&gt;" under the caller's request id, so the same request again changes nothing. Each hold on its
 * own: one failing never stops the others, and the answer says what happened to each.
 */
@RestController
@Tag(name = "programmable", description = "programmable money: marking, holds, transaction trees")
@RequestMapping(path = "/api/programmable/holds", produces = MediaType.APPLICATION_JSON_VALUE)
public class HoldBulkController {
    /** Most holds one call takes. */
    static final int MAX_ITEMS = 1000;

    private final EventRelease release;
    private final Ledger ledger;
    private final OracleSigner oracle;

    public HoldBulkController(EventRelease release, Ledger ledger, OracleSigner oracle) {
        this.release = release;
        this.ledger = ledger;
        this.oracle = oracle;
    }

    @Schema(description = "releases: {events: [{eventId, occurrenceFactId}]}; voids: {requestId, reason, events: [{eventId}]}")
    public record BulkRequest(String requestId, String reason, List<Item> events) {
    }

    public record Item(String eventId, String occurrenceFactId) {
    }

    public record ItemResult(String eventId, String status, String transactionId, String amount, String reason, String message) {
    }

    public record BulkAnswer(int done, int failed, List<ItemResult> events) {
    }

    @Operation(summary = "Release many holds, each for its registered occurrence (EVENT_OCCURRED with an amount), under the"
            + " oracle's own approval; each once, whatever is asked again")
    @PostMapping(path = "/releases", consumes = MediaType.APPLICATION_JSON_VALUE)
    public BulkAnswer releases(@RequestBody BulkRequest request) {
        List<ItemResult> out = new ArrayList<>();
        for (Item item : items(request)) {
            try {
                if (item.occurrenceFactId() == null) {
                    throw new LedgerException(ReasonCode.MALFORMED, "a release names its occurrenceFactId");
                }
                CommittedTransaction tx = release.release(item.eventId(), FactId.parse(item.occurrenceFactId()), List.of());
                out.add(new ItemResult(item.eventId(), "RELEASED", tx.id().hex(), null, null, null));
            } catch (LedgerException e) {
                out.add(new ItemResult(item.eventId(), "FAILED", null, null, e.reason().name(), e.getMessage()));
            }
        }
        return answer(out);
    }

    @Operation(summary = "Void many holds now: what is held for each event goes back to its sender, on the oracle's own"
            + " occurrence 'voided by <user>: <reason>' under requestId (the same request again changes nothing)")
    @PostMapping(path = "/voids", consumes = MediaType.APPLICATION_JSON_VALUE)
    public BulkAnswer voids(@RequestBody BulkRequest request, Authentication caller) {
        if (request == null || request.requestId() == null || request.requestId().isBlank()) {
            throw new LedgerException(ReasonCode.MALFORMED, "a void names its requestId (the same request again changes nothing)");
        }
        Text.require(Text.Field.TERM_VALUE, request.requestId());
        if (request.reason() == null || request.reason().isBlank()) {
            throw new LedgerException(ReasonCode.MALFORMED, "a void states its reason, in words");
        }
        Text.require(Text.Field.TERM_VALUE, request.reason());
        List<ItemResult> out = new ArrayList<>();
        for (Item item : items(request)) {
            try {
                FactId occurrence = voidOccurrence(item.eventId(), request.requestId(), request.reason(), caller.getName());
                long returned = release.voidHold(item.eventId(), occurrence);
                out.add(new ItemResult(item.eventId(), "VOIDED", null, kz.digitaltenge.canonical.money.Tiyn.format(returned), null, null));
            } catch (LedgerException e) {
                out.add(new ItemResult(item.eventId(), "FAILED", null, null, e.reason().name(), e.getMessage()));
            }
        }
        return answer(out);
    }

    /** The oracle's occurrence of the void: the one this request made before, or a new one. */
    private FactId voidOccurrence(String eventId, String requestId, String reason, String who) {
        release.event(eventId);
        String occurrence = "void:" + requestId;
        for (SignedFact f : ledger.queries().factsAbout(FactType.EVENT_OCCURRED, eventId)) {
            if (occurrence.equals(f.fact().optional("occurrence"))) {
                return f.id();
            }
        }
        Map<String, String> terms = new LinkedHashMap<>();
        terms.put("occurrence", occurrence);
        terms.put("reason", reason);
        terms.put("voidedBy", who);
        SignedFact f = oracle.sign(Fact.of(FactType.EVENT_OCCURRED, eventId, terms, Instant.now().truncatedTo(ChronoUnit.MILLIS)));
        ledger.facts().register(f);
        return f.id();
    }

    private static List<Item> items(BulkRequest request) {
        if (request == null || request.events() == null || request.events().isEmpty()) {
            throw new LedgerException(ReasonCode.MALFORMED, "name the events: {events: [{eventId, ...}]}");
        }
        if (request.events().size() > MAX_ITEMS) {
            throw new LedgerException(ReasonCode.OVER_LIMIT, "at most " + MAX_ITEMS + " holds per call, not " + request.events().size());
        }
        for (Item i : request.events()) {
            if (i == null || i.eventId() == null || i.eventId().isBlank()) {
                throw new LedgerException(ReasonCode.MALFORMED, "every item names its eventId");
            }
        }
        return request.events();
    }

    private static BulkAnswer answer(List<ItemResult> out) {
        int failed = (int) out.stream().filter(r -> "FAILED".equals(r.status())).count();
        return new BulkAnswer(out.size() - failed, failed, out);
    }
}
