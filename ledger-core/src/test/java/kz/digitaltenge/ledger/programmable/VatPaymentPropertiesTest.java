package kz.digitaltenge.ledger.programmable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import kz.digitaltenge.canonical.LedgerException;
import kz.digitaltenge.canonical.ReasonCode;
import kz.digitaltenge.canonical.id.AccountNumber;
import kz.digitaltenge.ledger.fact.Fact;
import kz.digitaltenge.ledger.fact.FactId;
import kz.digitaltenge.ledger.fact.FactType;
import kz.digitaltenge.ledger.tx.CommittedTransaction;
import kz.digitaltenge.ledger.programmable.LimitUse;
import kz.digitaltenge.ledger.tx.StoredOutput;
import kz.digitaltenge.ledger.testing.LedgerNode;
import kz.digitaltenge.ledger.testing.TestDatabase;
import kz.digitaltenge.ledger.testing.TestParties;
import kz.digitaltenge.ledger.testing.TestParties.Party;
import kz.digitaltenge.ledger.tx.Output;
import kz.digitaltenge.ledger.tx.OutputRef;
import kz.digitaltenge.ledger.tx.Transaction;
import kz.digitaltenge.ledger.rules.TransactionRules;
import kz.digitaltenge.ledger.tx.TxType;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * {@link VatPayment} against the rule that checks it: random holdings of the payer (standard and VAT tokens of random
 * sizes, some held), a random invoice and a random partial amount; whatever is built is submitted to a real ledger,
 * whose {@link TransactionRules} and {@link VatMarking#checkInvoicePayment} decide. The expectations are computed here
 * from the holdings alone (the VAT part with BigDecimal, not {@link VatMarking#proportionalVat}), so a builder and a
 * rule that agree on a mistake still fail.
 */
class VatPaymentPropertiesTest {
    static HikariDataSource db;
    static LedgerNode node;
    static TestParties parties;
    static final AtomicLong SERIAL = new AtomicLong();

    @BeforeContainer
    static void start() {
        db = TestDatabase.shared().fresh();
        node = LedgerNode.cluster(1, db, 1).get(0);
        parties = new TestParties(node.registry);
    }

    @AfterContainer
    static void stop() {
        node.close();
        db.close();
    }

    /** One token the payer holds before paying. */
    record Token(boolean vat, long amount, boolean held) {
    }

    /** An invoice of net and VAT, and what of its gross the payment pays (per mille; 1000 pays it all). */
    record Invoice(long net, long vat, int perMille) {
        long gross() {
            return net + vat;
        }

        long amount() {
            return Math.max(1, gross() * perMille / 1000);
        }
    }

    @Provide
    Arbitrary<List<Token>> holdings() {
        // small and large tokens alike, so that a payment needs one token or several, and change or none; VAT tokens
        // about the size of a VAT part, so that they cover it sometimes and sometimes not
        Arbitrary<Token> standard = Combinators.combine(Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.longs().between(1, 50)),
                Tuple.of(3, Arbitraries.longs().between(1, 20_000))), held()).as((a, held) -> new Token(false, a, held));
        Arbitrary<Token> vat = Combinators.combine(Arbitraries.longs().between(1, 2_500), held()).as((a, held) -> new Token(true, a, held));
        return Arbitraries.oneOf(standard, vat).list().ofMaxSize(9);
    }

    /** A token in four is held. */
    static Arbitrary<Boolean> held() {
        return Arbitraries.integers().between(0, 3).map(die -> die == 0);
    }

    @Provide
    Arbitrary<Invoice> invoices() {
        // now and then an invoice of VAT only, or one exempt of VAT; half the payments partial
        Arbitrary<Long> net = Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(0L)), Tuple.of(6, Arbitraries.longs().between(1, 15_000)));
        Arbitrary<Long> vat = Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(0L)), Tuple.of(6, Arbitraries.longs().between(1, 4_000)));
        Arbitrary<Integer> part = Arbitraries.oneOf(Arbitraries.just(1000), Arbitraries.integers().between(1, 999));
        return Combinators.combine(net, vat, part).as(Invoice::new).filter(i -> i.gross() > 0);
    }

    @Property(tries = 250)
    void whatIsBuiltIsWhatTheLedgerAcceptsAndRefusedExactlyWhenShort(@ForAll("holdings") List<Token> holdings,
                                                                    @ForAll("invoices") Invoice invoice) {
        Party payerParty = parties.client("Payer");
        AccountNumber payer = parties.clientAccount(payerParty);
        Party sellerParty = parties.client("Seller");
        AccountNumber seller = parties.clientAccount(sellerParty);
        hold(payerParty, payer, holdings);

        String reg = "ESF-" + SERIAL.incrementAndGet() + "-" + System.nanoTime();
        FactId inv = fact(FactType.INVOICE_REGISTERED, reg, Map.of("sellerTin", sellerParty.id().value(),
                "buyerTin", payerParty.id().value(), "net", Long.toString(invoice.net()), "vat", Long.toString(invoice.vat()),
                "gross", Long.toString(invoice.gross()), "currency", "KZT", "status", "CREATED"));
        long amount = invoice.amount();
        long vatPart = amount == invoice.gross() ? invoice.vat() : BigDecimal.valueOf(amount).multiply(BigDecimal.valueOf(invoice.vat()))
                .divide(BigDecimal.valueOf(invoice.gross()), 0, RoundingMode.HALF_UP).longValueExact();
        long net = amount - vatPart;

        List<StoredOutput> unspent = node.store.unspentOutputs(payer, 10_000);
        long usableStandard = sum(holdings, false);
        long usableVat = sum(holdings, true);
        boolean short_ = usableStandard + Math.min(usableVat, vatPart) < amount;

        VatPayment.Result result = VatPayment.build(payer, seller, net, vatPart, unspent, "vat-pay-" + reg, List.of(inv));
        if (result instanceof VatPayment.Refused refused) {
            Statistics.label("outcome").collect("refused " + refused.reason());
            assertThat(refused.reason()).as(refused.message()).isEqualTo(kz.digitaltenge.canonical.ReasonCode.INSUFFICIENT_FUNDS);
            assertThat(short_).as("refused, yet the payer has %s standard and %s VAT usable for %s (VAT %s)", usableStandard,
                    usableVat, amount, vatPart).isTrue();
            return;
        }
        assertThat(short_).as("built, yet the payer is short").isFalse();
        Transaction tx = ((VatPayment.Built) result).transaction();

        // what it spends: usable tokens of the payer only, each once
        Map<OutputRef, StoredOutput> byRef = new java.util.HashMap<>();
        unspent.forEach(o -> byRef.put(o.ref(), o));
        assertThat(new HashSet<>(tx.inputs())).hasSameSizeAs(tx.inputs());
        long standardIn = 0;
        long vatIn = 0;
        Set<OutputRef> vatInputs = new HashSet<>();
        for (OutputRef ref : tx.inputs()) {
            StoredOutput o = byRef.get(ref);
            assertThat(o).as("input %s is the payer's", ref).isNotNull();
            assertThat(o.output().hold()).as("held money is never selected").isNull();
            if (o.output().marking() == null) {
                standardIn += o.output().amount();
            } else {
                assertThat(o.output().marking()).isEqualTo("VAT");
                vatIn += o.output().amount();
                vatInputs.add(ref);
            }
        }
        // what it pays: the seller exactly net standard and the VAT part as VAT tokens; the rest back to the payer
        long toSellerStandard = 0;
        long toSellerVat = 0;
        long standardOut = 0;
        long vatOut = 0;
        long vatChange = 0;
        for (Output o : tx.outputs()) {
            assertThat(o.owner()).isIn(payer, seller);
            assertThat(o.hold()).isNull();
            assertThat(o.marking()).isIn(null, "VAT");
            boolean isVat = "VAT".equals(o.marking());
            if (o.owner().equals(seller)) {
                toSellerStandard += isVat ? 0 : o.amount();
                toSellerVat += isVat ? o.amount() : 0;
            } else if (isVat) {
                vatChange += o.amount();
            }
            standardOut += isVat ? 0 : o.amount();
            vatOut += isVat ? o.amount() : 0;
        }
        assertThat(toSellerStandard).isEqualTo(net);
        assertThat(toSellerVat).isEqualTo(vatPart);
        // conservation per marking class: VAT tokens only gain what standard money lost to the VAT mark
        long marked = vatOut - vatIn;
        assertThat(marked).as("VAT tokens keep their mark").isGreaterThanOrEqualTo(0);
        assertThat(standardIn - standardOut).isEqualTo(marked);
        // VAT first: standard money is marked only when every usable VAT token is spent here, and then no VAT change
        if (marked > 0) {
            assertThat(vatIn).isEqualTo(usableVat);
            assertThat(vatChange).isZero();
        } else {
            assertThat(vatIn).isGreaterThanOrEqualTo(vatPart);
        }
        assertThat(tx.inputs().size()).isLessThanOrEqualTo(TransactionRules.MAX_INPUTS);

        boolean heldVat = holdings.stream().anyMatch(t -> t.vat() && t.held());
        Statistics.label("outcome").collect(marked > 0 ? (heldVat ? "marks standard, held VAT waits" : "marks standard")
                : vatPart > 0 ? "VAT tokens cover the VAT part" : "no VAT part");
        Statistics.label("partial").collect(amount < invoice.gross());
        if (marked > 0 && heldVat) {
            // the ledger counts held VAT tokens as waiting too, though nobody can spend them: it refuses the marking
            assertThatThrownBy(() -> node.ledger.submitAndWait(TestParties.signed(tx, payerParty), 10_000))
                    .isInstanceOf(LedgerException.class).hasMessageContaining("VAT tokens first")
                    .satisfies(e -> assertThat(((LedgerException) e).reason()).isEqualTo(ReasonCode.MARKING_VIOLATION));
            return;
        }
        CommittedTransaction committed = node.ledger.submitAndWait(TestParties.signed(tx, payerParty), 10_000);
        long before = usableStandard + usableVat + holdings.stream().filter(Token::held).mapToLong(Token::amount).sum();
        assertThat(committed.balancesAfter()).containsEntry(seller, amount).containsEntry(payer, before - amount);
        Map<LimitUse.Kind, Long> paid = node.store.usage(LimitUse.invoice(reg));
        assertThat(paid.get(LimitUse.Kind.INVOICE_NET)).isEqualTo(net);
        assertThat(paid.get(LimitUse.Kind.INVOICE_VAT)).isEqualTo(vatPart);
    }

    /**
     * An account whose money is spread over more tokens than one transaction takes is refused before anything is
     * submitted, with the reason the payment orders answer; at the limit, the payment commits.
     */
    @Property(tries = 1)
    void aPaymentTakesAtMostTheInputsTheLedgerAccepts() {
        Party payerParty = parties.client("Fragmented payer");
        AccountNumber payer = parties.clientAccount(payerParty);
        Party sellerParty = parties.client("Seller F");
        AccountNumber seller = parties.clientAccount(sellerParty);
        int limit = TransactionRules.MAX_INPUTS;
        hold(payerParty, payer, java.util.Collections.nCopies(limit + 1, new Token(false, 100, false)));
        String reg = "ESF-F-" + SERIAL.incrementAndGet();
        FactId inv = fact(FactType.INVOICE_REGISTERED, reg, Map.of("sellerTin", sellerParty.id().value(),
                "buyerTin", payerParty.id().value(), "net", Long.toString(100L * (limit + 1)), "vat", "0",
                "gross", Long.toString(100L * (limit + 1)), "currency", "KZT", "status", "CREATED"));
        List<StoredOutput> unspent = node.store.unspentOutputs(payer, 10_000);

        VatPayment.Result all = VatPayment.build(payer, seller, 100L * (limit + 1), 0, unspent, "frag-" + reg, List.of(inv));
        assertThat(all).isInstanceOf(VatPayment.Refused.class);
        VatPayment.Refused refused = (VatPayment.Refused) all;
        assertThat(refused.reason()).isEqualTo(kz.digitaltenge.canonical.ReasonCode.TOO_FRAGMENTED);
        assertThat(refused.message()).isEqualTo("account " + payer + " would need " + (limit + 1) + " tokens for this payment (at most "
                + limit + "); consolidate the account first");

        VatPayment.Result most = VatPayment.build(payer, seller, 100L * limit, 0, unspent, "frag-" + reg, List.of(inv));
        Transaction tx = ((VatPayment.Built) most).transaction();
        assertThat(tx.inputs()).hasSize(limit);
        assertThat(node.ledger.submitAndWait(TestParties.signed(tx, payerParty), 10_000).balancesAfter()).containsEntry(seller, 100L * limit);
    }

    static long sum(List<Token> holdings, boolean vat) {
        return holdings.stream().filter(t -> t.vat() == vat && !t.held()).mapToLong(Token::amount).sum();
    }

    /**
     * Gives the payer its holdings through the ledger: standard tokens are issued; a VAT token is what a buyer pays the
     * payer for the VAT part of an invoice of VAT only; a held token is then held for an event of the payer's.
     */
    static void hold(Party payerParty, AccountNumber payer, List<Token> holdings) {
        Party buyerParty = parties.client("Buyer");
        AccountNumber buyer = parties.clientAccount(buyerParty);
        String event = "EV-" + SERIAL.incrementAndGet() + "-" + System.nanoTime();
        FactId eventFact = null;
        for (Token t : holdings) {
            OutputRef coin;
            if (!t.vat()) {
                coin = new OutputRef(node.ledger.submitAndWait(parties.issue(payer, t.amount(), ref()), 10_000).id(), 0);
            } else {
                String reg = "ESF-SEED-" + SERIAL.incrementAndGet();
                FactId seed = fact(FactType.INVOICE_REGISTERED, reg, Map.of("sellerTin", payerParty.id().value(),
                        "buyerTin", buyerParty.id().value(), "net", "0", "vat", Long.toString(t.amount()),
                        "gross", Long.toString(t.amount()), "currency", "KZT", "status", "CREATED"));
                OutputRef funds = new OutputRef(node.ledger.submitAndWait(parties.issue(buyer, t.amount(), ref()), 10_000).id(), 0);
                coin = new OutputRef(node.ledger.submitAndWait(TestParties.signed(new Transaction(TxType.TRANSFER, ref(),
                        List.of(funds), List.of(new Output(payer, t.amount(), "VAT", null)), List.of(seed)), buyerParty), 10_000).id(), 0);
            }
            if (t.held()) {
                if (eventFact == null) {
                    eventFact = fact(FactType.EVENT_REGISTERED, event, Map.of("sender", payer.value(), "recipient", buyer.value(),
                            "amount", "1000000000", "validUntil", Instant.now().plus(Duration.ofDays(9)).toString(), "holdType", "UNLIMITED"));
                }
                FactId approval = fact(FactType.HOLD_APPROVED, event, Map.of("amount", Long.toString(t.amount()),
                        "n", Long.toString(SERIAL.incrementAndGet())));
                node.ledger.submitAndWait(TestParties.signed(new Transaction(TxType.HOLD, ref(), List.of(coin),
                        List.of(new Output(payer, t.amount(), t.vat() ? "VAT" : null, Holding.encode(event))),
                        List.of(eventFact, approval)), payerParty), 10_000);
            }
        }
    }

    static String ref() {
        return "seed-" + SERIAL.incrementAndGet() + "-" + System.nanoTime();
    }

    static FactId fact(FactType type, String subject, Map<String, String> terms) {
        return node.ledger.facts().register(parties.oracleFact(Fact.of(type, subject, terms, Instant.now())));
    }
}
