package kz.digitaltenge.hub.payment;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kz.digitaltenge.canonical.id.AccountNumber;
import kz.digitaltenge.canonical.id.PartyId;
import kz.digitaltenge.hub.quarantine.Quarantine;
import kz.digitaltenge.hub.quarantine.QuarantineReplay;
import kz.digitaltenge.hub.quarantine.QuarantinedMessage;
import kz.digitaltenge.hub.security.Caller;
import kz.digitaltenge.hub.security.CallerScope;
import kz.digitaltenge.hub.security.HubRole;
import kz.digitaltenge.hub.security.Sender;
import kz.digitaltenge.hub.security.SenderResolver;
import kz.digitaltenge.canonical.SourceMessageRejected;
import kz.digitaltenge.routes.erp1c.ClientBankExchangeReader;
import kz.digitaltenge.routes.erp1c.DocumentField;
import kz.digitaltenge.routes.erp1c.ExchangeFile;
import kz.digitaltenge.routes.erp1c.FailedDocument;
import kz.digitaltenge.routes.erp1c.PaymentOrder;
import kz.digitaltenge.routes.erp1c.PaymentOrderJson;

/**
 * Payment orders from 1C into the payment orchestration: a {@code 1CClientBankExchange} file (HTTP upload or the
 * watched directory; read by routes-erp-1c) or one JSON order. Each document of a file is handled on its own: a
 * document that cannot be read is quarantined with its lines, the others proceed. Also the quarantine's replay for
 * payment orders (retry, edit-and-retry of a document, of a JSON order, or of a whole rejected file).
 */
public final class Erp1cIntake implements QuarantineReplay {
    /** What a file from the watched directory, or a legacy entry without a user, is sent as: a bank's gateway. */
    private static final java.util.Set<HubRole> DIRECTORY_ROLES = java.util.Set.of(HubRole.BANK);
    /** The quarantine's source system for payment orders. */
    public static final String SOURCE = "erp-1c";
    /** The id entries quarantined before 1C had one source id carry; still replayed. */
    private static final String LEGACY_SOURCE = "erp-1c-payments";

    /** Whether a quarantine entry is a payment order's (under today's source id or the one before it). */
    private static boolean paymentOrder(QuarantinedMessage m) {
        return SOURCE.equals(m.sourceSystem()) || LEGACY_SOURCE.equals(m.sourceSystem());
    }
    static final String FILE = "1c-file";
    static final String DOCUMENT = "1c-document";
    static final String JSON = "json";

    private final ClientBankExchangeReader reader;
    private final PaymentOrders orders;
    private final Quarantine quarantine;
    private final kz.digitaltenge.ledger.registry.Registry registry;
    private final SenderResolver senders;
    private final PaymentOrderEdits edits;

    public Erp1cIntake(ClientBankExchangeReader reader, PaymentOrders orders, Quarantine quarantine,
                       kz.digitaltenge.ledger.registry.Registry registry, SenderResolver senders) {
        this.reader = reader;
        this.orders = orders;
        this.quarantine = quarantine;
        this.registry = registry;
        this.senders = senders;
        this.edits = new PaymentOrderEdits();
    }

    /** One document's outcome, in file order. */
    public record DocumentOutcome(int startLine, int endLine, String number, String date, String status, ReferenceKind referenceKind,
                                  String reference, String amount, String vat, String reasonCode, String message,
                                  Long paymentOrder, String transactionId, Long quarantineId) {
        static DocumentOutcome of(PaymentOrder o, PaymentOrders.Outcome r) {
            return new DocumentOutcome(o.startLine(), o.endLine(), r.number(), r.date(), r.status(), r.referenceKind(), r.reference(),
                    r.amount(), r.vat(), r.reasonCode(), r.message(), r.id(), r.transactionId(), r.quarantineId());
        }
    }

    /** A file's outcome: accepted as a file (each document with its own outcome), or rejected as a whole. */
    public record FileOutcome(String status, String reasonCode, String message, Long quarantineId, int documentCount,
                              List<DocumentOutcome> documents) {
    }

    /**
     * A file from the operator's watched directory: the directory is the transport that authenticates it (only the
     * operator and the banks' gateways write there), so its orders are not narrowed to a party.
     */
    public FileOutcome directoryFile(byte[] bytes, String fileName, String directory) {
        Sender sender = Sender.directory(directory);
        return file(bytes, fileName, sender, CallerScope.of(new Caller(sender.header(), DIRECTORY_ROLES, null), registry));
    }

    /** A file uploaded by an API user (its scope: {@link CallerScope}). */
    FileOutcome file(byte[] bytes, String fileName, CallerScope scope) {
        return file(bytes, fileName, Sender.user(scope.caller().name()), scope);
    }

    /**
     * A file of payment orders; a document the caller may not send (see {@link CallerScope}) is refused
     * {@code NOT_AUTHORIZED} and neither recorded nor quarantined: it was never the caller's to send.
     */
    private FileOutcome file(byte[] bytes, String fileName, Sender sender, CallerScope scope) {
        String who = scope.caller().name();
        ExchangeFile file;
        try {
            file = reader.read(bytes);
        } catch (SourceMessageRejected e) {
            Map<String, String> headers = headers(FILE, fileName, sender);
            long q = quarantine.put(QuarantinedMessage.of(SOURCE, fileName, "erp-1c-payment-orders", e.reason(), e.getMessage(),
                    "text/plain", headers, bytes));
            return new FileOutcome("REJECTED", e.reason(), e.getMessage(), q, 0, List.of());
        }
        List<DocumentOutcome> results = new ArrayList<>();
        for (FailedDocument f : file.failedDocuments()) {
            Map<String, String> headers = headers(DOCUMENT, fileName, sender);
            headers.put("lines", f.startLine() + "-" + f.endLine());
            headers.put("line", Integer.toString(f.line()));
            long q = quarantine.put(QuarantinedMessage.of(SOURCE, fileName + ":" + f.startLine(), "erp-1c-payment-orders", f.reason(),
                    f.message(), "text/plain", headers, f.rawText().getBytes(StandardCharsets.UTF_8)));
            results.add(new DocumentOutcome(f.startLine(), f.endLine(), field(f.rawText(), "Номер", "НомерДокумента"),
                    field(f.rawText(), "Дата", "ДатаДокумента"), "REFUSED", null, null, null, null, f.reason(), f.message(),
                    null, null, q));
        }
        for (PaymentOrder o : file.paymentOrders()) {
            String refusal = scope.paymentRefusal(o.payer().binIin(), o.payer().account());
            if (refusal != null) {
                results.add(new DocumentOutcome(o.startLine(), o.endLine(), o.number(), o.date().toString(), "REFUSED",
                        ReferenceKind.of(o.reference().kind()), o.reference().value(), null, null, kz.digitaltenge.canonical.ReasonCode.NOT_AUTHORIZED.name(), refusal, null, null, null));
                continue;
            }
            Map<String, String> headers = headers(DOCUMENT, fileName, sender);
            headers.put("lines", o.startLine() + "-" + o.endLine());
            results.add(DocumentOutcome.of(o, orders.submit(request(o, "1c-file", DOCUMENT, documentText(o), headers), who)));
        }
        results.sort(Comparator.comparingInt(DocumentOutcome::startLine));
        return new FileOutcome("ACCEPTED", null, null, null, file.documentCount(), results);
    }

    /**
     * One order as JSON (plug-ins that prefer it), for a caller that may send only some orders ({@link CallerScope});
     * a bad one is quarantined with its reason.
     */
    PaymentOrders.Outcome json(byte[] bytes, CallerScope scope) {
        String who = scope.caller().name();
        Sender sender = Sender.user(who);
        PaymentOrder o;
        try {
            o = PaymentOrderJson.read(bytes).toPaymentOrder();
        } catch (SourceMessageRejected e) {
            long q = quarantine.put(QuarantinedMessage.of(SOURCE, null, "erp-1c-payment-orders", e.reason(), e.getMessage(),
                    "application/json", headers(JSON, null, sender), bytes));
            return new PaymentOrders.Outcome(null, null, null, "REFUSED", null, null, null, null, null, e.reason(), e.getMessage(), null, q, null);
        }
        String refusal = scope.paymentRefusal(o.payer().binIin(), o.payer().account());
        if (refusal != null) {
            throw new kz.digitaltenge.canonical.LedgerException(kz.digitaltenge.canonical.ReasonCode.NOT_AUTHORIZED, refusal);
        }
        return orders.submit(request(o, "json", JSON, bytes, headers(JSON, null, sender)), who);
    }

    @Override
    public Outcome replay(QuarantinedMessage m) {
        if (!paymentOrder(m)) {
            return Outcome.noRoute("not a payment order");
        }
        String format = m.headers().getOrDefault("format", DOCUMENT);
        CallerScope scope;
        try {
            scope = CallerScope.of(senders.resolve(m.headers(), DIRECTORY_ROLES), registry);
        } catch (kz.digitaltenge.canonical.LedgerException e) {
            return Outcome.failed(e.reason().name(), e.getMessage());
        }
        try {
            if (FILE.equals(format)) {
                return replayFile(m, scope);
            }
            PaymentOrder o;
            if (JSON.equals(format)) {
                o = PaymentOrderJson.read(m.body()).toPaymentOrder();
            } else {
                ExchangeFile file = reader.read(wrapDocument(m.body()));
                if (!file.failedDocuments().isEmpty()) {
                    FailedDocument f = file.failedDocuments().get(0);
                    return Outcome.failed(f.reason(), f.message());
                }
                if (file.paymentOrders().size() != 1) {
                    return Outcome.failed(kz.digitaltenge.canonical.ReasonCode.SCHEMA_INVALID, "the quarantined text holds " + file.paymentOrders().size() + " documents, not one");
                }
                o = file.paymentOrders().get(0);
            }
            String refusal = scope.paymentRefusal(o.payer().binIin(), o.payer().account());
            if (refusal != null) {
                return Outcome.failed(kz.digitaltenge.canonical.ReasonCode.NOT_AUTHORIZED, refusal);
            }
            PaymentOrders.Outcome r = orders.retry(request(o, m.headers().getOrDefault("channel", format), format, m.body(),
                    m.headers()), scope.caller().name());
            return outcome(r);
        } catch (SourceMessageRejected e) {
            return Outcome.failed(e.reason(), e.getMessage());
        }
    }

    @Override
    public EditCheck checkEdit(QuarantinedMessage original, byte[] editedBody, String editedContentType) {
        if (!paymentOrder(original)) {
            return EditCheck.unknown();
        }
        String refusal = edits.refusal(original.headers().getOrDefault("format", DOCUMENT), original.body(), editedBody);
        return refusal == null ? EditCheck.allowed() : EditCheck.refused(refusal);
    }

    private Outcome replayFile(QuarantinedMessage m, CallerScope scope) {
        ExchangeFile file = reader.read(m.body());
        List<String> problems = new ArrayList<>();
        for (FailedDocument f : file.failedDocuments()) {
            problems.add("lines " + f.startLine() + "-" + f.endLine() + ": " + f.reason() + " " + f.message());
        }
        for (PaymentOrder o : file.paymentOrders()) {
            String refusal = scope.paymentRefusal(o.payer().binIin(), o.payer().account());
            if (refusal != null) {
                problems.add("order " + o.number() + ": NOT_AUTHORIZED " + refusal);
                continue;
            }
            PaymentOrders.Outcome r = orders.retry(request(o, "1c-file", DOCUMENT, documentText(o), m.headers()), scope.caller().name());
            if (!"EXECUTED".equals(r.status()) && !"AWAITING_CONFIRMATION".equals(r.status())) {
                problems.add("order " + r.number() + ": " + r.reasonCode() + " " + r.message());
            }
        }
        return problems.isEmpty() ? Outcome.replayed(file.documentCount() + " documents")
                : Outcome.failed(kz.digitaltenge.canonical.ReasonCode.DOCUMENTS_REFUSED, String.join("; ", problems));
    }

    private static Outcome outcome(PaymentOrders.Outcome r) {
        return switch (r.status()) {
            case "EXECUTED" -> Outcome.replayed(r.transactionId());
            case "AWAITING_CONFIRMATION" -> Outcome.replayed("payment-order:" + r.id());
            default -> Outcome.failed(r.reasonCode() == null ? r.status() : r.reasonCode(), r.message());
        };
    }

    static PaymentRequest request(PaymentOrder o, String channel, String format, byte[] original, Map<String, String> headers) {
        return new PaymentRequest(channel, format, o.number(), o.date(), o.amount(), o.vat(), o.currency(),
                new PartyId(o.payer().binIin()), new AccountNumber(o.payer().account()), new PartyId(o.payee().binIin()),
                new AccountNumber(o.payee().account()), ReferenceKind.of(o.reference().kind()), o.reference().value(), original, headers);
    }

    /** The document as 1C wrote it (its fields in file order), kept as the original of a refused order. */
    static byte[] documentText(PaymentOrder o) {
        StringBuilder sb = new StringBuilder();
        for (DocumentField f : o.fields().values()) {
            sb.append(f.key()).append('=').append(f.value()).append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A quarantined document (UTF-8 text of its lines) as a file of its own, so the reader reads it as it read the file. */
    static byte[] wrapDocument(byte[] document) {
        String text = new String(document, StandardCharsets.UTF_8).strip();
        StringBuilder sb = new StringBuilder("1CClientBankExchange\r\nВерсияФормата=1.03\r\nКодировка=UTF-8\r\n");
        if (!text.startsWith("СекцияДокумент")) {
            sb.append("СекцияДокумент=Платежное поручение\r\n");
        }
        sb.append(text.replace("\r\n", "\n").replace("\n", "\r\n")).append("\r\n");
        if (!text.endsWith("КонецДокумента")) {
            sb.append("КонецДокумента\r\n");
        }
        sb.append("КонецФайла\r\n");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static Map<String, String> headers(String format, String fileName, Sender sender) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("format", format);
        h.put("caller", sender.name());
        h.put(Sender.HEADER, sender.header());
        if (fileName != null) {
            h.put("fileName", fileName);
        }
        return h;
    }

    private static String field(String raw, String... keys) {
        for (String line : raw.split("\n")) {
            for (String k : keys) {
                if (line.startsWith(k + "=")) {
                    return line.substring(k.length() + 1).strip();
                }
            }
        }
        return null;
    }
}
