package kz.digitaltenge.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The hot spots of an async-profiler run, from its collapsed stacks ({@code frame;frame;...;leaf count} per line): the
 * frames with the most own samples, and own samples grouped by what the code is (the JVM and GC, the kernel, the
 * PostgreSQL driver, crypto, JSON, Camel, Hazelcast, the ledger, the hub). Printed by {@code bench/run.sh --profile}.
 */
public final class ProfileTop {
    private ProfileTop() {
    }

    public static void main(String[] args) throws IOException {
        Map<String, Long> leaves = new HashMap<>();
        Map<String, Long> groups = new LinkedHashMap<>();
        long total = 0;
        for (String line : Files.readAllLines(Path.of(args[0]))) {
            int space = line.lastIndexOf(' ');
            if (space < 0) {
                continue;
            }
            long n = Long.parseLong(line.substring(space + 1).trim());
            String stack = line.substring(0, space);
            String leaf = stack.substring(stack.lastIndexOf(';') + 1);
            leaves.merge(leaf, n, Long::sum);
            groups.merge(group(stack, leaf), n, Long::sum);
            total += n;
        }
        System.out.printf("%n== own samples: %d%n", total);
        print("by what the code is", groups, total, 20);
        print("top frames (own time)", leaves, total, 25);
    }

    /** The innermost frame that says what the work is for, else the leaf's kind. */
    static String group(String stack, String leaf) {
        String[] frames = stack.split(";");
        for (int i = frames.length - 1; i >= 0; i--) {
            String f = frames[i];
            if (f.startsWith("org/postgresql") || f.startsWith("org.postgresql")) {
                return "PostgreSQL driver (incl. its socket I/O)";
            }
            if (f.contains("bouncycastle") || f.startsWith("sun/security") || f.startsWith("sun.security")
                    || f.contains("crypto") || f.contains("Ed25519") || f.contains("EdDSA")) {
                return "signatures and hashing";
            }
            if (f.startsWith("com/fasterxml") || f.startsWith("com.fasterxml")) {
                return "JSON (Jackson)";
            }
            if (f.startsWith("com/hazelcast") || f.startsWith("com.hazelcast")) {
                return "Hazelcast";
            }
            if (f.startsWith("org/apache/camel") || f.startsWith("org.apache.camel")) {
                return "Camel";
            }
            if (f.startsWith("org/apache/catalina") || f.startsWith("org/apache/coyote") || f.startsWith("org/apache/tomcat")
                    || f.startsWith("org.apache.catalina") || f.startsWith("org.apache.coyote") || f.startsWith("org.apache.tomcat")) {
                return "Tomcat (HTTP)";
            }
            if (f.startsWith("org/springframework") || f.startsWith("org.springframework")) {
                return "Spring (MVC, security, JDBC)";
            }
            if (f.startsWith("com/zaxxer") || f.startsWith("com.zaxxer")) {
                return "connection pool (Hikari)";
            }
            if (f.startsWith("kz/digitaltenge/ledger") || f.startsWith("kz.digitaltenge.ledger")) {
                return "ledger core (own code)";
            }
            if (f.startsWith("kz/digitaltenge/hub") || f.startsWith("kz.digitaltenge.hub")) {
                return "hub (own code)";
            }
            if (f.startsWith("kz/digitaltenge") || f.startsWith("kz.digitaltenge")) {
                return "routes, canonical, bench";
            }
        }
        if (leaf.endsWith("_[k]")) {
            return "kernel";
        }
        if (leaf.contains("GC") || leaf.contains("G1") || stack.contains("GCTaskThread") || stack.contains("G1")) {
            return "GC";
        }
        if (leaf.contains("Compile") || stack.contains("CompileBroker")) {
            return "JIT compiler";
        }
        return "JVM and other native";
    }

    private static void print(String title, Map<String, Long> counts, long total, int top) {
        System.out.printf("%n== %s%n", title);
        List<Map.Entry<String, Long>> sorted = counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())).limit(top).toList();
        for (Map.Entry<String, Long> e : sorted) {
            System.out.printf("%6.1f%%  %8d  %s%n", 100.0 * e.getValue() / Math.max(1, total), e.getValue(), e.getKey());
        }
    }
}
