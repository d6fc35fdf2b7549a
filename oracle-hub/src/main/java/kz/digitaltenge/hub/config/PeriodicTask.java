package kz.digitaltenge.hub.config;

import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * A pass the hub runs on its own schedule, on one thread of its own (a zero or negative interval disables it). Each
 * pass must be idempotent: a failed one is logged and the next runs as planned, so nothing is lost; on shutdown a pass
 * in progress finishes first.
 */
public final class PeriodicTask implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PeriodicTask.class);

    private final String name;
    private final Runnable pass;
    private final ThreadPoolTaskScheduler scheduler;

    /**
     * @param name    what the pass is, in the log and the thread's name (e.g. "hold-expiry")
     * @param setting the configuration key of the interval, named when it is disabled
     */
    public PeriodicTask(String name, String setting, Duration interval, Runnable pass) {
        this.name = name;
        this.pass = pass;
        if (interval == null || interval.isZero() || interval.isNegative()) {
            LOG.info("{} disabled ({} = {})", name, setting, interval);
            this.scheduler = null;
            return;
        }
        ThreadPoolTaskScheduler s = new ThreadPoolTaskScheduler();
        s.setPoolSize(1);
        s.setThreadNamePrefix(name + "-");
        s.setWaitForTasksToCompleteOnShutdown(true);
        s.setAwaitTerminationSeconds(30);
        s.initialize();
        s.scheduleWithFixedDelay(this::runSafely, Instant.now().plus(interval), interval);
        this.scheduler = s;
        LOG.info("{} every {}", name, interval);
    }

    /** One pass; never throws (failures are logged). */
    public void runSafely() {
        try {
            pass.run();
        } catch (RuntimeException e) {
            LOG.warn("{} pass failed: {}", name, e.toString(), e);
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
