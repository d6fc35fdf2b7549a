package kz.digitaltenge.bench.faults;

import java.util.ArrayList;
import java.util.List;

/**
 * The suite's network faults on loopback, aimed at one hub's Hazelcast member and nothing else: its member port (the
 * connections the others opened to it) and its outbound ports ({@code --hub.hazelcast.outbound-ports}: the connections
 * it opened to them), both directions. On loopback every address is 127.0.0.1 and every process runs as root, so the
 * ports are what tells one member's connections apart.
 * <ul>
 *   <li>a <b>cut</b>: iptables DROP of every such packet (a partition);</li>
 *   <li><b>loss</b>: iptables {@code -m statistic --mode random --probability p} DROP of such packets;</li>
 *   <li><b>delay</b>: an HTB class of a few hundred kbit/s for such packets ({@code tc}, u32 filters on the ports), so
 *       they queue: this kernel has no {@code sch_netem} ("Specified qdisc kind is unknown"), so the delay is a slow
 *       link's queueing delay, not netem's fixed one.</li>
 * </ul>
 * Every iptables rule carries the run's comment ({@code FAULTS_IPTABLES_TAG}); bin/fault-suite's exit trap removes
 * those, and the HTB root on {@code lo} when {@code faults/tc-active} says this suite added it.
 */
final class Network {
    private final ClusterEnv env;
    private final String tag = System.getenv().getOrDefault("FAULTS_IPTABLES_TAG", "fault-suite");

    Network(ClusterEnv env) {
        this.env = env;
    }

    /** The member port and the outbound range ({@code lo:hi}) of a hub, from its command line. */
    private String[] ports(String hub) {
        String port = env.hubArg(hub, "hub.hazelcast.port");
        String outbound = env.hubArg(hub, "hub.hazelcast.outbound-ports");
        if (port == null || outbound == null || outbound.isBlank()) {
            throw new IllegalStateException(hub + " runs without --hub.hazelcast.outbound-ports (a cluster started by an older"
                    + " bin/cluster?): its outgoing member connections cannot be told apart by port; bin/cluster stop, then rerun");
        }
        return new String[] {port, outbound.replace('-', ':')};
    }

    /** The DROP rules of a cut (probability null) or of random loss. */
    List<String[]> rules(String hub, String probability) {
        String[] p = ports(hub);
        List<String[]> rules = new ArrayList<>();
        for (String[] m : new String[][] {{"--dport", p[0]}, {"--sport", p[0]}, {"--dport", p[1]}, {"--sport", p[1]}}) {
            List<String> r = new ArrayList<>(List.of("INPUT", "-i", "lo", "-p", "tcp", m[0], m[1]));
            if (probability != null) {
                r.addAll(List.of("-m", "statistic", "--mode", "random", "--probability", probability));
            }
            r.addAll(List.of("-m", "comment", "--comment", tag, "-j", "DROP"));
            rules.add(r.toArray(String[]::new));
        }
        return rules;
    }

    int iptables(String op, String[] rule) {
        String[] cmd = new String[rule.length + 3];
        cmd[0] = "iptables";
        cmd[1] = "-w";
        cmd[2] = op;
        System.arraycopy(rule, 0, cmd, 3, rule.length);
        return env.run(30, cmd);
    }

    /** Inserts the rules; on a failure removes those it added and throws. */
    List<String[]> insert(List<String[]> rules) {
        List<String[]> added = new ArrayList<>();
        for (String[] r : rules) {
            if (iptables("-I", r) != 0) {
                remove(added);
                throw new IllegalStateException("iptables -I " + String.join(" ", r) + " failed; see " + env.faultsDir.resolve("commands.log"));
            }
            added.add(r);
        }
        return added;
    }

    void remove(List<String[]> added) {
        for (String[] r : added) {
            iptables("-D", r);
        }
    }

    /**
     * A slow link for the hub's member traffic: an HTB root on lo (other traffic in a 10 Gbit/s default class), the
     * member's packets in a class of {@code rate}. Returns false when tc refused (then nothing is left behind).
     */
    boolean slowLink(String hub, String rate) {
        String[] p = ports(hub);
        if (env.run(30, "tc", "qdisc", "add", "dev", "lo", "root", "handle", "1:", "htb", "default", "10", "r2q", "100000") != 0) {
            return false;
        }
        mark(true);
        boolean ok = env.run(30, "tc", "class", "add", "dev", "lo", "parent", "1:", "classid", "1:10", "htb", "rate", "10gbit") == 0
                && env.run(30, "tc", "class", "add", "dev", "lo", "parent", "1:", "classid", "1:20", "htb", "rate", rate, "ceil", rate) == 0;
        String[] range = p[1].split(":");
        List<Integer> portList = new ArrayList<>();
        portList.add(Integer.parseInt(p[0]));
        for (int q = Integer.parseInt(range[0]); q <= Integer.parseInt(range[1]); q++) {
            portList.add(q);
        }
        for (int q : portList) {
            for (String dir : new String[] {"dport", "sport"}) {
                ok = ok && env.run(30, "tc", "filter", "add", "dev", "lo", "parent", "1:", "protocol", "ip", "prio", "1", "u32",
                        "match", "ip", dir, Integer.toString(q), "0xffff", "flowid", "1:20") == 0;
            }
        }
        if (!ok) {
            clearSlowLink();
        }
        return ok;
    }

    void clearSlowLink() {
        env.run(30, "tc", "qdisc", "del", "dev", "lo", "root");
        mark(false);
    }

    private void mark(boolean on) {
        try {
            java.nio.file.Path f = env.faultsDir.resolve("tc-active");
            if (on) {
                java.nio.file.Files.writeString(f, "htb root on lo added by the fault suite\n");
            } else {
                java.nio.file.Files.deleteIfExists(f);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
