package kz.digitaltenge.bench;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Summarises a JFR recording's CPU samples (jdk.ExecutionSample): the hottest methods by self time, and how
 * many samples have a frame of each component anywhere on the stack (inclusive), so "what limits it" can be
 * read off directly. Usage: JfrTop file.jfr [topN]
 */
public final class JfrTop {
    private static final Map<String, String> COMPONENTS = new java.util.LinkedHashMap<>();

    static {
        COMPONENTS.put("signature verification (BouncyCastle RFC 8032 Ed25519 verify)", "org.bouncycastle.math.ec.rfc8032.Ed25519.implVerify");
        COMPONENTS.put("validation total (Ledger.validate)", "kz.digitaltenge.ledger.Ledger.validate");
        COMPONENTS.put("group commit to PostgreSQL (CommitWriter.commitBatch)", "kz.digitaltenge.ledger.store.CommitWriter.commitBatch");
        COMPONENTS.put("PostgreSQL JDBC driver (org.postgresql)", "org.postgresql.");
        COMPONENTS.put("Ledger.settled (notary finalize + output cache)", "kz.digitaltenge.ledger.Ledger.settled");
        COMPONENTS.put("spent-set dispatcher (SpentSetDispatcher.dispatch)", "kz.digitaltenge.ledger.notary.SpentSetDispatcher.dispatch");
        COMPONENTS.put("spent-set entry processors (SpentSetProcessors)", "kz.digitaltenge.ledger.notary.SpentSetProcessors");
        COMPONENTS.put("Hazelcast serialization", "com.hazelcast.internal.serialization");
        COMPONENTS.put("Hazelcast (any)", "com.hazelcast.");
        COMPONENTS.put("SHA-256 / tx id (Transaction.id)", "kz.digitaltenge.ledger.tx.Transaction.id");
        COMPONENTS.put("canonical encoding (Transaction.canonicalBytes)", "kz.digitaltenge.ledger.tx.Transaction.canonicalBytes");
        COMPONENTS.put("load generator (bench)", "kz.digitaltenge.bench.");
    }

    private JfrTop() {
    }

    public static void main(String[] args) throws Exception {
        int top = args.length > 1 ? Integer.parseInt(args[1]) : 25;
        List<RecordedEvent> events = RecordingFile.readAllEvents(Path.of(args[0]));
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> inclusive = new HashMap<>();
        Map<String, Integer> threads = new HashMap<>();
        int samples = 0;
        for (RecordedEvent e : events) {
            if (!e.getEventType().getName().equals("jdk.ExecutionSample")) {
                continue;
            }
            RecordedStackTrace st = e.getStackTrace();
            if (st == null || st.getFrames().isEmpty()) {
                continue;
            }
            samples++;
            List<RecordedFrame> frames = st.getFrames();
            self.merge(name(frames.get(0)), 1, Integer::sum);
            String thread = e.getThread("sampledThread") == null ? "?" : e.getThread("sampledThread").getJavaName();
            threads.merge(thread == null ? "?" : thread.replaceAll("[-#]?\\d+$", "").replaceAll("\\d+", "N"), 1, Integer::sum);
            Set<String> hit = new HashSet<>();
            for (RecordedFrame f : frames) {
                String n = name(f);
                for (Map.Entry<String, String> c : COMPONENTS.entrySet()) {
                    if (n.startsWith(c.getValue())) {
                        hit.add(c.getKey());
                    }
                }
            }
            hit.forEach(h -> inclusive.merge(h, 1, Integer::sum));
        }
        final int total = samples;
        System.out.println("jdk.ExecutionSample: " + samples + " samples");
        System.out.println();
        System.out.println("-- inclusive (a frame of the component anywhere on the sampled stack)");
        for (String c : COMPONENTS.keySet()) {
            int n = inclusive.getOrDefault(c, 0);
            System.out.printf("  %5.1f%%  %6d  %s%n", 100.0 * n / Math.max(1, samples), n, c);
        }
        System.out.println();
        System.out.println("-- samples by thread (numbers folded)");
        threads.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(15)
                .forEach(t -> System.out.printf("  %5.1f%%  %6d  %s%n", 100.0 * t.getValue() / Math.max(1, total), t.getValue(), t.getKey()));
        System.out.println();
        System.out.println("-- top " + top + " methods by self samples");
        self.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(top)
                .forEach(t -> System.out.printf("  %5.1f%%  %6d  %s%n", 100.0 * t.getValue() / Math.max(1, total), t.getValue(), t.getKey()));
    }

    private static String name(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }
}
