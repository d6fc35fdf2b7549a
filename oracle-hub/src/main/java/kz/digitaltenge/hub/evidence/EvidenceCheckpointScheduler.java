package kz.digitaltenge.hub.evidence;

import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * Runs {@link EvidenceCheckpoints#checkpointIfMoved()} every {@code hub.evidence.checkpoint-interval} on a
 * single-threaded scheduler (zero or negative disables it). A failed pass is logged and the next one runs as planned:
 * a later checkpoint covers everything an earlier one would have.
 */
public final class EvidenceCheckpointScheduler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EvidenceCheckpointScheduler.class);

    private final EvidenceCheckpoints checkpoints;
    private final ThreadPoolTaskScheduler scheduler;

    public EvidenceCheckpointScheduler(EvidenceCheckpoints checkpoints, Duration interval) {
        this.checkpoints = checkpoints;
        if (interval == null || interval.isZero() || interval.isNegative()) {
            LOG.info("evidence checkpoint schedule disabled (hub.evidence.checkpoint-interval = {})", interval);
            this.scheduler = null;
            return;
        }
        ThreadPoolTaskScheduler s = new ThreadPoolTaskScheduler();
        s.setPoolSize(1);
        s.setThreadNamePrefix("evidence-checkpoint-");
        s.setWaitForTasksToCompleteOnShutdown(true);
        s.setAwaitTerminationSeconds(30);
        s.initialize();
        s.scheduleWithFixedDelay(this::runSafely, Instant.now().plus(interval), interval);
        this.scheduler = s;
        LOG.info("evidence checkpoint every {} when the head moved", interval);
    }

    void runSafely() {
        try {
            checkpoints.checkpointIfMoved().ifPresent(cp -> LOG.info("evidence {} signed", cp));
        } catch (RuntimeException e) {
            LOG.warn("evidence checkpoint pass failed: {}", e.toString(), e);
        }
    }

    @Override
    public void close() {
        if (scheduler != null) {
            scheduler.shutdown();
        }
    }
}
