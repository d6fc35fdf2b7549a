package kz.digitaltenge.bench.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The fault suite's history: one JSON object a line ({@code cluster-data/faults/history.jsonl}), every client request
 * with its answer (or timeout, or connection error), every Kafka record produced, every fault injected, each with
 * epoch-millisecond timestamps. Appended by many threads; each line is flushed when written, so a suite that dies
 * leaves what it saw.
 */
final class History implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    private final BufferedWriter out;

    History(Path file, boolean append) throws IOException {
        Files.createDirectories(file.getParent());
        out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
    }

    static ObjectNode line(String kind) {
        ObjectNode n = JSON.createObjectNode();
        n.put("kind", kind);
        return n;
    }

    synchronized void write(ObjectNode n) {
        try {
            if (!n.has("t")) {
                n.put("t", System.currentTimeMillis());
            }
            out.write(JSON.writeValueAsString(n));
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fault event: {@code fault} (kill, partition, ...), its {@code target}, {@code phase} (start, detected, ...). */
    void fault(String fault, String target, String phase, long at, String detail) {
        ObjectNode n = line("fault");
        n.put("fault", fault).put("target", target).put("phase", phase).put("at", at);
        if (detail != null) {
            n.put("detail", detail);
        }
        write(n);
    }

    static List<JsonNode> read(Path file) throws IOException {
        List<JsonNode> all = new ArrayList<>();
        for (String l : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!l.isBlank()) {
                all.add(JSON.readTree(l));
            }
        }
        return all;
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}
