package kz.digitaltenge.hub.programmable;

import java.time.Duration;
import kz.digitaltenge.ledger.HoldExpiry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * Runs {@link HoldExpiry#runOnce()} every {@code hub.holds.expiry-interval} on a single-threaded Spring
 * scheduler (a zero or negative interval disables it). A failed run is logged and the next run happens as
 * planned: the pass is stateless and idempotent, so nothing is lost.
 */
public final class HoldExpiryScheduler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HoldExpiryScheduler.class);

    private final HoldExpiry expiry;
    private final ThreadPoolTaskScheduler scheduler;

    public HoldExpiryScheduler(HoldExpiry expiry, Duration interval) {
        this.expiry = expiry;
        if (interval == null || interval.isZero() || interval.isNegative()) {
            LOG.info("hold expiry scheduler disabled (hub.holds.expiry-interval = {})", interval);
            this.scheduler = null;
            return;
        }
        ThreadPoolTaskScheduler s = new ThreadPoolTaskScheduler();
        s.setPoolSize(1);
        s.setThreadNamePrefix("hold-expiry-");
        s.setWaitForTasksToCompleteOnShutdown(true);
        s.setAwaitTerminationSeconds(30);
        s.setErrorHandler(t -> LOG.warn("hold expiry run failed", t));
        s.initialize();
        s.scheduleWithFixedDelay(this::runSafely, java.time.Instant.now().plus(interval), interval);
        this.scheduler = s;
        LOG.info("hold expiry scheduler every {}", interval);
    }

    /** One pass; never throws (failures are logged). */
    void runSafely() {
        try {
            int returned = expiry.runOnce();
            if (returned > 0) {
                LOG.info("hold expiry: {} RETURN transaction(s) committed", returned);
            }
        } catch (RuntimeException e) {
            LOG.warn("hold expiry run failed: {}", e.toString(), e);
        }
    }

    public boolean enabled() {
        return scheduler != null;
    }

    @Override
    public void close() {
        if (scheduler != null) {
            scheduler.shutdown();
        }
    }
}
