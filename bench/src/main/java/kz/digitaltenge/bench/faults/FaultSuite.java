package kz.digitaltenge.bench.faults;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The fault suite's driver (bin/fault-suite; docs/reliability.md): against the running local cluster, conflicting
 * spends of coins sent to every hub's own port and through the load balancer ({@link Workload}, {@link Coins}), Kafka
 * intake records ({@link KafkaLoad}), and the faults ({@link Faults}) injected while the workload runs. Every request
 * and answer goes to {@code cluster-data/faults/history.jsonl}; then {@link HistoryChecker} checks the history
 * against the store and the API.
 *
 * <pre>
 * FaultSuite --fast            4 contenders a coin, 3 coins a second; kill -9 of a hub, a partition, a PostgreSQL
 *                              crash, a degraded member link, an isolated hub (netns), a stranger (CI-sized)
 * FaultSuite --soak=MINUTES [--contenders=C] [--in-flight=K]
 *                              a closed-loop storm of conflicts (default 16 contenders a coin, 8 coins in flight) and
 *                              fault cycles for that long: kill -9 of each hub in turn, a partition, a one-way cut,
 *                              an isolation (netns), a degraded link, a kill -STOP pause, PostgreSQL fast and immediate restarts, a kill -9 of the Kafka
 *                              broker; one restart of the whole cluster in the second cycle
 * FaultSuite --check-only      only the checker, on the existing history
 * </pre>
 */
public final class FaultSuite {
    private final ClusterEnv env;
    private final History history;
    private final String run;
    private final ExecutorService pool = Executors.newFixedThreadPool(512, r -> {
        Thread t = new Thread(r, "client");
        t.setDaemon(true);
        return t;
    });

    private FaultSuite(ClusterEnv env, History history, String run) {
        this.env = env;
        this.history = history;
        this.run = run;
    }

    /** What the command line asked for. */
    record Options(String mode, int soakMinutes, int contenders, int inFlight) {
        static Options parse(String[] args) {
            String mode = "fast";
            int soak = 0;
            Integer contenders = null;
            Integer inFlight = null;
            for (String a : args) {
                if (a.equals("--fast")) {
                    mode = "fast";
                } else if (a.startsWith("--soak=")) {
                    mode = "soak";
                    soak = Integer.parseInt(a.substring(7));
                } else if (a.equals("--check-only")) {
                    mode = "check";
                } else if (a.startsWith("--contenders=")) {
                    contenders = Integer.parseInt(a.substring(13));
                } else if (a.startsWith("--in-flight=")) {
                    inFlight = Integer.parseInt(a.substring(12));
                } else {
                    throw new IllegalArgumentException(a);
                }
            }
            boolean fast = !mode.equals("soak");
            int c = contenders != null ? contenders : fast ? 4 : 16;
            int k = inFlight != null ? inFlight : 8;
            if (c < 2 || c > 64 || k < 1 || k > 64) {
                throw new IllegalArgumentException("--contenders 2..64, --in-flight 1..64");
            }
            return new Options(mode, soak, c, k);
        }
    }

    public static void main(String[] args) throws Exception {
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("usage: FaultSuite --fast | --soak=MINUTES [--contenders=C] [--in-flight=K] | --check-only (" + e.getMessage() + ")");
            System.exit(2);
            return;
        }
        Path root = Path.of(System.getProperty("faults.root", ".")).toAbsolutePath().normalize();
        ClusterEnv env = new ClusterEnv(root);
        Path file = env.faultsDir.resolve("history.jsonl");
        int code;
        try {
            if (!o.mode().equals("check")) {
                String run = "fs" + Long.toString(System.currentTimeMillis() / 1000, 36);
                try (History h = new History(file, false)) {
                    new FaultSuite(env, h, run).drive(o);
                }
            }
            code = new HistoryChecker(env, file).check();
        } catch (Exception e) {
            System.out.println("fault suite: FAILED, the suite itself stopped: " + e);
            e.printStackTrace();
            code = 1;
        }
        System.exit(code);
    }

    /** A line of the suite's console output (also faults/output.txt), flushed at once. */
    static void say(String s) {
        System.out.println(s);
        System.out.flush();
    }

    private void drive(Options o) throws Exception {
        long start = System.currentTimeMillis();
        boolean fast = o.mode().equals("fast");
        history.write(History.line("run").put("run", run).put("mode", o.mode()).put("soakMinutes", o.soakMinutes()).put("at", start)
                .put("lease", env.hubArg("hub1", "hub.notary.lease")).put("contenders", o.contenders()).put("inFlight", o.inFlight()));
        say("== set-up (run " + run + "): registrations through the load balancer, issue, signing");
        Client client = new Client(env, history);
        Coins coins = new Coins(env, history, client, run, o.contenders());
        coins.setUp();
        try (KafkaLoad kafka = new KafkaLoad(env, history, run)) {
            Payments payments = new Payments(env, history, client, coins, kafka, pool, run, 1);
            payments.setUp();
            payments.registerInvoices(fast ? 100 : 200, 120_000);
            say("  invoices registered over Kafka for the payments: " + payments.ready() + "; 1 invoice a second, three orders each");
            Faults faults = new Faults(env, history, client, kafka, pool);
            Workload w;
            if (fast) {
                // everything issued and signed before any clock starts; 64 coins set aside for the orphans
                coins.issueAhead(832);                       // the workload's ~300, the orphans' 64, the probe's ~400
                faults.orphans(coins, coins.take(64));
                w = new Workload(coins, client, pool, 3, o.inFlight());
            } else {
                coins.startMint(Math.max(256, o.inFlight() * 32));
                faults.orphans(coins, List.of());
                w = new Workload(coins, client, pool, 0, o.inFlight());
            }
            say("  coins of 100.00 issued to " + coins.clientAccount + ": " + coins.made() + " so far, " + o.contenders()
                    + " conflicting transfers a coin (to hub1, hub2, hub3 and the load balancer in turn) and a sweep, signed ahead; "
                    + (fast ? "3 coins a second, at most " + o.inFlight() + " in flight" : "closed loop, " + o.inFlight() + " coins in flight")
                    + "; " + (System.currentTimeMillis() - start) / 1000.0 + " s");
            long t0 = System.currentTimeMillis();
            w.thread.start();
            payments.workload = w;
            payments.thread.start();
            kafka.produce(3, 0, "baseline");
            boolean base = Client.until(60_000, 200, () -> w.done.get() >= 10);
            w.probe(500);
            say("== baseline: " + w.done.get() + " coins contended without a fault in " + (System.currentTimeMillis() - t0) / 1000.0
                    + " s" + (base ? "" : " (slow)"));
            if (fast) {
                faults.killAndRestart(w, "hub2", 8000);
                faults.partition(w, "hub3", 12_000, false);
                faults.restartPostgres(w, true);
                faults.degradedLink(w, "hub1", 20, "256kbit", 12_000);
                if (env.netns) {
                    faults.isolate(w, "hub1", 12_000);
                }
                faults.stranger(w);
            } else {
                soak(o, w, faults, start);
            }
            w.phase = "after";
            payments.phase = "after";
            kafka.produce(3, 0, "after");
            int before = w.done.get();
            Client.until(30_000, 200, () -> w.done.get() >= before + 5);
            payments.stop();
            w.stop();
            coins.stopMint();
            say("== workload stopped: " + w.started.get() + " coins contended, " + w.started.get() * o.contenders() + " transfers, in "
                    + (System.currentTimeMillis() - t0) / 1000.0 + " s");
            history.write(History.line("workload-end").put("coins", w.started.get()).put("at", System.currentTimeMillis()));
        }
        pool.shutdownNow();
    }

    /** Fault cycles until the time is up; the whole cluster restarts once, in the second cycle. */
    private void soak(Options o, Workload w, Faults faults, long start) {
        String[] hubs = {"hub1", "hub2", "hub3"};
        long end = start + o.soakMinutes() * 60_000L;
        int cycle = 0;
        while (System.currentTimeMillis() < end) {
            faults.killAndRestart(w, hubs[cycle % 3], 8000);
            faults.partition(w, hubs[(cycle + 2) % 3], 12_000, false);
            faults.partition(w, hubs[(cycle + 1) % 3], 12_000, true);
            if (env.netns) {
                faults.isolate(w, hubs[cycle % 3], 12_000);
            }
            faults.degradedLink(w, hubs[(cycle + 1) % 3], 20, "256kbit", 12_000);
            faults.pause(w, hubs[(cycle + 2) % 3], 10_000);
            faults.restartPostgres(w, cycle % 2 == 1);
            faults.killKafka(w);
            if (cycle == 0) {
                faults.stranger(w);
            }
            if (cycle == 1) {
                faults.restartCluster(w);
            }
            cycle++;
            say("  (soak: cycle " + cycle + " done, " + (System.currentTimeMillis() - start) / 60000 + " of " + o.soakMinutes()
                    + " min; " + w.started.get() + " coins contended)");
        }
    }
}
