package kz.digitaltenge.routes.subsidy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import kz.digitaltenge.canonical.CanonicalMessage;
import kz.digitaltenge.ledger.fact.Fact;
import kz.digitaltenge.ledger.fact.FactTerms;
import kz.digitaltenge.ledger.fact.FactType;
import kz.digitaltenge.routes.subsidy.testing.SubsidyEvents;
import kz.digitaltenge.routes.subsidy.testing.SubsidyRegister;
import org.junit.jupiter.api.Test;

/**
 * Every message the source makes is one the ledger takes: its terms pass {@code FactTerms} (the intake's own check,
 * test scope only), its ids and subject fit the intake's caps.
 */
class LedgerTermsTest {
    private final SubsidyTranslator translator = new SubsidyTranslator();

    @Test
    void everyMessageOfBothFormatsIsAFactTheLedgerTakes() {
        Instant at = Instant.parse("2025-01-15T05:30:00Z");
        List<CanonicalMessage> all = new ArrayList<>();
        all.addAll(translator.translate(SubsidyEvents.json(SubsidyEvents.registration("25010100000001", "1250000.50", at,
                Instant.parse("2025-12-31T18:59:59Z"))), Map.of()));
        SubsidyRegister register = new SubsidyRegister();
        int n = 0;
        for (ApplicationStatus s : ApplicationStatus.values()) {
            all.addAll(translator.translate(SubsidyEvents.json(SubsidyEvents.status("25010100000001", s.label(), at,
                    s.releases() ? "1000.00" : null)), Map.of()));
            all.addAll(translator.translate(SubsidyEvents.json(SubsidyEvents.status("25010100000002", s.label(), at, null)), Map.of()));
            n++;
            register.row(SubsidyRegister.Row.of(n, String.format("250101000001%02d", n), s.label(), "500.00"));
        }
        all.addAll(translator.translate(register.csv(), Map.of()));

        assertThat(all).hasSize(1 + 12 + 6);
        for (CanonicalMessage m : all) {
            FactTerms.validate(new Fact(FactType.valueOf(m.type()), m.subject(), new TreeMap<>(m.terms()), 0));
            assertThat(m.sourceMessageId().length()).isLessThanOrEqualTo(128);
            assertThat(m.subject().length()).isLessThanOrEqualTo(128);
            if (m.occurredAt() != null) {
                Instant.parse(m.occurredAt());
            }
        }
    }
}
