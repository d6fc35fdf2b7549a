package kz.digitaltenge.bench.faults;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The stream of conflicting spends: coins taken from {@link Coins}, each coin's C contenders released at once by a
 * latch, contender j of coin n to target (n + j) mod 4 (hub1, hub2, hub3, the load balancer), each by a
 * {@link Client} that resends on errors. Paced ({@code coinsPerSecond} above 0: the fast mode's 3 coins a second) or a
 * closed loop (0: as many coins as {@code maxInFlight} allows, the soak's storm of conflicts). At most
 * {@code maxInFlight} coins are unanswered at once.
 */
final class Workload implements Runnable {
    private final Coins coins;
    private final Client client;
    private final ExecutorService pool;
    private final Semaphore inFlight;
    private final int maxInFlight;
    final AtomicInteger started = new AtomicInteger();
    final AtomicInteger done = new AtomicInteger();
    private final AtomicInteger probes = new AtomicInteger();   // probe requests not answered yet
    volatile double coinsPerSecond;
    volatile boolean stopped;
    volatile String phase = "baseline";
    final Thread thread = new Thread(this, "workload");

    Workload(Coins coins, Client client, ExecutorService pool, double coinsPerSecond, int maxInFlight) {
        this.coins = coins;
        this.client = client;
        this.pool = pool;
        this.coinsPerSecond = coinsPerSecond;
        this.maxInFlight = maxInFlight;
        this.inFlight = new Semaphore(maxInFlight);
    }

    @Override
    public void run() {
        while (!stopped) {
            try {
                if (!inFlight.tryAcquire(500, TimeUnit.MILLISECONDS)) {
                    continue;
                }
            } catch (InterruptedException e) {
                return;
            }
            Coins.Coin c = coins.next(30_000);
            if (c == null) {
                inFlight.release();
                if (!stopped) {
                    System.out.println("  (workload: no coin in stock; all used, or the mint is waiting for the cluster)");
                }
                continue;
            }
            started.incrementAndGet();
            int n = c.contenderIds().size();
            CountDownLatch gate = new CountDownLatch(1);
            AtomicInteger left = new AtomicInteger(n);
            String p = phase;
            for (int j = 0; j < n; j++) {
                int jj = j;
                pool.submit(() -> {
                    try {
                        gate.await();
                        client.submit("transfer", c, jj, c.contenderIds().get(jj), c.contenderBodies().get(jj), c.n() + jj, p,
                                Client.ATTEMPTS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } finally {
                        if (left.decrementAndGet() == 0) {
                            done.incrementAndGet();
                            inFlight.release();
                        }
                    }
                });
            }
            gate.countDown();
            double pace = coinsPerSecond;
            if (pace > 0) {
                Client.pause((long) (1000 / pace));           // pacing of the load, not a synchronization
            }
        }
    }

    /** Stops starting coins; waits (bounded) until the started ones are answered. */
    void stop() {
        stopped = true;
        try {
            thread.join(35_000);
            long deadline = System.currentTimeMillis() + (Client.REQUEST_TIMEOUT.toMillis() + 1000) * Client.ATTEMPTS;
            while ((done.get() < started.get() || probes.get() > 0) && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    int maxInFlight() {
        return maxInFlight;
    }

    /**
     * The RTO probe: one fresh transfer of a coin of its own every {@code everyMs}, to hub1, hub2, hub3 and the load
     * balancer in turn, tried once and never resent. The closed loop above can stall behind requests hung on a cut-off
     * hub (its connection silent until the 30 s timeout, the coin's slot held meanwhile); the probe is not held back by
     * them, so the first commit after a fault shows when the survivors serve again, not when the workload's clients
     * gave up waiting.
     */
    Thread probe(long everyMs) {
        Thread t = new Thread(() -> {
            int i = 0;
            while (!stopped) {
                Coins.Coin c = coins.next(5000);
                if (c != null) {
                    int target = i++;
                    probes.incrementAndGet();
                    pool.submit(() -> {
                        try {
                            client.submit("transfer", c, 0, c.contenderIds().get(0), c.contenderBodies().get(0), target, "probe " + phase, 1);
                        } finally {
                            probes.decrementAndGet();
                        }
                    });
                }
                Client.pause(everyMs);                       // the probe's pace, not a synchronization
            }
        }, "probe");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
