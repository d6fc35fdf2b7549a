package kz.digitaltenge.hub.demo;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;

/**
 * {@code bin/demo-livestock [hub URL]}: the "Ауыл-Аманаты" pilot (12 loans, 287 animals) against a demo hub; the
 * expiring loan ends 40 s after the start, so the demo waits for it. Exit 0 when every loan came out as printed.
 */
public final class LivestockDemo {
    private LivestockDemo() {
    }

    public static void main(String[] args) throws Exception {
        URI base = URI.create(args.length > 0 ? args[0] : "http://localhost:8080/");
        System.out.println("\"Ауыл-Аманаты\" animal purchase loans against " + base + " (demo users)");
        // the pilot's loans were registered 30 days ago less 40 s: its expiring loan ends 40 s from now
        Instant start = Instant.now().minus(Duration.ofDays(30)).plusSeconds(40);
        LivestockScenario.Result r = new LivestockScenario(base, DemoClient.Users.demo(), System.out)
                .run(start, LivestockScenario.waitFor(System.out));
        System.out.println();
        System.out.println("Done: " + r.releases() + " animals paid (" + r.expectedReleases() + " expected) over " + r.loans().size()
                + " loans; the expired loan's missing animals returned to the lender");
    }
}
