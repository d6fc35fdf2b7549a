package kz.digitaltenge.hub.programmable;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/programmable/events/{id}/history}: an event's history with who made each entry ({@link EventHistory}).
 * Read by every role, as the event itself ({@code GET /api/programmable/events/{id}}); a caller narrowed to a party is
 * refused, as there.
 */
@RestController
@RequestMapping(path = "/api/programmable", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "programmable money")
public class EventHistoryController {
    private final EventHistory history;

    public EventHistoryController(EventHistory history) {
        this.history = history;
    }

    @Schema(description = "the event's history, oldest first: each occurrence with who made it (SOURCE: as the source sent"
            + " it, with the hub's decision; ORACLE: the oracle's own, of a source's fact or a void; SIGNED: registered under"
            + " another key), the approvals naming it and whether it released")
    public record HistoryJson(String eventId, List<EventHistory.Entry> entries) {
    }

    @Operation(summary = "An event's history: which occurrence a source sent (and what the hub decided about it) and which"
            + " the oracle made, with the approvals and releases")
    @GetMapping("/events/{id}/history")
    public HistoryJson history(@PathVariable("id") String id) {
        return new HistoryJson(id, history.of(id));
    }
}
