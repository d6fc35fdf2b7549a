package kz.digitaltenge.ledger.programmable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import kz.digitaltenge.canonical.LedgerException;
import kz.digitaltenge.canonical.ReasonCode;
import kz.digitaltenge.canonical.id.AccountNumber;
import kz.digitaltenge.ledger.fact.Fact;
import kz.digitaltenge.ledger.fact.FactId;
import kz.digitaltenge.ledger.fact.FactType;
import kz.digitaltenge.ledger.query.SupplyAudit;
import kz.digitaltenge.ledger.testing.LedgerNode;
import kz.digitaltenge.ledger.testing.TestDatabase;
import kz.digitaltenge.ledger.testing.TestParties;
import kz.digitaltenge.ledger.testing.TestParties.Party;
import kz.digitaltenge.ledger.tx.CanonicalDecoder;
import kz.digitaltenge.ledger.tx.CommittedTransaction;
import kz.digitaltenge.ledger.tx.Output;
import kz.digitaltenge.ledger.tx.OutputRef;
import kz.digitaltenge.ledger.tx.StoredOutput;
import kz.digitaltenge.ledger.tx.Transaction;
import kz.digitaltenge.ledger.tx.TxId;
import kz.digitaltenge.ledger.tx.TxType;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * A project's contract tree as the railway and road pilots use it: the root contract ministry → general contractor
 * (level 1), child contracts general contractor → 1–3 subcontractors (level 2), each with 0–2 child contracts
 * subcontractor → supplier (level 3); the children's {@code maxTransfer} sum to at most their parent's (the hub's
 * {@code ProjectTranslator} enforces that when a subcontract is declared), a random {@code maxCashOut} each, sometimes
 * an expired child, sometimes a budget root ({@code treasuryRequired}) with or without its {@code treasuryNotice}
 * (children are never budget contracts: the hub's {@code ProjectTranslator} writes no {@code treasuryRequired} on a
 * subcontract); 1–2 outsiders on no level, who receive two contracts the oracle registered outside the tree (one under
 * another parent, sent by the general contractor; one under the root but sent by a subcontractor). The Treasury marks a
 * random amount (0.3–1.5 × the root's {@code maxTransfer}, in 1–3 issuances) to the root at the ministry; then 20–60
 * random steps follow: transfers from a random holder of marked money to a random target (along a child contract, a
 * grandchild, a sibling, an outsider, its parent, the issuer, the Treasury, a random tree account, itself, two children
 * or one child twice in one transaction) of a random amount (within what is left, all of it, above what is left, above
 * the balance), with the right or a wrong mark (the holder's, standard, another tree contract's, an outsiders'
 * contract's), facts (missing, stale, another contract's), inputs (one coin, mixed with standard money or another
 * holder's coin, a spent coin) and signer (the owner, its delegate, the target, an outsider); cash-outs (REDEEM) of a
 * random amount by a random holder, with the change kept, unmarked or sent away, and the issuer's signature or not; and
 * new versions of a contract's fact (the Treasury registering a budget root, or terms issued again, which makes the
 * fact named so far stale). Coins are spent in the order they were made, so a try depends on the seed alone.
 *
 * <p>Checked after every attempt, against a model that knows only the tree's shape and what was committed:
 * <ol>
 *   <li>each contract's recorded {@code CONTRACT_TRANSFER} / {@code CONTRACT_CASH_OUT} usage (read from the store) is
 *       what the committed transactions paid along / cashed out of it, and never above its {@code maxTransfer} /
 *       {@code maxCashOut};</li>
 *   <li>no account outside the tree ever holds money with a tree mark (nor with the outsiders' contracts' marks), and
 *       an output with a contract's mark is only ever at that contract's sender or recipient; a refused attempt changes
 *       no balance, no unspent output and not the supply audit;</li>
 *   <li>the tree balances: its marked money at its accounts + what was cashed out = what the Treasury marked; the
 *       supply audit stays consistent and its redeemed total grows by exactly the cash-outs;</li>
 *   <li>every committed transfer paid only the recipient of a child contract of the mark its money carried (the root's
 *       recipient when the ministry pays), with that child's mark, or the holder's own change; no expired contract and
 *       no budget contract without its Treasury registration was paid; cash-outs were made by the mark's recipient;</li>
 *   <li>moves the tree allows (right target, mark, facts, inputs and signer, within the balance and what is left under
 *       both limits) commit; and across the tries transfers and cash-outs both commit and are refused, money is passed
 *       along each level, and the limits and marking rules do refuse (jqwik coverage) — so none of this passes
 *       vacuously.</li>
 * </ol>
 * After each try the committed history (decoded from the transactions table) is checked again for 2–4.
 */
class ContractTreePropertiesTest {
    static HikariDataSource db;
    static LedgerNode node;
    static TestParties parties;
    /** Outcome of every attempt over all tries, "TYPE variant → committed / reason": printed at the end. */
    static final Map<String, Integer> OUTCOMES = new TreeMap<>();

    @BeforeContainer
    static void start() {
        db = TestDatabase.shared().fresh();
        node = LedgerNode.cluster(1, db, 1).get(0);
        parties = new TestParties(node.registry);
    }

    @AfterContainer
    static void stop() {
        Map<String, Integer> byReason = new TreeMap<>();
        OUTCOMES.forEach((k, n) -> byReason.merge(k.substring(0, k.indexOf(' ')) + " " + k.substring(k.indexOf("→") + 2), n, Integer::sum));
        System.out.println("ContractTreePropertiesTest outcomes by reason: " + byReason);
        StringBuilder variants = new StringBuilder("ContractTreePropertiesTest outcomes by variant:");
        OUTCOMES.forEach((k, n) -> variants.append("\n  ").append(k).append(" = ").append(n));
        System.out.println(variants);
        node.close();
        db.close();
    }

    // ------------------------------------------------------------------------------------------------ generators

    record LeafSpec(int sharePerMille, int cashOutPerMille, boolean expired) {
    }

    record SubSpec(int sharePerMille, int cashOutPerMille, boolean expired, List<LeafSpec> suppliers) {
    }

    /** {@code budget}: 0–1 an ordinary root, 2 a budget root registered at the Treasury, 3 one not yet registered. */
    record TreeSpec(long rootMaxTransfer, int rootCashOutPerMille, int budget, List<SubSpec> subs, int outsiders,
                    int markedPerMille, int issuances) {
    }

    /** One attempt; each field 0–999 picks a variant (low values are the moves the tree allows), {@code amount} 0–999,999. */
    record Op(int kind, int holder, int target, int mark, int facts, int amountMode, int amount, int inputs, int signer) {
    }

    @Provide
    Arbitrary<TreeSpec> trees() {
        Arbitrary<Integer> share = Arbitraries.integers().between(50, 1000).withDistribution(RandomDistribution.uniform());
        Arbitrary<Integer> cashOut = Arbitraries.integers().between(0, 1000).withDistribution(RandomDistribution.uniform());
        Arbitrary<Boolean> expired = Arbitraries.frequency(Tuple.of(9, false), Tuple.of(1, true));
        Arbitrary<LeafSpec> leaf = Combinators.combine(share, cashOut, expired).as(LeafSpec::new);
        Arbitrary<SubSpec> sub = Combinators.combine(share, cashOut, expired, leaf.list().ofMinSize(0).ofMaxSize(2).withSizeDistribution(RandomDistribution.uniform())).as(SubSpec::new);
        return Combinators.combine(Arbitraries.longs().between(100_000, 10_000_000).withDistribution(RandomDistribution.uniform()), cashOut, Arbitraries.integers().between(0, 3),
                sub.list().ofMinSize(1).ofMaxSize(3).withSizeDistribution(RandomDistribution.uniform()), Arbitraries.integers().between(1, 2), Arbitraries.integers().between(300, 1500),
                Arbitraries.integers().between(1, 3)).as(TreeSpec::new)
                .withoutEdgeCases(); // edge cases would make most trees one subcontractor without suppliers
    }

    @Provide
    Arbitrary<List<Op>> ops() {
        // uniform: jqwik's default favours small numbers, which would starve the variants picked by high values
        Arbitrary<Integer> v = Arbitraries.integers().between(0, 999).withDistribution(RandomDistribution.uniform());
        Arbitrary<Integer> a = Arbitraries.integers().between(0, 999_999).withDistribution(RandomDistribution.uniform());
        return Combinators.combine(List.of(v, v, v, v, v, v, a, v, v))
                .as(f -> new Op(f.get(0), f.get(1), f.get(2), f.get(3), f.get(4), f.get(5), f.get(6), f.get(7), f.get(8)))
                .list().ofMinSize(20).ofMaxSize(60).withSizeDistribution(RandomDistribution.uniform());
    }

    // ------------------------------------------------------------------------------------------------ the model

    /** A contract of the tree (or one of the outsiders' contracts): its shape and limits, and what was committed under it. */
    static final class C {
        final String number;
        final C parent;
        final String parentNumber;
        final int level;
        final AccountNumber sender;
        final AccountNumber recipient;
        final long maxTransfer;
        final long maxCashOut;
        final boolean budget;
        final boolean expired;
        final List<C> children = new ArrayList<>();
        boolean registered;
        FactId current;
        FactId stale;
        long transferred;
        long cashedOut;

        C(String number, C parent, String parentNumber, int level, AccountNumber sender, AccountNumber recipient, long maxTransfer,
          long maxCashOut, boolean budget, boolean registered, boolean expired) {
            this.number = number;
            this.parent = parent;
            this.parentNumber = parentNumber;
            this.level = level;
            this.sender = sender;
            this.recipient = recipient;
            this.maxTransfer = maxTransfer;
            this.maxCashOut = maxCashOut;
            this.budget = budget;
            this.registered = registered;
            this.expired = expired;
            if (parent != null) {
                parent.children.add(this);
            }
        }

        String mark() {
            return "CONTRACT:" + number;
        }

        @Override
        public String toString() {
            return level == 0 ? number.substring(number.lastIndexOf('-') + 1) : number.replaceFirst("^PT[0-9]+", "root");
        }
    }

    /** Who holds marked money of which contract, and its coins in the order they were made. */
    record Holding(AccountNumber account, C contract, List<StoredOutput> coins) {
    }

    /** What every account of a try holds, and the audit: a refused attempt must leave all of it as it was. */
    record Snapshot(Map<AccountNumber, Long> balances, Map<AccountNumber, List<StoredOutput>> unspent, SupplyAudit audit) {
    }

    static final class World {
        final String prefix = "PT" + System.nanoTime();
        final Instant now = Instant.now();
        final Instant issuedBase = now.minus(Duration.ofHours(1));
        int versions;
        int references;
        long made;
        /** The order outputs were made in (coins are spent in that order, so a try does not depend on transaction ids). */
        final Map<OutputRef, Long> madeAt = new HashMap<>();
        final List<C> tree = new ArrayList<>();
        final List<C> decoys = new ArrayList<>();
        final Map<String, C> byMark = new HashMap<>();
        final Map<AccountNumber, C> byRecipient = new LinkedHashMap<>();
        final Map<AccountNumber, Party> partyOf = new LinkedHashMap<>();
        final Set<AccountNumber> government = new HashSet<>();
        final List<AccountNumber> treeAccounts = new ArrayList<>();
        final List<AccountNumber> outsiders = new ArrayList<>();
        /** Accounts on no level of the tree: the outsiders, the issuer's, the Treasury's. */
        final List<AccountNumber> others = new ArrayList<>();
        final List<AccountNumber> all = new ArrayList<>();
        final List<StoredOutput> spent = new ArrayList<>();
        final Party ministry;
        final AccountNumber ministryAcc;
        final AccountNumber treasuryAcc;
        final C root;
        long marked;
        final long startRedeemed;
        final long startSeq;

        World(TreeSpec spec) {
            startSeq = maxSeq();
            ministry = parties.client("Ministry of transport");
            ministryAcc = parties.governmentAccount(ministry);
            government.add(ministryAcc);
            partyOf.put(ministryAcc, ministry);
            treeAccounts.add(ministryAcc);
            AccountNumber gc = company("General contractor", treeAccounts);
            root = contract(prefix, null, null, 1, ministryAcc, gc, spec.rootMaxTransfer(),
                    spec.rootMaxTransfer() * spec.rootCashOutPerMille() / 1000, spec.budget() >= 2, spec.budget() == 2, false);
            List<Integer> subShares = shares(spec.subs().stream().map(SubSpec::sharePerMille).toList());
            List<C> subs = new ArrayList<>();
            for (int i = 0; i < spec.subs().size(); i++) {
                SubSpec s = spec.subs().get(i);
                long max = Math.max(1, root.maxTransfer * subShares.get(i) / 1000);
                C sub = contract(root.number + "/" + (i + 1), root, root.number, 2, gc, company("Subcontractor " + (i + 1), treeAccounts),
                        max, max * s.cashOutPerMille() / 1000, false, false, s.expired());
                subs.add(sub);
            }
            for (int i = 0; i < subs.size(); i++) {
                C sub = subs.get(i);
                List<LeafSpec> leaves = spec.subs().get(i).suppliers();
                List<Integer> leafShares = shares(leaves.stream().map(LeafSpec::sharePerMille).toList());
                for (int j = 0; j < leaves.size(); j++) {
                    long max = Math.max(1, sub.maxTransfer * leafShares.get(j) / 1000);
                    contract(sub.number + "/" + (j + 1), sub, sub.number, 3, sub.recipient, company("Supplier " + (i + 1) + "." + (j + 1), treeAccounts),
                            max, max * leaves.get(j).cashOutPerMille() / 1000, false, false, leaves.get(j).expired());
                }
            }
            for (C c : tree) {
                long children = c.children.stream().mapToLong(ch -> ch.maxTransfer).sum();
                assertThat(children).as("children of %s within its maxTransfer", c).isLessThanOrEqualTo(c.maxTransfer);
            }
            for (int i = 0; i < spec.outsiders(); i++) {
                outsiders.add(company("Outsider " + (i + 1), others));
            }
            treasuryAcc = parties.governmentAccount(parties.treasury);
            government.add(treasuryAcc);
            partyOf.put(treasuryAcc, parties.treasury);
            others.add(treasuryAcc);
            partyOf.put(parties.issuerAccount, parties.issuer);
            others.add(parties.issuerAccount);
            // contracts the oracle registered that are not in the tree: paid to an outsider, one under another parent
            // sent by the general contractor, one under the root but sent by a subcontractor
            contract(prefix + "-D1", null, prefix + "-ELSEWHERE", 0, gc, outsiders.get(0), 1_000_000_000L, 1_000_000_000L, false, false, false);
            contract(prefix + "-D2", null, root.number, 0, subs.get(0).recipient, outsiders.get(outsiders.size() - 1), 1_000_000_000L,
                    1_000_000_000L, false, false, false);
            all.addAll(treeAccounts);
            all.addAll(others);
            // standard money everywhere (for attempts that mix it in), then the Treasury marks the root's money
            for (AccountNumber a : all) {
                if (!a.equals(parties.issuerAccount)) {
                    commit(parties.issue(a, 1_000, ref("seed")));
                }
            }
            marked = Math.max(1, root.maxTransfer * spec.markedPerMille() / 1000);
            long left = marked;
            for (int i = 0; i < spec.issuances(); i++) {
                long part = i == spec.issuances() - 1 ? left : marked / spec.issuances();
                left -= part;
                OutputRef coin = new OutputRef(commit(parties.issue(ministryAcc, part, ref("issue"))).id(), 0);
                commit(TestParties.signed(new Transaction(TxType.MARK, ref("mark"), List.of(coin),
                        List.of(new Output(ministryAcc, part, root.mark(), null)), List.of(root.current)), parties.treasury));
            }
            startRedeemed = node.store.audit().supply().redeemed();
        }

        AccountNumber company(String name, List<AccountNumber> into) {
            Party p = parties.client(name);
            AccountNumber a = parties.clientAccount(p);
            partyOf.put(a, p);
            into.add(a);
            return a;
        }

        /** Splits 1,000 ‰ among shares so that they sum to at most 1,000. */
        static List<Integer> shares(List<Integer> raw) {
            int sum = raw.stream().mapToInt(Integer::intValue).sum();
            return raw.stream().map(s -> s * 1000 / Math.max(1000, sum)).toList();
        }

        C contract(String number, C parent, String parentNumber, int level, AccountNumber sender, AccountNumber recipient,
                   long maxTransfer, long maxCashOut, boolean budget, boolean registered, boolean expired) {
            C c = new C(number, parent, parentNumber, level, sender, recipient, maxTransfer, maxCashOut, budget, registered, expired);
            (level == 0 ? decoys : tree).add(c);
            byMark.put(c.mark(), c);
            byRecipient.putIfAbsent(recipient, c);
            // an earlier version first (a larger limit, no Treasury registration), then the current one
            c.stale = version(c, maxTransfer * 2 + 1, false);
            c.current = version(c, maxTransfer, registered);
            return c;
        }

        FactId version(C c, long maxTransfer, boolean registered) {
            Map<String, String> terms = new HashMap<>(Map.of("sender", c.sender.value(), "recipient", c.recipient.value(),
                    "maxTransfer", Long.toString(maxTransfer), "maxCashOut", Long.toString(c.maxCashOut),
                    "validFrom", (c.expired ? now.minus(Duration.ofDays(10)) : now.minus(Duration.ofDays(1))).toString(),
                    "validTo", (c.expired ? now.minus(Duration.ofDays(1)) : now.plus(Duration.ofDays(30))).toString()));
            if (c.parentNumber != null) {
                terms.put("parent", c.parentNumber);
            }
            if (c.level == 1) {
                terms.put("treasuryRequired", Boolean.toString(c.budget));
            }
            if (c.budget && registered) {
                terms.put("treasuryNotice", "UV-" + c.number + "-" + versions);
            }
            return node.ledger.facts().register(parties.oracleFact(Fact.of(FactType.CONTRACT_REGISTERED, c.number, terms,
                    issuedBase.plusSeconds(versions++))));
        }

        String ref(String what) {
            return "tree-" + what + "-" + (references++) + "-" + prefix;
        }

        CommittedTransaction commit(kz.digitaltenge.ledger.tx.SignedTransaction tx) {
            CommittedTransaction c = node.ledger.submitAndWait(tx, 10_000);
            made(c);
            return c;
        }

        void made(CommittedTransaction c) {
            for (int i = 0; i < c.signed().tx().outputs().size(); i++) {
                madeAt.put(new OutputRef(c.id(), i), made++);
            }
        }

        boolean treeMark(String marking) {
            C c = marking == null ? null : byMark.get(marking);
            return c != null && c.level > 0;
        }

        List<StoredOutput> unspent(AccountNumber a) {
            return node.store.unspentOutputs(a, 1_000).stream()
                    .sorted(Comparator.comparingLong((StoredOutput s) -> madeAt.getOrDefault(s.ref(), Long.MAX_VALUE)).thenComparing(StoredOutput::ref))
                    .toList();
        }

        /** Every tree account's marked money, in a fixed order: the ministry, the general contractor, then level by level. */
        List<Holding> holders() {
            List<Holding> hs = new ArrayList<>();
            for (AccountNumber a : treeAccounts) {
                Map<String, List<StoredOutput>> byMarking = new LinkedHashMap<>();
                for (StoredOutput s : unspent(a)) {
                    if (treeMark(s.output().marking())) {
                        byMarking.computeIfAbsent(s.output().marking(), k -> new ArrayList<>()).add(s);
                    }
                }
                byMarking.forEach((m, coins) -> hs.add(new Holding(a, byMark.get(m), coins.stream().limit(24).toList())));
            }
            return hs;
        }

        Snapshot snapshot() {
            Map<AccountNumber, Long> balances = new LinkedHashMap<>();
            Map<AccountNumber, List<StoredOutput>> unspent = new LinkedHashMap<>();
            for (AccountNumber a : all) {
                balances.put(a, node.store.balance(a));
                unspent.put(a, node.store.unspentOutputs(a, 1_000));
            }
            return new Snapshot(balances, unspent, node.store.audit());
        }

        boolean signerFor(AccountNumber a, Party p) {
            return p.equals(partyOf.get(a)) || p.equals(government.contains(a) ? parties.treasury : parties.bank);
        }

        Party delegateOf(AccountNumber a) {
            return government.contains(a) ? parties.treasury : parties.bank;
        }

        long cashedOut() {
            return tree.stream().mapToLong(c -> c.cashedOut).sum();
        }
    }

    static long sum(List<StoredOutput> outs) {
        return outs.stream().mapToLong(s -> s.output().amount()).sum();
    }

    static long maxSeq() {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("select coalesce(max(seq), 0) from transactions");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------------------------------------ the property

    @Property(tries = 15)
    void marked_money_stays_in_the_tree_and_within_every_limit(@ForAll("trees") TreeSpec spec, @ForAll("ops") List<Op> ops) {
        World w = new World(spec);
        Snapshot before = w.snapshot();
        checkInvariants(w, before);
        for (Op op : ops) {
            Snapshot after = step(w, op, before);
            checkInvariants(w, after);
            before = after;
        }
        checkHistory(w);

        // 5. not vacuous: over all tries, each kind of attempt both commits and is refused, each limit refuses, and the
        // marking, fact, authority and conservation rules each refuse something
        Statistics.label("outcome").coverage(c -> {
            for (String type : List.of("TRANSFER", "REDEEM")) {
                c.check(type, "committed").count(n -> n > 0);
                c.checkQuery(l -> l.get(0).equals(type) && !l.get(1).equals("committed") && !String.valueOf(l.get(1)).startsWith("skipped"))
                        .count(n -> n > 0);
                c.check(type, ReasonCode.LIMIT_EXCEEDED.name()).count(n -> n > 0);
            }
            for (ReasonCode r : List.of(ReasonCode.MARKING_VIOLATION, ReasonCode.INVALID_FACT, ReasonCode.NOT_AUTHORIZED, ReasonCode.UNBALANCED)) {
                c.checkQuery(l -> l.get(1).equals(r.name())).count(n -> n > 0);
            }
        });
        Statistics.label("paid along").coverage(c -> {
            c.check("level 1").count(n -> n > 0);
            c.check("level 2").count(n -> n > 0);
            c.check("level 3").count(n -> n > 0);
            c.check("cash-out").count(n -> n > 0);
        });
    }

    /** One attempt (or a new version of a fact); returns the snapshot after it. */
    static Snapshot step(World w, Op op, Snapshot before) {
        if (op.kind() >= 900) {
            newVersion(w, op);
            return w.snapshot();
        }
        List<Holding> hs = w.holders();
        String type = op.kind() < 600 ? "TRANSFER" : "REDEEM";
        if (hs.isEmpty()) {
            Statistics.label("outcome").collect(type, "skipped: no marked money left");
            return before;
        }
        // mostly a holder that has somewhere to pay along, with room left (else money pools at the leaves and behind
        // exhausted limits, and the deep levels are rarely reached)
        List<Holding> payers = hs.stream().filter(x -> along(x).stream().anyMatch(c -> !c.expired && c.transferred < c.maxTransfer)).toList();
        boolean pays = type.equals("TRANSFER") && op.holder() < 700 && !payers.isEmpty();
        Holding h = pays && op.holder() < 300 ? payers.get(payers.size() - 1) // the deepest (holders are listed level by level)
                : pays ? payers.get(op.holder() % payers.size()) : hs.get(op.holder() % hs.size());
        Attempt a = type.equals("TRANSFER") ? transfer(w, op, h, hs) : redeem(w, op, h, hs);
        CommittedTransaction committed = null;
        ReasonCode reason = null;
        String message = null;
        try {
            committed = node.ledger.submitAndWait(TestParties.signed(a.tx, a.signers.toArray(Party[]::new)), 10_000);
        } catch (LedgerException e) {
            reason = e.reason();
            message = e.getMessage();
        }
        String outcome = committed != null ? "committed" : reason.name();
        Statistics.label("outcome").collect(type, outcome);
        OUTCOMES.merge(type + " " + a.variant + " → " + outcome, 1, Integer::sum);
        Snapshot after = w.snapshot();
        if (committed == null) {
            assertThat(reason).as("refusal of %s: %s", a.describe(), message).isNotIn(ReasonCode.UNAVAILABLE, ReasonCode.MALFORMED);
            assertThat(a.legal).as("a move the tree allows was refused %s (%s): %s", reason, message, a.describe()).isFalse();
            assertThat(after).as("a refused attempt (%s, %s) changes nothing: %s", reason, message, a.describe()).isEqualTo(before);
            return after;
        }
        w.made(committed);
        Transaction tx = node.store.findTransaction(committed.id()).orElseThrow().signed().tx();
        assertThat(tx.id()).isEqualTo(committed.id());
        Map<OutputRef, StoredOutput> stored = node.store.loadOutputs(tx.inputs());
        List<Output> ins = tx.inputs().stream().map(r -> stored.get(r).output()).toList();
        TxId id = committed.id();
        assertThat(tx.inputs()).allSatisfy(r -> assertThat(stored.get(r).spentBy()).isEqualTo(id));
        w.spent.addAll(a.inputs);
        if (tx.type() == TxType.TRANSFER) {
            for (Map.Entry<C, Long> paid : checkTransfer(w, tx, ins).entrySet()) {
                C p = paid.getKey();
                assertThat(p.expired).as("expired contract %s paid: %s", p, a.describe()).isFalse();
                assertThat(!p.budget || p.registered).as("budget contract %s paid before its Treasury registration: %s", p, a.describe()).isTrue();
                p.transferred += paid.getValue();
                Statistics.label("paid along").collect("level " + p.level);
            }
        } else {
            Map.Entry<C, Long> cash = checkCashOut(w, tx, ins);
            cash.getKey().cashedOut += cash.getValue();
            Statistics.label("paid along").collect("cash-out");
        }
        return after;
    }

    /** An attempt, what it is meant to try, and whether the tree allows it (then it must commit). */
    record Attempt(String variant, Transaction tx, List<StoredOutput> inputs, List<Party> signers, boolean legal, String detail) {
        String describe() {
            return variant + " " + detail;
        }
    }

    /** The contracts along which the holder of {@code x} money may pay, by the tree's shape. */
    static List<C> along(Holding h) {
        return h.account().equals(h.contract().sender) ? List.of(h.contract()) : h.contract().children;
    }

    static Attempt transfer(World w, Op op, Holding h, List<Holding> hs) {
        C x = h.contract();
        AccountNumber from = h.account();
        List<C> next = along(h);
        // the target(s)
        List<AccountNumber> targets = new ArrayList<>();
        String target;
        int v = op.target();
        int category = v < 700 && !next.isEmpty() ? -1 : (v < 700 ? v : v - 700) % 9;
        switch (category) {
            case -1 -> {
                targets.add(next.get(v % next.size()).recipient);
                target = "along";
            }
            case 0 -> {
                List<AccountNumber> grand = next.stream().flatMap(c -> c.children.stream()).map(c -> c.recipient).toList();
                targets.add(grand.isEmpty() ? w.treeAccounts.get(v % w.treeAccounts.size()) : grand.get(v % grand.size()));
                target = grand.isEmpty() ? "tree account" : "grandchild";
            }
            case 1 -> {
                List<AccountNumber> siblings = x.parent == null ? List.of()
                        : x.parent.children.stream().filter(c -> c != x).map(c -> c.recipient).toList();
                targets.add(siblings.isEmpty() ? w.treeAccounts.get(v % w.treeAccounts.size()) : siblings.get(v % siblings.size()));
                target = siblings.isEmpty() ? "tree account" : "sibling";
            }
            case 2 -> {
                targets.add(w.outsiders.get(v % w.outsiders.size()));
                target = "outsider";
            }
            case 3 -> {
                targets.add(from.equals(x.sender) ? w.treeAccounts.get(v % w.treeAccounts.size()) : x.sender);
                target = from.equals(x.sender) ? "tree account" : "parent";
            }
            case 4 -> {
                targets.add(parties.issuerAccount);
                target = "issuer";
            }
            case 5 -> {
                targets.add(w.treasuryAcc);
                target = "treasury";
            }
            case 6 -> {
                targets.add(w.treeAccounts.get(v % w.treeAccounts.size()));
                target = "tree account";
            }
            case 7 -> {
                targets.add(from);
                target = "itself";
            }
            default -> {
                if (!next.isEmpty() && (v / 9) % 3 == 0) { // two payments along one contract in one transaction
                    targets.add(next.get(v % next.size()).recipient);
                    targets.add(targets.get(0));
                    target = "one child twice";
                } else if (next.size() >= 2) {
                    int i1 = v % next.size();
                    int i2 = (i1 + 1 + (v / 7) % (next.size() - 1)) % next.size();
                    targets.add(next.get(i1).recipient);
                    targets.add(next.get(i2).recipient);
                    target = "two children";
                } else {
                    targets.add(next.isEmpty() ? w.outsiders.get(0) : next.get(0).recipient);
                    target = next.isEmpty() ? "outsider" : "along";
                }
            }
        }
        // the mark each payment carries
        String markVariant;
        List<String> marks = new ArrayList<>();
        int m = op.mark();
        for (AccountNumber t : targets) {
            C own = w.byRecipient.get(t);
            if (m < 850) {
                marks.add(own != null ? own.mark() : x.mark());
            } else {
                switch ((m - 850) % 4) {
                    case 0 -> marks.add(x.mark());
                    case 1 -> marks.add(null);
                    case 2 -> marks.add(w.tree.get(m % w.tree.size()).mark());
                    default -> marks.add(w.decoys.get(m % 2).mark());
                }
            }
        }
        markVariant = m < 850 ? "target's mark" : List.of("holder's mark", "standard", "a tree mark", "outsiders' contract's mark").get((m - 850) % 4);
        // inputs
        List<StoredOutput> markedIn = op.inputs() < 700 || op.inputs() >= 800 ? h.coins() : h.coins().subList(0, 1);
        long in = sum(markedIn);
        List<StoredOutput> inputs = new ArrayList<>(markedIn);
        List<Party> signers = new ArrayList<>();
        String inputVariant = inputs(w, op, h, hs, inputs, signers);
        boolean cleanInputs = inputs.equals(markedIn);
        // amounts: what is left under the limit of the contract paid along (for other targets: the holder's balance)
        long limit = 0;
        for (AccountNumber t : new LinkedHashSet<>(targets)) {
            C own = w.byRecipient.get(t);
            limit += own != null && next.contains(own) ? own.maxTransfer - own.transferred : in;
        }
        long amount = amount(op, in, limit);
        String amountVariant = amountVariant(op);
        List<Output> outs = new ArrayList<>();
        if (targets.size() == 2 && amount >= 2) {
            outs.add(new Output(targets.get(0), amount / 2, marks.get(0), null));
            outs.add(new Output(targets.get(1), amount - amount / 2, marks.get(1), null));
        } else {
            outs.add(new Output(targets.get(0), amount, marks.get(0), null));
        }
        if (in > amount) {
            outs.add(new Output(from, in - amount, x.mark(), null));
        }
        // facts: the holder's mark's and each paid contract's current fact, or a wrong set
        Set<C> outContracts = new LinkedHashSet<>();
        for (Output o : outs) {
            C c = o.marking() == null ? null : w.byMark.get(o.marking());
            if (c != null && c != x) {
                outContracts.add(c);
            }
        }
        List<FactId> right = new ArrayList<>(List.of(x.current));
        outContracts.forEach(c -> right.add(c.current));
        List<FactId> facts = facts(w, op, x, outContracts, right);
        // the signer
        signers.add(0, signer(w, op, from, targets.get(0)));
        boolean signerOk = w.signerFor(from, signers.get(0)) && signers.size() == 1;

        // does the tree allow it? (then it must commit)
        boolean legal = cleanInputs && signerOk && new HashSet<>(facts).equals(new HashSet<>(right)) && facts.size() == right.size()
                && !x.expired && amount <= in;
        Map<C, Long> paid = new LinkedHashMap<>();
        for (Output o : outs) {
            if (o.owner().equals(from) && x.mark().equals(o.marking())) {
                continue;
            }
            C p = o.marking() == null ? null : w.byMark.get(o.marking());
            if (p == null || !next.contains(p) || !o.owner().equals(p.recipient)) {
                legal = false;
            } else {
                paid.merge(p, o.amount(), Long::sum);
            }
        }
        for (Map.Entry<C, Long> e : paid.entrySet()) {
            C p = e.getKey();
            legal &= e.getValue() <= p.maxTransfer - p.transferred && !p.expired && (!p.budget || p.registered);
        }
        String variant = "to " + target + ", " + markVariant + ", " + factsVariant(op) + ", " + inputVariant + ", " + amountVariant + ", "
                + signerVariant(op);
        Transaction tx = new Transaction(TxType.TRANSFER, w.ref("t"), inputs.stream().map(StoredOutput::ref).toList(), outs, facts);
        return new Attempt(variant, tx, inputs, signers, legal, "holder " + role(w, from) + " with " + x + " money " + in + ", outputs "
                + outs.stream().map(o -> role(w, o.owner()) + ":" + o.amount() + ":" + mark(w, o.marking())).toList() + ", facts " + facts.size()
                + ", left " + limit + ", legal " + legal);
    }

    static Attempt redeem(World w, Op op, Holding h, List<Holding> hs) {
        C x = h.contract();
        AccountNumber from = h.account();
        List<StoredOutput> markedIn = op.inputs() < 700 || op.inputs() >= 800 ? h.coins() : h.coins().subList(0, 1);
        long in = sum(markedIn);
        List<StoredOutput> inputs = new ArrayList<>(markedIn);
        List<Party> signers = new ArrayList<>();
        String inputVariant = inputs(w, op, h, hs, inputs, signers);
        boolean cleanInputs = inputs.equals(markedIn) && signers.isEmpty();
        long left = x.maxCashOut - x.cashedOut;
        long redeemed = op.amountMode() >= 900 ? 0 : Math.min(in, amount(op, in, left));
        long change = in - redeemed;
        List<Output> outs = new ArrayList<>();
        String changeVariant = "change kept marked";
        boolean changeOk = true;
        if (change > 0) {
            if (op.mark() < 850) {
                outs.add(new Output(from, change, x.mark(), null));
            } else if ((op.mark() - 850) % 2 == 0) {
                outs.add(new Output(from, change, null, null));
                changeVariant = "change standard";
                changeOk = false;
            } else {
                AccountNumber other = w.all.get(op.mark() % w.all.size());
                outs.add(new Output(other, change, x.mark(), null));
                changeVariant = "change to " + role(w, other);
                changeOk = other.equals(from);
            }
        }
        List<FactId> facts;
        String factsVariant;
        if (op.facts() < 850) {
            facts = List.of(x.current);
            factsVariant = "right facts";
        } else {
            switch ((op.facts() - 850) % 4) {
                case 0 -> {
                    facts = List.of(x.stale);
                    factsVariant = "stale fact";
                }
                case 1 -> {
                    facts = List.of();
                    factsVariant = "no fact";
                }
                case 2 -> {
                    facts = List.of(x.current, w.decoys.get(0).current);
                    factsVariant = "an extra fact";
                }
                default -> {
                    facts = List.of(w.decoys.get(0).current);
                    factsVariant = "another contract's fact";
                }
            }
        }
        String signerVariant;
        if (op.signer() < 850) {
            signers.add(0, w.partyOf.get(from));
            signers.add(parties.issuer);
            signerVariant = "owner and issuer";
        } else {
            switch ((op.signer() - 850) % 3) {
                case 0 -> {
                    signers.add(0, w.partyOf.get(from));
                    signerVariant = "owner alone";
                }
                case 1 -> {
                    signers.add(0, parties.issuer);
                    signerVariant = "issuer alone";
                }
                default -> {
                    signers.add(0, w.delegateOf(from));
                    signers.add(parties.issuer);
                    signerVariant = "delegate and issuer";
                }
            }
        }
        boolean signersOk = signers.size() == 2 && w.signerFor(from, signers.get(0)) && signers.get(1).equals(parties.issuer);
        boolean legal = from.equals(x.recipient) && cleanInputs && changeOk && signersOk && factsVariant.equals("right facts")
                && redeemed >= 1 && redeemed <= left && !x.expired;
        String variant = "by " + (from.equals(x.recipient) ? "recipient" : "sender") + ", " + inputVariant + ", "
                + (redeemed == 0 ? "nothing" : amountVariant(op)) + ", " + changeVariant + ", " + factsVariant + ", " + signerVariant;
        Transaction tx = new Transaction(TxType.REDEEM, w.ref("r"), inputs.stream().map(StoredOutput::ref).toList(), outs, facts);
        return new Attempt(variant, tx, inputs, signers, legal, "holder " + role(w, from) + " with " + x + " money " + in + ", redeems "
                + redeemed + " of " + left + " left, legal " + legal);
    }

    /** Adds wrong inputs to {@code inputs} (and the other owner's signature to {@code signers}) for some variants. */
    static String inputs(World w, Op op, Holding h, List<Holding> hs, List<StoredOutput> inputs, List<Party> signers) {
        int v = op.inputs();
        if (v < 700) {
            return "all its coins";
        }
        if (v < 800) {
            return "one coin";
        }
        List<StoredOutput> standard = w.unspent(h.account()).stream().filter(s -> s.output().marking() == null).toList();
        if (v >= 900 && v < 950) {
            List<Holding> others = hs.stream().filter(o -> !o.account().equals(h.account())).toList();
            if (!others.isEmpty()) {
                Holding o = others.get(v % others.size());
                inputs.add(o.coins().get(0));
                signers.add(w.partyOf.get(o.account()));
                return "plus another holder's coin";
            }
        }
        if (v >= 950) {
            List<StoredOutput> spent = w.spent.stream().filter(s -> s.output().owner().equals(h.account())).toList();
            if (!spent.isEmpty()) {
                inputs.add(spent.get(v % spent.size()));
                return "plus a spent coin";
            }
        }
        if (standard.isEmpty()) {
            return "all its coins";
        }
        if (v < 860 || v >= 900) {
            inputs.add(standard.get(0));
            return "plus standard money";
        }
        inputs.add(0, standard.get(0));
        return "standard money first";
    }

    static long amount(Op op, long balance, long left) {
        long a = op.amount();
        int v = op.amountMode();
        if (v < 500) { // within the balance and what is left: half the time most of it, so that limits run out
            long cap = Math.min(balance, left);
            return cap <= 0 ? 1 : a % 2 == 0 ? cap - (a / 2) % (cap / 4 + 1) : 1 + a % cap;
        }
        if (v < 650) {
            return balance;
        }
        if (v < 900) { // above what is left, within the balance when the balance allows
            long over = Math.max(0, left) + 1;
            return balance >= over ? over + a % (balance - over + 1) : over + a % Math.max(1, balance / 10);
        }
        return balance + 1 + a % 1_000;
    }

    static String amountVariant(Op op) {
        int v = op.amountMode();
        return v < 500 ? "within" : v < 650 ? "all of it" : v < 900 ? "above what is left" : "above the balance";
    }

    static List<FactId> facts(World w, Op op, C x, Set<C> outContracts, List<FactId> right) {
        int v = op.facts();
        if (v < 850) {
            return right;
        }
        List<FactId> facts = new ArrayList<>();
        switch ((v - 850) % 4) {
            case 0 -> facts.add(x.current);
            case 1 -> {
                facts.add(x.stale);
                outContracts.forEach(c -> facts.add(c.current));
            }
            case 2 -> outContracts.forEach(c -> facts.add(c.current));
            default -> {
                facts.add(x.current);
                outContracts.forEach(c -> facts.add(c.stale));
                if (outContracts.isEmpty()) {
                    facts.add(w.decoys.get(0).current);
                }
            }
        }
        return facts;
    }

    static String factsVariant(Op op) {
        int v = op.facts();
        return v < 850 ? "right facts" : List.of("holder's fact only", "holder's stale fact", "without the holder's fact",
                "the paid contract's stale fact").get((v - 850) % 4);
    }

    static Party signer(World w, Op op, AccountNumber from, AccountNumber target) {
        int v = op.signer();
        if (v < 850) {
            return w.partyOf.get(from);
        }
        return switch ((v - 850) % 3) {
            case 0 -> w.delegateOf(from);
            case 1 -> w.partyOf.getOrDefault(target, parties.oracle);
            default -> w.partyOf.get(w.outsiders.get(0));
        };
    }

    static String signerVariant(Op op) {
        int v = op.signer();
        return v < 850 ? "owner signs" : List.of("its delegate signs", "the target signs", "an outsider signs").get((v - 850) % 3);
    }

    /** The Treasury registers a budget root (a new version with its notice), or a contract's terms are issued again. */
    static void newVersion(World w, Op op) {
        C c = w.root.budget && !w.root.registered ? w.root : w.tree.get(op.holder() % w.tree.size());
        c.registered = c.registered || c.budget;
        c.stale = c.current;
        c.current = w.version(c, c.maxTransfer, c.registered);
        Statistics.label("outcome").collect("VERSION", c == w.root && c.budget ? "root registered at the Treasury" : "terms issued again");
    }

    static String role(World w, AccountNumber a) {
        if (a.equals(w.ministryAcc)) {
            return "ministry";
        }
        C c = w.byRecipient.get(a);
        if (c != null) {
            return (c.level == 0 ? "outsider/" : "") + "recipient of " + c;
        }
        if (w.outsiders.contains(a)) {
            return "outsider";
        }
        return a.equals(w.treasuryAcc) ? "treasury" : a.equals(parties.issuerAccount) ? "issuer" : "?" + a;
    }

    static String mark(World w, String marking) {
        C c = marking == null ? null : w.byMark.get(marking);
        return marking == null ? "standard" : c == null ? marking : c.toString();
    }

    // ------------------------------------------------------------------------------------------------ the checks

    /**
     * Property 4 for one committed transfer: its money carried one tree mark and came from one account; every output is
     * the holder's change (same mark) or, by the tree's shape, a payment along a contract the holder may pay along
     * with that contract's mark. Returns what each contract was paid.
     */
    static Map<C, Long> checkTransfer(World w, Transaction tx, List<Output> ins) {
        Set<String> marks = new HashSet<>();
        Set<AccountNumber> holders = new HashSet<>();
        ins.forEach(o -> {
            marks.add(o.marking());
            holders.add(o.owner());
        });
        assertThat(marks).as("marks of the inputs of %s", tx.reference()).hasSize(1);
        assertThat(holders).as("owners of the inputs of %s", tx.reference()).hasSize(1);
        String mark = marks.iterator().next();
        assertThat(w.treeMark(mark)).as("inputs of %s carry a tree mark: %s", tx.reference(), mark).isTrue();
        C x = w.byMark.get(mark);
        AccountNumber holder = holders.iterator().next();
        assertThat(holder).as("holder of %s money", x).isIn(x.sender, x.recipient);
        Map<C, Long> paid = new LinkedHashMap<>();
        for (Output o : tx.outputs()) {
            if (o.owner().equals(holder) && mark.equals(o.marking())) {
                continue; // change
            }
            C p = o.marking() == null ? null : w.byMark.get(o.marking());
            // by the tree's parent links (not the children lists the generator walks): the ministry pays the root's
            // recipient; a recipient pays the recipient of a contract whose parent is the mark's contract
            boolean alongTheTree = p != null && o.owner().equals(p.recipient) && p.level > 0
                    && (holder.equals(x.sender) ? p == x : p.parent == x && p.sender.equals(holder));
            assertThat(alongTheTree)
                    .as("%s money of %s went to %s with mark %s, not along the tree", x, role(w, holder), role(w, o.owner()), mark(w, o.marking()))
                    .isTrue();
            paid.merge(p, o.amount(), Long::sum);
        }
        assertThat(tx.outputs().stream().mapToLong(Output::amount).sum()).isEqualTo(ins.stream().mapToLong(Output::amount).sum());
        return paid;
    }

    /** A committed cash-out: of one tree mark, by that contract's recipient, its change kept there with the mark. */
    static Map.Entry<C, Long> checkCashOut(World w, Transaction tx, List<Output> ins) {
        assertThat(tx.type()).isEqualTo(TxType.REDEEM);
        Set<String> marks = new HashSet<>(ins.stream().map(Output::marking).toList());
        Set<AccountNumber> holders = new HashSet<>(ins.stream().map(Output::owner).toList());
        assertThat(marks).hasSize(1);
        assertThat(holders).hasSize(1);
        C x = w.byMark.get(marks.iterator().next());
        assertThat(x).isNotNull();
        assertThat(x.level).isPositive();
        assertThat(holders.iterator().next()).as("cash-out of %s money", x).isEqualTo(x.recipient);
        assertThat(x.expired).isFalse();
        for (Output o : tx.outputs()) {
            assertThat(o.owner()).isEqualTo(x.recipient);
            assertThat(o.marking()).isEqualTo(x.mark());
        }
        long redeemed = ins.stream().mapToLong(Output::amount).sum() - tx.outputs().stream().mapToLong(Output::amount).sum();
        assertThat(redeemed).isPositive();
        return Map.entry(x, redeemed);
    }

    /** Properties 1–3 on the state after a step. */
    static void checkInvariants(World w, Snapshot s) {
        // 1. usage recorded by the store = what the committed transactions used, within the limits
        for (C c : w.tree) {
            Map<LimitUse.Kind, Long> usage = node.store.usage(LimitUse.contract(c.number));
            assertThat(usage.get(LimitUse.Kind.CONTRACT_TRANSFER)).as("transfer usage of %s", c).isEqualTo(c.transferred)
                    .isLessThanOrEqualTo(c.maxTransfer);
            assertThat(usage.get(LimitUse.Kind.CONTRACT_CASH_OUT)).as("cash-out usage of %s", c).isEqualTo(c.cashedOut)
                    .isLessThanOrEqualTo(c.maxCashOut);
        }
        for (C d : w.decoys) {
            Map<LimitUse.Kind, Long> usage = node.store.usage(LimitUse.contract(d.number));
            assertThat(usage.get(LimitUse.Kind.CONTRACT_TRANSFER)).as("transfer usage of %s", d).isZero();
            assertThat(usage.get(LimitUse.Kind.CONTRACT_CASH_OUT)).as("cash-out usage of %s", d).isZero();
        }
        // 2. contract-marked money only at its contract's sender or recipient; none outside the tree
        long treeMoney = 0;
        for (Map.Entry<AccountNumber, List<StoredOutput>> e : s.unspent().entrySet()) {
            for (StoredOutput o : e.getValue()) {
                C c = o.output().marking() == null ? null : w.byMark.get(o.output().marking());
                if (c == null) {
                    continue;
                }
                assertThat(c.level).as("%s holds money marked with an outsiders' contract %s", role(w, e.getKey()), c).isPositive();
                assertThat(w.others).as("tree money (%s) outside the tree", c).doesNotContain(e.getKey());
                assertThat(e.getKey()).as("%s money at %s", c, role(w, e.getKey())).isIn(c.sender, c.recipient);
                treeMoney += o.output().amount();
            }
        }
        // 3. the tree balances, and so do the books
        assertThat(treeMoney + w.cashedOut()).as("tree money %s + cashed out %s = marked %s", treeMoney, w.cashedOut(), w.marked)
                .isEqualTo(w.marked);
        assertThat(s.audit().consistent()).as("supply audit %s", s.audit()).isTrue();
        assertThat(s.audit().supply().redeemed() - w.startRedeemed).as("redeemed in this try").isEqualTo(w.cashedOut());
    }

    /** Properties 2–4 once more, over the committed history of the try alone (decoded from the transactions table). */
    static void checkHistory(World w) {
        List<Transaction> history = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("select body from transactions where seq > ? order by seq")) {
            ps.setLong(1, w.startSeq);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    history.add(CanonicalDecoder.decode(rs.getBytes(1)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        Map<OutputRef, Output> outputs = new HashMap<>();
        Map<C, Long> transferred = new HashMap<>();
        Map<C, Long> cashedOut = new HashMap<>();
        long markedTotal = 0;
        for (Transaction tx : history) {
            TxId id = tx.id();
            for (int i = 0; i < tx.outputs().size(); i++) {
                outputs.put(new OutputRef(id, i), tx.outputs().get(i));
            }
            List<Output> ins = tx.inputs().stream().map(outputs::get).filter(Objects::nonNull).toList();
            boolean treeIn = ins.stream().anyMatch(o -> w.treeMark(o.marking()));
            for (Output o : tx.outputs()) {
                C c = o.marking() == null ? null : w.byMark.get(o.marking());
                if (c != null) {
                    assertThat(c.level).as("money marked with an outsiders' contract %s (%s)", c, tx.reference()).isPositive();
                    assertThat(o.owner()).as("%s money at %s (%s)", c, role(w, o.owner()), tx.reference()).isIn(c.sender, c.recipient);
                    assertThat(w.others).doesNotContain(o.owner());
                }
            }
            if (!treeIn) {
                if (tx.outputs().stream().anyMatch(o -> w.treeMark(o.marking()))) {
                    assertThat(tx.type()).as("tree marks are made by MARK only (%s)", tx.reference()).isEqualTo(TxType.MARK);
                    markedTotal += tx.outputs().stream().filter(o -> w.treeMark(o.marking())).mapToLong(Output::amount).sum();
                }
                continue;
            }
            assertThat(ins).as("inputs of %s known", tx.reference()).hasSize(tx.inputs().size());
            switch (tx.type()) {
                case TRANSFER -> checkTransfer(w, tx, ins).forEach((p, n) -> transferred.merge(p, n, Long::sum));
                case REDEEM -> {
                    Map.Entry<C, Long> e = checkCashOut(w, tx, ins);
                    cashedOut.merge(e.getKey(), e.getValue(), Long::sum);
                }
                default -> fail("tree money moved by %s (%s)", tx.type(), tx.reference());
            }
        }
        assertThat(markedTotal).as("marked by the Treasury").isEqualTo(w.marked);
        for (C c : w.tree) {
            assertThat(transferred.getOrDefault(c, 0L)).as("paid along %s", c).isEqualTo(c.transferred).isLessThanOrEqualTo(c.maxTransfer);
            assertThat(cashedOut.getOrDefault(c, 0L)).as("cashed out of %s", c).isEqualTo(c.cashedOut).isLessThanOrEqualTo(c.maxCashOut);
        }
    }
}
