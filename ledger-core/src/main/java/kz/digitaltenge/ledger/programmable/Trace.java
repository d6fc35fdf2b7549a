package kz.digitaltenge.ledger.programmable;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import kz.digitaltenge.canonical.LedgerException;
import kz.digitaltenge.canonical.ReasonCode;
import kz.digitaltenge.ledger.fact.FactType;
import kz.digitaltenge.canonical.id.PartyId;
import kz.digitaltenge.ledger.registry.Registry;
import kz.digitaltenge.ledger.tx.CommittedTransaction;
import kz.digitaltenge.ledger.tx.Output;
import kz.digitaltenge.ledger.tx.OutputRef;
import kz.digitaltenge.ledger.tx.TxId;
import kz.digitaltenge.ledger.tx.TxSignature;
import kz.digitaltenge.ledger.tx.TxType;

/**
 * The transaction tree of marked money: from the MARK transactions of a contract (all issuances carrying its
 * parameter, and its child contracts), of an address list, or of an initiator, down every transaction that spent
 * a marked output of that family, with the amounts per branch. Each edge is verified: the child's stored body
 * hashes to its id, and the child spends an output of its parent (the hash chain of the UTXO graph).
 */
public final class Trace {
    /** Most transactions one trace walks. */
    public static final int MAX_NODES = 10_000;

    /** One committed transaction of the tree: the marked amounts it created and the transactions that spent them. */
    public record Node(TxId id, TxType type, String reference, long seq, Instant committedAt, long tracedAmount,
                       List<Branch> outputs, List<Node> children) {
    }

    /** One output of a node: where that part of the money went, and whether it is still spent or lifted. */
    public record Branch(int index, String owner, long amount, String marking, String hold, TxId spentBy) {
    }

    /** The tree, whether every edge verified, and the first problem found if not. */
    public record Tree(String root, List<Node> roots, long markedTotal, int transactions, boolean verified, String problem) {
    }

    private final ProgrammableRecords store;
    private final Registry registry;
    private final kz.digitaltenge.ledger.fact.FactBook facts;

    public Trace(ProgrammableRecords store, Registry registry, kz.digitaltenge.ledger.fact.FactBook facts) {
        this.store = store;
        this.registry = registry;
        this.facts = facts;
    }

    public Tree ofContract(String number) {
        Set<String> family = new HashSet<>(List.of("CONTRACT:" + number));
        Predicate<String> inFamily = marking -> {
            if (marking == null || !marking.startsWith("CONTRACT:")) {
                return false;
            }
            if (family.contains(marking)) {
                return true;
            }
            // a child contract (parent chain) belongs to the project's tree
            String child = marking.substring(9);
            for (int depth = 0; depth < 16 && child != null; depth++) {
                var f = facts.latest(FactType.CONTRACT_REGISTERED, child);
                if (f.isEmpty()) {
                    return false;
                }
                String parent = f.get().fact().optional("parent");
                if (parent != null && family.contains("CONTRACT:" + parent)) {
                    family.add(marking);
                    return true;
                }
                child = parent;
            }
            return false;
        };
        return build("contract " + number, store.markTransactions("CONTRACT:" + number), inFamily);
    }

    public Tree ofAddressList(String listId) {
        return build("address list " + listId, store.markTransactions("ADDR:" + listId + ":"),
                marking -> marking != null && marking.startsWith("ADDR:" + listId + ":"));
    }

    /** Every issuance an initiator (the Treasury, a bank) marked, whatever the mark. */
    public Tree ofInitiator(PartyId initiator) {
        List<TxId> roots = new ArrayList<>();
        Set<String> classes = new HashSet<>();
        for (TxId id : store.markTransactions()) {
            CommittedTransaction c = store.findTransaction(id).orElseThrow();
            boolean signedBy = false;
            for (TxSignature s : c.signed().signatures()) {
                signedBy |= registry.key(s.keyId()).map(k -> k.holder().equals(initiator)).orElse(false);
            }
            if (signedBy) {
                roots.add(id);
                c.signed().tx().outputs().stream().filter(o -> o.marking() != null)
                        .forEach(o -> classes.add(Marking.parse(o.marking()).classKey()));
            }
        }
        return build("initiator " + initiator, roots, marking -> marking != null && classes.contains(Marking.parse(marking).classKey()));
    }

    private Tree build(String root, List<TxId> rootIds, Predicate<String> inFamily) {
        Map<TxId, Node> built = new LinkedHashMap<>();
        List<Node> roots = new ArrayList<>();
        String[] problem = {null};
        int[] count = {0};
        long markedTotal = 0;
        for (TxId id : rootIds) {
            Node n = node(id, null, inFamily, built, problem, count);
            roots.add(n);
            markedTotal += n.tracedAmount();
        }
        return new Tree(root, roots, markedTotal, count[0], problem[0] == null, problem[0]);
    }

    private Node node(TxId id, TxId parent, Predicate<String> inFamily, Map<TxId, Node> built, String[] problem, int[] count) {
        Node done = built.get(id);
        if (done != null) {
            return done;
        }
        if (++count[0] > MAX_NODES) {
            throw new LedgerException(ReasonCode.OVER_LIMIT, "the tree has more than " + MAX_NODES + " transactions");
        }
        CommittedTransaction c = store.findTransaction(id).orElseThrow(() ->
                new LedgerException(ReasonCode.NOT_FOUND, "transaction " + id + " is not committed"));
        // verify the edge: the stored body hashes to the id, and the transaction spends an output of its parent
        if (problem[0] == null && !c.signed().tx().id().equals(id)) {
            problem[0] = "transaction " + id + ": stored body does not hash to its id";
        }
        if (problem[0] == null && parent != null && c.signed().tx().inputs().stream().noneMatch(in -> in.txId().equals(parent))) {
            problem[0] = "transaction " + id + " spends no output of its parent " + parent;
        }
        List<Output> outs = c.signed().tx().outputs();
        List<OutputRef> refs = new ArrayList<>();
        for (int i = 0; i < outs.size(); i++) {
            refs.add(new OutputRef(id, i));
        }
        Map<OutputRef, TxId> spent = store.spentBy(refs);
        List<Branch> branches = new ArrayList<>();
        Set<TxId> next = new java.util.LinkedHashSet<>();
        long traced = 0;
        for (int i = 0; i < outs.size(); i++) {
            Output o = outs.get(i);
            TxId spender = spent.get(refs.get(i));
            boolean marked = inFamily.test(o.marking());
            if (marked) {
                traced += o.amount();
                if (spender != null) {
                    next.add(spender);
                }
            }
            if (marked || parent != null) {
                branches.add(new Branch(i, o.owner().value(), o.amount(), o.marking(), o.hold(), spender));
            }
        }
        List<Node> children = new ArrayList<>();
        for (TxId child : next) {
            children.add(node(child, id, inFamily, built, problem, count));
        }
        Node n = new Node(id, c.signed().tx().type(), c.signed().tx().reference(), c.seq(), c.committedAt(), traced,
                List.copyOf(branches), List.copyOf(children));
        built.put(id, n);
        return n;
    }

    /** Flattens a tree's edges (parent → child) for checks and display. */
    public static List<TxId[]> edges(Tree tree) {
        List<TxId[]> edges = new ArrayList<>();
        Deque<Node> todo = new ArrayDeque<>(tree.roots());
        Set<TxId> seen = new HashSet<>();
        while (!todo.isEmpty()) {
            Node n = todo.pop();
            if (!seen.add(n.id())) {
                continue;
            }
            for (Node child : n.children()) {
                edges.add(new TxId[] {n.id(), child.id()});
                todo.push(child);
            }
        }
        return edges;
    }
}
