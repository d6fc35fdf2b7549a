package kz.digitaltenge.hub.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kz.digitaltenge.canonical.LedgerException;
import kz.digitaltenge.canonical.ReasonCode;
import kz.digitaltenge.canonical.money.Tiyn;
import kz.digitaltenge.ledger.Ledger;
import kz.digitaltenge.ledger.programmable.Trace;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The initiator's feed of a marked contract: every committed transaction that moved money marked to the contract or to
 * one of its child contracts (the project's tree), in commit order, each with who paid, who received what under which
 * mark, and its place in the ledger ({@code seq}, the cursor). The customer's or the Treasury's node reads it with
 * {@code after} = the last {@code seq} it saw, so it sees each transfer once and misses none (docs/contract-marking.md).
 */
@RestController
@RequestMapping(path = "/api/programmable", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "programmable money", description = "address lists, contracts, invoices, events and holds")
public class MarkedTransfersController {
    static final int MAX_LIMIT = 500;
    private final Ledger ledger;

    public MarkedTransfersController(Ledger ledger) {
        this.ledger = ledger;
    }

    /** One output of a transfer: the account, the amount (tenge), its mark after the transfer. */
    public record Leg(String account, String amount, String marking) {
    }

    public record MarkedTransfer(long seq, String transaction, String type, String reference, String committedAt,
                                 List<String> from, List<Leg> to) {
    }

    public record Feed(String contract, boolean verified, List<MarkedTransfer> transfers, Long next) {
    }

    @Operation(summary = "The initiator's feed of a marked contract: each committed transaction moving its money or its"
            + " child contracts' (MARK, TRANSFER, REDEEM, UNMARK), in commit order after the cursor `after` (a seq)")
    @GetMapping("/marked-transfers")
    public Feed transfers(@RequestParam("contract") String number, @RequestParam(name = "after", defaultValue = "0") long after,
                          @RequestParam(name = "limit", defaultValue = "100") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new LedgerException(ReasonCode.MALFORMED, "limit is 1-" + MAX_LIMIT);
        }
        Trace.Tree tree = ledger.trace().ofContract(number);
        if (tree.roots().isEmpty() && ledger.facts().latest(kz.digitaltenge.ledger.fact.FactType.CONTRACT_REGISTERED, number).isEmpty()) {
            throw new LedgerException(ReasonCode.NOT_FOUND, "contract " + number + " is not registered");
        }
        List<MarkedTransfer> all = new ArrayList<>();
        for (Trace.Node root : tree.roots()) {
            collect(root, List.of(), all);
        }
        // a transaction spending outputs of two branches is reached twice: one entry, both payers
        Map<Long, MarkedTransfer> bySeq = new java.util.TreeMap<>();
        for (MarkedTransfer t : all) {
            bySeq.merge(t.seq(), t, (a, b) -> {
                Set<String> payers = new LinkedHashSet<>(a.from());
                payers.addAll(b.from());
                return new MarkedTransfer(a.seq(), a.transaction(), a.type(), a.reference(), a.committedAt(), List.copyOf(payers), a.to());
            });
        }
        List<MarkedTransfer> page = bySeq.values().stream().filter(t -> t.seq() > after)
                .sorted(Comparator.comparingLong(MarkedTransfer::seq)).limit(limit + 1L).toList();
        Long next = page.size() > limit ? page.get(limit - 1).seq() : null;
        return new Feed(number, tree.verified(), page.size() > limit ? page.subList(0, limit) : page, next);
    }

    /** A node and its children; {@code payers} are the owners of the outputs of its parent it spent. */
    private static void collect(Trace.Node node, List<String> payers, List<MarkedTransfer> out) {
        List<Leg> legs = node.outputs().stream().map(b -> new Leg(b.owner(), Tiyn.format(b.amount()), b.marking())).toList();
        out.add(new MarkedTransfer(node.seq(), node.id().hex(), node.type().name(), node.reference(), node.committedAt().toString(),
                payers, legs));
        for (Trace.Node child : node.children()) {
            Set<String> spent = new LinkedHashSet<>();
            node.outputs().stream().filter(b -> child.id().equals(b.spentBy())).forEach(b -> spent.add(b.owner()));
            collect(child, List.copyOf(spent), out);
        }
    }
}
