package kz.digitaltenge.routes.procurement.project;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import kz.digitaltenge.canonical.CanonicalMessage;
import kz.digitaltenge.canonical.ReasonCode;
import kz.digitaltenge.canonical.SourceMessageRejected;
import kz.digitaltenge.canonical.id.AccountNumber;
import kz.digitaltenge.canonical.id.PartyId;
import kz.digitaltenge.canonical.money.Tiyn;
import kz.digitaltenge.canonical.source.FactLookup;
import kz.digitaltenge.canonical.source.KnownFact;

/**
 * The two documents of a project's contract tree, judged against what the oracle registered (docs/contract-marking.md,
 * "Projects and address lists"):
 * <ul>
 *   <li>a project's rules, from the programme's operator (the Treasury or the issuer) → {@code PROJECT_DEFINED};</li>
 *   <li>a subcontract, declared by a contract's recipient (its party, as the hub authenticated it) → a child
 *       {@code CONTRACT_REGISTERED} one level down, whose limits sit inside its parent's.</li>
 * </ul>
 * Nothing here is taken on the declarer's word: the parent's terms, the level, the admitted parties and the room left
 * under the parent all come from the registered facts.
 */
public final class ProjectTranslator {
    public static final String CONTRACT = "CONTRACT_REGISTERED";
    public static final String PROJECT = "PROJECT_DEFINED";
    private static final java.time.ZoneId ALMATY = java.time.ZoneId.of("Asia/Almaty");

    private ProjectTranslator() {
    }

    /** A project document: {@code {project, name, rootContract, depth, levels:[{level, admits, cashOutPercent}]}}. */
    public static CanonicalMessage project(JsonNode doc, FactLookup facts) {
        String project = text(doc, "project");
        if (!project.matches("[A-Za-z0-9][A-Za-z0-9._/-]{0,63}")) {
            throw ProjectRules.refused("project id '" + project + "' is 1-64 letters, digits and . _ / -");
        }
        String root = text(doc, "rootContract");
        KnownFact rootFact = facts.latest(CONTRACT, root).orElseThrow(() -> new SourceMessageRejected(ReasonCode.UNKNOWN_REFERENCE,
                "project " + project + ": root contract " + root + " is not registered (import it first)"));
        if (rootFact.term("parent") != null) {
            throw ProjectRules.refused("contract " + root + " is a child contract; a project's root is a registered contract of its own");
        }
        int depth = integer(doc, "depth");
        Map<Integer, ProjectRules.Level> levels = new LinkedHashMap<>();
        JsonNode list = doc.path("levels");
        if (!list.isArray()) {
            throw ProjectRules.refused("levels is a list of {level, admits, cashOutPercent}");
        }
        for (JsonNode l : list) {
            int k = integer(l, "level");
            List<String> admits = new ArrayList<>();
            l.path("admits").forEach(a -> admits.add(a.asText()));
            Integer percent = l.has("cashOutPercent") ? integer(l, "cashOutPercent") : null;
            if (levels.put(k, ProjectRules.level(k, admits, percent)) != null) {
                throw ProjectRules.refused("level " + k + " is given twice");
            }
        }
        ProjectRules rules = new ProjectRules(project, doc.path("name").asText(project), root, depth, levels);
        Optional<KnownFact> before = facts.latest(PROJECT, project);
        if (before.isPresent() && !before.get().term("rootContract").equals(root)) {
            throw new SourceMessageRejected(ReasonCode.CONFLICT, "project " + project + " has root contract "
                    + before.get().term("rootContract") + "; a project keeps its root");
        }
        Map<String, String> terms = rules.terms();
        return new CanonicalMessage("project:" + project + ":" + digest(terms), PROJECT, project, terms, null);
    }

    /**
     * A subcontract: {@code {project, parent, contract, supplierBin, supplierAccount, sum, validTo?}}, declared by the
     * parent contract's recipient ({@code declarer}: the caller's BIN/IIN as the hub authenticated it).
     */
    public static CanonicalMessage subcontract(JsonNode doc, String declarer, FactLookup facts) {
        String projectId = text(doc, "project");
        KnownFact projectFact = facts.latest(PROJECT, projectId).orElseThrow(() -> new SourceMessageRejected(
                ReasonCode.UNKNOWN_REFERENCE, "project " + projectId + " is not defined"));
        ProjectRules rules = ProjectRules.fromTerms(projectId, projectFact.terms());
        String parentNumber = text(doc, "parent");
        KnownFact parent = facts.latest(CONTRACT, parentNumber).orElseThrow(() -> new SourceMessageRejected(
                ReasonCode.UNKNOWN_REFERENCE, "parent contract " + parentNumber + " is not registered"));
        int parentLevel = levelOf(parent, rules);
        int level = parentLevel + 1;
        if (level > rules.depth()) {
            throw new SourceMessageRejected(ReasonCode.BUSINESS_RULE, "project " + projectId + " is " + rules.depth()
                    + " levels deep: a level-" + parentLevel + " recipient adds no one below it");
        }
        if (declarer == null || !declarer.equals(parent.term("recipientBin"))) {
            throw new SourceMessageRejected(ReasonCode.NOT_AUTHORIZED, "a subcontract of " + parentNumber
                    + " is declared by its recipient " + parent.term("recipientBin") + " itself"
                    + (declarer == null ? " (the caller speaks for no party)" : ", not by " + declarer));
        }
        String supplierBin = text(doc, "supplierBin");
        if (!PartyId.isValid(supplierBin)) {
            throw new SourceMessageRejected(ReasonCode.INVALID_IDENTIFIER, "supplierBin '" + supplierBin + "' is not a valid BIN/IIN");
        }
        ProjectRules.Level rule = rules.level(level);
        if (!rule.admits(supplierBin)) {
            throw new SourceMessageRejected(ReasonCode.NOT_AUTHORIZED, supplierBin + " may not be added at level " + level
                    + " of project " + projectId + " (its rules admit " + rule.admitted() + ")");
        }
        AccountNumber account;
        try {
            account = AccountNumber.parse(text(doc, "supplierAccount"));
        } catch (kz.digitaltenge.canonical.LedgerException e) {
            throw new SourceMessageRejected(ReasonCode.INVALID_IDENTIFIER, "supplierAccount: " + e.getMessage());
        }
        String number = text(doc, "contract");
        if (number.length() > 64 || !number.matches("[\\p{L}\\p{N}][\\p{L}\\p{N} ._/-]*")) {
            throw ProjectRules.refused("contract number '" + number + "' is 1-64 letters, digits, spaces and . _ / -");
        }
        Optional<KnownFact> existing = facts.latest(CONTRACT, number);
        if (existing.isPresent() && !parentNumber.equals(existing.get().term("parent"))) {
            throw new SourceMessageRejected(ReasonCode.CONFLICT, "contract " + number + " is registered already"
                    + (existing.get().term("parent") == null ? "" : " under " + existing.get().term("parent")));
        }
        long sum = amount(doc, "sum");
        long room = Long.parseLong(parent.term("maxTransfer"));
        for (String sibling : facts.subjectsBy(CONTRACT, "parent", parentNumber)) {
            if (!sibling.equals(number)) {
                room -= facts.latest(CONTRACT, sibling).map(f -> Long.parseLong(f.term("maxTransfer"))).orElse(0L);
            }
        }
        if (sum > room) {
            throw new SourceMessageRejected(ReasonCode.LIMIT_EXCEEDED, "subcontracts of " + parentNumber + " may total "
                    + Tiyn.format(Long.parseLong(parent.term("maxTransfer"))) + "; " + Tiyn.format(Math.max(0, room))
                    + " is left, not " + Tiyn.format(sum));
        }
        Instant parentFrom = Instant.parse(parent.term("validFrom"));
        Instant parentTo = Instant.parse(parent.term("validTo"));
        Instant to = doc.hasNonNull("validTo") ? endOfDay(doc.get("validTo").asText()) : parentTo;
        if (to.isAfter(parentTo)) {
            throw new SourceMessageRejected(ReasonCode.BUSINESS_RULE, "subcontract " + number + " ends after its parent "
                    + parentNumber + " (" + parentTo + ")");
        }
        if (!to.isAfter(parentFrom)) {
            throw new SourceMessageRejected(ReasonCode.BUSINESS_RULE, "subcontract " + number + " ends before its parent starts");
        }
        Map<String, String> terms = new TreeMap<>();
        terms.put("sender", parent.term("recipient"));
        terms.put("senderBin", parent.term("recipientBin"));
        terms.put("recipient", account.value());
        terms.put("recipientBin", supplierBin);
        terms.put("number", number);
        terms.put("parent", parentNumber);
        terms.put("project", projectId);
        terms.put("level", Integer.toString(level));
        terms.put("maxTransfer", Long.toString(sum));
        // the level's share of the sum, rounded down: never a tiyn more than the rule allows
        terms.put("maxCashOut", BigDecimal.valueOf(sum).multiply(BigDecimal.valueOf(rule.cashOutPercent()))
                .divide(BigDecimal.valueOf(100), 0, RoundingMode.DOWN).toPlainString());
        terms.put("validFrom", parentFrom.toString());
        terms.put("validTo", to.toString());
        return new CanonicalMessage("subcontract:" + number + ":" + digest(terms), CONTRACT, number, terms, null);
    }

    /** The level of a registered contract in a project: the root is 1, a child one below its parent. */
    static int levelOf(KnownFact contract, ProjectRules rules) {
        if (contract.subject().equals(rules.rootContract())) {
            return 1;
        }
        if (!rules.project().equals(contract.term("project")) || contract.term("level") == null) {
            throw new SourceMessageRejected(ReasonCode.BUSINESS_RULE, "contract " + contract.subject() + " is not in project "
                    + rules.project());
        }
        return Integer.parseInt(contract.term("level"));
    }

    private static long amount(JsonNode doc, String field) {
        JsonNode n = doc.get(field);
        if (n == null || n.isNull() || !(n.isTextual() || n.isNumber())) {
            throw ProjectRules.refused(field + " is missing (a decimal amount in tenge, e.g. \"12000000.00\")");
        }
        String text = n.isNumber() ? n.decimalValue().toPlainString() : n.asText();
        long tiyn;
        try {
            tiyn = Tiyn.parse(text);
        } catch (kz.digitaltenge.canonical.LedgerException e) {
            throw new SourceMessageRejected(ReasonCode.MALFORMED, field + ": " + e.getMessage());
        }
        if (tiyn <= 0) {
            throw ProjectRules.refused(field + " must be more than 0");
        }
        return tiyn;
    }

    private static Instant endOfDay(String date) {
        try {
            return LocalDate.parse(date).plusDays(1).atStartOfDay(ALMATY).toInstant().minusMillis(1);
        } catch (DateTimeParseException e) {
            throw ProjectRules.refused("validTo '" + date + "' is a date YYYY-MM-DD (the end of that day in Almaty)");
        }
    }

    private static String text(JsonNode doc, String field) {
        JsonNode n = doc.get(field);
        if (n == null || n.isNull() || !n.isValueNode() || n.asText().isBlank()) {
            throw ProjectRules.refused(field + " is missing");
        }
        return n.asText().strip();
    }

    private static int integer(JsonNode doc, String field) {
        JsonNode n = doc.get(field);
        if (n == null || !n.canConvertToInt() || !n.isIntegralNumber()) {
            throw ProjectRules.refused(field + " is a whole number");
        }
        return n.intValue();
    }

    private static String digest(Map<String, String> terms) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            new TreeMap<>(terms).forEach((k, v) -> sha.update((k + "=" + v + "\n").getBytes(StandardCharsets.UTF_8)));
            return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
