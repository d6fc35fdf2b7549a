package kz.digitaltenge.hub.quarantine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import kz.digitaltenge.canonical.LedgerException;
import kz.digitaltenge.canonical.ReasonCode;
import org.flywaydb.core.Flyway;

/**
 * Plain JDBC over the hub's tables {@code quarantine} and {@code audit_log} (migrations in {@code db/hub},
 * history table {@code hub_schema_history}). Every method but {@link #migrate()} and {@link #inTransaction} works on
 * a connection the caller holds inside {@link #inTransaction}, so a change and its audit line commit together.
 * The audit log is only ever inserted into; there is no update or delete of it here (and the database refuses one).
 */
public final class QuarantineStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, String>> HEADERS = new TypeReference<>() {
    };
    static final String COLUMNS = "id, received_at, source_system, source_message_id, route_id, reason_code,"
            + " reason_message, content_type, headers, body, status, retry_of, retried_as, produced_ref,"
            + " resolution_note, attempts, updated_at";

    private final DataSource dataSource;

    public QuarantineStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Migrates the hub's schema. The database already holds the ledger's tables, so the first run baselines the
     * history at version 0 and then applies V1 onwards.
     */
    public void migrate() {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/hub")
                .table("hub_schema_history")
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .baselineDescription("hub schema baseline")
                .load()
                .migrate();
    }

    /** Work inside one database transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /**
     * Runs {@code work} in one transaction: commit when it returns, roll back when it throws. A database failure
     * becomes {@link LedgerException} {@code UNAVAILABLE} (the caller must not assume anything was stored).
     */
    public <T> T inTransaction(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                try {
                    c.rollback();
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback);
                }
                throw e;
            } finally {
                try {
                    c.setAutoCommit(autoCommit);
                } catch (SQLException ignored) {
                    // the pool discards a broken connection
                }
            }
        } catch (SQLException e) {
            throw new LedgerException(ReasonCode.UNAVAILABLE, "quarantine store unavailable: " + e.getMessage(), e);
        }
    }

    // ------------------------------------------------------------------ quarantine

    public long insert(Connection c, QuarantinedMessage m) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into quarantine(source_system, source_message_id,"
                + " route_id, reason_code, reason_message, content_type, headers, body, status, retry_of)"
                + " values (?,?,?,?,?,?,?,?,?,?) returning id")) {
            ps.setString(1, text(m.sourceSystem()));
            ps.setString(2, text(m.sourceMessageId()));
            ps.setString(3, text(m.routeId()));
            ps.setString(4, text(m.reasonCode()));
            ps.setString(5, text(m.reasonMessage()));
            ps.setString(6, text(m.contentType()));
            ps.setString(7, headersJson(m.headers()));
            ps.setBytes(8, m.body());
            ps.setString(9, m.status().name());
            setLong(ps, 10, m.retryOf());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    public Optional<QuarantinedMessage> find(Connection c, long id, boolean forUpdate) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS + " from quarantine where id = ?"
                + (forUpdate ? " for update" : ""))) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(message(rs)) : Optional.empty();
            }
        }
    }

    /** Writes the mutable part of an entry (status, links, note, current reason, attempts); the original is never touched. */
    public void updateState(Connection c, long id, QuarantineStatus status, Long retriedAs, String producedRef,
                            String resolutionNote, String reasonCode, String reasonMessage, int attempts)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update quarantine set status = ?, retried_as = ?,"
                + " produced_ref = ?, resolution_note = ?, reason_code = ?, reason_message = ?, attempts = ?,"
                + " updated_at = clock_timestamp() where id = ?")) {
            ps.setString(1, status.name());
            setLong(ps, 2, retriedAs);
            ps.setString(3, text(producedRef));
            ps.setString(4, text(resolutionNote));
            ps.setString(5, text(reasonCode));
            ps.setString(6, text(reasonMessage));
            ps.setInt(7, attempts);
            ps.setLong(8, id);
            ps.executeUpdate();
        }
    }

    public Page<QuarantinedMessage> list(Connection c, QuarantineFilter f, int page, int size) throws SQLException {
        return QuarantineSearch.page(c, f, page, size);
    }

    /** Ids of the QUARANTINED entries with this reason code, oldest first, at most {@code limit}. */
    public List<Long> quarantinedIds(Connection c, String reasonCode, int limit) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select id from quarantine where status = 'QUARANTINED'"
                + " and reason_code = ? order by id limit ?")) {
            ps.setString(1, reasonCode);
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
        }
        return ids;
    }

    /** One group: entries of a status sharing a key (reason code or source system). */
    public record Group(String key, long count, Instant oldest, Instant newest) {
    }

    /** Count per {@code column} ({@code reason_code} or {@code source_system}) of the entries in {@code status}. */
    public List<Group> groups(Connection c, String column, QuarantineStatus status) throws SQLException {
        if (!column.equals("reason_code") && !column.equals("source_system")) {
            throw new IllegalArgumentException(column);
        }
        List<Group> groups = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select " + column + ", count(*), min(received_at),"
                + " max(received_at) from quarantine where status = ? group by " + column
                + " order by count(*) desc, " + column)) {
            ps.setString(1, status.name());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    groups.add(new Group(rs.getString(1), rs.getLong(2), instant(rs, 3), instant(rs, 4)));
                }
            }
        }
        return groups;
    }

    // ------------------------------------------------------------------ audit log (insert and select only)

    public long appendAudit(Connection c, String actor, String action, String targetType, String targetId,
                            String detail) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into audit_log(actor, action, target_type, target_id,"
                + " detail) values (?,?,?,?,?) returning id")) {
            ps.setString(1, text(actor));
            ps.setString(2, action);
            ps.setString(3, targetType);
            ps.setString(4, text(targetId));
            ps.setString(5, text(detail));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    public Page<AuditEntry> audit(Connection c, AuditFilter f, int page, int size) throws SQLException {
        StringBuilder where = new StringBuilder(" where true");
        List<Object> args = new ArrayList<>();
        if (f.targetType() != null) {
            where.append(" and target_type = ?");
            args.add(f.targetType());
        }
        if (f.targetId() != null) {
            where.append(" and target_id = ?");
            args.add(f.targetId());
        }
        if (f.actor() != null) {
            where.append(" and actor = ?");
            args.add(f.actor());
        }
        if (f.from() != null) {
            where.append(" and at >= ?");
            args.add(time(f.from()));
        }
        if (f.to() != null) {
            where.append(" and at < ?");
            args.add(time(f.to()));
        }
        long total;
        try (PreparedStatement ps = c.prepareStatement("select count(*) from audit_log" + where)) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                total = rs.getLong(1);
            }
        }
        List<AuditEntry> items = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select id, at, actor, action, target_type, target_id, detail"
                + " from audit_log" + where + " order by id limit ? offset ?")) {
            bind(ps, args);
            ps.setInt(args.size() + 1, size);
            ps.setLong(args.size() + 2, (long) page * size);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    items.add(new AuditEntry(rs.getLong(1), instant(rs, 2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7)));
                }
            }
        }
        return new Page<>(items, page, size, total);
    }

    // ------------------------------------------------------------------ mapping

    static QuarantinedMessage message(ResultSet rs) throws SQLException {
        return new QuarantinedMessage(rs.getLong("id"), instant(rs, "received_at"), rs.getString("source_system"),
                rs.getString("source_message_id"), rs.getString("route_id"), rs.getString("reason_code"),
                rs.getString("reason_message"), rs.getString("content_type"), headers(rs.getString("headers")),
                rs.getBytes("body"), QuarantineStatus.valueOf(rs.getString("status")), longOrNull(rs, "retry_of"),
                longOrNull(rs, "retried_as"), rs.getString("produced_ref"), rs.getString("resolution_note"),
                rs.getInt("attempts"), instant(rs, "updated_at"));
    }

    static String headersJson(Map<String, String> headers) {
        try {
            return JSON.writeValueAsString(headers == null ? Map.of() : headers);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("headers cannot be written as JSON", e);
        }
    }

    private static Map<String, String> headers(String json) {
        try {
            return json == null ? Map.of() : JSON.readValue(json, HEADERS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored headers are not a JSON object of strings", e);
        }
    }

    /** PostgreSQL text cannot hold NUL; everything else is kept as given. */
    private static String text(String s) {
        return s == null ? null : s.replace("\u0000", "\\u0000");
    }

    static OffsetDateTime time(Instant i) {
        return i.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static Long longOrNull(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    private static void setLong(PreparedStatement ps, int index, Long value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.BIGINT);
        } else {
            ps.setLong(index, value);
        }
    }

    static void bind(PreparedStatement ps, List<Object> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            ps.setObject(i + 1, args.get(i));
        }
    }
}
