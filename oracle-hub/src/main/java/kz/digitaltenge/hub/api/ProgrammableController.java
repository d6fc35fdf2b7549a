package kz.digitaltenge.hub.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kz.digitaltenge.hub.api.TransactionJson.Committed;
import kz.digitaltenge.hub.api.TransactionJson.InputJson;
import kz.digitaltenge.hub.programmable.EventRelease;
import kz.digitaltenge.ledger.Ledger;
import kz.digitaltenge.canonical.LedgerException;
import kz.digitaltenge.canonical.ReasonCode;
import kz.digitaltenge.ledger.fact.Fact;
import kz.digitaltenge.ledger.fact.FactId;
import kz.digitaltenge.ledger.fact.FactType;
import kz.digitaltenge.ledger.fact.SignedFact;
import kz.digitaltenge.canonical.id.AccountNumber;
import kz.digitaltenge.canonical.id.PartyId;
import kz.digitaltenge.canonical.money.Tiyn;
import kz.digitaltenge.ledger.programmable.AddressList;
import kz.digitaltenge.ledger.programmable.ContractMarking;
import kz.digitaltenge.ledger.HoldExpiry;
import kz.digitaltenge.ledger.programmable.LimitUse;
import kz.digitaltenge.ledger.tx.StoredOutput;
import kz.digitaltenge.ledger.tx.OutputRef;
import kz.digitaltenge.ledger.tx.TxId;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Programmable money (docs/programmable-money.md): address lists, the state of contracts, invoices and events as
 * the ledger tracks them, the oracle's release of held money, and the hold-expiry pass. Marked and held money
 * itself moves through {@code POST /api/ledger/transactions} (MARK, UNMARK, HOLD, TRANSFER, REDEEM with
 * {@code facts}, {@code marking} and {@code hold}); every rule is ledger-core's.
 */
@RestController
@RequestMapping(path = "/api/programmable", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "programmable money", description = "address lists, contracts, invoices, events and holds")
public class ProgrammableController {
    private final Ledger ledger;
    private final EventRelease release;
    private final HoldExpiry expiry;

    public ProgrammableController(Ledger ledger, EventRelease release, HoldExpiry expiry) {
        this.ledger = ledger;
        this.release = release;
        this.expiry = expiry;
    }

    @Schema(description = "initiator: BIN of the Treasury or a bank; recipient: the marking recipient's IIK; levels: per"
            + " level the IIKs allowed to receive at that level")
    public record AddressListRequest(String initiator, String recipient, List<List<String>> levels) {
    }

    public record AddressListJson(String id, String initiator, String recipient, int depth, List<List<String>> levels) {
        static AddressListJson of(AddressList l) {
            List<List<String>> levels = l.levels().stream()
                    .map(level -> level.stream().map(AccountNumber::value).sorted().toList()).toList();
            return new AddressListJson(l.id(), l.initiator().value(), l.recipient().value(), l.depth(), levels);
        }
    }

    public record ContractJson(String number, String factId, String sender, String recipient, String parent,
                               String validFrom, String validTo, boolean valid, String maxTransfer, String maxCashOut,
                               String transferred, String cashedOut, String remainingTransfer, String remainingCashOut) {
    }

    public record InvoicePaymentsJson(String registrationNumber, String factId, String sellerTin, String buyerTin,
                                      String currency, String status, String net, String vat, String gross,
                                      String paidNet, String paidVat, String outstandingNet, String outstandingVat,
                                      boolean settled) {
    }

    public record HeldOutputJson(String txId, int index, String account, String amount, String marking) {
    }

    public record EventJson(String id, String factId, String sender, String recipient, String amount, String validUntil,
                            String holdType, String carryOverTo, boolean expired,
                            @Schema(description = "all holds of the event so far (at most amount)") String heldSoFar,
                            @Schema(description = "what is held for the event now") String heldNow,
                            List<HeldOutputJson> heldOutputs,
                            @Schema(description = "the EVENT_OCCURRED facts of the event, oldest first, and whether each was released")
                            List<OccurrenceJson> occurrences) {
    }

    public record OccurrenceJson(String factId, String occurrence, String amount, Instant issuedAt, boolean released) {
    }

    public record InvoiceStateJson(String factId, String status, String net, String vat, String gross, Instant issuedAt) {
    }

    public record InvoiceHistoryJson(String registrationNumber, String currentStatus, List<InvoiceStateJson> states) {
    }

    @Schema(description = "occurrenceFactId: the EVENT_OCCURRED fact; releaseApprovalFactId: the RELEASE_APPROVED fact"
            + " for it; inputs: held outputs to release (default: all held for the event, at most 32)")
    public record ReleaseRequest(String occurrenceFactId, String releaseApprovalFactId, List<InputJson> inputs) {
    }

    public record ExpiryRunJson(int returned) {
    }

    @Operation(summary = "Register an address list (content-addressed: the same list again answers the same id)")
    @PostMapping(path = "/address-lists", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<AddressListJson> registerAddressList(@RequestBody AddressListRequest r) {
        require(r != null && r.initiator() != null && r.recipient() != null && r.levels() != null,
                "initiator, recipient and levels are required");
        List<Set<AccountNumber>> levels = new ArrayList<>();
        for (int k = 0; k < r.levels().size(); k++) {
            List<String> level = r.levels().get(k);
            require(level != null, "levels[" + k + "] is null");
            Set<AccountNumber> accounts = new LinkedHashSet<>();
            for (String a : level) {
                require(a != null, "levels[" + k + "] names a null account");
                accounts.add(AccountNumber.parse(a));
            }
            levels.add(accounts);
        }
        AddressList list = new AddressList(PartyId.of(r.initiator()), AccountNumber.parse(r.recipient()), levels);
        boolean known = ledger.queries().findAddressList(list.id()).isPresent();
        String id = ledger.registerAddressList(list);
        AddressList stored = ledger.queries().findAddressList(id).orElse(list);
        return ResponseEntity.status(known ? HttpStatus.OK : HttpStatus.CREATED).body(AddressListJson.of(stored));
    }

    @Operation(summary = "A registered address list by its id (64 hex)")
    @GetMapping("/address-lists/{id}")
    public AddressListJson addressList(@PathVariable("id") String id) {
        return ledger.queries().findAddressList(id).map(AddressListJson::of).orElseThrow(() ->
                new LedgerException(ReasonCode.NOT_FOUND, "address list " + id + " is not registered"));
    }

    @Operation(summary = "The same as /contracts/{number}, for numbers with a slash (the procurement portal's"
            + " contract_number_sys, e.g. 000140001536/160089/00): ?number=")
    @GetMapping("/contract")
    public ContractJson contractByQuery(@org.springframework.web.bind.annotation.RequestParam("number") String number) {
        return contract(number);
    }

    @Operation(summary = "A contract's current terms (latest CONTRACT_REGISTERED fact) and what it has used and allows")
    @GetMapping("/contracts/{number}")
    public ContractJson contract(@PathVariable("number") String number) {
        SignedFact latest = ledger.facts().latest(FactType.CONTRACT_REGISTERED, number).orElseThrow(() ->
                new LedgerException(ReasonCode.NOT_FOUND, "contract " + number + " is not registered"));
        Fact c = latest.fact();
        Map<LimitUse.Kind, Long> used = ledger.queries().usage(LimitUse.contract(number));
        long[] remaining = ContractMarking.remaining(c, used);
        Instant now = ledger.clock().instant();
        boolean valid = !now.isBefore(c.instant("validFrom")) && !now.isAfter(c.instant("validTo"));
        return new ContractJson(number, latest.id().hex(), c.text("sender"), c.text("recipient"), c.optional("parent"),
                c.instant("validFrom").toString(), c.instant("validTo").toString(), valid,
                Tiyn.format(c.tiyn("maxTransfer")), Tiyn.format(c.tiyn("maxCashOut")),
                Tiyn.format(used.get(LimitUse.Kind.CONTRACT_TRANSFER)), Tiyn.format(used.get(LimitUse.Kind.CONTRACT_CASH_OUT)),
                Tiyn.format(remaining[0]), Tiyn.format(remaining[1]));
    }

    @Operation(summary = "An invoice (latest INVOICE_REGISTERED fact) and what has been paid of its net and VAT")
    @GetMapping("/invoices/{registrationNumber}/payments")
    @kz.digitaltenge.hub.security.PartyScoped("a narrowed caller reads only invoices its party (or a client) is buyer or seller of")
    public InvoicePaymentsJson invoicePayments(@PathVariable("registrationNumber") String registrationNumber,
                                               org.springframework.security.core.Authentication caller) {
        SignedFact latest = ledger.facts().latest(FactType.INVOICE_REGISTERED, registrationNumber).orElseThrow(() ->
                new LedgerException(ReasonCode.NOT_FOUND, "invoice " + registrationNumber + " is not registered"));
        Fact inv = latest.fact();
        requireParty(caller, inv, registrationNumber);
        Map<LimitUse.Kind, Long> paid = ledger.queries().usage(LimitUse.invoice(registrationNumber));
        long net = inv.tiyn("net");
        long vat = inv.tiyn("vat");
        long paidNet = paid.get(LimitUse.Kind.INVOICE_NET);
        long paidVat = paid.get(LimitUse.Kind.INVOICE_VAT);
        return new InvoicePaymentsJson(registrationNumber, latest.id().hex(), inv.text("sellerTin"), inv.text("buyerTin"),
                inv.optional("currency"), inv.text("status"), Tiyn.format(net), Tiyn.format(vat), Tiyn.format(inv.tiyn("gross")),
                Tiyn.format(paidNet), Tiyn.format(paidVat), Tiyn.format(net - paidNet), Tiyn.format(vat - paidVat),
                paidNet == net && paidVat == vat);
    }

    @Operation(summary = "An event's terms (latest EVENT_REGISTERED fact), what it has held so far and what is held now")
    @GetMapping("/events/{id}")
    public EventJson event(@PathVariable("id") String id) {
        SignedFact registered = release.event(id);
        Fact e = registered.fact();
        List<HeldOutputJson> held = new ArrayList<>();
        long heldNow = 0;
        for (StoredOutput o : release.held(id)) {
            held.add(new HeldOutputJson(o.ref().txId().hex(), o.ref().index(), o.output().owner().value(),
                    Tiyn.format(o.output().amount()), o.output().marking()));
            heldNow += o.output().amount();
        }
        long heldSoFar = ledger.queries().usage(LimitUse.event(id)).get(LimitUse.Kind.EVENT_HELD);
        List<OccurrenceJson> occurrences = new ArrayList<>();
        for (SignedFact o : ledger.queries().factsAbout(FactType.EVENT_OCCURRED, id)) {
            boolean released = ledger.queries().usage(LimitUse.fact(o.id())).get(LimitUse.Kind.OCCURRENCE_RELEASED) > 0;
            occurrences.add(new OccurrenceJson(o.id().hex(), o.fact().text("occurrence"), o.fact().optional("amount") == null ? null : Tiyn.format(o.fact().tiyn("amount")),
                    Instant.ofEpochMilli(o.fact().issuedAtMillis()), released));
        }
        return new EventJson(id, registered.id().hex(), e.text("sender"), e.text("recipient"), Tiyn.format(e.tiyn("amount")),
                e.instant("validUntil").toString(), e.text("holdType"), e.optional("carryOverTo"),
                ledger.clock().instant().isAfter(e.instant("validUntil")), Tiyn.format(heldSoFar), Tiyn.format(heldNow), held,
                occurrences);
    }

    @Operation(summary = "Every state the oracle registered for an invoice (created, corrected, revoked, ...), oldest"
            + " first; the last one is current")
    @GetMapping("/invoices/{registrationNumber}")
    @kz.digitaltenge.hub.security.PartyScoped("a narrowed caller reads only invoices its party (or a client) is buyer or seller of")
    public InvoiceHistoryJson invoiceHistory(@PathVariable("registrationNumber") String registrationNumber,
                                             org.springframework.security.core.Authentication caller) {
        ledger.facts().latest(FactType.INVOICE_REGISTERED, registrationNumber)
                .ifPresent(latest -> requireParty(caller, latest.fact(), registrationNumber));
        List<InvoiceStateJson> states = ledger.queries().factsAbout(FactType.INVOICE_REGISTERED, registrationNumber).stream()
                .map(f -> new InvoiceStateJson(f.id().hex(), f.fact().text("status"), Tiyn.format(f.fact().tiyn("net")),
                        Tiyn.format(f.fact().tiyn("vat")), Tiyn.format(f.fact().tiyn("gross")), Instant.ofEpochMilli(f.fact().issuedAtMillis())))
                .toList();
        if (states.isEmpty()) {
            throw new LedgerException(ReasonCode.NOT_FOUND, "invoice " + registrationNumber + " is not registered");
        }
        return new InvoiceHistoryJson(registrationNumber, states.get(states.size() - 1).status(), states);
    }

    @Operation(summary = "The hub, as the oracle, releases held money for an approved occurrence (idempotent)")
    @PostMapping(path = "/events/{id}/release", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Committed releaseEvent(@PathVariable("id") String id, @RequestBody ReleaseRequest r) {
        require(r != null && r.occurrenceFactId() != null, "occurrenceFactId is required");
        require(r.releaseApprovalFactId() == null, "the oracle approves a release itself, from the occurrence: send no"
                + " releaseApprovalFactId");
        List<OutputRef> inputs = new ArrayList<>();
        if (r.inputs() != null) {
            for (int i = 0; i < r.inputs().size(); i++) {
                InputJson in = r.inputs().get(i);
                require(in != null && in.txId() != null && in.index() != null, "inputs[" + i + "] needs txId and index");
                inputs.add(new OutputRef(TxId.parse(in.txId()), in.index()));
            }
        }
        return TransactionJson.committed(release.release(id, FactId.parse(r.occurrenceFactId()), inputs));
    }

    public record HoldApprovalRequest(String amount) {
    }

    public record HoldApprovalJson(String factId, String event, String amount, Instant issuedAt) {
    }

    @Operation(summary = "The oracle approves a hold for an event (registered, not expired, within what it may still hold);"
            + " the HOLD transaction names the approval's fact id")
    @PostMapping(path = "/events/{id}/hold-approvals", consumes = MediaType.APPLICATION_JSON_VALUE)
    @kz.digitaltenge.hub.security.PartyScoped("a bank bound to its participant asks only for holds of events whose sender"
            + " account it services")
    public ResponseEntity<HoldApprovalJson> approveHold(@PathVariable("id") String id, @RequestBody HoldApprovalRequest r,
                                                        org.springframework.security.core.Authentication caller) {
        require(r != null && r.amount() != null, "amount is required");
        kz.digitaltenge.hub.security.CallerScope scope = kz.digitaltenge.hub.security.CallerScope.of(caller, ledger.registry());
        if (!scope.mayReadAccount(release.event(id).fact().text("sender"))) {
            throw scope.absent("event " + id); // another bank's client's event: answered as absent
        }
        SignedFact approval = release.approveHold(id, Tiyn.parse(r.amount()));
        return ResponseEntity.status(org.springframework.http.HttpStatus.CREATED).body(new HoldApprovalJson(approval.id().hex(), id,
                Tiyn.format(approval.fact().tiyn("amount")), Instant.ofEpochMilli(approval.fact().issuedAtMillis())));
    }

    @Operation(summary = "Return money held for expired events now (the hub also does it every hub.holds.expiry-interval)")
    @PostMapping("/holds/expiry/run")
    public ExpiryRunJson runExpiry() {
        return new ExpiryRunJson(expiry.runOnce());
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new LedgerException(ReasonCode.MALFORMED, message);
        }
    }

    public record TraceBranchJson(int index, String owner, String amount, String marking, String hold, String spentBy) {
    }

    public record TraceNodeJson(String txId, String type, String reference, long seq, Instant committedAt,
                                String tracedAmount, List<TraceBranchJson> outputs, List<TraceNodeJson> children) {
        static TraceNodeJson of(kz.digitaltenge.ledger.programmable.Trace.Node n) {
            return new TraceNodeJson(n.id().hex(), n.type().name(), n.reference(), n.seq(), n.committedAt(),
                    Tiyn.format(n.tracedAmount()),
                    n.outputs().stream().map(b -> new TraceBranchJson(b.index(), b.owner(), Tiyn.format(b.amount()), b.marking(),
                            b.hold(), b.spentBy() == null ? null : b.spentBy().hex())).toList(),
                    n.children().stream().map(TraceNodeJson::of).toList());
        }
    }

    public record TraceJson(String root, String markedTotal, int transactions, boolean verified, String problem,
                            List<TraceNodeJson> roots) {
    }

    @Operation(summary = "The transaction tree of marked money: of a contract (all issuances carrying it and its child"
            + " contracts), an address list, or an initiator; amounts per branch; every edge verified against the stored"
            + " hash chain. Give exactly one of contract, addressList, initiator.")
    @GetMapping("/trace")
    public TraceJson trace(@org.springframework.web.bind.annotation.RequestParam(name = "contract", required = false) String contract,
                           @org.springframework.web.bind.annotation.RequestParam(name = "addressList", required = false) String addressList,
                           @org.springframework.web.bind.annotation.RequestParam(name = "initiator", required = false) String initiator) {
        int given = (contract != null ? 1 : 0) + (addressList != null ? 1 : 0) + (initiator != null ? 1 : 0);
        if (given != 1) {
            throw new LedgerException(ReasonCode.MALFORMED, "give exactly one of contract, addressList, initiator");
        }
        kz.digitaltenge.ledger.programmable.Trace trace = ledger.trace();
        kz.digitaltenge.ledger.programmable.Trace.Tree tree = contract != null ? trace.ofContract(contract)
                : addressList != null ? trace.ofAddressList(addressList)
                : trace.ofInitiator(new PartyId(initiator));
        if (tree.roots().isEmpty()) {
            throw new LedgerException(ReasonCode.NOT_FOUND, "no marked money for " + tree.root());
        }
        return new TraceJson(tree.root(), Tiyn.format(tree.markedTotal()), tree.transactions(), tree.verified(), tree.problem(),
                tree.roots().stream().map(TraceNodeJson::of).toList());
    }

    /** Another party's invoice is answered as absent to a narrowed caller. */
    private void requireParty(org.springframework.security.core.Authentication caller, Fact invoice, String registrationNumber) {
        kz.digitaltenge.hub.security.CallerScope scope = kz.digitaltenge.hub.security.CallerScope.of(caller, ledger.registry());
        if (!scope.mayReadPartiesOf(invoice.text("buyerTin"), invoice.text("sellerTin"))) {
            throw scope.absent("invoice " + registrationNumber);
        }
    }
}
