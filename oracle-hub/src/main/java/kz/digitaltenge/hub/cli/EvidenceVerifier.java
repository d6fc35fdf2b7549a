package kz.digitaltenge.hub.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kz.digitaltenge.hub.evidence.EvidenceJson;
import kz.digitaltenge.canonical.LedgerException;
import kz.digitaltenge.ledger.fact.EvidenceChain;
import kz.digitaltenge.ledger.fact.EvidenceCheckpoint;
import kz.digitaltenge.ledger.fact.EvidenceLog;
import kz.digitaltenge.ledger.registry.RegisteredKey;

/**
 * The offline verifier of an evidence export ({@code GET /api/oracle/evidence/export}), run by an auditor without the
 * hub (plain Java, no Spring context):
 *
 * <pre>
 * evidence-verify EXPORT [--checkpoint FILE-or-JSON ...] [--keys FILE]
 * </pre>
 *
 * It checks every link, every fact's id (recomputed from the fact's canonical encoding), every entry hash and every
 * signature against the trusted keys, and the chain against every checkpoint given: the checkpoint's signature
 * verifies with a trusted key, the export reaches its seq, and the entry at its seq has exactly its hash. The checks
 * are ledger-core's ({@link EvidenceChain}), the same the hub runs online.
 *
 * <p>The trusted keys should come from the auditor ({@code --keys}): keys taken from the export itself are what
 * whoever rewrote the export chose, so that fallback is only used with a warning.
 *
 * <p>Exit codes: 0 intact, 1 a problem (printed, the first one), 2 usage or an unreadable file.
 */
public final class EvidenceVerifier {
    private static final ObjectMapper JSON = EvidenceJson.mapper();

    private EvidenceVerifier() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        String export = null;
        Path keysFile = null;
        List<String> checkpointArgs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if ((a.equals("--checkpoint") || a.equals("--keys")) && i + 1 < args.length) {
                if (a.equals("--keys")) {
                    keysFile = Path.of(args[++i]);
                } else {
                    checkpointArgs.add(args[++i]);
                }
            } else if (a.equals("-h") || a.equals("--help")) {
                usage(out);
                return 0;
            } else if (!a.startsWith("--") && export == null) {
                export = a;
            } else {
                err.println("unexpected argument '" + a + "'");
                usage(err);
                return 2;
            }
        }
        if (export == null) {
            usage(err);
            return 2;
        }
        try (BufferedReader lines = Files.newBufferedReader(Path.of(export), StandardCharsets.UTF_8)) {
            List<EvidenceCheckpoint> checkpoints = new ArrayList<>();
            for (String c : checkpointArgs) {
                checkpoints.addAll(checkpoints(c));
            }
            return verify(lines, keysFile == null ? null : keys(JSON.readTree(Files.readString(keysFile))), checkpoints, out, err);
        } catch (LedgerException | JsonProcessingException e) {
            err.println("unreadable input: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("cannot read: " + e.getMessage());
            return 2;
        }
    }

    /** Verifies an export read from {@code lines}; {@code trusted} null = the export's own keys, with a warning. */
    static int verify(BufferedReader lines, Map<String, RegisteredKey> trusted, List<EvidenceCheckpoint> checkpoints,
                      PrintStream out, PrintStream err) throws IOException {
        String first = lines.readLine();
        JsonNode header = first == null ? null : JSON.readTree(first);
        if (header == null || !EvidenceJson.EXPORT.equals(header.path("kind").asText())) {
            err.println("not an evidence export: the first line is not a header of kind " + EvidenceJson.EXPORT);
            return 2;
        }
        if (header.path("format").asInt() != EvidenceJson.FORMAT) {
            err.println("export format " + header.path("format") + " is not known to this verifier (" + EvidenceJson.FORMAT + ")");
            return 2;
        }
        String untrusted = "is not among the trusted keys (--keys)";
        if (trusted == null) {
            err.println("WARNING: no --keys given: trusting the keys listed in the export itself. Whoever could rewrite"
                    + " the export could have listed their own key; give the oracle keys you obtained from the hub's"
                    + " operator with --keys for a verification that means something.");
            trusted = keys(header);
            untrusted = "is not listed in the export";
        }
        Map<String, RegisteredKey> keys = trusted;
        EvidenceChain chain = new EvidenceChain(id -> Optional.ofNullable(keys.get(id)), untrusted, checkpoints);
        long lineNumber = 1;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            ExportLine read = entry(line, lineNumber);
            if (read.problem() != null) {
                out.println("broken: " + read.problem());
                return 1;
            }
            if (!chain.accept(read.entry())) {
                break;
            }
        }
        EvidenceLog.Report report = chain.report();
        if (!report.intact()) {
            out.println("broken: " + report.problem());
            return 1;
        }
        String against = checkpoints.isEmpty()
                ? "no checkpoint given (a cut tail or a rebuilt chain would not show)"
                : "checkpoint " + checkpoints.get(checkpoints.size() - 1).seq() + " matches";
        out.println("intact: " + report.entries() + " entries, head " + report.headHash() + ", " + against);
        return 0;
    }

    /** One line of the export: the entry, or why it cannot be read. */
    private record ExportLine(kz.digitaltenge.ledger.fact.EvidenceEntry entry, String problem) {
    }

    private static ExportLine entry(String line, long lineNumber) {
        try {
            return new ExportLine(EvidenceJson.entry(JSON.readTree(line)), null);
        } catch (JsonProcessingException e) {
            return new ExportLine(null, "line " + lineNumber + " is not JSON: " + e.getOriginalMessage());
        } catch (LedgerException e) {
            return new ExportLine(null, "line " + lineNumber + ": " + e.getMessage());
        }
    }

    /**
     * Checkpoints from one {@code --checkpoint} value: JSON itself when it starts with {@code {} or {@code [}, else a
     * file. Either holds one checkpoint, an array of them (the list endpoint's answer) or JSON lines (copies taken
     * from {@code hub.facts}), in the order given.
     */
    static List<EvidenceCheckpoint> checkpoints(String value) throws IOException {
        String trimmed = value.trim();
        String text = trimmed.startsWith("{") || trimmed.startsWith("[") ? trimmed : Files.readString(Path.of(value));
        List<EvidenceCheckpoint> out = new ArrayList<>();
        // a sequence of root values: one object, one array, or one object per line
        try (com.fasterxml.jackson.databind.MappingIterator<JsonNode> values = JSON.readerFor(JsonNode.class).readValues(text)) {
            while (values.hasNext()) {
                JsonNode n = values.next();
                if (n.isArray()) {
                    n.forEach(c -> out.add(EvidenceJson.checkpoint(c)));
                } else {
                    out.add(EvidenceJson.checkpoint(n));
                }
            }
        } catch (RuntimeException e) {
            if (e.getCause() instanceof JsonProcessingException jpe) {
                throw jpe;
            }
            throw e;
        }
        if (out.isEmpty()) {
            throw new LedgerException(kz.digitaltenge.canonical.ReasonCode.MALFORMED, "no checkpoint in '" + value + "'");
        }
        return out;
    }

    /** Keys from an array of keys, or an object with {@code keys} (an export's header line, saved on its own). */
    static Map<String, RegisteredKey> keys(JsonNode n) {
        JsonNode list = n.isArray() ? n : n.path("keys");
        if (!list.isArray()) {
            throw new LedgerException(kz.digitaltenge.canonical.ReasonCode.MALFORMED, "a key list is an array of {keyId, algorithm, publicKey}");
        }
        Map<String, RegisteredKey> keys = new LinkedHashMap<>();
        list.forEach(k -> {
            RegisteredKey key = EvidenceJson.key(k);
            keys.put(key.keyId(), key);
        });
        return keys;
    }

    private static void usage(PrintStream s) {
        s.println("""
                usage: evidence-verify EXPORT [--checkpoint FILE-or-JSON ...] [--keys FILE]
                  EXPORT        the JSON lines of GET /api/oracle/evidence/export
                  --checkpoint  a checkpoint you kept (from hub.facts or GET /api/oracle/evidence/checkpoints): a file
                                or the JSON itself; one object, an array or JSON lines; repeatable
                  --keys        the oracle keys you trust: a JSON array of {keyId, algorithm, publicKey}
                                (without it the export's own key list is used, with a warning)
                exit: 0 intact, 1 a problem (the first one is printed), 2 usage or unreadable input""");
    }
}
