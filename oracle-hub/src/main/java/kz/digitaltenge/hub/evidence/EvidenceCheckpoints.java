package kz.digitaltenge.hub.evidence;

import kz.digitaltenge.ledger.fact.EvidenceHead;
import java.util.List;
import java.util.Optional;
import kz.digitaltenge.hub.oracle.OracleSigner;
import kz.digitaltenge.canonical.LedgerException;
import kz.digitaltenge.canonical.ReasonCode;
import kz.digitaltenge.ledger.fact.EvidenceCheckpoint;
import kz.digitaltenge.ledger.query.LedgerQueries;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signed checkpoints of the evidence log's head: made with the hub's oracle key, kept in {@code evidence_checkpoints}
 * and published on the facts endpoint ({@code hub.facts} when Kafka is on) as JSON with {@code kind:
 * "EVIDENCE_CHECKPOINT"}, so they also live outside the hub, with every auditor who consumes that topic. Whoever
 * later rewrites the hub's tables cannot take those copies back.
 */
public final class EvidenceCheckpoints {
    private static final Logger LOG = LoggerFactory.getLogger(EvidenceCheckpoints.class);

    private final LedgerQueries ledger;
    private final CheckpointStore store;
    private final OracleSigner signer;
    private final ProducerTemplate producer;
    private final String publishUri;

    public EvidenceCheckpoints(LedgerQueries ledger, CheckpointStore store, OracleSigner signer, ProducerTemplate producer,
                               String publishUri) {
        this.ledger = ledger;
        this.store = store;
        this.signer = signer;
        this.producer = producer;
        this.publishUri = publishUri;
    }

    /** On demand: a checkpoint of the current head, stored and published; CONFLICT while the log is empty. */
    public EvidenceCheckpoint checkpoint() {
        EvidenceHead head = ledger.evidenceHead();
        if (head.seq() == 0) {
            throw new LedgerException(ReasonCode.CONFLICT, "the evidence log is empty: there is no head to checkpoint");
        }
        EvidenceCheckpoint cp = signer.checkpoint(head.seq(), head.entryHash(), System.currentTimeMillis());
        store.insert(cp, false);
        publish(cp);
        return cp;
    }

    /**
     * The schedule's pass: a checkpoint only when the head moved past the latest stored one (another hub node may have
     * made it meanwhile; then this one stores none). Empty when nothing was made.
     */
    public Optional<EvidenceCheckpoint> checkpointIfMoved() {
        EvidenceHead head = ledger.evidenceHead();
        long stored = store.latest().map(EvidenceCheckpoint::seq).orElse(0L);
        if (head.seq() == 0 || head.seq() <= stored) {
            return Optional.empty();
        }
        EvidenceCheckpoint cp = signer.checkpoint(head.seq(), head.entryHash(), System.currentTimeMillis());
        if (!store.insert(cp, true)) {
            return Optional.empty();
        }
        publish(cp);
        return Optional.of(cp);
    }

    public Optional<EvidenceCheckpoint> latest() {
        return store.latest();
    }

    /** At most {@code limit} checkpoints, highest seq first. */
    public List<EvidenceCheckpoint> newestFirst(int limit) {
        return store.newestFirst(limit);
    }

    /**
     * Publishes after the checkpoint is stored: a failed publication is logged and the checkpoint stays valid (it is
     * listed by {@code GET /api/oracle/evidence/checkpoints}); the next one is published again, and each covers the
     * whole chain before it.
     */
    private void publish(EvidenceCheckpoint cp) {
        try {
            producer.sendBodyAndHeader(publishUri, EvidenceJson.checkpoint(cp).toString(), "kafka.KEY", "evidence-checkpoint-" + cp.seq());
        } catch (RuntimeException e) {
            LOG.warn("evidence {} stored but not published to {}: {}", cp, publishUri, e.toString());
        }
    }
}
