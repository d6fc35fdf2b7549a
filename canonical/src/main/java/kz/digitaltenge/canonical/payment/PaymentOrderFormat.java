package kz.digitaltenge.canonical.payment;

import java.nio.charset.Charset;
import java.util.Set;
import kz.digitaltenge.canonical.SourceMessageRejected;

/**
 * How a source that sends payment orders (an ERP such as 1C) speaks: its files and its JSON read into
 * {@link PaymentInstruction}s, its statements written back. A route module implements it and declares it with
 * {@link kz.digitaltenge.canonical.source.SourceSystem#paymentOrders()}; the hub's payment intake does the rest the
 * same for every such source (who may pay from which account, quarantine with the original, retry, the orchestration).
 * Every method is a pure function of its input.
 */
public interface PaymentOrderFormat {
    /**
     * A file of payment orders: each document read on its own (a bad one is a {@link RefusedDocument}, the others go on).
     *
     * @throws SourceMessageRejected when the file as a whole cannot be read (not the format, truncated, too large)
     */
    PaymentDocuments readFile(byte[] bytes);

    /** One order as JSON. @throws SourceMessageRejected when it cannot be one */
    PaymentInstruction readJson(byte[] json);

    /**
     * One document as the hub quarantined it ({@link RefusedDocument#rawText()} or {@link PaymentInstruction#documentText()},
     * possibly corrected by the back office).
     *
     * @throws SourceMessageRejected when it cannot be an order, with the document's own reason
     */
    PaymentInstruction readDocument(byte[] text);

    /**
     * Why a back-office edit of a quarantined order may not be retried, or null when it may: the format may be
     * corrected, never a field that moves money (payer, payee, their accounts, amount, currency, VAT, what it pays).
     */
    String editRefusal(OrderForm form, byte[] original, byte[] edited);

    /** The largest file {@link #readFile} takes; the HTTP intake admits bodies up to this size. */
    long maxFileBytes();

    /** The statement in the source's own format, in the encoding asked for (the format's default when null). */
    WrittenStatement writeStatement(Statement statement, String encoding);

    /**
     * The charset a file is written in, when the format can tell (a 1C file declares it), so the back office reads a
     * quarantined file as written; null when it cannot.
     */
    default Charset charsetOf(byte[] file) {
        return null;
    }

    /** Source ids this source's quarantine entries carried before (still replayed as its own). */
    default Set<String> formerSourceIds() {
        return Set.of();
    }

    /**
     * A statement as written.
     *
     * @param fileName the name the source's system expects to import
     */
    record WrittenStatement(byte[] bytes, Charset charset, String fileName) {
    }
}
