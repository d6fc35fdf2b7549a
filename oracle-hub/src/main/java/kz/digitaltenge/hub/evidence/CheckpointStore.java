package kz.digitaltenge.hub.evidence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import kz.digitaltenge.canonical.LedgerException;
import kz.digitaltenge.canonical.ReasonCode;
import kz.digitaltenge.ledger.fact.EvidenceCheckpoint;

/**
 * Plain JDBC over the hub's table {@code evidence_checkpoints} (migration {@code db/hub/V4}). Rows are only ever
 * inserted; the database refuses an update, delete or truncate, so a stored checkpoint cannot be quietly moved to fit
 * a rewritten chain.
 */
public final class CheckpointStore {
    private static final String COLUMNS = "seq, entry_hash, signed_at, key_id, signature";

    private final DataSource dataSource;

    public CheckpointStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Stores {@code cp}; with {@code onlyAboveStored}, not when a checkpoint of its seq or a later one is stored already. */
    public boolean insert(EvidenceCheckpoint cp, boolean onlyAboveStored) {
        String sql = "insert into evidence_checkpoints(" + COLUMNS + ") select ?,?,?,?,?"
                + (onlyAboveStored ? " where not exists (select 1 from evidence_checkpoints where seq >= ?)" : "");
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, cp.seq());
            ps.setBytes(2, cp.entryHash());
            ps.setTimestamp(3, new Timestamp(cp.signedAtMillis()));
            ps.setString(4, cp.keyId());
            ps.setBytes(5, cp.signature());
            if (onlyAboveStored) {
                ps.setLong(6, cp.seq());
            }
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new LedgerException(ReasonCode.UNAVAILABLE, "cannot store the evidence checkpoint: " + e.getMessage(), e);
        }
    }

    /** The checkpoint of the highest seq (the newest of that seq). */
    public Optional<EvidenceCheckpoint> latest() {
        return newestFirst(1).stream().findFirst();
    }

    /** At most {@code limit} checkpoints, highest seq first. */
    public List<EvidenceCheckpoint> newestFirst(int limit) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select " + COLUMNS + " from evidence_checkpoints order by seq desc, id desc limit ?")) {
            ps.setInt(1, limit);
            List<EvidenceCheckpoint> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new EvidenceCheckpoint(rs.getLong(1), rs.getBytes(2), rs.getTimestamp(3).getTime(), rs.getString(4),
                            rs.getBytes(5)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new LedgerException(ReasonCode.UNAVAILABLE, "cannot read the evidence checkpoints: " + e.getMessage(), e);
        }
    }
}
