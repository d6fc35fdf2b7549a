package kz.digitaltenge.routes.procurement.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kz.digitaltenge.canonical.CanonicalMessage;
import kz.digitaltenge.canonical.ReasonCode;
import kz.digitaltenge.canonical.SourceMessageRejected;
import kz.digitaltenge.canonical.id.AccountNumber;
import kz.digitaltenge.canonical.id.PartyId;
import kz.digitaltenge.canonical.source.FactLookup;
import kz.digitaltenge.canonical.source.KnownFact;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A project's rules and its subcontracts judged against the registered facts (an in-memory book of them). */
class ProjectTranslatorTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String ROOT = "000140001536/160089/00";
    static final String CUSTOMER = bin("00014000153");
    static final String GC = bin("99034000001");
    static final String SUB_A = bin("99034000002");
    static final String SUB_B = bin("99034000003");
    static final String STRANGER = bin("99034000009");

    final Book book = new Book();

    static String bin(String first11) {
        return first11 + PartyId.checkDigit(first11);
    }

    static String account(String tail) {
        return AccountNumber.of("001", tail).value();
    }

    /** What the oracle registered: the latest fact per (type, subject) and the parent index. */
    static final class Book implements FactLookup {
        final Map<String, KnownFact> latest = new HashMap<>();
        final Map<String, List<String>> children = new LinkedHashMap<>();

        void register(CanonicalMessage m) {
            latest.put(m.type() + "|" + m.subject(), new KnownFact("f" + latest.size(), m.type(), m.subject(), m.terms(), Instant.now()));
            String parent = m.terms().get("parent");
            if (parent != null && !children.getOrDefault(parent, List.of()).contains(m.subject())) {
                children.computeIfAbsent(parent, k -> new ArrayList<>()).add(m.subject());
            }
        }

        @Override
        public Optional<KnownFact> latest(String type, String subject) {
            return Optional.ofNullable(latest.get(type + "|" + subject));
        }

        @Override
        public List<String> subjectsBy(String type, String term, String value) {
            return term.equals("parent") ? children.getOrDefault(value, List.of()) : List.of();
        }
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @BeforeEach
    void rootContract() {
        Map<String, String> terms = new HashMap<>(Map.of("sender", account("0000000000001"), "recipient", account("0000000000002"),
                "senderBin", CUSTOMER, "recipientBin", GC, "maxTransfer", "10000000000", "maxCashOut", "0",
                "validFrom", "2026-01-01T00:00:00Z", "validTo", "2027-12-31T18:59:59Z"));
        book.register(new CanonicalMessage("c", "CONTRACT_REGISTERED", ROOT, terms, null));
        book.register(ProjectTranslator.project(json("{\"project\":\"RAIL-1\",\"name\":\"Railway km 120-180\",\"rootContract\":\""
                + ROOT + "\",\"depth\":3,\"levels\":[{\"level\":2,\"admits\":[\"" + SUB_A + "\",\"" + SUB_B
                + "\"],\"cashOutPercent\":10},{\"level\":3,\"admits\":[\"*\"],\"cashOutPercent\":100}]}"), book));
    }

    String sub(String number, String parent, String supplier, String account, String sum) {
        return "{\"project\":\"RAIL-1\",\"parent\":\"" + parent + "\",\"contract\":\"" + number + "\",\"supplierBin\":\"" + supplier
                + "\",\"supplierAccount\":\"" + account + "\",\"sum\":\"" + sum + "\"}";
    }

    @Test
    void theRulesAreOneReadableFactAndComeBackFromItsTerms() {
        KnownFact project = book.latest("PROJECT_DEFINED", "RAIL-1").orElseThrow();
        assertThat(project.terms()).containsEntry("rootContract", ROOT).containsEntry("depth", "3")
                .containsEntry("level3Admits", "*").containsEntry("level2CashOut", "10");
        ProjectRules rules = ProjectRules.fromTerms("RAIL-1", project.terms());
        assertThat(rules.level(2).admits(SUB_A)).isTrue();
        assertThat(rules.level(2).admits(STRANGER)).isFalse();
        assertThat(rules.level(3).admits(STRANGER)).isTrue();
    }

    @Test
    void aSubcontractIsAChildOneLevelDownInsideItsParentsLimits() {
        CanonicalMessage a = ProjectTranslator.subcontract(json(sub("SUB-A", ROOT, SUB_A, account("0000000000003"), "60000000.00")), GC, book);
        assertThat(a.terms()).containsEntry("parent", ROOT).containsEntry("level", "2").containsEntry("sender", account("0000000000002"))
                .containsEntry("recipient", account("0000000000003")).containsEntry("maxTransfer", "6000000000")
                .containsEntry("maxCashOut", "600000000").containsEntry("validTo", "2027-12-31T18:59:59Z");
        book.register(a);
        // 60M + 50M > the root's 100M: refused, nothing registered
        assertThatThrownBy(() -> ProjectTranslator.subcontract(json(sub("SUB-B", ROOT, SUB_B, account("0000000000004"), "50000000.00")), GC, book))
                .isInstanceOf(SourceMessageRejected.class).hasMessageContaining("40000000.00").hasMessageContaining("left")
                .satisfies(e -> assertThat(((SourceMessageRejected) e).code()).isEqualTo(ReasonCode.LIMIT_EXCEEDED));
        // re-declaring SUB-A for less frees room (its own sum is not counted twice)
        book.register(ProjectTranslator.subcontract(json(sub("SUB-A", ROOT, SUB_A, account("0000000000003"), "50000000.00")), GC, book));
        CanonicalMessage b = ProjectTranslator.subcontract(json(sub("SUB-B", ROOT, SUB_B, account("0000000000004"), "50000000.00")), GC, book);
        assertThat(b.terms()).containsEntry("maxTransfer", "5000000000");
        book.register(b);
        // level 3 under SUB-A, declared by SUB-A; anyone admitted, all of it may be cashed out
        CanonicalMessage supplier = ProjectTranslator.subcontract(json(sub("MAT-1", "SUB-A", STRANGER, account("0000000000005"), "1234.56")), SUB_A, book);
        assertThat(supplier.terms()).containsEntry("level", "3").containsEntry("maxCashOut", "123456");
        book.register(supplier);
        // nothing below the deepest level
        assertThatThrownBy(() -> ProjectTranslator.subcontract(json(sub("MAT-2", "MAT-1", SUB_B, account("0000000000006"), "1.00")), STRANGER, book))
                .hasMessageContaining("3 levels deep");
    }

    @Test
    void onlyTheParentsRecipientDeclaresAndOnlyAdmittedPartiesAreAdded() {
        String doc = sub("SUB-X", ROOT, STRANGER, account("0000000000007"), "1.00");
        assertThatThrownBy(() -> ProjectTranslator.subcontract(json(doc), GC, book)).hasMessageContaining("may not be added at level 2")
                .satisfies(e -> assertThat(((SourceMessageRejected) e).code()).isEqualTo(ReasonCode.NOT_AUTHORIZED));
        String good = sub("SUB-A", ROOT, SUB_A, account("0000000000003"), "1.00");
        assertThatThrownBy(() -> ProjectTranslator.subcontract(json(good), SUB_B, book)).hasMessageContaining("declared by its recipient " + GC);
        assertThatThrownBy(() -> ProjectTranslator.subcontract(json(good), null, book)).hasMessageContaining("speaks for no party");
    }

    @Test
    void badDocumentsAreRefusedWithTheirReason() {
        assertThatThrownBy(() -> ProjectTranslator.project(json("{\"project\":\"P\",\"rootContract\":\"NOPE\",\"depth\":3,\"levels\":[]}"), book))
                .satisfies(e -> assertThat(((SourceMessageRejected) e).code()).isEqualTo(ReasonCode.UNKNOWN_REFERENCE));
        assertThatThrownBy(() -> ProjectTranslator.project(json("{\"project\":\"P\",\"rootContract\":\"" + ROOT
                + "\",\"depth\":3,\"levels\":[{\"level\":2,\"admits\":[\"*\"]}]}"), book)).hasMessageContaining("level 3 has no rule");
        assertThatThrownBy(() -> ProjectTranslator.project(json("{\"project\":\"P\",\"rootContract\":\"" + ROOT
                + "\",\"depth\":2,\"levels\":[{\"level\":2,\"admits\":[\"123\"]}]}"), book))
                .satisfies(e -> assertThat(((SourceMessageRejected) e).code()).isEqualTo(ReasonCode.INVALID_IDENTIFIER));
        assertThatThrownBy(() -> ProjectTranslator.subcontract(json(sub("S", ROOT, SUB_A, account("0000000000003"), "1e9")), GC, book))
                .satisfies(e -> assertThat(((SourceMessageRejected) e).code()).isEqualTo(ReasonCode.MALFORMED));
        assertThatThrownBy(() -> ProjectTranslator.subcontract(json(sub("S", ROOT, SUB_A, "KZ00BAD", "1.00")), GC, book))
                .satisfies(e -> assertThat(((SourceMessageRejected) e).code()).isEqualTo(ReasonCode.INVALID_IDENTIFIER));
        // a project keeps its root
        Map<String, String> other = new HashMap<>(book.latest("CONTRACT_REGISTERED", ROOT).orElseThrow().terms());
        book.register(new CanonicalMessage("c2", "CONTRACT_REGISTERED", "OTHER/1", other, null));
        assertThatThrownBy(() -> ProjectTranslator.project(json("{\"project\":\"RAIL-1\",\"rootContract\":\"OTHER/1\",\"depth\":2,"
                + "\"levels\":[{\"level\":2,\"admits\":[\"*\"]}]}"), book)).hasMessageContaining("keeps its root");
    }
}
