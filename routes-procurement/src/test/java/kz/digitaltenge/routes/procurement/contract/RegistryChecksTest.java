package kz.digitaltenge.routes.procurement.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import kz.digitaltenge.canonical.CanonicalMessage;
import kz.digitaltenge.canonical.SourceMessageRejected;
import kz.digitaltenge.canonical.source.AlreadyRegistered;
import org.junit.jupiter.api.Test;

/** The source's two checks against what is registered, on their own. */
class RegistryChecksTest {
    private final InMemoryHub hub = new InMemoryHub();
    private final AlreadyRegisteredCheck unchanged = new AlreadyRegisteredCheck();
    private final ContractVersionCheck version = new ContractVersionCheck();

    private CanonicalMessage translated(Object record) {
        return hub.source().translator().translate(Records.json(record), Map.of()).get(0);
    }

    @Test
    void aMessageThatRestatesTheLatestFactIsAlreadyRegistered() {
        CanonicalMessage first = translated(Records.contract(1));
        assertThatCode(() -> unchanged.check(first, hub)).doesNotThrowAnyException();
        String factId = hub.importFile("contracts", Records.contract(1)).get(0).factId();
        assertThatThrownBy(() -> unchanged.check(first, hub)).isInstanceOf(AlreadyRegistered.class)
                .satisfies(e -> assertThat(((AlreadyRegistered) e).factId()).isEqualTo(factId));

        Map<String, String> other = new HashMap<>(first.terms());
        other.put("maxTransfer", "1");
        assertThatCode(() -> unchanged.check(new CanonicalMessage("x", first.type(), first.subject(), other, null), hub))
                .doesNotThrowAnyException();
        assertThatCode(() -> unchanged.check(new CanonicalMessage("x", "EVENT_OCCURRED", first.subject(), first.terms(), null), hub))
                .as("other fact types are not this check's").doesNotThrowAnyException();
    }

    @Test
    void aMessageMustFollowTheLatestVersion() {
        CanonicalMessage first = translated(Records.contract(1));
        assertThatCode(() -> version.check(first, hub)).doesNotThrowAnyException();
        Map<String, String> third = new HashMap<>(first.terms());
        third.put("version", "3");
        CanonicalMessage skipping = new CanonicalMessage("x", first.type(), first.subject(), third, null);
        assertThatThrownBy(() -> version.check(skipping, hub)).isInstanceOf(SourceMessageRejected.class)
                .satisfies(e -> assertThat(((SourceMessageRejected) e).reason()).isEqualTo("UNKNOWN_REFERENCE"));
        hub.importFile("contracts", Records.contract(1));
        assertThatThrownBy(() -> version.check(first, hub)).isInstanceOf(SourceMessageRejected.class)
                .satisfies(e -> assertThat(((SourceMessageRejected) e).reason()).isEqualTo("CONFLICT"));
        Map<String, String> none = new HashMap<>(first.terms());
        none.remove("version");
        assertThatCode(() -> version.check(new CanonicalMessage("x", first.type(), first.subject(), none, null), hub))
                .as("a canonical message without a version is not this source's translation").doesNotThrowAnyException();
    }
}
