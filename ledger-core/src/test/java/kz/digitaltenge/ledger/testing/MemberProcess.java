package kz.digitaltenge.ledger.testing;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import kz.digitaltenge.canonical.LedgerException;
import kz.digitaltenge.ledger.notary.NotaryCluster;
import kz.digitaltenge.ledger.notary.ReserveOutcome;
import kz.digitaltenge.ledger.store.PreparedTransaction;
import kz.digitaltenge.ledger.tx.CanonicalDecoder;
import kz.digitaltenge.ledger.tx.OutputRef;
import kz.digitaltenge.ledger.tx.SignedTransaction;
import kz.digitaltenge.ledger.tx.StoredOutput;
import kz.digitaltenge.ledger.tx.Transaction;
import kz.digitaltenge.ledger.tx.TxSignature;

/**
 * A ledger node in a JVM of its own, so that a test can kill it with SIGKILL. Commands on stdin, one per line:
 * {@code SUBMIT <canonical hex> <keyId> <sig base64>} (answers {@code OK <txid>} or {@code ERR <txid> <reason>}),
 * {@code HOLD ...} (the protocol stopped after its first step: the inputs reserved, nothing committed; answers
 * {@code HELD <txid>}), {@code COMMIT ...} (stopped after its second: reserved and durably committed in the store, never
 * finalized in the spent-set; answers {@code COMMITTED <txid>}). Each answer is printed only once its step is done, so
 * a test that kills the process after reading it knows where the protocol stood. Prints {@code READY} when joined.
 *
 * <p>The steps are driven here, part by part, as {@code Ledger} drives them, rather than through a seam in the ledger:
 * what the spent-set and the store hold at the kill is all the survivors see.
 */
public final class MemberProcess {
    public static void main(String[] args) throws Exception {
        String cluster = args[0];
        int port = Integer.parseInt(args[1]);
        List<String> peers = Arrays.asList(args[2].split(","));
        String jdbc = args[3];
        int expectedMembers = Integer.parseInt(args[4]);
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        HazelcastInstance hz = Hazelcast.newHazelcastInstance(NotaryCluster.memberConfig(cluster, "127.0.0.1", port, peers, 1));
        while (hz.getCluster().getMembers().size() < expectedMembers) {
            Thread.onSpinWait();
        }
        HikariConfig cfg = new HikariConfig();
        cfg.setJdbcUrl(jdbc);
        cfg.setUsername("postgres");
        cfg.setMaximumPoolSize(8);
        LedgerNode node = new LedgerNode(hz, new HikariDataSource(cfg), Duration.ofSeconds(30), Duration.ofMillis(500));
        out.println("READY");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            String[] p = line.split(" ");
            Transaction tx = CanonicalDecoder.decode(HexFormat.of().parseHex(p[1]));
            SignedTransaction signed = new SignedTransaction(tx, List.of(new TxSignature(p[2], Base64.getDecoder().decode(p[3]))));
            String id = tx.id().hex();
            if (p[0].equals("HOLD")) {
                node.notary.reserve(tx.id(), tx.inputs()).join();
                out.println("HELD " + id);
            } else if (p[0].equals("COMMIT")) {
                ReserveOutcome reserved = node.notary.reserve(tx.id(), tx.inputs()).join();
                if (reserved.kind() != ReserveOutcome.Kind.RESERVED) {
                    out.println("ERR " + id + " " + reserved);
                    continue;
                }
                Map<OutputRef, StoredOutput> stored = node.store.loadOutputs(tx.inputs());
                List<StoredOutput> inputs = tx.inputs().stream().map(stored::get).toList();
                node.store.commits().commitOne(new PreparedTransaction(tx.id(), signed, inputs, 0, 0));
                out.println("COMMITTED " + id);
            } else {
                node.ledger.submit(signed).whenComplete((c, e) -> {
                    Throwable cause = e == null ? null : (e.getCause() != null ? e.getCause() : e);
                    out.println(e == null ? "OK " + id
                            : "ERR " + id + " " + (cause instanceof LedgerException le ? le.reason() : cause.toString()));
                });
            }
        }
    }

    /**
     * Starts a member process joining {@code peers} on {@code port}, its stderr to {@code log}; the lying notary's
     * switch ({@link LyingNotary#PROPERTY}) goes along, so a proof run by hand covers the child too.
     */
    public static Process start(String cluster, int port, String peers, String jdbc, int expectedMembers, java.io.File log)
            throws java.io.IOException {
        List<String> command = new java.util.ArrayList<>(List.of(
                new java.io.File(System.getProperty("java.home"), "bin/java").getPath(), "-Xmx512m"));
        if (Boolean.getBoolean(LyingNotary.PROPERTY)) {
            command.add("-D" + LyingNotary.PROPERTY + "=true");
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), MemberProcess.class.getName(),
                cluster, String.valueOf(port), peers, jdbc, String.valueOf(expectedMembers)));
        return new ProcessBuilder(command).redirectError(log).start();
    }

    /** The command line for one signed transaction. */
    public static String command(String verb, SignedTransaction signed) {
        TxSignature s = signed.signatures().get(0);
        return verb + " " + HexFormat.of().formatHex(signed.tx().canonicalBytes()) + " " + s.keyId() + " "
                + Base64.getEncoder().encodeToString(s.value());
    }
}
