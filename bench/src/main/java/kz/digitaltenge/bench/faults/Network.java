package kz.digitaltenge.bench.faults;

import java.util.ArrayList;
import java.util.List;

/**
 * The suite's network faults, aimed at one hub and nothing else. Two set-ups, as bin/cluster made the cluster
 * ({@code network.env}):
 * <ul>
 *   <li><b>netns</b> (as root): each hub in a network namespace of its own, joined by a veth pair to a bridge in the
 *       host's namespace. A cut is iptables inside the hub's namespace, dropping its packets from and to the other
 *       hubs' addresses (its member links; HTTP, PostgreSQL and Kafka at the host's address go on); an
 *       <em>isolation</em> is {@code ip link set <veth> down} (everything: members, clients, database, broker);</li>
 *   <li><b>loopback</b>: every process on 127.0.0.1, so a hub's member links are told apart by port — its member port
 *       (the connections the others opened to it) and its outbound ports ({@code --hub.hazelcast.outbound-ports}: the
 *       connections it opened), both directions; no isolation.</li>
 * </ul>
 * Loss is iptables {@code -m statistic --mode random --probability p} on the same packets; delay an HTB class of a few
 * hundred kbit/s for them ({@code tc}, u32 filters), so they queue: this kernel has no {@code sch_netem} ("Specified
 * qdisc kind is unknown"), so the delay is a slow link's queueing delay, not netem's fixed one. Every iptables rule
 * carries the run's comment ({@code FAULTS_IPTABLES_TAG}); bin/fault-suite's exit trap removes those (in the host's
 * namespace and in the hubs'), and the HTB root on lo when {@code faults/tc-active} says this suite added it.
 */
final class Network {
    /** One iptables rule, in a hub's namespace ({@code netns}) or the host's (null). */
    record Rule(String netns, String[] spec) {
        String text() {
            return (netns == null ? "" : "[" + netns + "] ") + String.join(" ", spec);
        }
    }

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

    private List<String> others(String hub) {
        return env.hubs.stream().map(ClusterEnv.Target::name).filter(h -> !h.equals(hub)).map(env::hubAddr).toList();
    }

    private List<String> tail(String probability) {
        List<String> r = new ArrayList<>();
        if (probability != null) {
            r.addAll(List.of("-m", "statistic", "--mode", "random", "--probability", probability));
        }
        r.addAll(List.of("-m", "comment", "--comment", tag, "-j", "DROP"));
        return r;
    }

    /**
     * The DROP rules of a cut of the hub's member links (probability null) or of random loss on them; {@code oneWay}:
     * only what the hub sends (it hears the others, they do not hear it).
     */
    List<Rule> rules(String hub, String probability, boolean oneWay) {
        List<Rule> rules = new ArrayList<>();
        if (env.netns) {
            String ns = env.netnsOf(hub);
            for (String other : others(hub)) {
                List<String> out = new ArrayList<>(List.of("OUTPUT", "-d", other));
                out.addAll(tail(probability));
                rules.add(new Rule(ns, out.toArray(String[]::new)));
                if (!oneWay) {
                    List<String> in = new ArrayList<>(List.of("INPUT", "-s", other));
                    in.addAll(tail(probability));
                    rules.add(new Rule(ns, in.toArray(String[]::new)));
                }
            }
            return rules;
        }
        String[] p = ports(hub);
        // on loopback every packet passes INPUT once: what the hub sends has its member port or an outbound port as
        // the source, what it receives as the destination
        List<String[]> matches = new ArrayList<>(List.of(new String[] {"--sport", p[0]}, new String[] {"--sport", p[1]}));
        if (!oneWay) {
            matches.add(new String[] {"--dport", p[0]});
            matches.add(new String[] {"--dport", p[1]});
        }
        for (String[] m : matches) {
            List<String> r = new ArrayList<>(List.of("INPUT", "-i", "lo", "-p", "tcp", m[0], m[1]));
            r.addAll(tail(probability));
            rules.add(new Rule(null, r.toArray(String[]::new)));
        }
        return rules;
    }

    int iptables(String op, Rule rule) {
        List<String> cmd = new ArrayList<>();
        if (rule.netns() != null) {
            cmd.addAll(List.of("ip", "netns", "exec", rule.netns()));
        }
        cmd.addAll(List.of("iptables", "-w", op));
        cmd.addAll(List.of(rule.spec()));
        return env.run(30, cmd.toArray(String[]::new));
    }

    /** Inserts the rules; on a failure removes those it added and throws. */
    List<Rule> insert(List<Rule> rules) {
        List<Rule> added = new ArrayList<>();
        for (Rule r : rules) {
            if (iptables("-I", r) != 0) {
                remove(added);
                throw new IllegalStateException("iptables -I " + r.text() + " failed; see " + env.faultsDir.resolve("commands.log"));
            }
            added.add(r);
        }
        return added;
    }

    void remove(List<Rule> added) {
        for (Rule r : added) {
            iptables("-D", r);
        }
    }

    /** Whether the hub can be cut off from everything (netns mode: its veth pair). */
    boolean canIsolate() {
        return env.netns;
    }

    /** Sets the host end of the hub's veth pair down (true) or up; the exit code. */
    int link(String hub, boolean down) {
        return env.run(30, "ip", "link", "set", env.vethOf(hub), down ? "down" : "up");
    }

    /**
     * A slow link for the hub's member traffic: an HTB root (other traffic in a 10 Gbit/s default class), the member
     * packets in a class of {@code rate} — on the hub's eth0 in its namespace (u32 filters on the other hubs'
     * addresses), or on lo (filters on the member's ports). Returns false when tc refused (then nothing is left behind).
     */
    boolean slowLink(String hub, String rate) {
        String[] ns = env.netns ? new String[] {"ip", "netns", "exec", env.netnsOf(hub)} : new String[0];
        String dev = env.netns ? "eth0" : "lo";
        if (env.run(30, cat(ns, "tc", "qdisc", "add", "dev", dev, "root", "handle", "1:", "htb", "default", "10", "r2q", "100000")) != 0) {
            return false;
        }
        if (!env.netns) {
            mark(true);
        }
        boolean ok = env.run(30, cat(ns, "tc", "class", "add", "dev", dev, "parent", "1:", "classid", "1:10", "htb", "rate", "10gbit")) == 0
                && env.run(30, cat(ns, "tc", "class", "add", "dev", dev, "parent", "1:", "classid", "1:20", "htb", "rate", rate, "ceil", rate)) == 0;
        List<String[]> matches = new ArrayList<>();
        if (env.netns) {
            for (String other : others(hub)) {
                matches.add(new String[] {"dst", other + "/32"});
            }
        } else {
            String[] p = ports(hub);
            String[] range = p[1].split(":");
            List<Integer> portList = new ArrayList<>();
            portList.add(Integer.parseInt(p[0]));
            for (int q = Integer.parseInt(range[0]); q <= Integer.parseInt(range[1]); q++) {
                portList.add(q);
            }
            for (int q : portList) {
                matches.add(new String[] {"dport", q + " 0xffff"});
                matches.add(new String[] {"sport", q + " 0xffff"});
            }
        }
        for (String[] m : matches) {
            List<String> cmd = new ArrayList<>(List.of(ns));
            cmd.addAll(List.of("tc", "filter", "add", "dev", dev, "parent", "1:", "protocol", "ip", "prio", "1", "u32", "match", "ip", m[0]));
            cmd.addAll(List.of(m[1].split(" ")));
            cmd.addAll(List.of("flowid", "1:20"));
            ok = ok && env.run(30, cmd.toArray(String[]::new)) == 0;
        }
        if (!ok) {
            clearSlowLink(hub);
        }
        return ok;
    }

    void clearSlowLink(String hub) {
        if (env.netns) {
            env.run(30, "ip", "netns", "exec", env.netnsOf(hub), "tc", "qdisc", "del", "dev", "eth0", "root");
        } else {
            env.run(30, "tc", "qdisc", "del", "dev", "lo", "root");
            mark(false);
        }
    }

    private static String[] cat(String[] prefix, String... rest) {
        String[] out = new String[prefix.length + rest.length];
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        System.arraycopy(rest, 0, out, prefix.length, rest.length);
        return out;
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
