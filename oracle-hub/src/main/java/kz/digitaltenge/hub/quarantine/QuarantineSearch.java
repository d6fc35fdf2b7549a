package kz.digitaltenge.hub.quarantine;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The back office's search of the quarantine: the filters of {@link QuarantineFilter}, a free text matched against the
 * sender, the document's number and the reason's message, and paging by cursor (the id of the last entry shown), so
 * the next page costs the same at entry 100,000 as at entry 50: {@code id > after order by id limit n} walks the index
 * instead of counting past every earlier entry as an offset does.
 */
public final class QuarantineSearch {
    /** A page reached by cursor: {@code next} / {@code previous} are the cursors of the neighbouring pages, or null. */
    public record Slice(List<QuarantinedMessage> items, long total, Long next, Long previous) {
    }

    private QuarantineSearch() {
    }

    /** By page number (the API's first form, kept): offset paging. */
    static Page<QuarantinedMessage> page(Connection c, QuarantineFilter f, int page, int size) throws SQLException {
        Where w = where(f, null);
        long total = count(c, w);
        List<QuarantinedMessage> items = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select " + QuarantineStore.COLUMNS + " from quarantine" + w.sql
                + " order by id limit ? offset ?")) {
            QuarantineStore.bind(ps, w.args);
            ps.setInt(w.args.size() + 1, size);
            ps.setLong(w.args.size() + 2, (long) page * size);
            read(ps, items);
        }
        return new Page<>(items, page, size, total);
    }

    /**
     * By cursor: the {@code size} entries after {@code after} (oldest first), or the {@code size} before {@code before};
     * the first page when neither is given.
     */
    static Slice slice(Connection c, QuarantineFilter f, String text, Long after, Long before, int size) throws SQLException {
        Where w = where(f, text);
        long total = count(c, w);
        boolean backwards = before != null;
        StringBuilder sql = new StringBuilder("select " + QuarantineStore.COLUMNS + " from quarantine" + w.sql);
        List<Object> args = new ArrayList<>(w.args);
        if (after != null) {
            sql.append(" and id > ?");
            args.add(after);
        } else if (backwards) {
            sql.append(" and id < ?");
            args.add(before);
        }
        sql.append(backwards ? " order by id desc" : " order by id").append(" limit ?");
        List<QuarantinedMessage> items = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            QuarantineStore.bind(ps, args);
            ps.setInt(args.size() + 1, size + 1); // one more: whether a further page exists
            read(ps, items);
        }
        boolean more = items.size() > size;
        if (more) {
            items.remove(items.size() - 1);
        }
        if (backwards) {
            Collections.reverse(items);
        }
        Long first = items.isEmpty() ? null : items.get(0).id();
        Long last = items.isEmpty() ? null : items.get(items.size() - 1).id();
        Long next = backwards ? (before == null ? null : last) : (more ? last : null);
        Long previous = backwards ? (more ? first : null) : (after == null ? null : first);
        if (backwards && items.isEmpty()) {
            next = null;
        }
        return new Slice(items, total, next, previous);
    }

    private record Where(String sql, List<Object> args) {
    }

    private static Where where(QuarantineFilter f, String text) {
        StringBuilder where = new StringBuilder(" where true");
        List<Object> args = new ArrayList<>();
        if (f.status() != null) {
            where.append(" and status = ?");
            args.add(f.status().name());
        }
        if (f.reasonCode() != null) {
            where.append(" and reason_code = ?");
            args.add(f.reasonCode());
        }
        if (f.sourceSystem() != null) {
            where.append(" and source_system = ?");
            args.add(f.sourceSystem());
        }
        if (f.routeId() != null) {
            where.append(" and route_id = ?");
            args.add(f.routeId());
        }
        if (f.from() != null) {
            where.append(" and received_at >= ?");
            args.add(QuarantineStore.time(f.from()));
        }
        if (f.to() != null) {
            where.append(" and received_at < ?");
            args.add(QuarantineStore.time(f.to()));
        }
        if (text != null && !text.isBlank()) {
            // the sender is in the headers (caller, sender); the document's number is the source message id (a 1C
            // file's name and line, an invoice's registration number); the message says what failed
            String like = "%" + text.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            where.append(" and (source_message_id ilike ? or reason_message ilike ? or headers ilike ?)");
            args.add(like);
            args.add(like);
            args.add(like);
        }
        return new Where(where.toString(), args);
    }

    private static long count(Connection c, Where w) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select count(*) from quarantine" + w.sql)) {
            QuarantineStore.bind(ps, w.args);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static void read(PreparedStatement ps, List<QuarantinedMessage> into) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                into.add(QuarantineStore.message(rs));
            }
        }
    }
}
