package kz.digitaltenge.ledger.tx;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import kz.digitaltenge.canonical.id.AccountNumber;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class CanonicalEncodingTest {

    @Property(tries = 300)
    void roundTripsAndTheIdCoversEveryField(@ForAll("transactions") Transaction tx) {
        // the generator must reach every kind of output, or a decoder that swaps marking and hold would pass
        net.jqwik.api.statistics.Statistics.label("marking").collect(tx.outputs().stream().map(CanonicalEncodingTest::kind)
                .filter(k -> !k.equals("standard")).findFirst().orElse("standard"));
        net.jqwik.api.statistics.Statistics.label("held").collect(tx.outputs().stream().anyMatch(o -> o.hold() != null));
        net.jqwik.api.statistics.Statistics.label("marking").coverage(c -> {
            for (String k : List.of("standard", "VAT", "CONTRACT", "ADDR")) {
                c.check(k).count(n -> n > 0);
            }
        });
        net.jqwik.api.statistics.Statistics.label("held").coverage(c -> c.check(true).count(n -> n > 0));
        Transaction back = CanonicalDecoder.decode(tx.canonicalBytes());
        assertThat(back).isEqualTo(tx);
        assertThat(back.id()).isEqualTo(tx.id());

        Transaction otherReference = new Transaction(tx.type(), tx.reference() + "x", tx.inputs(), tx.outputs(), tx.facts());
        assertThat(otherReference.id()).isNotEqualTo(tx.id());
        List<Output> outs = new ArrayList<>(tx.outputs());
        Output first = outs.get(0);
        outs.set(0, new Output(first.owner(), first.amount() + 1, first.marking(), first.hold()));
        assertThat(new Transaction(tx.type(), tx.reference(), tx.inputs(), outs, tx.facts()).id()).isNotEqualTo(tx.id());
        // marking and hold are covered by the id, and never confused with each other
        outs = new ArrayList<>(tx.outputs());
        outs.set(0, new Output(first.owner(), first.amount(), first.marking() == null ? "VAT" : null, first.hold()));
        assertThat(new Transaction(tx.type(), tx.reference(), tx.inputs(), outs, tx.facts()).id()).isNotEqualTo(tx.id());
        outs.set(0, new Output(first.owner(), first.amount(), first.marking(), first.hold() == null ? "EVENT:e" : null));
        assertThat(new Transaction(tx.type(), tx.reference(), tx.inputs(), outs, tx.facts()).id()).isNotEqualTo(tx.id());
        if (first.marking() != null || first.hold() != null) {
            outs.set(0, new Output(first.owner(), first.amount(), first.hold(), first.marking()));
            assertThat(new Transaction(tx.type(), tx.reference(), tx.inputs(), outs, tx.facts()).id()).isNotEqualTo(tx.id());
        }
        // the facts relied on are covered by the id too
        java.util.List<kz.digitaltenge.ledger.fact.FactId> moreFacts = new ArrayList<>(tx.facts());
        moreFacts.add(kz.digitaltenge.ledger.fact.FactId.of(new byte[32]));
        assertThat(new Transaction(tx.type(), tx.reference(), tx.inputs(), tx.outputs(), moreFacts).id()).isNotEqualTo(tx.id());
    }

    static String kind(Output o) {
        return o.marking() == null ? "standard" : o.marking().startsWith("CONTRACT:") ? "CONTRACT"
                : o.marking().startsWith("ADDR:") ? "ADDR" : o.marking();
    }

    @Provide
    Arbitrary<Transaction> transactions() {
        Arbitrary<OutputRef> refs = Combinators.combine(
                Arbitraries.bytes().array(byte[].class).ofSize(32), Arbitraries.integers().between(0, 31))
                .as((b, i) -> new OutputRef(TxId.of(b), i));
        // every kind of output the ledger stores: standard, address-list, contract and VAT marking, held or not
        Arbitrary<String> markings = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(2, Arbitraries.<String>just(null)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just("VAT")),
                net.jqwik.api.Tuple.of(1, Arbitraries.strings().ofMinLength(1).ofMaxLength(128).map(n -> "CONTRACT:" + n)),
                net.jqwik.api.Tuple.of(1, Combinators.combine(Arbitraries.strings().withChars("0123456789abcdef").ofLength(64),
                        Arbitraries.integers().between(0, 9)).as((list, level) -> "ADDR:" + list + ":" + level)));
        Arbitrary<String> holds = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(2, Arbitraries.<String>just(null)),
                net.jqwik.api.Tuple.of(1, Arbitraries.strings().ofMinLength(1).ofMaxLength(128).map(e -> "EVENT:" + e)));
        Arbitrary<Output> outputs = Combinators.combine(Arbitraries.of("601", "722", "910"),
                Arbitraries.strings().numeric().ofLength(13), Arbitraries.longs().between(1, 1_000_000_000L), markings, holds)
                .as((bank, acct, amount, marking, hold) -> new Output(AccountNumber.of(bank, acct), amount, marking, hold));
        Arbitrary<kz.digitaltenge.ledger.fact.FactId> facts = Arbitraries.bytes().array(byte[].class).ofSize(32)
                .map(kz.digitaltenge.ledger.fact.FactId::of);
        return Combinators.combine(
                Arbitraries.of(TxType.class),
                Arbitraries.strings().ofMinLength(1).ofMaxLength(63).filter(s -> !s.isBlank()),
                refs.list().ofMaxSize(5).uniqueElements(),
                outputs.list().ofMinSize(1).ofMaxSize(5),
                facts.list().ofMaxSize(3))
                .as(Transaction::new);
    }
}
