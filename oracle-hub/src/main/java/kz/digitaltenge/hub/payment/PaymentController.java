package kz.digitaltenge.hub.payment;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import kz.digitaltenge.hub.security.CallerScope;
import kz.digitaltenge.hub.security.PartyScoped;
import kz.digitaltenge.canonical.LedgerException;
import kz.digitaltenge.canonical.ReasonCode;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Payment orders: their outcome, and the payer's bank's confirmation step (as the remote-banking channel has it). */
@RestController
@Tag(name = "payments", description = "payment orders by invoice or contract, and the banks' confirmation")
public class PaymentController {
    /** Every status an order can have (the check of payment_orders.status, db/hub/V3__invoices_payments.sql). */
    public static final List<String> STATUSES = List.of("RECEIVED", "AWAITING_CONFIRMATION", "EXECUTED", "REFUSED", "DECLINED");

    private final PaymentOrders orders;
    private final kz.digitaltenge.ledger.registry.Registry registry;

    public PaymentController(PaymentOrders orders, kz.digitaltenge.ledger.registry.Registry registry) {
        this.orders = orders;
        this.registry = registry;
    }

    /** The order, when the caller may see and decide it ({@link CallerScope}); answered as absent otherwise. */
    private PaymentOrders.Outcome visible(long id, Authentication caller) {
        PaymentOrders.PayerOutcome o = orders.findWithPayer(id).orElseThrow(() ->
                new LedgerException(ReasonCode.NOT_FOUND, "no payment order #" + id));
        if (scope(caller).paymentRefusal(o.payerBin(), o.payerAccount()) != null) {
            throw new LedgerException(ReasonCode.NOT_FOUND, "no payment order #" + id + " for " + caller.getName());
        }
        return o.outcome();
    }

    @Operation(summary = "One payment order: status (RECEIVED, AWAITING_CONFIRMATION, EXECUTED, REFUSED, DECLINED), amounts, the"
            + " ledger transaction, the reason and quarantine id of a refusal")
    @GetMapping(path = "/api/payments/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    @PartyScoped("a narrowed caller sees only orders paid from its own or its clients' accounts")
    public PaymentOrders.Outcome order(@PathVariable("id") long id, Authentication caller) {
        return visible(id, caller);
    }

    @Operation(summary = "Payment orders in a status, oldest first (the banks poll AWAITING_CONFIRMATION), of one payer"
            + " account (payer=IIK) and / or paying one invoice or contract (reference=) when given")
    @GetMapping(path = "/api/payments", produces = MediaType.APPLICATION_JSON_VALUE)
    @PartyScoped("a bank bound to its participant lists only its clients' orders; taxpayers are refused")
    public List<PaymentOrders.Outcome> orders(@RequestParam(name = "status", defaultValue = "AWAITING_CONFIRMATION") String status,
                                              @RequestParam(name = "payer", required = false) String payer,
                                              @RequestParam(name = "reference", required = false) String reference,
                                              @RequestParam(name = "limit", defaultValue = "100") int limit,
                                              Authentication caller) {
        CallerScope scope = scope(caller);
        if (scope.party().isPresent()) {
            throw new LedgerException(ReasonCode.NOT_AUTHORIZED, "the lists of payment orders are for banks and the back office");
        }
        if (!STATUSES.contains(status)) {
            // an unknown status matched nothing and answered [], which reads as "nothing waiting": a typo must show
            throw new LedgerException(ReasonCode.MALFORMED, "unknown status '" + status + "' (" + String.join(", ", STATUSES) + ")");
        }
        String account = payer == null || payer.isBlank() ? null : kz.digitaltenge.canonical.id.AccountNumber.parse(payer).value();
        String ref = reference == null || reference.isBlank() ? null : reference.strip();
        return orders.listWithPayer(status, account, ref, Math.max(1, Math.min(limit, 1000))).stream()
                .filter(o -> scope.paymentRefusal(o.payerBin(), o.payerAccount()) == null).map(PaymentOrders.PayerOutcome::outcome).toList();
    }

    @Operation(summary = "The payer's bank confirms an order awaiting it: the payment is checked again and executed")
    @PostMapping(path = "/api/payments/{id}/confirm", produces = MediaType.APPLICATION_JSON_VALUE)
    @PartyScoped("a bank bound to its participant decides only its clients' orders")
    public PaymentOrders.Outcome confirm(@PathVariable("id") long id, Authentication caller) {
        visible(id, caller); // a bank bound to its participant decides only its clients' orders
        return orders.confirm(id, caller.getName());
    }

    public record Decline(String reason) {
    }

    @Operation(summary = "The payer's bank declines an order awaiting it, with a reason: nothing moves")
    @PostMapping(path = "/api/payments/{id}/decline", produces = MediaType.APPLICATION_JSON_VALUE)
    @PartyScoped("a bank bound to its participant decides only its clients' orders")
    public PaymentOrders.Outcome decline(@PathVariable("id") long id, @RequestBody(required = false) Decline body, Authentication caller) {
        visible(id, caller);
        return orders.decline(id, body == null ? null : body.reason(), caller.getName());
    }

    private CallerScope scope(Authentication caller) {
        return CallerScope.of(caller, registry);
    }
}
