package kz.digitaltenge.bench.faults;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * What the suite knows about the running local cluster (bin/cluster, docs/cluster.md): the repository, the cluster's
 * directory, the ports (the same CLUSTER_* variables bin/cluster reads), the API users' passwords (users.txt), the
 * database's (pg-password), the hubs' process command lines (their Hazelcast and outbound ports), and one HTTP client.
 */
final class ClusterEnv {
    /** A place a request can be sent: a hub's own port or the load balancer. */
    record Target(String name, String base) {
    }

    /** An HTTP answer, or what happened instead (timeout, connection error: {@code http} 0). */
    record Answer(int http, String body, String servedBy, String error, boolean timeout, long sent, long answered) {
        JsonNode json() {
            try {
                return body == null || body.isBlank() ? null : History.JSON.readTree(body);
            } catch (IOException e) {
                return null;
            }
        }
    }

    final Path root;
    final Path dir;
    final Path faultsDir;
    final List<Target> hubs = new ArrayList<>();
    final Target lb;
    final List<Target> all = new ArrayList<>();
    final int pgPort;
    final int kafkaPort;
    /** bin/cluster's network ({@code network.env}): netns (each hub in a namespace of its own) or loopback. */
    final boolean netns;
    final String hostAddr;
    private final Map<String, String> network = new HashMap<>();
    private final Map<String, String> passwords = new HashMap<>();
    final HttpClient http;

    ClusterEnv(Path root) throws IOException {
        this.root = root;
        String d = System.getenv("CLUSTER_DIR");
        this.dir = (d == null || d.isBlank() ? root.resolve("cluster-data") : Path.of(d)).toAbsolutePath().normalize();
        this.faultsDir = dir.resolve("faults");
        String[] hubPorts = {env("CLUSTER_HUB1_PORT", "28081"), env("CLUSTER_HUB2_PORT", "28082"), env("CLUSTER_HUB3_PORT", "28083")};
        Path net = dir.resolve("network.env");
        if (Files.exists(net)) {
            for (String l : Files.readAllLines(net)) {
                int eq = l.indexOf('=');
                if (eq > 0) {
                    network.put(l.substring(0, eq).trim(), l.substring(eq + 1).trim());
                }
            }
        }
        netns = "netns".equals(network.get("CLUSTER_NETWORK"));
        hostAddr = network.getOrDefault("HOST_ADDR", "127.0.0.1");
        for (int i = 0; i < 3; i++) {
            hubs.add(new Target("hub" + (i + 1), "http://" + hubAddr("hub" + (i + 1)) + ":" + hubPorts[i]));
        }
        lb = new Target("lb", "http://127.0.0.1:" + env("CLUSTER_FRONT_PORT", "28080"));
        all.addAll(hubs);
        all.add(lb);
        pgPort = Integer.parseInt(env("CLUSTER_PG_PORT", "25432"));
        kafkaPort = Integer.parseInt(env("CLUSTER_KAFKA_PORT", "29092"));
        for (String l : Files.readAllLines(dir.resolve("users.txt"))) {
            String[] p = l.trim().split("\\s+");
            if (p.length >= 2) {
                passwords.put(p[0], p[1]);
            }
        }
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(3))
                .executor(Executors.newCachedThreadPool(r -> {
                    Thread t = new Thread(r, "http");
                    t.setDaemon(true);
                    return t;
                })).build();
    }

    private static String env(String name, String dflt) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? dflt : v;
    }

    Target hub(String name) {
        return hubs.stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }

    String dbUrl() {
        return "jdbc:postgresql://127.0.0.1:" + pgPort + "/ledger";
    }

    String dbPassword() throws IOException {
        return Files.readString(dir.resolve("pg-password")).trim();
    }

    String kafkaBrokers() {
        return hostAddr + ":" + kafkaPort;
    }

    /** The hub's address (its namespace's, or 127.0.0.1). */
    String hubAddr(String hub) {
        return network.getOrDefault(hub.toUpperCase() + "_ADDR", "127.0.0.1");
    }

    /** The hub's network namespace (netns mode), else null. */
    String netnsOf(String hub) {
        return network.get(hub.toUpperCase() + "_NETNS");
    }

    /** The host end of the hub's veth pair (netns mode), else null. */
    String vethOf(String hub) {
        return network.get(hub.toUpperCase() + "_VETH");
    }

    private String auth(String user) {
        String pw = passwords.get(user);
        if (pw == null) {
            throw new IllegalStateException("no password for " + user + " in " + dir.resolve("users.txt"));
        }
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + pw).getBytes(StandardCharsets.UTF_8));
    }

    Answer post(Target t, String path, String user, String body, Duration timeout) {
        return send(t, HttpRequest.newBuilder(URI.create(t.base() + path)).timeout(timeout)
                .header("Authorization", auth(user)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), t);
    }

    Answer get(Target t, String path, String user, Duration timeout) {
        return send(t, HttpRequest.newBuilder(URI.create(t.base() + path)).timeout(timeout)
                .header("Authorization", auth(user)).GET().build(), t);
    }

    private Answer send(HttpRequest request, Target t) {
        return send(t, request, t);
    }

    private Answer send(Target t, HttpRequest request, Target unused) {
        long sent = System.currentTimeMillis();
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            String served = r.headers().firstValue("X-Served-By").orElse(t == lb ? null : t.name());
            return new Answer(r.statusCode(), r.body(), served, null, false, sent, System.currentTimeMillis());
        } catch (HttpTimeoutException e) {
            return new Answer(0, null, null, e.getClass().getSimpleName() + ": " + e.getMessage(), true, sent, System.currentTimeMillis());
        } catch (IOException e) {
            String msg = e.getMessage();
            Throwable c = e.getCause();
            if (msg == null && c != null) {
                msg = c.getClass().getSimpleName() + ": " + c.getMessage();
            }
            return new Answer(0, null, null, e.getClass().getSimpleName() + ": " + msg, false, sent, System.currentTimeMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(0, null, null, "interrupted", false, sent, System.currentTimeMillis());
        }
    }

    /** The number of Hazelcast members the hub sees ({@code GET /api/flows}, its {@code cluster.members}), or -1. */
    int members(Target hub) {
        Answer a = get(hub, "/api/flows", "admin", Duration.ofSeconds(8));
        JsonNode j = a.http() == 200 ? a.json() : null;
        return j == null || !j.path("cluster").path("members").isNumber() ? -1 : j.path("cluster").path("members").asInt();
    }

    /** The hub's own health: UP or not (its answer within 10 s). */
    boolean up(Target hub) {
        Answer a = get(hub, "/actuator/health", "admin", Duration.ofSeconds(10));
        return a.http() == 200 && a.body() != null && a.body().contains("\"status\":\"UP\"");
    }

    /** The recorded pid of a cluster process ({@code run/<name>.pid}), or -1. */
    long pid(String name) {
        try {
            return Long.parseLong(Files.readAllLines(dir.resolve("run").resolve(name + ".pid")).get(0).trim());
        } catch (Exception e) {
            return -1;
        }
    }

    /** Whether the pid is alive and its command line names the cluster's directory (bin/cluster's rule for signalling). */
    boolean ours(long pid) {
        if (pid <= 0) {
            return false;
        }
        try {
            return Files.readString(Path.of("/proc", Long.toString(pid), "cmdline")).replace('\0', ' ').contains(dir + "/");
        } catch (IOException e) {
            return false;
        }
    }

    /** A {@code --key=value} argument of a running hub's command line, or null. */
    String hubArg(String hub, String key) {
        long pid = pid(hub);
        if (pid < 0) {
            return null;
        }
        try {
            String cmd = Files.readString(Path.of("/proc", Long.toString(pid), "cmdline"));
            for (String a : cmd.split("\0")) {
                if (a.startsWith("--" + key + "=")) {
                    return a.substring(key.length() + 3);
                }
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }

    /** Runs a command from the repository's root, its output appended to faults/commands.log; its exit code. */
    int run(long timeoutSeconds, String... cmd) {
        try {
            Files.createDirectories(faultsDir);
            Path log = faultsDir.resolve("commands.log");
            Files.writeString(log, "$ " + String.join(" ", cmd) + "\n", StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            Process p = new ProcessBuilder(cmd).directory(root.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return -1;
            }
            return p.exitValue();
        } catch (IOException e) {
            return -2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -3;
        }
    }
}
