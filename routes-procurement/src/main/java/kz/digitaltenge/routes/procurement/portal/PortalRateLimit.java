package kz.digitaltenge.routes.procurement.portal;

import java.time.Duration;

/**
 * The client's own limit on requests to the portal, a token bucket holding one token: each request takes the next free
 * slot, {@code 1/rate} after the previous one, and sleeps until it comes. Slots are handed out under a lock, the
 * sleeping happens outside it, so concurrent callers queue up in order and nobody spins.
 */
final class PortalRateLimit {
    private final long intervalNanos;
    private final PortalClock clock;
    private boolean used;
    private long nextFree;

    PortalRateLimit(double perSecond, PortalClock clock) {
        this.intervalNanos = Math.max(1, Math.round(1_000_000_000d / perSecond));
        this.clock = clock;
    }

    /** Waits for this request's slot. */
    void acquire() throws InterruptedException {
        long wait;
        synchronized (this) {
            long now = clock.nanoTime();
            // differences, not comparisons, of nanoTime values: they may overflow
            long slot = used && nextFree - now > 0 ? nextFree : now;
            used = true;
            nextFree = slot + intervalNanos;
            wait = slot - now;
        }
        if (wait > 0) {
            clock.sleep(Duration.ofNanos(wait));
        }
    }
}
