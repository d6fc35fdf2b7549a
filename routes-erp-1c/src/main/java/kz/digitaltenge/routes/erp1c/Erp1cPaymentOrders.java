package kz.digitaltenge.routes.erp1c;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import kz.digitaltenge.canonical.ReasonCode;
import kz.digitaltenge.canonical.SourceMessageRejected;
import kz.digitaltenge.canonical.id.AccountNumber;
import kz.digitaltenge.canonical.id.PartyId;
import kz.digitaltenge.canonical.payment.OrderForm;
import kz.digitaltenge.canonical.payment.PaymentDocuments;
import kz.digitaltenge.canonical.payment.PaymentInstruction;
import kz.digitaltenge.canonical.payment.PaymentOrderFormat;
import kz.digitaltenge.canonical.payment.ReferenceKind;
import kz.digitaltenge.canonical.payment.RefusedDocument;
import kz.digitaltenge.canonical.payment.Statement;

/**
 * 1C's payment orders in the hub's terms: {@code 1CClientBankExchange} files (read by {@link ClientBankExchangeReader})
 * and JSON orders ({@link PaymentOrderJson}) become {@link PaymentInstruction}s; statements are written by
 * {@link StatementWriter} in the Kazakh banks' variant, cp1251 unless UTF-8 is asked for.
 */
public final class Erp1cPaymentOrders implements PaymentOrderFormat {
    /** The id 1C's quarantine entries carried before the source had one id. */
    static final String FORMER_SOURCE_ID = "erp-1c-payments";

    private final ClientBankExchangeReader reader = new ClientBankExchangeReader();
    private final OrderEdits edits = new OrderEdits();
    private final StatementWriter statements;

    public Erp1cPaymentOrders(StatementWriter statements) {
        this.statements = statements;
    }

    @Override
    public PaymentDocuments readFile(byte[] bytes) {
        ExchangeFile file = reader.read(bytes);
        List<RefusedDocument> refused = new ArrayList<>();
        for (FailedDocument f : file.failedDocuments()) {
            refused.add(new RefusedDocument(f.reason(), f.message(), field(f.rawText(), "Номер", "НомерДокумента"),
                    field(f.rawText(), "Дата", "ДатаДокумента"), f.startLine(), f.endLine(), f.line(), f.rawText()));
        }
        List<PaymentInstruction> orders = new ArrayList<>();
        for (PaymentOrder o : file.paymentOrders()) {
            orders.add(instruction(o, documentText(o)));
        }
        return new PaymentDocuments(orders, refused);
    }

    @Override
    public PaymentInstruction readJson(byte[] json) {
        return instruction(PaymentOrderJson.read(json).toPaymentOrder(), json);
    }

    @Override
    public PaymentInstruction readDocument(byte[] text) {
        ExchangeFile file = reader.read(wrapDocument(text));
        if (!file.failedDocuments().isEmpty()) {
            FailedDocument f = file.failedDocuments().get(0);
            throw new SourceMessageRejected(ReasonCode.valueOf(f.reason()), f.message());
        }
        if (file.paymentOrders().size() != 1) {
            throw new SourceMessageRejected(ReasonCode.SCHEMA_INVALID, "the quarantined text holds "
                    + file.paymentOrders().size() + " documents, not one");
        }
        PaymentOrder o = file.paymentOrders().get(0);
        return instruction(o, documentText(o));
    }

    @Override
    public String editRefusal(OrderForm form, byte[] original, byte[] edited) {
        return edits.refusal(form, original, edited);
    }

    @Override
    public long maxFileBytes() {
        return ClientBankExchangeReader.DEFAULT_MAX_BYTES;
    }

    @Override
    public WrittenStatement writeStatement(Statement statement, String encoding) {
        ExchangeEncoding enc = encoding != null && ("UTF-8".equalsIgnoreCase(encoding) || "UTF8".equalsIgnoreCase(encoding))
                ? ExchangeEncoding.UTF_8 : ExchangeEncoding.WINDOWS_1251;
        byte[] bytes;
        try {
            bytes = statements.write(statement, enc);
        } catch (IllegalArgumentException e) {
            // e.g. a name with Kazakh letters cp1251 cannot hold: the caller can ask for encoding=UTF-8
            throw new SourceMessageRejected(ReasonCode.UNSUPPORTED, "the statement cannot be written in "
                    + enc.declaredName() + ": " + e.getMessage());
        }
        return new WrittenStatement(bytes, enc.charset(), "kl_to_1c.txt");
    }

    @Override
    public java.nio.charset.Charset charsetOf(byte[] file) {
        try {
            return ExchangeText.of(file).encoding().charset();
        } catch (SourceMessageRejected e) {
            return null; // the encoding is what is wrong with the file: the back office sees its bytes
        }
    }

    @Override
    public Set<String> formerSourceIds() {
        return Set.of(FORMER_SOURCE_ID);
    }

    private static PaymentInstruction instruction(PaymentOrder o, byte[] original) {
        return new PaymentInstruction(o.number(), o.date(), o.amount(), o.vat(), o.currency(),
                new PartyId(o.payer().binIin()), new AccountNumber(o.payer().account()), new PartyId(o.payee().binIin()),
                new AccountNumber(o.payee().account()),
                o.reference().kind() == PaymentReference.Kind.INVOICE ? ReferenceKind.INVOICE : ReferenceKind.CONTRACT,
                o.reference().value(), o.startLine(), o.endLine(), original);
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
