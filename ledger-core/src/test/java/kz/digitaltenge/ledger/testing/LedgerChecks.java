package kz.digitaltenge.ledger.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import kz.digitaltenge.ledger.tx.CanonicalDecoder;
import kz.digitaltenge.ledger.tx.OutputRef;
import kz.digitaltenge.ledger.tx.Transaction;
import kz.digitaltenge.ledger.tx.TxId;

/**
 * Checks of the single-spend rule that do not trust the mechanism under test: every committed transaction's
 * canonical body is decoded and its inputs counted, so a double spend would show even if the spent markers
 * table were wrong.
 */
public final class LedgerChecks {
    private LedgerChecks() {
    }

    /** Output → number of committed transactions that name it as an input (must never exceed 1). */
    public static Map<OutputRef, Integer> inputUses(DataSource db) {
        Map<OutputRef, Integer> uses = new HashMap<>();
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("select tx_id, body from transactions");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Transaction tx = CanonicalDecoder.decode(rs.getBytes(2));
                if (!tx.id().equals(TxId.of(rs.getBytes(1)))) {
                    throw new AssertionError("stored body does not hash to its id " + TxId.of(rs.getBytes(1)));
                }
                for (OutputRef in : tx.inputs()) {
                    uses.merge(in, 1, Integer::sum);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return uses;
    }

    public static long doubleSpends(DataSource db) {
        return inputUses(db).values().stream().filter(n -> n > 1).count();
    }

    public static long committedCount(DataSource db) {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("select count(*) from transactions");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
