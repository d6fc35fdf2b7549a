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
        Transaction back = CanonicalDecoder.decode(tx.canonicalBytes());
        assertThat(back).isEqualTo(tx);
        assertThat(back.id()).isEqualTo(tx.id());

        Transaction otherReference = new Transaction(tx.type(), tx.reference() + "x", tx.inputs(), tx.outputs(), tx.facts());
        assertThat(otherReference.id()).isNotEqualTo(tx.id());
        List<Output> outs = new ArrayList<>(tx.outputs());
        Output first = outs.get(0);
        outs.set(0, new Output(first.owner(), first.amount() + 1, first.marking(), first.hold()));
        assertThat(new Transaction(tx.type(), tx.reference(), tx.inputs(), outs, tx.facts()).id()).isNotEqualTo(tx.id());
        // the facts relied on are covered by the id too
        java.util.List<kz.digitaltenge.ledger.fact.FactId> moreFacts = new ArrayList<>(tx.facts());
        moreFacts.add(kz.digitaltenge.ledger.fact.FactId.of(new byte[32]));
        assertThat(new Transaction(tx.type(), tx.reference(), tx.inputs(), tx.outputs(), moreFacts).id()).isNotEqualTo(tx.id());
    }

    @Provide
    Arbitrary<Transaction> transactions() {
        Arbitrary<OutputRef> refs = Combinators.combine(
                Arbitraries.bytes().array(byte[].class).ofSize(32), Arbitraries.integers().between(0, 31))
                .as((b, i) -> new OutputRef(TxId.of(b), i));
        Arbitrary<Output> outputs = Combinators.combine(
                Arbitraries.strings().numeric().ofLength(13), Arbitraries.longs().between(1, 1_000_000_000L))
                .as((acct, amount) -> Output.standard(AccountNumber.of("601", acct), amount));
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
