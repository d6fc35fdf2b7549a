package kz.digitaltenge.ledger.fact;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The statements the companions of one group append write through ({@link FactCompanion}): one prepared statement per
 * SQL text on the append's connection, each companion adding its rows to it as a JDBC batch, and all of them run once
 * after every fact's companion has written — one round trip for the batch's records instead of one per record.
 *
 * <p>Why: the group append is the intake's one serial step (its lock is held while it writes), so what it sends per
 * fact bounds how many facts a second the hub can register whatever its cores. Written per fact, the invoice
 * registry's row and the message's fact id were two round trips each inside it (issue 14, the fifth cut).
 *
 * <p>Each statement's rows run in the order they were added, and the statements in the order they were first asked
 * for, so two facts of one batch about the same row leave it as written one after the other.
 */
public final class CompanionStatements implements AutoCloseable {
    private final Connection connection;
    private final Map<String, PreparedStatement> statements = new LinkedHashMap<>();

    public CompanionStatements(Connection connection) {
        this.connection = connection;
    }

    /** The batch of {@code sql}: set its parameters and call {@link PreparedStatement#addBatch()} once per row; never execute it. */
    public PreparedStatement batched(String sql) throws SQLException {
        PreparedStatement ps = statements.get(sql);
        if (ps == null) {
            ps = connection.prepareStatement(sql);
            statements.put(sql, ps);
        }
        return ps;
    }

    /** Runs every statement's rows (the store calls this once, inside the append's transaction). */
    public void execute() throws SQLException {
        for (PreparedStatement ps : statements.values()) {
            ps.executeBatch();
        }
    }

    @Override
    public void close() throws SQLException {
        SQLException first = null;
        for (PreparedStatement ps : statements.values()) {
            try {
                ps.close();
            } catch (SQLException e) {
                first = first == null ? e : first;
            }
        }
        statements.clear();
        if (first != null) {
            throw first;
        }
    }
}
