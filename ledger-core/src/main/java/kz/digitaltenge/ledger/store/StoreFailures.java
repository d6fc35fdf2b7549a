package kz.digitaltenge.ledger.store;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import kz.digitaltenge.canonical.LedgerException;
import kz.digitaltenge.canonical.ReasonCode;
import kz.digitaltenge.ledger.fact.SignedFact;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a failure of the database means for the transactions that met it, and what a client is told.
 *
 * <p><b>Outage or refusal.</b> An <em>outage</em> says nothing about the data written: the server is gone, shutting
 * down, out of resources, or the driver could not even tell why. Every transaction of a batch fares the same then,
 * and retrying them one by one would only repeat the wait. A <em>refusal</em> is about the content of the batch
 * (a value PostgreSQL cannot hold, such as a NUL in a text column, a value too long for its column, a broken
 * constraint): nothing was written, and the batch is split so that exactly the transaction that carries the
 * value is refused (see {@link LedgerStore#commitBatch} and {@link GroupCommitter}). SQLSTATE classes taken as an
 * outage:
 * <ul>
 *   <li>{@code 08} connection exception, {@code 53} insufficient resources (disk full, out of memory, too many
 *       connections), {@code 57} operator intervention (admin or crash shutdown, cannot connect now, query
 *       cancelled), {@code 58} system error (I/O), {@code XX} internal error;</li>
 *   <li>no SQLSTATE at all (a pool timeout, a driver failure), and the JDBC connection exception types.</li>
 * </ul>
 * Everything else — notably class {@code 22} data exception and {@code 23} integrity violation — is a refusal.
 * Deadlocks and serialization failures ({@code 40P01}, {@code 40001}) are conflicts, handled by the caller.
 *
 * <p><b>No database text reaches a client.</b> A driver's message can carry table and column names, values of
 * other transactions and server internals; it is logged here, with the SQLSTATE, and the client gets a neutral
 * message.
 */
final class StoreFailures {
    static final String UNAVAILABLE_MESSAGE = "the ledger store is unavailable; send again";
    private static final Logger LOG = LoggerFactory.getLogger(StoreFailures.class);

    private StoreFailures() {
    }

    /** True when the failure is the database's, not the data's: see the class comment for the SQLSTATEs. */
    static boolean isOutage(SQLException e) {
        if (e instanceof SQLTransientConnectionException || e instanceof SQLNonTransientConnectionException
                || e instanceof SQLRecoverableException) {
            return true;
        }
        String state = e.getSQLState();
        if (state == null || state.length() != 5) {
            return true;
        }
        String cls = state.substring(0, 2);
        return cls.equals("08") || cls.equals("53") || cls.equals("57") || cls.equals("58") || cls.equals("XX");
    }

    /** The store could not be used: {@link ReasonCode#UNAVAILABLE} with a neutral message; the cause is logged. */
    static LedgerException unavailable(SQLException e) {
        LOG.warn("ledger store unavailable (SQLSTATE {}): {}", e.getSQLState(), e.getMessage());
        return new LedgerException(ReasonCode.UNAVAILABLE, UNAVAILABLE_MESSAGE, e);
    }

    /**
     * The database refused to write {@code tx} alone: a data exception (class 22: a NUL, an invalid encoding, a value
     * too long) is {@link ReasonCode#MALFORMED}, anything else {@link ReasonCode#UNAVAILABLE}. Nothing was written.
     */
    static LedgerException refused(PreparedTransaction tx, SQLException e) {
        LOG.warn("the ledger store refused transaction {} (SQLSTATE {}): {}", tx.id(), e.getSQLState(), e.getMessage());
        if (isDataException(e)) {
            return new LedgerException(ReasonCode.MALFORMED, "transaction " + tx.id()
                    + " holds a value the ledger store cannot keep; it was not committed", e);
        }
        return new LedgerException(ReasonCode.UNAVAILABLE, "the ledger store could not write transaction " + tx.id()
                + "; it was not committed", e);
    }

    /**
     * The database refused the records that go with fact {@code f} (its {@code FactCompanion}) for their data, not for
     * an outage: {@link ReasonCode#MALFORMED} for a data exception (class 22), else {@link ReasonCode#PROCESSING_ERROR};
     * never UNAVAILABLE, so the group append writes its batch again fact by fact and only this fact fails.
     */
    static LedgerException companionRefused(SignedFact f, SQLException e) {
        LOG.warn("the records that go with fact {} were refused (SQLSTATE {}): {}", f.id(), e.getSQLState(), e.getMessage());
        return new LedgerException(isDataException(e) ? ReasonCode.MALFORMED : ReasonCode.PROCESSING_ERROR,
                "the records that go with fact " + f.id() + " could not be written; it was not stored", e);
    }

    /** A data exception (SQLSTATE class 22: a NUL, an invalid encoding, a value too long): the value's fault. */
    private static boolean isDataException(SQLException e) {
        String state = e.getSQLState();
        return state != null && state.startsWith("22");
    }

    /** Writing {@code tx} alone failed in our own code (a bug, never the client's text): UNAVAILABLE, logged. */
    static LedgerException failed(PreparedTransaction tx, RuntimeException e) {
        LOG.error("writing transaction {} failed; it was not committed", tx.id(), e);
        return new LedgerException(ReasonCode.UNAVAILABLE, "the ledger store could not write transaction " + tx.id()
                + "; it was not committed", e);
    }
}
