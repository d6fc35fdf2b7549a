package kz.digitaltenge.routes.procurement.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import kz.digitaltenge.routes.procurement.testing.FakePortal;
import org.junit.jupiter.api.Test;

class PortalRateLimitTest {
    @Test
    void nRequestsAtRPerSecondTakeAtLeastNMinusOneOverR() {
        FakeClock clock = FakeClock.almatyAfternoon();
        try (FakePortal portal = new FakePortal()) {
            portal.contract(1, PortalSamples.contract(1));
            PortalClient client = PortalSamples.client(PortalSamples.settings(portal).withRequestsPerSecond(2), clock);
            for (int i = 0; i < 6; i++) {
                assertThat(client.get("/v3/contract/1")).isPresent();
            }
            assertThat(portal.requests()).hasSize(6);
        }
        // (6 - 1) / 2 per second
        assertThat(clock.elapsed()).isGreaterThanOrEqualTo(Duration.ofMillis(2500));
        assertThat(clock.sleeps()).hasSize(5).allSatisfy(d -> assertThat(d).isEqualTo(Duration.ofMillis(500)));
    }

    @Test
    void concurrentCallersEachGetASlotOfTheirOwn() throws Exception {
        FakeClock clock = FakeClock.almatyAfternoon();
        PortalRateLimit limit = new PortalRateLimit(10, clock);
        int threads = 8;
        int each = 5;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < each; i++) {
                        limit.acquire();
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        // 40 slots 100 ms apart: the last at 3.9 s, whoever took which
        assertThat(clock.elapsed()).isGreaterThanOrEqualTo(Duration.ofMillis((threads * each - 1) * 100L));
    }

    @Test
    void idleTimeBuysNoBurst() throws Exception {
        FakeClock clock = FakeClock.almatyAfternoon();
        PortalRateLimit limit = new PortalRateLimit(4, clock);
        limit.acquire();
        clock.advance(Duration.ofSeconds(10));
        clock.forgetSleeps();
        limit.acquire();
        limit.acquire();
        limit.acquire();
        assertThat(clock.sleeps()).containsExactly(Duration.ofMillis(250), Duration.ofMillis(250));
    }
}
