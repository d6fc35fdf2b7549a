package kz.digitaltenge.routes.procurement.portal;

import java.time.Duration;
import java.time.Instant;

/**
 * Time as the portal client and poller see it: the wall clock (health, the date an initial load starts), a monotonic
 * clock for pacing requests, and sleeping (pacing, backoff). Injected so tests move time themselves and never wait.
 */
public interface PortalClock {
    /** The wall clock. */
    Instant now();

    /** A monotonic clock in nanoseconds, as {@link System#nanoTime()}: only differences mean anything. */
    long nanoTime();

    /** Waits for the duration (or returns at once when it is not positive). */
    void sleep(Duration duration) throws InterruptedException;

    /** The machine's clocks and {@link Thread#sleep}. */
    static PortalClock system() {
        return SystemClock.INSTANCE;
    }

    /** The machine's clocks. */
    enum SystemClock implements PortalClock {
        INSTANCE;

        @Override
        public Instant now() {
            return Instant.now();
        }

        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void sleep(Duration duration) throws InterruptedException {
            if (duration.isNegative() || duration.isZero()) {
                return;
            }
            Thread.sleep(duration.toMillis(), (int) (duration.toNanos() % 1_000_000));
        }
    }
}
