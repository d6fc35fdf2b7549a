package kz.digitaltenge.ledger.programmable;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kz.digitaltenge.canonical.LedgerException;
import kz.digitaltenge.canonical.ReasonCode;
import kz.digitaltenge.ledger.fact.Fact;
import kz.digitaltenge.ledger.fact.FactId;
import kz.digitaltenge.ledger.fact.FactType;
import kz.digitaltenge.canonical.id.AccountNumber;
import kz.digitaltenge.ledger.registry.AccountKind;
import kz.digitaltenge.ledger.tx.StoredOutput;
import kz.digitaltenge.ledger.testing.IndependentVat;
import kz.digitaltenge.ledger.testing.LedgerNode;
import kz.digitaltenge.ledger.testing.TestDatabase;
import kz.digitaltenge.ledger.testing.TestParties;
import kz.digitaltenge.ledger.testing.TestParties.Party;
import kz.digitaltenge.ledger.tx.CanonicalDecoder;
import kz.digitaltenge.ledger.tx.Output;
import kz.digitaltenge.ledger.tx.OutputRef;
import kz.digitaltenge.ledger.tx.Transaction;
import kz.digitaltenge.ledger.tx.TxId;
import kz.digitaltenge.ledger.tx.TxType;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * Random sequences mixing every archetype — legal moves and attempts to break the rules — and then checks of the
 * committed history that do not reuse the rules under test: conservation; contract money only along its contract
 * and within its limits; address-list money only to allowed recipients; VAT tokens only to invoices or the tax
 * office; held money spent only by release or return, returned only to its sender, and every occurrence released at
 * most once; every invoice payment's VAT part in proportion (recomputed with {@link IndependentVat}, not the rule's own
 * arithmetic) or exactly what settles it; standard money marked VAT only by a payer who held no other VAT tokens.
 *
 * <p>Those invariants would all hold if every programmable transaction were refused, so the property also requires
 * (jqwik statistics coverage, over all tries) at least one accepted move of each archetype: an address-list hop, a
 * contract transfer and a cash-out, an invoice paid from standard money and one paid from the buyer's VAT tokens first,
 * VAT tokens to the tax office, a hold, a release and a return after the event ended.
 */
class ProgrammablePropertiesTest {
    static HikariDataSource db;
    static LedgerNode node;
    static TestParties parties;
    static AccountNumber taxOffice;

    @BeforeContainer
    static void start() {
        db = TestDatabase.shared().fresh();
        node = LedgerNode.cluster(1, db, 1).get(0);
        parties = new TestParties(node.registry);
        taxOffice = parties.account(parties.taxAuthority("Tax office"), AccountKind.TAX_OFFICE, parties.treasuryBic);
    }

    @AfterContainer
    static void stop() {
        node.close();
        db.close();
    }

    record Op(int kind, int a, int b) {
    }

    @Provide
    Arbitrary<List<Op>> ops() {
        return Combinators.combine(Arbitraries.integers().between(0, 10), Arbitraries.integers().between(0, 1000),
                Arbitraries.integers().between(0, 1000)).as(Op::new).list().ofMinSize(12).ofMaxSize(30);
    }

    /** Everyone of one try. */
    static final class World {
        Party ministry = parties.client("Ministry");
        AccountNumber m = parties.governmentAccount(ministry);
        Party builder = parties.client("Builder");
        AccountNumber k = parties.clientAccount(builder);
        Party supplier = parties.client("Supplier");
        AccountNumber sup = parties.clientAccount(supplier);
        Party buyer = parties.client("Buyer");
        AccountNumber buy = parties.clientAccount(buyer);
        Party seller = parties.client("Seller");
        AccountNumber sell = parties.clientAccount(seller);
        Party farmer = parties.client("Farmer");
        AccountNumber farm = parties.clientAccount(farmer);
        AccountNumber t = parties.governmentAccount(parties.treasury);
        List<Party> owners = List.of(ministry, builder, supplier, buyer, seller, farmer);
        List<AccountNumber> accounts = List.of(m, k, sup, buy, sell, farm);
        String contract = "P-" + System.nanoTime();
        FactId contractFact;
        String list;
        String event = "EV-" + System.nanoTime();
        FactId eventFact;
        List<FactId> invoices = new ArrayList<>();
        List<FactId> occurrences = new ArrayList<>();
        /** Per invoice, net and VAT of the payments accepted so far (the model's view, to pay what is outstanding). */
        Map<FactId, long[]> paid = new HashMap<>();
        /** A short event of the farmer's, ended by moving the clock, so that held money is returned. */
        String shortEvent;
        FactId shortEventFact;
        Instant shortUntil;
        Party customer = parties.client("Customer");
        AccountNumber cust = parties.clientAccount(customer);
        int n;

        World() {
            contractFact = fact(FactType.CONTRACT_REGISTERED, contract, Map.of("sender", m.value(), "recipient", k.value(),
                    "maxTransfer", "5000", "maxCashOut", "1000", "validFrom", Instant.now().minus(Duration.ofDays(1)).toString(),
                    "validTo", Instant.now().plus(Duration.ofDays(9)).toString()));
            list = node.ledger.registerAddressList(new AddressList(parties.treasury.id(), m, List.of(Set.of(k), Set.of(sup))));
            eventFact = fact(FactType.EVENT_REGISTERED, event, Map.of("sender", farm.value(), "recipient", sup.value(),
                    "amount", "3000", "validUntil", Instant.now().plus(Duration.ofDays(9)).toString(), "holdType", "UNLIMITED"));
            // everyone starts with money, so that random steps reach deep states
            for (AccountNumber a : accounts) {
                node.ledger.submitAndWait(parties.issue(a, 20_000, "seed-" + a + System.nanoTime()), 10_000);
            }
            // contract money already on its way: marked at the ministry, some at the builder
            OutputRef seed = with(m, null, false).get(0).ref();
            TxId marked = node.ledger.submitAndWait(TestParties.signed(new Transaction(TxType.MARK, "seed-mark" + System.nanoTime(),
                    List.of(seed), List.of(new Output(m, 10_000, "CONTRACT:" + contract, null), Output.standard(m, 10_000)),
                    List.of(contractFact)), parties.treasury), 10_000).id();
            node.ledger.submitAndWait(TestParties.signed(new Transaction(TxType.TRANSFER, "seed-pay" + System.nanoTime(),
                    List.of(new OutputRef(marked, 0)), List.of(new Output(k, 2_000, "CONTRACT:" + contract, null),
                    new Output(m, 8_000, "CONTRACT:" + contract, null)), List.of(contractFact)), ministry), 10_000);
            // address-list money at the ministry (level 0) and at the builder (level 1), money held for both events, and
            // VAT tokens at the seller: so that every archetype has a legal move from the first step on
            String l0 = "ADDR:" + list + ":0";
            TxId addr = node.ledger.submitAndWait(TestParties.signed(new Transaction(TxType.MARK, "seed-addr" + System.nanoTime(),
                    List.of(new OutputRef(node.ledger.submitAndWait(parties.issue(t, 4_000, "seed-t" + System.nanoTime()), 10_000).id(), 0)),
                    List.of(new Output(m, 4_000, l0, null))), parties.treasury), 10_000).id();
            node.ledger.submitAndWait(TestParties.signed(new Transaction(TxType.TRANSFER, "seed-hop" + System.nanoTime(),
                    List.of(new OutputRef(addr, 0)), List.of(new Output(k, 1_000, "ADDR:" + list + ":1", null), new Output(m, 3_000, l0, null))),
                    ministry), 10_000);
            newShortEvent();
            seedHold(event, eventFact, 500);
            seedHold(shortEvent, shortEventFact, 300);
            // the buyer already holds two VAT tokens (it sold to a customer, who paid in two small parts): paying its own
            // invoices, it must spend them first; once they are spent it pays from standard money
            FactId sale = fact(FactType.INVOICE_REGISTERED, "INV-S-" + System.nanoTime(), Map.of("sellerTin", buyer.id().value(),
                    "buyerTin", customer.id().value(), "net", "1000", "vat", "120", "gross", "1120", "currency", "KZT", "status", "CREATED"));
            node.ledger.submitAndWait(parties.issue(cust, 10_000, "seed-c" + System.nanoTime()), 10_000);
            FactId sold = fact(FactType.INVOICE_REGISTERED, "INV-T-" + System.nanoTime(), Map.of("sellerTin", seller.id().value(),
                    "buyerTin", customer.id().value(), "net", "1000", "vat", "120", "gross", "1120", "currency", "KZT", "status", "CREATED"));
            StoredOutput coin0 = with(cust, null, false).get(0);
            node.ledger.submitAndWait(TestParties.signed(new Transaction(TxType.TRANSFER, "seed-sold" + System.nanoTime(),
                    List.of(coin0.ref()), List.of(Output.standard(sell, 1_000), new Output(sell, 120, "VAT", null),
                    Output.standard(cust, coin0.output().amount() - 1_120)), List.of(sold)), customer), 10_000);
            for (int part = 0; part < 2; part++) {
                StoredOutput coin = with(cust, null, false).get(0);
                long vat = IndependentVat.partOf(56, node.ledger.facts().require(sale)); // 0.06 of 0.56 each time: soon spent
                node.ledger.submitAndWait(TestParties.signed(new Transaction(TxType.TRANSFER, "seed-sale" + System.nanoTime(),
                        List.of(coin.ref()), List.of(Output.standard(buy, 56 - vat), new Output(buy, vat, "VAT", null),
                        Output.standard(cust, coin.output().amount() - 56)), List.of(sale)), customer), 10_000);
            }
            for (int i = 0; i < 3; i++) {
                long net = 2_000 * (i + 1);
                invoices.add(fact(FactType.INVOICE_REGISTERED, "INV-" + System.nanoTime(), Map.of("sellerTin", seller.id().value(),
                        "buyerTin", buyer.id().value(), "net", Long.toString(net), "vat", Long.toString(net * 12 / 100),
                        "gross", Long.toString(net + net * 12 / 100), "currency", "KZT", "status", "CREATED")));
            }
        }

        String ref() {
            return "p" + (n++) + "-" + System.nanoTime();
        }

        void seedHold(String eventId, FactId registered, long amount) {
            StoredOutput coin = with(farm, null, false).get(0);
            FactId approval = fact(FactType.HOLD_APPROVED, eventId, Map.of("amount", Long.toString(amount)));
            node.ledger.submitAndWait(TestParties.signed(new Transaction(TxType.HOLD, "seed-hold" + System.nanoTime(), List.of(coin.ref()),
                    List.of(new Output(farm, amount, null, Holding.encode(eventId)), Output.standard(farm, coin.output().amount() - amount)),
                    List.of(registered, approval)), farmer), 10_000);
        }

        void newShortEvent() {
            shortEvent = "EVS-" + System.nanoTime();
            shortUntil = node.clock.instant().plus(Duration.ofMinutes(1));
            shortEventFact = fact(FactType.EVENT_REGISTERED, shortEvent, Map.of("sender", farm.value(), "recipient", sup.value(),
                    "amount", "3000", "validUntil", shortUntil.toString(), "holdType", "SINGLE"));
        }
    }

    static FactId fact(FactType type, String subject, Map<String, String> terms) {
        return node.ledger.facts().register(parties.oracleFact(Fact.of(type, subject, terms, Instant.now())));
    }

    static List<StoredOutput> unspent(AccountNumber a) {
        return node.store.unspentOutputs(a, 50);
    }

    static List<StoredOutput> with(AccountNumber a, String marking, boolean held) {
        return unspent(a).stream().filter(s -> java.util.Objects.equals(s.output().marking(), marking)
                && (s.output().hold() != null) == held).toList();
    }

    static final Map<String, Integer> OUTCOMES = new java.util.concurrent.ConcurrentHashMap<>();

    /** The archetypes whose accepted moves the property counts (each must have at least one). */
    static final List<String> ARCHETYPES = List.of("address-list marking", "contract marking", "VAT", "holding");

    /**
     * Submits; a refusal is fine (the rules decide), anything else is a failure of the test. An accepted move is
     * counted under its archetype and move for the coverage check.
     */
    static boolean attempt(String archetype, String move, Transaction tx, Party... signers) {
        try {
            node.ledger.submitAndWait(TestParties.signed(tx, signers), 10_000);
            OUTCOMES.merge(tx.type() + " ok", 1, Integer::sum);
            Statistics.label("accepted").collect(archetype, move);
            return true;
        } catch (LedgerException e) {
            OUTCOMES.merge(tx.type() + " " + e.reason(), 1, Integer::sum);
            assertThat(e.reason()).isNotIn(ReasonCode.UNAVAILABLE, ReasonCode.MALFORMED);
            return false;
        }
    }

    static long sum(List<StoredOutput> outs) {
        return outs.stream().mapToLong(s -> s.output().amount()).sum();
    }

    static List<OutputRef> refs(List<StoredOutput> outs) {
        return outs.stream().limit(8).map(StoredOutput::ref).toList();
    }

    static long sumLimited(List<StoredOutput> outs) {
        return outs.stream().limit(8).mapToLong(s -> s.output().amount()).sum();
    }

    @Property(tries = 12)
    void theRulesHoldWhateverIsTried(@ForAll("ops") List<Op> ops) throws Exception {
        World w = new World();
        for (Op op : ops) {
            step(w, op);
        }
        checkHistory(w);
        // legal moves must be accepted: at least one of each archetype across the tries (else the rules refuse everything)
        Statistics.label("accepted").coverage(c -> {
            for (String archetype : ARCHETYPES) {
                c.checkQuery(move -> move.get(0).equals(archetype)).count(n -> n > 0);
            }
            c.check("address-list marking", "hop").count(n -> n > 0);
            c.check("contract marking", "transfer to the recipient").count(n -> n > 0);
            c.check("contract marking", "cash-out").count(n -> n > 0);
            c.check("VAT", "invoice paid from standard money").count(n -> n > 0);
            c.check("VAT", "invoice paid, VAT tokens first").count(n -> n > 0);
            c.check("VAT", "VAT tokens to the tax office").count(n -> n > 0);
            c.check("holding", "hold").count(n -> n > 0);
            c.check("holding", "release").count(n -> n > 0);
            c.check("holding", "return").count(n -> n > 0);
        });
    }

    static void step(World w, Op op) {
        long amt = 1 + op.a();
        String cMark = "CONTRACT:" + w.contract;
        switch (op.kind()) {
            case 0 -> node.ledger.submitAndWait(parties.issue(w.accounts.get(op.b() % w.accounts.size()), amt * 10, w.ref()), 10_000);
            case 1 -> { // mark the ministry's standard money with the contract, or the Treasury's with the list
                if (op.b() % 2 == 0) {
                    List<StoredOutput> std = with(w.m, null, false);
                    if (!std.isEmpty()) {
                        attempt("contract marking", "mark", new Transaction(TxType.MARK, w.ref(), refs(std),
                                List.of(new Output(w.m, sumLimited(std), cMark, null)), List.of(w.contractFact)), parties.treasury);
                    }
                } else {
                    OutputRef coin = new OutputRef(node.ledger.submitAndWait(parties.issue(w.t, amt * 5, w.ref()), 10_000).id(), 0);
                    attempt("address-list marking", "mark", new Transaction(TxType.MARK, w.ref(), List.of(coin),
                            List.of(new Output(w.m, amt * 5, "ADDR:" + w.list + ":0", null))), parties.treasury);
                }
            }
            case 2 -> { // contract money from the ministry: to the builder (maybe over the limit) or to someone else
                List<StoredOutput> c = with(w.m, cMark, false);
                if (!c.isEmpty()) {
                    long total = sumLimited(c);
                    long part = Math.min(total, amt * 3);
                    AccountNumber to = op.b() % 4 == 0 ? w.sup : w.k;
                    List<Output> outs = new ArrayList<>(List.of(new Output(to, part, cMark, null)));
                    if (part < total) {
                        outs.add(new Output(w.m, total - part, cMark, null));
                    }
                    attempt("contract marking", "transfer to the recipient", new Transaction(TxType.TRANSFER, w.ref(), refs(c), outs,
                            List.of(w.contractFact)), w.ministry);
                }
            }
            case 3 -> { // the builder cashes out or tries to spend contract money freely
                List<StoredOutput> c = with(w.k, cMark, false);
                if (!c.isEmpty()) {
                    long total = sumLimited(c);
                    long part = Math.min(total, amt);
                    List<Output> change = part < total ? List.of(new Output(w.k, total - part, cMark, null)) : List.of();
                    if (op.b() % 3 == 0) {
                        attempt("contract marking", "spent freely", new Transaction(TxType.TRANSFER, w.ref(), refs(c),
                                List.of(Output.standard(w.sup, total)), List.of(w.contractFact)), w.builder);
                    } else {
                        attempt("contract marking", "cash-out", new Transaction(TxType.REDEEM, w.ref(), refs(c), change,
                                List.of(w.contractFact)), w.builder, parties.issuer);
                    }
                }
            }
            case 4 -> { // address-list hops, allowed or not
                String l0 = "ADDR:" + w.list + ":0";
                String l1 = "ADDR:" + w.list + ":1";
                List<StoredOutput> atM = with(w.m, l0, false);
                List<StoredOutput> atK = with(w.k, l1, false);
                if (op.b() % 2 == 0 && !atM.isEmpty()) {
                    AccountNumber to = op.b() % 3 == 0 ? w.sup : w.k;
                    attempt("address-list marking", "hop", new Transaction(TxType.TRANSFER, w.ref(), refs(atM),
                            List.of(new Output(to, sumLimited(atM), l1, null))), w.ministry);
                } else if (!atK.isEmpty()) {
                    AccountNumber to = op.b() % 3 == 0 ? w.buy : w.sup;
                    attempt("address-list marking", "hop", new Transaction(TxType.TRANSFER, w.ref(), refs(atK),
                            List.of(Output.standard(to, sumLimited(atK)))), w.builder);
                }
            }
            case 5, 6 -> { // the buyer pays an invoice, with or without its VAT tokens first
                FactId inv = w.invoices.get(op.b() % w.invoices.size());
                Fact f = node.ledger.facts().require(inv);
                long gross = f.tiyn("gross");
                long[] paid = w.paid.computeIfAbsent(inv, k -> new long[2]);
                long outstandingNet = f.tiyn("net") - paid[0];
                long outstandingVat = f.tiyn("vat") - paid[1];
                long pay;
                long vat;
                if (op.a() % 7 == 0 || outstandingNet + outstandingVat == 0) {
                    // an attempt to pay more than is outstanding (or the whole gross again)
                    pay = Math.min(gross, amt * 4);
                    vat = IndependentVat.partOf(pay, f);
                } else if (amt * 2 >= outstandingNet + outstandingVat) {
                    // the settling payment pays exactly what is outstanding of each
                    pay = outstandingNet + outstandingVat;
                    vat = outstandingVat;
                } else {
                    // a partial payment: its VAT part in proportion, computed apart from VatMarking
                    pay = amt * 2;
                    vat = IndependentVat.partOf(pay, f);
                }
                List<StoredOutput> std = with(w.buy, null, false);
                List<StoredOutput> vatTokens = op.kind() == 6 ? with(w.buy, "VAT", false) : List.of();
                List<StoredOutput> in = new ArrayList<>(std.stream().limit(4).toList());
                in.addAll(vatTokens.stream().limit(4).toList());
                long stdIn = sumLimited(std.stream().limit(4).toList());
                long vatIn = sumLimited(vatTokens.stream().limit(4).toList());
                long vatFromStd = Math.max(0, vat - vatIn);
                if (in.isEmpty() || stdIn < pay - vat + vatFromStd) {
                    return;
                }
                List<Output> outs = new ArrayList<>(List.of(Output.standard(w.sell, pay - vat)));
                if (vat > 0) {
                    outs.add(new Output(w.sell, vat, "VAT", null));
                }
                if (vatIn > vat) {
                    outs.add(new Output(w.buy, vatIn - vat, "VAT", null));
                }
                long stdChange = stdIn - (pay - vat) - vatFromStd;
                if (stdChange > 0) {
                    outs.add(Output.standard(w.buy, stdChange));
                }
                String move = vatIn > 0 ? "invoice paid, VAT tokens first" : "invoice paid from standard money";
                if (attempt("VAT", move, new Transaction(TxType.TRANSFER, w.ref(), in.stream().map(StoredOutput::ref).toList(), outs,
                        List.of(inv)), w.buyer)) {
                    paid[0] += pay - vat;
                    paid[1] += vat;
                }
            }
            case 7 -> { // the seller's VAT tokens: to the tax office, or misused
                List<StoredOutput> v = with(w.sell, "VAT", false);
                if (!v.isEmpty()) {
                    AccountNumber to = op.b() % 3 == 0 ? w.sup : taxOffice;
                    String marking = op.b() % 5 == 0 ? "VAT" : null;
                    attempt("VAT", "VAT tokens to the tax office", new Transaction(TxType.TRANSFER, w.ref(), refs(v),
                            List.of(new Output(to, sumLimited(v), marking, null))), w.seller);
                }
            }
            case 8 -> { // the farmer holds for the event, or tries to spend held money
                List<StoredOutput> std = with(w.farm, null, false);
                List<StoredOutput> held = unspent(w.farm).stream().filter(s -> s.output().hold() != null).toList();
                if (op.b() % 3 == 0 && !held.isEmpty()) {
                    attempt("holding", "held money spent", new Transaction(TxType.TRANSFER, w.ref(), refs(held),
                            List.of(Output.standard(w.sup, sumLimited(held)))), w.farmer);
                } else if (!std.isEmpty()) {
                    long total = sumLimited(std);
                    long part = Math.min(total, amt * 2);
                    FactId approval = fact(FactType.HOLD_APPROVED, w.event, Map.of("amount", Long.toString(part)));
                    List<Output> outs = new ArrayList<>(List.of(new Output(w.farm, part, null, Holding.encode(w.event))));
                    if (part < total) {
                        outs.add(Output.standard(w.farm, total - part));
                    }
                    attempt("holding", "hold", new Transaction(TxType.HOLD, w.ref(), refs(std), outs, List.of(w.eventFact, approval)), w.farmer);
                }
            }
            case 10 -> { // the short event: hold for it; the oracle returns what is held once it ended (not before)
                String shortHold = Holding.encode(w.shortEvent);
                List<StoredOutput> held = unspent(w.farm).stream().filter(s -> shortHold.equals(s.output().hold())).limit(8).toList();
                if (held.isEmpty()) {
                    List<StoredOutput> std = with(w.farm, null, false);
                    if (!std.isEmpty() && node.clock.instant().isBefore(w.shortUntil)) {
                        long total = sumLimited(std);
                        long part = Math.min(total, amt);
                        FactId approval = fact(FactType.HOLD_APPROVED, w.shortEvent, Map.of("amount", Long.toString(part)));
                        List<Output> outs = new ArrayList<>(List.of(new Output(w.farm, part, null, shortHold)));
                        if (part < total) {
                            outs.add(Output.standard(w.farm, total - part));
                        }
                        attempt("holding", "hold", new Transaction(TxType.HOLD, w.ref(), refs(std), outs,
                                List.of(w.shortEventFact, approval)), w.farmer);
                    }
                    return;
                }
                if (op.b() % 3 != 0 && !node.clock.instant().isAfter(w.shortUntil)) {
                    node.clock.advance(Duration.ofMinutes(2)); // the event ends without waiting
                }
                AccountNumber to = op.b() % 11 == 0 ? w.sup : w.farm;
                if (attempt("holding", "return", new Transaction(TxType.RETURN, w.ref(), refs(held), List.of(Output.standard(to, sum(held))),
                        List.of(w.shortEventFact)), op.b() % 7 == 0 ? w.farmer : parties.oracle)) {
                    w.newShortEvent();
                }
            }
            default -> { // an occurrence and its release by the oracle; sometimes an old occurrence again
                String mainHold = Holding.encode(w.event);
                List<StoredOutput> held = unspent(w.farm).stream().filter(s -> mainHold.equals(s.output().hold())).limit(8).toList();
                if (held.isEmpty()) {
                    return;
                }
                FactId occurred;
                if (op.b() % 3 == 0 && !w.occurrences.isEmpty()) {
                    occurred = w.occurrences.get(0);
                } else {
                    occurred = fact(FactType.EVENT_OCCURRED, w.event, Map.of("occurrence", "o" + w.ref(), "amount", Long.toString(amt)));
                    w.occurrences.add(occurred);
                }
                long total = sum(held);
                long release = Math.min(total, amt);
                FactId approved = fact(FactType.RELEASE_APPROVED, w.event, Map.of("occurrence", occurred.hex(), "amount", Long.toString(release)));
                List<Output> outs = new ArrayList<>(List.of(Output.standard(w.sup, release)));
                if (release < total) {
                    outs.add(new Output(w.farm, total - release, null, Holding.encode(w.event)));
                }
                attempt("holding", "release", new Transaction(TxType.RELEASE, w.ref(), held.stream().map(StoredOutput::ref).toList(), outs,
                        List.of(w.eventFact, occurred, approved)), op.b() % 7 == 0 ? w.farmer : parties.oracle);
            }
        }
    }

    /** Re-derives the invariants from the committed history alone. */
    static void checkHistory(World w) throws Exception {
        assertThat(node.store.audit().consistent()).isTrue();
        Map<OutputRef, Output> outputs = new HashMap<>();
        List<Transaction> history = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("select body from transactions order by seq");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Transaction tx = CanonicalDecoder.decode(rs.getBytes(1));
                history.add(tx);
                TxId id = tx.id();
                for (int i = 0; i < tx.outputs().size(); i++) {
                    outputs.put(new OutputRef(id, i), tx.outputs().get(i));
                }
            }
        }
        String cMark = "CONTRACT:" + w.contract;
        long toBuilder = 0;
        long cashedOut = 0;
        Map<FactId, Integer> releases = new HashMap<>();
        Map<String, long[]> invoicePaid = new HashMap<>();
        Map<OutputRef, Output> unspentNow = new java.util.LinkedHashMap<>();
        for (Transaction tx : history) {
            List<Output> ins = tx.inputs().stream().map(outputs::get).toList();
            checkVatPayment(tx, ins, invoicePaid, unspentNow);
            tx.inputs().forEach(unspentNow::remove);
            TxId txId = tx.id();
            for (int i = 0; i < tx.outputs().size(); i++) {
                unspentNow.put(new OutputRef(txId, i), tx.outputs().get(i));
            }
            // held money returns to its sender only (no carry-over in these events), no longer held
            if (tx.type() == TxType.RETURN) {
                Set<AccountNumber> senders = new java.util.HashSet<>(ins.stream().map(Output::owner).toList());
                assertThat(ins).allSatisfy(o -> assertThat(o.hold()).isNotNull());
                assertThat(tx.outputs()).allSatisfy(o -> {
                    assertThat(o.owner()).isIn(senders);
                    assertThat(o.hold()).isNull();
                });
            }
            boolean anyHeld = ins.stream().anyMatch(o -> o.hold() != null);
            // held money moves only by release or return
            if (anyHeld) {
                assertThat(tx.type()).isIn(TxType.RELEASE, TxType.RETURN);
            }
            if (tx.type() == TxType.RELEASE) {
                FactId occurrence = tx.facts().stream().filter(f -> node.ledger.facts().require(f).type() == FactType.EVENT_OCCURRED)
                        .findFirst().orElseThrow();
                releases.merge(occurrence, 1, Integer::sum);
            }
            // marks come only from MARK or the VAT part of an invoice payment
            boolean standardIn = ins.stream().allMatch(o -> o.marking() == null);
            if (!ins.isEmpty() && standardIn && tx.outputs().stream().anyMatch(o -> o.marking() != null)) {
                assertThat(tx.type() == TxType.MARK || invoiceNamed(tx)).as("marked output made by %s", tx.type()).isTrue();
            }
            // VAT tokens only pay an invoice or reach the tax office
            if (ins.stream().anyMatch(o -> "VAT".equals(o.marking()))) {
                Set<AccountNumber> payers = new java.util.HashSet<>(ins.stream().map(Output::owner).toList());
                boolean toTax = tx.outputs().stream().allMatch(o -> payers.contains(o.owner()) || o.owner().equals(taxOffice));
                assertThat(tx.type() == TxType.TRANSFER && (invoiceNamed(tx) || toTax)).as("VAT use %s", tx.reference()).isTrue();
            }
            // contract money only along the contract
            if (ins.stream().anyMatch(o -> cMark.equals(o.marking()))) {
                for (Output o : tx.outputs()) {
                    assertThat(o.owner()).isIn(w.m, w.k);
                    assertThat(o.marking()).isEqualTo(cMark);
                }
                if (tx.type() == TxType.TRANSFER && ins.get(0).owner().equals(w.m)) {
                    toBuilder += tx.outputs().stream().filter(o -> o.owner().equals(w.k)).mapToLong(Output::amount).sum();
                }
                if (tx.type() == TxType.REDEEM) {
                    assertThat(ins.get(0).owner()).isEqualTo(w.k);
                    cashedOut += ins.stream().mapToLong(Output::amount).sum() - tx.outputs().stream().mapToLong(Output::amount).sum();
                }
            }
            // address-list money only to the allowed recipient of its level
            String l0 = "ADDR:" + w.list + ":0";
            String l1 = "ADDR:" + w.list + ":1";
            if (ins.stream().anyMatch(o -> l0.equals(o.marking()))) {
                tx.outputs().forEach(o -> assertThat(o.owner()).isIn(w.m, w.k));
            }
            if (ins.stream().anyMatch(o -> l1.equals(o.marking()))) {
                tx.outputs().forEach(o -> assertThat(o.owner()).isIn(w.k, w.sup));
            }
        }
        Map<TxType, Long> byType = new java.util.EnumMap<>(TxType.class);
        history.forEach(tx -> byType.merge(tx.type(), 1L, Long::sum));
        System.out.println("STATS " + byType + " vatPayments=" + history.stream().filter(ProgrammablePropertiesTest::invoiceNamed).count()
                + " outcomes=" + new java.util.TreeMap<>(OUTCOMES));
        assertThat(toBuilder).isLessThanOrEqualTo(5_000);
        assertThat(cashedOut).isLessThanOrEqualTo(1_000);
        assertThat(releases.values()).allSatisfy(n -> assertThat(n).isEqualTo(1));
    }

    /**
     * An invoice payment, re-checked from the history alone: the seller's VAT part is the payment × VAT / gross, half up
     * ({@link IndependentVat}), unless the payment settles the invoice exactly; what is paid never exceeds the invoice's
     * net and VAT; and standard money was marked VAT only by a payer with no other unspent VAT tokens (VAT first).
     */
    static void checkVatPayment(Transaction tx, List<Output> ins, Map<String, long[]> invoicePaid, Map<OutputRef, Output> unspentNow) {
        Fact invoice = tx.facts().stream().map(f -> node.ledger.facts().require(f)).filter(f -> f.type() == FactType.INVOICE_REGISTERED)
                .findFirst().orElse(null);
        if (invoice == null || tx.type() != TxType.TRANSFER) {
            return;
        }
        Set<AccountNumber> payers = new java.util.HashSet<>(ins.stream().map(Output::owner).toList());
        assertThat(payers).hasSize(1);
        AccountNumber payer = payers.iterator().next();
        long vatIn = ins.stream().filter(o -> "VAT".equals(o.marking())).mapToLong(Output::amount).sum();
        long vatOut = tx.outputs().stream().filter(o -> "VAT".equals(o.marking())).mapToLong(Output::amount).sum();
        long net = tx.outputs().stream().filter(o -> !o.owner().equals(payer) && o.marking() == null).mapToLong(Output::amount).sum();
        long vat = tx.outputs().stream().filter(o -> !o.owner().equals(payer) && "VAT".equals(o.marking())).mapToLong(Output::amount).sum();
        long[] paid = invoicePaid.computeIfAbsent(invoice.subject(), k -> new long[2]);
        paid[0] += net;
        paid[1] += vat;
        long invoiceNet = Long.parseLong(invoice.terms().get("net"));
        long invoiceVat = Long.parseLong(invoice.terms().get("vat"));
        assertThat(paid[0]).as("net paid of %s", invoice.subject()).isLessThanOrEqualTo(invoiceNet);
        assertThat(paid[1]).as("VAT paid of %s", invoice.subject()).isLessThanOrEqualTo(invoiceVat);
        boolean settles = paid[0] == invoiceNet && paid[1] == invoiceVat;
        if (!settles) {
            assertThat(vat).as("VAT part of a %s payment of %s", IndependentVat.tenge(net + vat), invoice.subject())
                    .isEqualTo(IndependentVat.partOf(net + vat, invoice));
        }
        if (vatOut > vatIn) { // standard money was marked VAT for the VAT part
            assertThat(unspentNow.entrySet()).as("VAT first: %s marked standard money while holding VAT tokens", payer)
                    .noneMatch(e -> e.getValue().owner().equals(payer) && "VAT".equals(e.getValue().marking())
                            && !tx.inputs().contains(e.getKey()));
        }
    }

    static boolean invoiceNamed(Transaction tx) {
        return tx.facts().stream().anyMatch(f -> node.ledger.facts().require(f).type() == FactType.INVOICE_REGISTERED);
    }
}
