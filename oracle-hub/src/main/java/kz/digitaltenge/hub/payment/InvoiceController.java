package kz.digitaltenge.hub.payment;

import kz.digitaltenge.hub.invoice.InvoiceRegistry;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kz.digitaltenge.hub.payment.PaymentOrders;
import kz.digitaltenge.hub.security.CallerScope;
import kz.digitaltenge.hub.security.PartyScoped;
import kz.digitaltenge.ledger.registry.Registry;
import kz.digitaltenge.canonical.LedgerException;
import kz.digitaltenge.canonical.ReasonCode;
import kz.digitaltenge.ledger.fact.Fact;
import kz.digitaltenge.canonical.money.Tiyn;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The invoice registry: an invoice's state and what is paid on it, as the e-invoice IS, 1C and banks see it. */
@RestController
@Tag(name = "invoices", description = "the invoice registry (Digital VAT)")
public class InvoiceController {
    private final InvoiceRegistry invoices;
    private final PaymentOrders payments;
    private final Registry registry;

    public InvoiceController(InvoiceRegistry invoices, PaymentOrders payments, Registry registry) {
        this.invoices = invoices;
        this.payments = payments;
        this.registry = registry;
    }

    @Operation(summary = "An invoice: parties, net, VAT, gross, its IS status, what is paid (by invoice, by prepayment) and"
            + " outstanding (money as decimal strings, two decimals), the invoices correcting it and the payments made")
    @GetMapping(path = "/api/invoices/{registrationNumber}", produces = MediaType.APPLICATION_JSON_VALUE)
    @PartyScoped("a narrowed caller reads only invoices its party (or a client) is buyer or seller of")
    public Map<String, Object> invoice(@PathVariable("registrationNumber") String registrationNumber,
                                       org.springframework.security.core.Authentication caller) {
        CallerScope scope = CallerScope.of(caller, registry);
        InvoiceRegistry.InvoiceState s = invoices.find(registrationNumber).orElseThrow(() ->
                new LedgerException(ReasonCode.NOT_FOUND, "invoice " + registrationNumber + " is not registered"));
        if (!scope.mayReadPartiesOf(s.fact().text("buyerTin"), s.fact().text("sellerTin"))) {
            throw scope.absent("invoice " + registrationNumber); // it learns nothing of other parties' invoices
        }
        return view(s, payments.executedFor(registrationNumber));
    }

    /** The JSON of an invoice's state (also the body of the status sent to the e-invoice IS). */
    public static Map<String, Object> view(InvoiceRegistry.InvoiceState s, List<PaymentOrders.Outcome> executed) {
        Fact f = s.fact();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("registrationNumber", f.subject());
        out.put("sellerTin", f.text("sellerTin"));
        out.put("buyerTin", f.text("buyerTin"));
        out.put("net", Tiyn.format(f.tiyn("net")));
        out.put("vat", Tiyn.format(f.tiyn("vat")));
        out.put("gross", Tiyn.format(f.tiyn("gross")));
        out.put("currency", f.text("currency"));
        out.put("status", f.text("status"));
        out.put("paymentStatus", s.paymentStatus());
        out.put("paid", Tiyn.format(s.paid()));
        out.put("outstanding", Tiyn.format(s.outstanding()));
        out.put("paidNet", Tiyn.format(s.paidNet()));
        out.put("paidVat", Tiyn.format(s.paidVat()));
        out.put("prepaid", Tiyn.format(s.settledNet() + s.settledVat()));
        putIfPresent(out, "invoiceType", f.optional("invoiceType"));
        putIfPresent(out, "adjustment", f.optional("adjustment"));
        putIfPresent(out, "relatedRegistrationNumber", f.optional("relatedRegistrationNumber"));
        putIfPresent(out, "contractNumber", f.optional("contractNumber"));
        putIfPresent(out, "num", f.optional("num"));
        putIfPresent(out, "date", f.optional("date"));
        out.put("corrections", s.corrections());
        out.put("factId", s.current().id().hex());
        out.put("payments", executed.stream().map(o -> {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("paymentOrder", o.id());
            p.put("number", o.number());
            p.put("date", o.date());
            p.put("amount", o.amount());
            p.put("vat", o.vat());
            p.put("transactionId", o.transactionId());
            return p;
        }).toList());
        return out;
    }

    private static void putIfPresent(Map<String, Object> out, String key, String value) {
        if (value != null) {
            out.put(key, value);
        }
    }
}
