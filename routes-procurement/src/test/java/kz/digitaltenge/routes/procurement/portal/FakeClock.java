package kz.digitaltenge.routes.procurement.portal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Time that moves only when someone sleeps or a test says so. A sleep never waits: it moves the clock to when the
 * sleeper would wake (never back, for sleepers on several threads) and is recorded.
 */
final class FakeClock implements PortalClock {
    private final Instant origin;
    private final AtomicLong nanos = new AtomicLong();
    private final List<Duration> sleeps = new ArrayList<>();

    FakeClock(Instant origin) {
        this.origin = origin;
    }

    /** 2026-11-30 14:00 in Almaty. */
    static FakeClock almatyAfternoon() {
        return new FakeClock(Instant.parse("2026-11-30T09:00:00Z"));
    }

    @Override
    public Instant now() {
        return origin.plusNanos(nanos.get());
    }

    @Override
    public long nanoTime() {
        return nanos.get();
    }

    @Override
    public void sleep(Duration duration) {
        synchronized (sleeps) {
            sleeps.add(duration);
        }
        long wake = nanos.get() + duration.toNanos();
        nanos.accumulateAndGet(wake, Math::max);
    }

    void advance(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }

    Duration elapsed() {
        return Duration.ofNanos(nanos.get());
    }

    List<Duration> sleeps() {
        synchronized (sleeps) {
            return List.copyOf(sleeps);
        }
    }

    void forgetSleeps() {
        synchronized (sleeps) {
            sleeps.clear();
        }
    }
}
