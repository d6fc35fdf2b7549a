package kz.digitaltenge.ledger.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.sql.DataSource;
import kz.digitaltenge.canonical.LedgerException;
import kz.digitaltenge.canonical.ReasonCode;
import kz.digitaltenge.ledger.tx.OutputRef;

/**
 * The one JDBC helper the stores share: connections, prepared statements with positional arguments, and the
 * translation of a database failure into a refusal that carries no database text ({@link StoreFailures}).
 */
final class Jdbc {
    private final DataSource dataSource;

    Jdbc(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    DataSource dataSource() {
        return dataSource;
    }

    Connection connection() throws SQLException {
        return dataSource.getConnection();
    }

    /** Statements on one connection. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /**
     * Runs {@code work} in one repeatable-read transaction, so that all its statements see the same committed state
     * (an audit's three sums agree, an export is one chain), and rolls it back: it only reads.
     */
    <T> T snapshot(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                return work.run(c);
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    @FunctionalInterface
    interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    <T> List<T> query(String sql, Row<T> row, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            List<T> result = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.add(row.read(rs));
                }
            }
            return result;
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    static <T> T one(Connection c, String sql, Row<T> row) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return row.read(rs);
        }
    }

    int update(String sql, String conflictMessage, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState()) && conflictMessage != null) {
                throw new LedgerException(ReasonCode.CONFLICT, conflictMessage);
            }
            if ("23503".equals(e.getSQLState())) {
                throw new LedgerException(ReasonCode.NOT_FOUND, "a referenced participant or account is not registered");
            }
            throw unavailable(e);
        }
    }

    static void safeRollback(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is broken; the server rolls back on its own
        }
    }

    /** Never the driver's text to a client: it is logged, the client reads a neutral message. */
    static LedgerException unavailable(SQLException e) {
        return StoreFailures.unavailable(e);
    }

    static void bindRefs(Connection c, PreparedStatement ps, int first, Collection<OutputRef> refs) throws SQLException {
        byte[][] tx = new byte[refs.size()][];
        Integer[] idx = new Integer[refs.size()];
        int i = 0;
        for (OutputRef r : refs) {
            tx[i] = r.txId().bytes();
            idx[i] = r.index();
            i++;
        }
        ps.setArray(first, c.createArrayOf("bytea", tx));
        ps.setArray(first + 1, c.createArrayOf("int4", idx));
    }

    static Integer[] box(int[] values) {
        Integer[] boxed = new Integer[values.length];
        for (int i = 0; i < values.length; i++) {
            boxed[i] = values[i];
        }
        return boxed;
    }

    static Long[] box(long[] values) {
        Long[] boxed = new Long[values.length];
        for (int i = 0; i < values.length; i++) {
            boxed[i] = values[i];
        }
        return boxed;
    }
}
