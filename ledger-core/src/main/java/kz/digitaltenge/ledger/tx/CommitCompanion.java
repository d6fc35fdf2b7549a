package kz.digitaltenge.ledger.tx;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Records that belong with committed transactions and are written by the store's group commit itself, on its
 * connection and inside its database transaction: they are committed together with the transactions or not at all, and they cost no
 * transaction, no commit and no WAL flush of their own. The hub's payment orders use it: the order is EXECUTED in the
 * same commit as the money moving, one multi-row statement per batch (issue 14).
 *
 * <p>A companion must only write rows of its own, must not commit, roll back or change the connection's settings,
 * and must be quick: the batch's row locks are held while it runs. When it throws, the batch is written again one
 * transaction at a time like any batch the database refused, so a companion's failure refuses transactions rather
 * than committing them without their records.
 */
public interface CommitCompanion {
    /** Writes what goes with {@code committed} (a whole batch, in commit order, ids and commit times known). */
    void write(Connection c, List<CommittedTransaction> committed) throws SQLException;
}
