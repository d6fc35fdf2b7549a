package kz.digitaltenge.routes.erp1c;

import kz.digitaltenge.canonical.ReasonCode;
import kz.digitaltenge.canonical.SourceMessageRejected;

/**
 * Reads a {@code 1CClientBankExchange} file (format versions 1.01–1.03) into an {@link ExchangeFile}.
 *
 * <p>A problem with the file as a whole (too large, not this format, wrong or undeclared encoding, no
 * {@code КонецФайла}, an unsupported version, a broken header or account section) rejects the file with a
 * {@link SourceMessageRejected}. A problem inside one document only fails that document: it becomes a
 * {@link FailedDocument} and the other documents are read as usual, so one mistyped account does not hold back a
 * day's payments.
 *
 * <p>The encoding is established from the bytes before anything is read, because even the key {@code Кодировка}
 * is Cyrillic: the declaration line is looked for as UTF-8, cp1251 and cp866 bytes, the whole file must decode
 * strictly in the encoding found, and the declared value must name that same encoding. A file in one encoding that
 * declares another is rejected, never re-read in a guessed encoding.
 *
 * <p>The reading is done in three steps, each in its own class: {@link ExchangeText} (bytes to lines, the encoding
 * settled), {@link ExchangeSections} (lines to sections, a broken file told from a broken document) and
 * {@link PaymentOrderMapper} (one document to a payment order); this class keeps the size limit.
 */
public final class ClientBankExchangeReader {
    public static final int DEFAULT_MAX_BYTES = 10 * 1024 * 1024;

    static final String MARKER = "1CClientBankExchange";

    private final int maxBytes;

    public ClientBankExchangeReader() {
        this(DEFAULT_MAX_BYTES);
    }

    /** @param maxBytes files larger than this are rejected as TOO_LARGE before they are decoded */
    public ClientBankExchangeReader(int maxBytes) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive, got " + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    /**
     * Reads the file.
     *
     * @throws SourceMessageRejected when the file as a whole cannot be read; problems of single documents are
     *                               reported in {@link ExchangeFile#failedDocuments()} instead
     */
    public ExchangeFile read(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new SourceMessageRejected(ReasonCode.MALFORMED, "the file is empty");
        }
        if (bytes.length > maxBytes) {
            throw new SourceMessageRejected(ReasonCode.TOO_LARGE,
                    "the file has " + bytes.length + " bytes; at most " + maxBytes + " are accepted");
        }
        ExchangeText text = ExchangeText.of(bytes);
        return new ExchangeSections(text.lines(), text.encoding()).read();
    }
}
