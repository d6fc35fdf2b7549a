package kz.digitaltenge.hub.pipeline;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import kz.digitaltenge.canonical.LedgerException;
import kz.digitaltenge.canonical.ReasonCode;
import kz.digitaltenge.canonical.source.SourcePoller;
import kz.digitaltenge.hub.security.Sender;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduled poll of the sources that declare one ({@code transports().poll()} and a {@link SourcePoller}): on each
 * tick, pages of what is new since the durable checkpoint ({@code source_checkpoints}) go one message at a time through
 * the same {@code direct:intake} routes, spoken with the source's declared role; the checkpoint advances only after a
 * whole page is durably facts, duplicates or quarantine entries. A crash in between reads the page again, and its
 * messages are duplicates then: nothing is missed, nothing is repeated. A source that cannot be reached is logged and
 * polled again at the next tick; it never blocks the hub.
 */
public final class PollIntakeRoutes extends RouteBuilder {
    private static final Logger LOG = LoggerFactory.getLogger(PollIntakeRoutes.class);
    /** Most pages one tick reads, so a source with a long backlog never holds a tick for long. */
    static final int MAX_PAGES_PER_TICK = 50;

    private final SourceSystems sources;
    private final DataSource db;
    private volatile ProducerTemplate producer;
    /** Each polled source's last outcome, for health: a source that cannot be reached shows here, it never stops the hub. */
    private final Map<String, PollState> states = new java.util.concurrent.ConcurrentHashMap<>();

    /** The last poll of a source: when it last succeeded and failed, why, and where its checkpoint stands. */
    public record PollState(java.time.Instant lastSuccess, java.time.Instant lastFailure, String failure, String checkpoint) {
        PollState succeeded(String at) {
            return new PollState(java.time.Instant.now(), lastFailure, failure, at);
        }

        PollState failed(String why, String at) {
            return new PollState(lastSuccess, java.time.Instant.now(), why, at);
        }

        /** UP when the last poll succeeded, DOWN when it failed, UNKNOWN before the first. */
        public String state() {
            if (lastFailure == null) {
                return lastSuccess == null ? "UNKNOWN" : "UP";
            }
            return lastSuccess != null && lastSuccess.isAfter(lastFailure) ? "UP" : "DOWN";
        }
    }

    public PollIntakeRoutes(SourceSystems sources, DataSource db) {
        this.sources = sources;
        this.db = db;
    }

    @Override
    public void configure() {
        for (SourceSystems.Declared source : sources.all()) {
            if (source.system().transports().poll() == null || source.system().poller() == null) {
                continue;
            }
            long every = Math.max(1, source.system().transports().poll().toMillis());
            from("timer:poll-" + source.id() + "?period=" + every + "&delay=" + every)
                    .routeId("poll-intake-" + source.id())
                    .process(e -> pollOnce(source.id()));
        }
    }

    /** One tick for a source: the messages it handed to the intake. Serialized per hub, so pages are read in order. */
    public synchronized int pollOnce(String sourceId) {
        SourceSystems.Declared source = sources.find(sourceId).orElseThrow();
        SourcePoller poller = source.system().poller();
        String checkpoint = checkpoint(sourceId);
        int handed = 0;
        for (int page = 0; page < MAX_PAGES_PER_TICK; page++) {
            SourcePoller.Page p;
            try {
                p = poller.poll(checkpoint);
            } catch (RuntimeException e) {
                LOG.warn("source {} could not be polled (checkpoint {} kept; next tick tries again): {}", sourceId, checkpoint,
                        e.getMessage());
                String at = checkpoint;
                states.compute(sourceId, (k, v) -> (v == null ? new PollState(null, null, null, null) : v)
                        .failed(String.valueOf(e.getMessage()), at));
                return handed;
            }
            for (byte[] message : p.messages()) {
                Map<String, String> headers = new LinkedHashMap<>();
                headers.put(Sender.HEADER, Sender.poll(sourceId).header());
                headers.put("pollCheckpoint", String.valueOf(checkpoint));
                // an intake that cannot store the message anywhere throws: the checkpoint stays, the page is read again
                producer().requestBody(FactPipelineRoutes.INTAKE, new IntakeState(sourceId, message,
                        KafkaIntakeRoutes.contentType(message), headers, Set.of(source.role().name()), false), IntakeResult.class);
                handed++;
            }
            if (p.nextCheckpoint() != null && !p.nextCheckpoint().equals(checkpoint)) {
                store(sourceId, p.nextCheckpoint());
                checkpoint = p.nextCheckpoint();
            }
            String at = checkpoint;
            states.compute(sourceId, (k, v) -> (v == null ? new PollState(null, null, null, null) : v).succeeded(at));
            if (!p.more()) {
                break;
            }
        }
        return handed;
    }

    /** Each polled source's state and what its poller reports, for the health page. */
    public Map<String, Object> health() {
        Map<String, Object> out = new java.util.TreeMap<>();
        for (SourceSystems.Declared source : sources.all()) {
            if (source.system().transports().poll() == null || source.system().poller() == null) {
                continue;
            }
            PollState st = states.getOrDefault(source.id(), new PollState(null, null, null, null));
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("state", st.state());
            d.put("every", source.system().transports().poll().toString());
            if (st.lastSuccess() != null) {
                d.put("lastSuccess", st.lastSuccess().toString());
            }
            if (st.lastFailure() != null) {
                d.put("lastFailure", st.lastFailure().toString());
                d.put("failure", st.failure());
            }
            d.put("checkpoint", st.checkpoint());
            try {
                d.put("source", source.system().poller().health());
            } catch (RuntimeException e) {
                d.put("source", Map.of("error", String.valueOf(e.getMessage())));
            }
            out.put(source.id(), d);
        }
        return out;
    }

    /** Where the poll of a source stands; null before its first page. */
    public String checkpoint(String sourceId) {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("select checkpoint from source_checkpoints where source_system = ?")) {
            ps.setString(1, sourceId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new LedgerException(ReasonCode.UNAVAILABLE, "source checkpoints unavailable", e);
        }
    }

    private void store(String sourceId, String checkpoint) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("insert into source_checkpoints"
                + "(source_system, checkpoint) values (?, ?) on conflict (source_system) do update set checkpoint = excluded.checkpoint,"
                + " updated_at = clock_timestamp()")) {
            ps.setString(1, sourceId);
            ps.setString(2, checkpoint);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new LedgerException(ReasonCode.UNAVAILABLE, "source checkpoint of " + sourceId + " not stored", e);
        }
    }

    private ProducerTemplate producer() {
        ProducerTemplate p = producer;
        if (p == null) {
            p = getContext().createProducerTemplate();
            producer = p;
        }
        return p;
    }
}
