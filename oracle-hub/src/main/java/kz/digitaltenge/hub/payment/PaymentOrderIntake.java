package kz.digitaltenge.hub.payment;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import kz.digitaltenge.canonical.LedgerException;
import kz.digitaltenge.canonical.ReasonCode;
import kz.digitaltenge.canonical.SourceMessageRejected;
import kz.digitaltenge.canonical.payment.OrderForm;
import kz.digitaltenge.canonical.payment.PaymentDocuments;
import kz.digitaltenge.canonical.payment.PaymentInstruction;
import kz.digitaltenge.canonical.payment.PaymentOrderFormat;
import kz.digitaltenge.canonical.payment.ReferenceKind;
import kz.digitaltenge.canonical.payment.RefusedDocument;
import kz.digitaltenge.hub.pipeline.SourceSystems;
import kz.digitaltenge.hub.quarantine.Quarantine;
import kz.digitaltenge.hub.quarantine.QuarantineReplay;
import kz.digitaltenge.hub.quarantine.QuarantinedMessage;
import kz.digitaltenge.hub.security.Caller;
import kz.digitaltenge.hub.security.CallerScope;
import kz.digitaltenge.hub.security.Sender;
import kz.digitaltenge.hub.security.SenderResolver;
import kz.digitaltenge.ledger.registry.Registry;

/**
 * Payment orders from every source that sends them (a {@code SourceSystem} with a {@link PaymentOrderFormat}, e.g. 1C)
 * into the payment orchestration: a file (HTTP upload or the source's watched directory) or one JSON order, read by
 * the source's module. Each document of a file is handled on its own: a document that cannot be read is quarantined
 * with its lines, the others proceed. Also the quarantine's replay for payment orders (retry, edit-and-retry of a
 * document, of a JSON order, or of a whole rejected file). Nothing here names a source or its format.
 */
public final class PaymentOrderIntake implements QuarantineReplay {
    private final SourceSystems sources;
    private final PaymentOrders orders;
    private final Quarantine quarantine;
    private final Registry registry;
    private final SenderResolver senders;

    public PaymentOrderIntake(SourceSystems sources, PaymentOrders orders, Quarantine quarantine, Registry registry,
                              SenderResolver senders) {
        this.sources = sources;
        this.orders = orders;
        this.quarantine = quarantine;
        this.registry = registry;
        this.senders = senders;
    }

    /** One document's outcome, in file order. */
    public record DocumentOutcome(int startLine, int endLine, String number, String date, String status, ReferenceKind referenceKind,
                                  String reference, String amount, String vat, String reasonCode, String message,
                                  Long paymentOrder, String transactionId, Long quarantineId) {
        static DocumentOutcome of(PaymentInstruction o, PaymentOrders.Outcome r) {
            return new DocumentOutcome(o.startLine(), o.endLine(), r.number(), r.date(), r.status(), r.referenceKind(), r.reference(),
                    r.amount(), r.vat(), r.reasonCode(), r.message(), r.id(), r.transactionId(), r.quarantineId());
        }
    }

    /** A file's outcome: accepted as a file (each document with its own outcome), or rejected as a whole. */
    public record FileOutcome(String status, String reasonCode, String message, Long quarantineId, int documentCount,
                              List<DocumentOutcome> documents) {
    }

    /** A payment-order source as the intake uses it. */
    private record OrderSource(String id, PaymentOrderFormat format, Set<kz.digitaltenge.hub.security.HubRole> transportRoles) {
    }

    /** The source {@code id} if it sends payment orders; NOT_FOUND otherwise, as for any path that is not there. */
    PaymentOrderFormat format(String id) {
        return source(id).format();
    }

    private OrderSource source(String id) {
        return find(id).orElseThrow(() -> new LedgerException(ReasonCode.NOT_FOUND, "no source system " + id + " sends payment orders"));
    }

    private Optional<OrderSource> find(String id) {
        return sources.find(id).filter(d -> d.system().paymentOrders() != null)
                .map(d -> new OrderSource(d.id(), d.system().paymentOrders(), Set.of(d.role())));
    }

    /** The source a quarantine entry belongs to: by its id, or an id the source's entries carried before. */
    private Optional<OrderSource> sourceOf(QuarantinedMessage m) {
        Optional<OrderSource> byId = find(m.sourceSystem());
        if (byId.isPresent()) {
            return byId;
        }
        return sources.all().stream().filter(d -> d.system().paymentOrders() != null
                        && d.system().paymentOrders().formerSourceIds().contains(m.sourceSystem()))
                .findFirst().map(d -> new OrderSource(d.id(), d.system().paymentOrders(), Set.of(d.role())));
    }

    /**
     * A file from the source's watched directory: the directory is the transport that authenticates it (only the
     * operator and the banks' gateways write there), so it speaks with the source's declared role and its orders are
     * not narrowed to a party. A file longer than the format takes is refused before it is loaded; it stays on disk.
     */
    public FileOutcome directoryFile(String sourceId, String directory, String fileName, long length,
                                     java.util.function.Supplier<byte[]> bytes) {
        OrderSource source = source(sourceId);
        Sender sender = Sender.directory(directory);
        if (length > source.format().maxFileBytes()) {
            String message = "file " + fileName + " has " + length + " bytes; at most " + source.format().maxFileBytes()
                    + " are accepted. The file is kept, unread, in the directory's .done folder";
            long q = quarantine.put(QuarantinedMessage.of(source.id(), fileName, route(source), ReasonCode.TOO_LARGE.name(), message,
                    "text/plain", headers(OrderForm.FILE, fileName, sender), new byte[0]));
            return new FileOutcome("REJECTED", ReasonCode.TOO_LARGE.name(), message, q, 0, List.of());
        }
        return file(source, bytes.get(), fileName, sender,
                CallerScope.of(new Caller(sender.header(), source.transportRoles(), null), registry));
    }

    /** A file uploaded by an API user (its scope: {@link CallerScope}). */
    FileOutcome file(String sourceId, byte[] bytes, String fileName, CallerScope scope) {
        return file(source(sourceId), bytes, fileName, Sender.user(scope.caller().name()), scope);
    }

    /**
     * A file of payment orders; a document the caller may not send (see {@link CallerScope}) is refused
     * {@code NOT_AUTHORIZED} and neither recorded nor quarantined: it was never the caller's to send.
     */
    private FileOutcome file(OrderSource source, byte[] bytes, String fileName, Sender sender, CallerScope scope) {
        String who = scope.caller().name();
        PaymentDocuments file;
        try {
            file = source.format().readFile(bytes);
        } catch (SourceMessageRejected e) {
            java.nio.charset.Charset charset = source.format().charsetOf(bytes);
            long q = quarantine.put(QuarantinedMessage.of(source.id(), fileName, route(source), e.reason(), e.getMessage(),
                    charset == null ? "text/plain" : "text/plain; charset=" + charset.name(),
                    headers(OrderForm.FILE, fileName, sender), bytes));
            return new FileOutcome("REJECTED", e.reason(), e.getMessage(), q, 0, List.of());
        }
        List<DocumentOutcome> results = new ArrayList<>();
        for (RefusedDocument f : file.refused()) {
            Map<String, String> headers = headers(OrderForm.DOCUMENT, fileName, sender);
            headers.put("lines", f.startLine() + "-" + f.endLine());
            headers.put("line", Integer.toString(f.line()));
            long q = quarantine.put(QuarantinedMessage.of(source.id(), fileName + ":" + f.startLine(), route(source), f.reason(),
                    f.message(), "text/plain; charset=UTF-8", headers, f.rawText().getBytes(StandardCharsets.UTF_8)));
            results.add(new DocumentOutcome(f.startLine(), f.endLine(), f.number(), f.date(), "REFUSED", null, null, null, null,
                    f.reason(), f.message(), null, null, q));
        }
        for (PaymentInstruction o : file.instructions()) {
            String refusal = scope.paymentRefusal(o.payer().value(), o.payerAccount().value());
            if (refusal != null) {
                results.add(new DocumentOutcome(o.startLine(), o.endLine(), o.number(), o.date().toString(), "REFUSED",
                        o.referenceKind(), o.reference(), null, null, ReasonCode.NOT_AUTHORIZED.name(), refusal, null, null, null));
                continue;
            }
            Map<String, String> headers = headers(OrderForm.DOCUMENT, fileName, sender);
            headers.put("lines", o.startLine() + "-" + o.endLine());
            results.add(DocumentOutcome.of(o, orders.submit(request(source.id(), o, OrderForm.FILE.header(), OrderForm.DOCUMENT,
                    o.documentText(), headers), who)));
        }
        results.sort(Comparator.comparingInt(DocumentOutcome::startLine));
        return new FileOutcome("ACCEPTED", null, null, null, file.documentCount(), results);
    }

    /**
     * One order as JSON (plug-ins that prefer it), for a caller that may send only some orders ({@link CallerScope});
     * a bad one is quarantined with its reason.
     */
    PaymentOrders.Outcome json(String sourceId, byte[] bytes, CallerScope scope) {
        OrderSource source = source(sourceId);
        String who = scope.caller().name();
        Sender sender = Sender.user(who);
        PaymentInstruction o;
        try {
            o = source.format().readJson(bytes);
        } catch (SourceMessageRejected e) {
            long q = quarantine.put(QuarantinedMessage.of(source.id(), null, route(source), e.reason(), e.getMessage(),
                    "application/json", headers(OrderForm.JSON, null, sender), bytes));
            return new PaymentOrders.Outcome(null, null, null, "REFUSED", null, null, null, null, null, e.reason(), e.getMessage(), null, q, null);
        }
        String refusal = scope.paymentRefusal(o.payer().value(), o.payerAccount().value());
        if (refusal != null) {
            throw new LedgerException(ReasonCode.NOT_AUTHORIZED, refusal);
        }
        return orders.submit(request(source.id(), o, OrderForm.JSON.header(), OrderForm.JSON, bytes,
                headers(OrderForm.JSON, null, sender)), who);
    }

    @Override
    public Outcome replay(QuarantinedMessage m) {
        Optional<OrderSource> found = sourceOf(m);
        if (found.isEmpty()) {
            return Outcome.noRoute("not a payment order");
        }
        OrderSource source = found.get();
        OrderForm form = OrderForm.of(m.headers().get(OrderForm.HEADER));
        CallerScope scope;
        try {
            scope = CallerScope.of(senders.resolve(m.headers(), source.transportRoles()), registry);
        } catch (LedgerException e) {
            return Outcome.failed(e.reason().name(), e.getMessage());
        }
        try {
            if (form == OrderForm.FILE) {
                return replayFile(source, m, scope);
            }
            PaymentInstruction o = form == OrderForm.JSON ? source.format().readJson(m.body()) : source.format().readDocument(m.body());
            String refusal = scope.paymentRefusal(o.payer().value(), o.payerAccount().value());
            if (refusal != null) {
                return Outcome.failed(ReasonCode.NOT_AUTHORIZED, refusal);
            }
            PaymentOrders.Outcome r = orders.retry(request(source.id(), o, m.headers().getOrDefault("channel", form.header()), form,
                    m.body(), m.headers()), scope.caller().name());
            return outcome(r);
        } catch (SourceMessageRejected e) {
            return Outcome.failed(e.reason(), e.getMessage());
        }
    }

    @Override
    public EditCheck checkEdit(QuarantinedMessage original, byte[] editedBody, String editedContentType) {
        Optional<OrderSource> source = sourceOf(original);
        if (source.isEmpty()) {
            return EditCheck.unknown();
        }
        String refusal = source.get().format().editRefusal(OrderForm.of(original.headers().get(OrderForm.HEADER)),
                original.body(), editedBody);
        return refusal == null ? EditCheck.allowed() : EditCheck.refused(refusal);
    }

    private Outcome replayFile(OrderSource source, QuarantinedMessage m, CallerScope scope) {
        PaymentDocuments file = source.format().readFile(m.body());
        List<String> problems = new ArrayList<>();
        for (RefusedDocument f : file.refused()) {
            problems.add("lines " + f.startLine() + "-" + f.endLine() + ": " + f.reason() + " " + f.message());
        }
        for (PaymentInstruction o : file.instructions()) {
            String refusal = scope.paymentRefusal(o.payer().value(), o.payerAccount().value());
            if (refusal != null) {
                problems.add("order " + o.number() + ": NOT_AUTHORIZED " + refusal);
                continue;
            }
            PaymentOrders.Outcome r = orders.retry(request(source.id(), o, OrderForm.FILE.header(), OrderForm.DOCUMENT,
                    o.documentText(), m.headers()), scope.caller().name());
            if (!"EXECUTED".equals(r.status()) && !"AWAITING_CONFIRMATION".equals(r.status())) {
                problems.add("order " + r.number() + ": " + r.reasonCode() + " " + r.message());
            }
        }
        return problems.isEmpty() ? Outcome.replayed(file.documentCount() + " documents")
                : Outcome.failed(ReasonCode.DOCUMENTS_REFUSED, String.join("; ", problems));
    }

    private static Outcome outcome(PaymentOrders.Outcome r) {
        return switch (r.status()) {
            case "EXECUTED" -> Outcome.replayed(r.transactionId());
            case "AWAITING_CONFIRMATION" -> Outcome.replayed("payment-order:" + r.id());
            default -> Outcome.failed(r.reasonCode() == null ? r.status() : r.reasonCode(), r.message());
        };
    }

    /** The quarantine's route of a source's payment orders (as it always was for 1C: {@code erp-1c-payment-orders}). */
    private static String route(OrderSource source) {
        return source.id() + "-payment-orders";
    }

    private static PaymentRequest request(String source, PaymentInstruction o, String channel, OrderForm form, byte[] original,
                                          Map<String, String> headers) {
        return new PaymentRequest(source, channel, form.header(), o.number(), o.date(), o.amount(), o.vat(), o.currency(),
                o.payer(), o.payerAccount(), o.payee(), o.payeeAccount(), o.referenceKind(), o.reference(), original, headers);
    }

    private static Map<String, String> headers(OrderForm form, String fileName, Sender sender) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put(OrderForm.HEADER, form.header());
        h.put("caller", sender.name());
        h.put(Sender.HEADER, sender.header());
        if (fileName != null) {
            h.put("fileName", fileName);
        }
        return h;
    }
}
