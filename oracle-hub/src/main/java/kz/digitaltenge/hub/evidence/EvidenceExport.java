package kz.digitaltenge.hub.evidence;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import kz.digitaltenge.canonical.LedgerException;
import kz.digitaltenge.canonical.ReasonCode;
import kz.digitaltenge.ledger.registry.RegisteredKey;
import kz.digitaltenge.ledger.registry.Registry;
import kz.digitaltenge.ledger.registry.Role;
import kz.digitaltenge.ledger.query.LedgerQueries;

/**
 * The evidence log as JSON lines, for a verifier that has nothing else: a header line with the registered ORACLE keys,
 * then one line per entry in chain order with its signed fact ({@link EvidenceJson}; format in docs/evidence.md). The
 * entries are read in one repeatable-read transaction, so the export is one consistent chain even while facts arrive.
 */
public final class EvidenceExport {
    private final LedgerQueries ledger;
    private final Registry registry;

    public EvidenceExport(LedgerQueries ledger, Registry registry) {
        this.ledger = ledger;
        this.registry = registry;
    }

    /** Every registered key whose holder is an ORACLE: what signs facts and checkpoints. */
    public List<RegisteredKey> oracleKeys() {
        return ledger.keys().stream().filter(k -> isOracle(k)).sorted(Comparator.comparing(RegisteredKey::keyId)).toList();
    }

    private boolean isOracle(RegisteredKey key) {
        try {
            return registry.participant(key.holder()).has(Role.ORACLE);
        } catch (LedgerException e) {
            if (e.reason() == ReasonCode.NOT_FOUND) {
                return false;
            }
            throw e;
        }
    }

    /** Writes the export to {@code out} (left open); UNAVAILABLE when the store fails part way. */
    public void write(OutputStream out) {
        BufferedWriter w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
        try {
            w.write(EvidenceJson.exportHeader(oracleKeys(), Instant.now()).toString());
            w.write('\n');
            ledger.readEvidence(e -> {
                try {
                    w.write(EvidenceJson.entry(e).toString());
                    w.write('\n');
                    return true;
                } catch (IOException io) {
                    throw new UncheckedIOException(io);
                }
            });
            w.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
