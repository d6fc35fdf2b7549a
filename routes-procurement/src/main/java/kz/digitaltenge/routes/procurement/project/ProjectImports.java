package kz.digitaltenge.routes.procurement.project;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import kz.digitaltenge.canonical.CanonicalMessage;
import kz.digitaltenge.canonical.LedgerException;
import kz.digitaltenge.canonical.ReasonCode;
import kz.digitaltenge.canonical.SourceMessageRejected;
import kz.digitaltenge.canonical.source.BatchTranslator;
import kz.digitaltenge.canonical.source.FactLookup;
import kz.digitaltenge.canonical.source.SourceHeaders;

/**
 * The imports of a project's tree: {@code projects} (a project's rules, from the Treasury or the issuer) and
 * {@code subcontracts} (declared by a contract's recipient, its party as the hub authenticated it). A body is one
 * document or an array of them, each judged on its own ({@link ProjectTranslator}).
 */
public final class ProjectImports implements BatchTranslator {
    public static final String PROJECTS = "projects";
    public static final String SUBCONTRACTS = "subcontracts";
    /** A project's rules or a batch of declarations: small documents. */
    static final int MAX_BYTES = 1024 * 1024;
    static final int MAX_DOCUMENTS = 500;
    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(16).maxStringLength(4096).build()).build());

    private final Supplier<FactLookup> facts;

    public ProjectImports(Supplier<FactLookup> facts) {
        this.facts = facts;
    }

    /** Whether an import path is one of these. */
    public static boolean takes(String importPath) {
        return PROJECTS.equals(importPath) || SUBCONTRACTS.equals(importPath);
    }

    @Override
    public Batch translateBatch(byte[] body, Map<String, String> headers) {
        if (body == null || body.length == 0) {
            throw new SourceMessageRejected(ReasonCode.MALFORMED, "the message is empty: expected a JSON document or an array of them");
        }
        if (body.length > MAX_BYTES) {
            throw new SourceMessageRejected(ReasonCode.TOO_LARGE, "a project import takes up to " + MAX_BYTES + " bytes");
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (java.io.IOException e) {
            throw new SourceMessageRejected(ReasonCode.MALFORMED, "not JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (root == null || !(root.isObject() || root.isArray())) {
            throw new SourceMessageRejected(ReasonCode.MALFORMED, "expected a JSON document or an array of them");
        }
        List<JsonNode> docs = new ArrayList<>();
        if (root.isArray()) {
            root.forEach(docs::add);
        } else {
            docs.add(root);
        }
        if (docs.size() > MAX_DOCUMENTS) {
            throw new SourceMessageRejected(ReasonCode.TOO_LARGE, "at most " + MAX_DOCUMENTS + " documents per import");
        }
        String path = headers.get(SourceHeaders.IMPORT);
        String declarer = headers.get(SourceHeaders.CALLER_PARTY);
        FactLookup lookup = facts.get();
        List<CanonicalMessage> messages = new ArrayList<>();
        List<Map<String, String>> labels = new ArrayList<>();
        List<RejectedRecord> rejected = new ArrayList<>();
        for (int i = 0; i < docs.size(); i++) {
            JsonNode doc = docs.get(i);
            Map<String, String> l = new LinkedHashMap<>();
            l.put("record", Integer.toString(i + 1));
            String id = doc.path(PROJECTS.equals(path) ? "project" : "contract").asText("");
            if (!id.isEmpty() && id.length() <= 128) {
                l.put("id", id);
            }
            try {
                if (!doc.isObject()) {
                    throw ProjectRules.refused("record " + (i + 1) + " is not a JSON object");
                }
                CanonicalMessage m = PROJECTS.equals(path) ? ProjectTranslator.project(doc, lookup)
                        : ProjectTranslator.subcontract(doc, declarer, lookup);
                messages.add(m);
                labels.add(l);
            } catch (SourceMessageRejected e) {
                rejected.add(new RejectedRecord(Integer.toString(i + 1), e.code(), e.getMessage(), bytes(doc), l));
            } catch (LedgerException e) {
                rejected.add(new RejectedRecord(Integer.toString(i + 1), e.reason(), e.getMessage(), bytes(doc), l));
            }
        }
        return new Batch(messages, rejected, labels);
    }

    private static byte[] bytes(JsonNode doc) {
        try {
            return JSON.writeValueAsBytes(doc);
        } catch (java.io.IOException e) {
            return doc.toString().getBytes(StandardCharsets.UTF_8);
        }
    }
}
