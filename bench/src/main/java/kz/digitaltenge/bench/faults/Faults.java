package kz.digitaltenge.bench.faults;

import static kz.digitaltenge.bench.faults.FaultSuite.say;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import kz.digitaltenge.bench.faults.ClusterEnv.Target;

/**
 * The faults the suite injects while the workload runs, each bounded in time, each written to the history with its
 * phases ({@code start}, then e.g. {@code detected}, {@code heal}, and {@code recovered}) so that the checker can
 * compute the RTO and what the clients saw. Only the cluster's own processes are signalled (their recorded pids, when
 * their command line names the cluster's directory: bin/cluster's rule) and only loopback traffic of the cluster's
 * ports is touched ({@link Network}).
 */
final class Faults {
    static final int ORPHANS = 8;                           // single transfers sent to a hub just before its kill

    private final ClusterEnv env;
    private final History history;
    private final Client client;
    private final KafkaLoad kafka;
    private final ExecutorService pool;
    private final Network network;
    private final List<Coins.Coin> orphanCoins = new ArrayList<>();
    private Coins coins;

    Faults(ClusterEnv env, History history, Client client, KafkaLoad kafka, ExecutorService pool) {
        this.env = env;
        this.history = history;
        this.client = client;
        this.kafka = kafka;
        this.pool = pool;
        this.network = new Network(env);
    }

    /** Orphans come from {@code orphans} first (the fast mode sets them aside), then from the stock. */
    void orphans(Coins coins, List<Coins.Coin> orphans) {
        this.coins = coins;
        orphanCoins.addAll(orphans);
    }

    private String membersLine() {
        StringBuilder b = new StringBuilder();
        for (Target h : env.hubs) {
            b.append(h.name()).append('=').append(env.members(h)).append(' ');
        }
        return b.toString().trim();
    }

    private boolean allSee(int n, long timeoutMs) {
        return Client.until(timeoutMs, 500, () -> env.hubs.stream().allMatch(h -> env.members(h) == n));
    }

    /** kill -9 of a hub in the middle of payments and reservations (orphans sent to it 20 ms before), then its restart. */
    void killAndRestart(Workload w, String hub, long keepDownMs) {
        say("== fault: kill -9 " + hub + " (workload running)");
        w.phase = "kill " + hub;
        // orphans: single transfers sent to the hub itself just before the kill, never resent: those it had reserved and
        // not committed are held by a dead member, which the survivors must release (the checker spends them afresh)
        List<Future<?>> sent = new ArrayList<>();
        int hubIndex = env.all.indexOf(env.hub(hub));
        for (int i = 0; i < ORPHANS; i++) {
            Coins.Coin c = !orphanCoins.isEmpty() ? orphanCoins.remove(0) : coins == null ? null : coins.next(5000);
            if (c == null) {
                break;
            }
            sent.add(pool.submit(() -> client.submit("transfer", c, 0, c.contenderIds().get(0), c.contenderBodies().get(0), hubIndex,
                    "orphan " + hub, 1)));
        }
        Client.pause(20);                                    // the orphans on their way: 20 ms, then the kill
        // SIGKILL from here, as bin/cluster kill does it (the recorded pid, only when its command line names the
        // cluster's directory), without the ~0.2 s of a shell's start that let every orphan commit first
        long pid = env.pid(hub);
        long t0 = System.currentTimeMillis();
        int rc;
        if (env.ours(pid)) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            rc = Client.until(10_000, 50, () -> !env.ours(pid)) ? 0 : 1;
        } else {
            rc = env.run(30, "bin/cluster", "kill", hub);
        }
        history.fault("kill", hub, "start", t0, "kill -9 " + pid + " (" + hub + "), " + sent.size() + " orphan transfers sent to it 20 ms before");
        for (Future<?> f : sent) {
            try {
                f.get(Client.REQUEST_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
            } catch (Exception e) {
                // its answer (or error) is in the history either way
            }
        }
        long t1 = System.currentTimeMillis();
        history.fault("kill", hub, "done", t1, rc == 0 ? "process gone" : "still there? " + rc);
        say("  killed at " + Instant.ofEpochMilli(t0) + " (kill -9 " + pid + ", gone after " + (t1 - t0) + " ms)");
        kafka.produce(4, 1, "kill " + hub);
        Client.pause(keepDownMs);                            // the workload runs against the surviving hubs meanwhile
        say("  restarting " + hub + " (bin/cluster restart " + hub + ")");
        long r0 = System.currentTimeMillis();
        history.fault("kill", hub, "restart", r0, "bin/cluster restart " + hub);
        int rrc = env.run(400, "bin/cluster", "restart", hub);
        long r1 = System.currentTimeMillis();
        boolean joined = Client.until(120_000, 1000, () -> env.members(env.hub(hub)) == 3);
        long r2 = System.currentTimeMillis();
        history.fault("kill", hub, "recovered", r2, "restart exit " + rrc + ", UP after " + (r1 - r0) + " ms, members " + membersLine());
        say("  " + hub + " UP " + (r1 - r0) / 1000.0 + " s after bin/cluster restart (exit " + rrc + "), "
                + (joined ? "in the cluster of 3" : "NOT back in the cluster of 3") + " after " + (r2 - r0) / 1000.0 + " s");
        if (rrc != 0 || !joined) {
            throw new IllegalStateException(hub + " did not come back; see " + env.dir.resolve("logs/" + hub + ".log"));
        }
    }

    /**
     * A network partition: the hub's member links to the other two cut (both ways, or {@code oneWay}: only what it
     * sends), then healed.
     */
    void partition(Workload w, String hub, long keepCutMs, boolean oneWay) {
        String kind = oneWay ? "one-way-cut" : "partition";
        say("== fault: " + (oneWay ? "one-way cut, " + hub + " hears the other two but they do not hear it"
                : "network partition, " + hub + "'s Hazelcast member cut off from the other two") + " (workload running)");
        List<Network.Rule> rules = network.rules(hub, null, oneWay);
        w.phase = kind + " " + hub;
        long t0 = System.currentTimeMillis();
        history.fault(kind, hub, "start", t0, "iptables: " + rules.size() + " DROP rules" + (env.netns ? " in " + env.netnsOf(hub) : " on lo"));
        List<Network.Rule> added = new ArrayList<>();
        try {
            added = network.insert(rules);
            say("  cut at " + Instant.ofEpochMilli(t0) + ": " + rules.get(0).text() + " ... (" + rules.size() + " rules)");
            separated(hub, t0, kind, keepCutMs, true);
        } finally {
            long h0 = System.currentTimeMillis();
            network.remove(added);
            history.fault(kind, hub, "heal", h0, "removed " + added.size() + " rules");
            say("  healed at " + Instant.ofEpochMilli(h0) + " (" + added.size() + " rules removed)");
        }
        rejoined(kind, hub, "the heal");
    }

    /**
     * An isolation (netns mode only): the host end of the hub's veth pair set down, so the hub loses everything — the
     * other members, its clients, PostgreSQL, the broker — then up again.
     */
    void isolate(Workload w, String hub, long keepMs) {
        say("== fault: isolation, " + hub + "'s link down (ip link set " + env.vethOf(hub) + " down: members, clients, database,"
                + " broker; workload running)");
        w.phase = "isolate " + hub;
        long t0 = System.currentTimeMillis();
        history.fault("isolate", hub, "start", t0, "ip link set " + env.vethOf(hub) + " down");
        int rc = network.link(hub, true);
        try {
            if (rc != 0) {
                throw new IllegalStateException("ip link set " + env.vethOf(hub) + " down failed");
            }
            separated(hub, t0, "isolate", keepMs, false);
        } finally {
            long h0 = System.currentTimeMillis();
            int up = network.link(hub, false);
            history.fault("isolate", hub, "heal", h0, "ip link set " + env.vethOf(hub) + " up: exit " + up);
            say("  link up at " + Instant.ofEpochMilli(h0));
        }
        rejoined("isolate", hub, "the link came back");
        // its database connections broke while it was cut off: it serves again once its pool and health say so
        boolean up = Client.until(120_000, 1000, () -> env.up(env.hub(hub)));
        history.fault("isolate", hub, "serving", System.currentTimeMillis(), "health UP: " + up);
    }

    /**
     * While the hub is cut off: waits until the others see 2 members, then keeps it apart for {@code keepMs}
     * ({@code askIt}: poll whether it sees itself alone; an isolated hub cannot be asked).
     */
    private void separated(String hub, long t0, String kind, long keepMs, boolean askIt) {
        List<Target> others = env.hubs.stream().filter(h -> !h.name().equals(hub)).toList();
        boolean seen = Client.until(40_000, 500, () -> others.stream().allMatch(h -> env.members(h) == 2));
        long t1 = System.currentTimeMillis();
        history.fault(kind, hub, "detected", t1, "majority sees 2: " + seen + "; " + membersLine());
        say("  the majority removed " + hub + " after " + (t1 - t0) / 1000.0 + " s (" + (seen ? "" : "NOT SEEN; ") + membersLine() + ")");
        kafka.produce(4, 1, kind + " " + hub);
        long t2 = t1;
        if (askIt) {
            boolean alone = Client.until(keepMs, 500, () -> env.members(env.hub(hub)) == 1);
            t2 = System.currentTimeMillis();
            history.fault(kind, hub, "minority", t2, "isolated member sees 1: " + alone);
            say("  " + hub + " " + (alone ? "sees itself alone" : "still sees others") + " after " + (t2 - t0) / 1000.0 + " s");
        }
        Client.pause(Math.max(0, keepMs - (t2 - t1)));      // the workload runs on both sides of the cut meanwhile
    }

    /** After a fault of one hub: waits until all three see 3 members again, or fails. */
    private void rejoined(String kind, String hub, String after) {
        long h0 = System.currentTimeMillis();
        boolean merged = allSee(3, 120_000);
        long h1 = System.currentTimeMillis();
        history.fault(kind, hub, "recovered", h1, "merged: " + merged + "; " + membersLine());
        say("  " + (merged ? "merged back into one cluster of 3" : "NOT merged") + " " + (h1 - h0) / 1000.0 + " s after " + after);
        if (!merged) {
            throw new IllegalStateException("the cluster did not merge after the " + kind + " of " + hub);
        }
    }

    /**
     * A bad link: the hub's member traffic loses {@code lossPercent} % of its packets at random and queues behind a slow
     * link, for {@code keepMs}; then the link is cleared and the suite waits until all three see 3 members.
     */
    void degradedLink(Workload w, String hub, int lossPercent, String rate, long keepMs) {
        say("== fault: " + hub + "'s member links lose " + lossPercent + " % of their packets and queue behind " + rate
                + "/s (workload running)");
        w.phase = "degraded " + hub;
        long t0 = System.currentTimeMillis();
        List<Network.Rule> added = new ArrayList<>();
        boolean slow = false;
        history.fault("degraded", hub, "start", t0, "loss " + lossPercent + " %, slow link " + rate);
        try {
            added = network.insert(network.rules(hub, String.format(java.util.Locale.ROOT, "%.2f", lossPercent / 100.0), false));
            slow = network.slowLink(hub, rate);
            say("  at " + Instant.ofEpochMilli(t0) + ": " + added.size() + " iptables loss rules, "
                    + (slow ? "HTB class of " + rate : "NO slow link (tc refused; see commands.log)"));
            Client.pause(keepMs / 2);
            history.fault("degraded", hub, "midway", System.currentTimeMillis(), "members " + membersLine());
            kafka.produce(2, 0, "degraded " + hub);
            Client.pause(keepMs / 2);
        } finally {
            long h0 = System.currentTimeMillis();
            network.remove(added);
            if (slow) {
                network.clearSlowLink(hub);
            }
            history.fault("degraded", hub, "heal", h0, "loss rules removed: " + added.size() + (slow ? ", slow link removed" : ""));
        }
        rejoined("degraded", hub, "the link was cleared");
    }

    /** kill -STOP of a hub for {@code pauseMs} (a process frozen: a long GC pause, a stalled VM), then kill -CONT. */
    void pause(Workload w, String hub, long pauseMs) {
        say("== fault: kill -STOP " + hub + " for " + pauseMs / 1000 + " s (workload running)");
        w.phase = "pause " + hub;
        long pid = env.pid(hub);
        if (!env.ours(pid)) {
            throw new IllegalStateException(hub + " is not running");
        }
        long t0 = System.currentTimeMillis();
        history.fault("pause", hub, "start", t0, "kill -STOP " + pid);
        int rc = env.run(10, "kill", "-STOP", Long.toString(pid));
        try {
            List<Target> others = env.hubs.stream().filter(h -> !h.name().equals(hub)).toList();
            boolean seen = Client.until(pauseMs, 500, () -> others.stream().allMatch(h -> env.members(h) == 2));
            history.fault("pause", hub, "detected", System.currentTimeMillis(), "majority sees 2: " + seen);
            Client.pause(Math.max(0, pauseMs - (System.currentTimeMillis() - t0)));
        } finally {
            long c0 = System.currentTimeMillis();
            env.run(10, "kill", "-CONT", Long.toString(pid));
            history.fault("pause", hub, "continue", c0, "kill -CONT " + pid + " (stop exit " + rc + ")");
        }
        rejoined("pause", hub, "kill -CONT");
    }

    /**
     * A stranger: a Hazelcast member in this JVM under the cluster's name, listing the hubs' member addresses, but at an
     * address outside the configured members: the host's bridge address in netns mode, 127.0.0.2 on loopback. The hubs' {@code MemberAddressGuard} must keep it out:
     * it stays a cluster of one, sees none of the spent-set's entries, and the hubs still see 3 members.
     */
    void stranger(Workload w) {
        String address = env.netns ? env.hostAddr : Stranger.LOOPBACK;
        say("== fault: a stranger member at " + address + " under the cluster's name tries to join (workload running)");
        w.phase = "stranger";
        String name = System.getenv().getOrDefault("CLUSTER_HAZELCAST_NAME", "tenge-cluster");
        List<String> members = new ArrayList<>();
        for (Target h : env.hubs) {
            members.add(env.hubAddr(h.name()) + ":" + env.hubArg(h.name(), "hub.hazelcast.port"));
        }
        long t0 = System.currentTimeMillis();
        history.fault("stranger", "cluster", "start", t0, "member at " + address + ", cluster name " + name + ", members " + members);
        com.hazelcast.core.HazelcastInstance stranger = Stranger.start(name, members, address);
        try {
            int size = stranger.getCluster().getMembers().size();
            int seen = stranger.getMap(kz.digitaltenge.ledger.notary.HazelcastSpentSet.MAP_NAME).size();
            Client.pause(8000);                              // past a merge attempt of the stranger (every 5 s)
            int sizeLater = stranger.getCluster().getMembers().size();
            String hubs = membersLine();
            boolean kept = size == 1 && sizeLater == 1 && seen == 0 && env.hubs.stream().allMatch(h -> env.members(h) == 3);
            history.fault("stranger", "cluster", "recovered", System.currentTimeMillis(), "stranger's cluster " + size + " then "
                    + sizeLater + " members, spent-set entries it sees " + seen + "; hubs " + hubs + "; kept out: " + kept);
            say("  the stranger's cluster: " + size + " member(s), after 8 s " + sizeLater + "; spent-set entries it sees: " + seen
                    + "; the hubs: " + hubs);
            if (!kept) {
                throw new IllegalStateException("a member from an address outside the configured members was not kept out");
            }
        } finally {
            stranger.getLifecycleService().terminate();
        }
    }

    /** PostgreSQL restarted: a fast shutdown, or an immediate one (a crash: no checkpoint, WAL replay at the start). */
    void restartPostgres(Workload w, boolean immediate) {
        String kind = immediate ? "crash-postgres" : "restart-postgres";
        say("== fault: PostgreSQL " + (immediate ? "immediate shutdown (crash) and start" : "fast restart") + " (workload running)");
        w.phase = kind;
        long t0 = System.currentTimeMillis();
        history.fault(kind, "postgres", "start", t0, immediate ? "pg_ctl stop -m immediate" : "pg_ctl stop -m fast");
        int rc = immediate ? env.run(120, "bin/cluster", "restart", "postgres", "--immediate") : env.run(120, "bin/cluster", "restart", "postgres");
        long t1 = System.currentTimeMillis();
        boolean up = Client.until(120_000, 1000, () -> env.hubs.stream().allMatch(env::up));
        history.fault(kind, "postgres", "recovered", System.currentTimeMillis(), "exit " + rc + ", hubs UP " + up);
        say("  PostgreSQL back after " + (t1 - t0) / 1000.0 + " s (exit " + rc + "); hubs UP: " + up);
    }

    /** kill -9 of the Kafka broker and its restart, the workload and the producer running. */
    void killKafka(Workload w) {
        say("== fault: kill -9 of the Kafka broker (workload running)");
        w.phase = "kill kafka";
        long t0 = System.currentTimeMillis();
        history.fault("kill-kafka", "kafka", "start", t0, null);
        int rc = env.run(30, "bin/cluster", "kill", "kafka");
        kafka.produce(3, 0, "kill kafka");                   // sent while the broker is down: the producer retries
        Client.pause(3000);
        int rrc = env.run(300, "bin/cluster", "restart", "kafka");
        history.fault("kill-kafka", "kafka", "recovered", System.currentTimeMillis(), "kill exit " + rc + ", restart exit " + rrc);
        say("  broker back after " + (System.currentTimeMillis() - t0) / 1000.0 + " s (restart exit " + rrc + ")");
    }

    /** The whole cluster stopped (bin/cluster stop: hubs, broker, database) and started again, the clients sending on. */
    void restartCluster(Workload w) {
        say("== fault: restart of the whole cluster (bin/cluster stop, bin/cluster start; clients sending throughout)");
        w.phase = "restart cluster";
        long t0 = System.currentTimeMillis();
        history.fault("restart-cluster", "cluster", "start", t0, "bin/cluster stop");
        int src = env.run(300, "bin/cluster", "stop");
        long t1 = System.currentTimeMillis();
        history.fault("restart-cluster", "cluster", "stopped", t1, "stop exit " + src);
        kafka.produce(2, 0, "restart cluster");              // while the broker is down: the producer retries
        int rc = env.run(900, "bin/cluster", "start");
        long t2 = System.currentTimeMillis();
        boolean whole = allSee(3, 120_000);
        history.fault("restart-cluster", "cluster", "recovered", System.currentTimeMillis(), "start exit " + rc + "; " + membersLine());
        say("  stopped in " + (t1 - t0) / 1000.0 + " s, started in " + (t2 - t1) / 1000.0 + " s (exit " + rc + "), "
                + (whole ? "one cluster of 3" : "NOT one cluster of 3"));
        if (rc != 0 || !whole) {
            throw new IllegalStateException("the cluster did not start again; see " + env.dir.resolve("logs"));
        }
    }
}
