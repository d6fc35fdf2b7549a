package kz.digitaltenge.routes.subsidy;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import kz.digitaltenge.canonical.ReasonCode;
import kz.digitaltenge.canonical.SourceMessageRejected;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A register export saved as CSV, the two ways a spreadsheet writes it: UTF-8 (with or without a byte order mark) or
 * windows-1251 (Excel's "CSV" on a Russian Windows), separated by {@code ;} (a Russian locale) or {@code ,}.
 *
 * <p>The encoding: a UTF-8 byte order mark means UTF-8; otherwise bytes that are valid UTF-8 are UTF-8, and any others
 * windows-1251 (Cyrillic in windows-1251 is practically never valid UTF-8: two letters in a row are two lead bytes).
 * A UTF-16 byte order mark (Excel's "Unicode text") is refused with a hint. The separator: the one with which row 5 is
 * the register's header. Cells are text, always: a cell starting with {@code =}, {@code +}, {@code -} or {@code @} is
 * that text, never a formula (nothing here evaluates anything); it then fails its column's rule or is kept as the text
 * it is.
 */
final class RegisterCsv {
    static final Charset WINDOWS_1251 = Charset.forName("windows-1251");

    private final RegisterLimits limits;

    RegisterCsv(RegisterLimits limits) {
        this.limits = limits;
    }

    /** The rows of the file, in order. */
    List<Register.Row> rows(byte[] body) {
        if (body.length > limits.maxFileBytes()) {
            throw new SourceMessageRejected(ReasonCode.TOO_LARGE, "the CSV file has " + body.length + " bytes; a register"
                    + " export is taken up to " + limits.maxFileBytes() + " bytes");
        }
        String text = decode(body);
        if (text.indexOf('\0') >= 0) {
            throw new SourceMessageRejected(ReasonCode.MALFORMED, "the CSV file contains NUL characters: it is not text"
                    + " (a spreadsheet saved in another format?)");
        }
        List<Register.Row> semicolon = parse(text, ';');
        if (Register.headerIndex(semicolon) >= 0 && headerSplits(semicolon)) {
            return semicolon;
        }
        List<Register.Row> comma = parse(text, ',');
        if (Register.headerIndex(comma) >= 0 && headerSplits(comma)) {
            return comma;
        }
        return semicolon; // the register refuses it, naming row 5 as it reads with ';'
    }

    /** Whether the header row has more than one cell with this separator. */
    private static boolean headerSplits(List<Register.Row> rows) {
        return rows.get(Register.headerIndex(rows)).cells().size() > 1;
    }

    /** The text of the file, in the encoding it is in. */
    static String decode(byte[] body) {
        if (body.length >= 2 && ((body[0] & 0xFF) == 0xFF && (body[1] & 0xFF) == 0xFE
                || (body[0] & 0xFF) == 0xFE && (body[1] & 0xFF) == 0xFF)) {
            throw new SourceMessageRejected(ReasonCode.BAD_ENCODING, "the file starts with a UTF-16 byte order mark"
                    + " (Excel's \"Unicode text\"): save the register as CSV in UTF-8 or windows-1251");
        }
        boolean bom = body.length >= 3 && (body[0] & 0xFF) == 0xEF && (body[1] & 0xFF) == 0xBB && (body[2] & 0xFF) == 0xBF;
        int bad = firstBad(body, bom ? 3 : 0);
        if (bad >= 0 && endsInsideCharacter(body, bad)) {
            throw new SourceMessageRejected(ReasonCode.TRUNCATED, "the CSV file ends inside a character (its last bytes"
                    + " start a UTF-8 sequence that does not finish): it is truncated");
        }
        if (bom) {
            try {
                return strict(body, 3, StandardCharsets.UTF_8);
            } catch (CharacterCodingException e) {
                throw new SourceMessageRejected(ReasonCode.BAD_ENCODING, "the file starts with a UTF-8 byte order mark but"
                        + " is not UTF-8 after it (byte offset " + bad + ")");
            }
        }
        try {
            return strict(body, 0, StandardCharsets.UTF_8);
        } catch (CharacterCodingException notUtf8) {
            try {
                return strict(body, 0, WINDOWS_1251);
            } catch (CharacterCodingException e) {
                throw new SourceMessageRejected(ReasonCode.BAD_ENCODING, "the file is neither UTF-8 nor windows-1251 (byte"
                        + " offset " + bad + " is not UTF-8, and a byte of it is not windows-1251 either)");
            }
        }
    }

    private static String strict(byte[] body, int start, Charset charset) throws CharacterCodingException {
        return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(body, start, body.length - start)).toString();
    }

    /** The offset of the first byte that is not UTF-8, or -1 when all of them are. */
    private static int firstBad(byte[] body, int start) {
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(body, start, body.length - start);
        java.nio.CharBuffer out = java.nio.CharBuffer.allocate(body.length + 1);
        java.nio.charset.CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        return result.isError() ? in.position() : -1;
    }

    /**
     * Whether the bytes from {@code offset} to the end are the beginning of one UTF-8 character cut short: a lead byte
     * and fewer continuation bytes than it announces (a file cut in the middle of a Cyrillic letter). The rest of the
     * file must be UTF-8 with more than ASCII in it, or the cut is no evidence of UTF-8.
     */
    private static boolean endsInsideCharacter(byte[] body, int offset) {
        int left = body.length - offset;
        int lead = body[offset] & 0xFF;
        int needed = lead >= 0xC2 && lead <= 0xDF ? 2 : lead >= 0xE0 && lead <= 0xEF ? 3 : lead >= 0xF0 && lead <= 0xF4 ? 4 : 0;
        if (needed == 0 || left >= needed) {
            return false;
        }
        for (int i = offset + 1; i < body.length; i++) {
            if ((body[i] & 0xC0) != 0x80) {
                return false;
            }
        }
        for (int i = 0; i < offset; i++) {
            if (body[i] < 0) {
                return true;
            }
        }
        return false;
    }

    private List<Register.Row> parse(String text, char delimiter) {
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setQuote('"').setIgnoreEmptyLines(false)
                .setTrim(false).setRecordSeparator("\r\n").get();
        List<Register.Row> rows = new ArrayList<>();
        try (CSVParser parser = CSVParser.builder().setReader(new StringReader(text)).setFormat(format).get()) {
            CSVRecord previous = null;
            for (CSVRecord record : parser) {
                if (previous != null) {
                    rows.add(row(previous, text, record.getCharacterPosition()));
                }
                if (record.getRecordNumber() > limits.maxRows()) {
                    throw new SourceMessageRejected(ReasonCode.TOO_LARGE, "the CSV file has more than " + limits.maxRows()
                            + " rows; a register export is taken up to " + limits.maxRows());
                }
                previous = record;
            }
            if (previous != null) {
                rows.add(row(previous, text, text.length()));
            }
        } catch (UncheckedIOException | IOException e) {
            Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
            String why = Values.safe(cause.getMessage());
            boolean truncated = why.contains("EOF reached before encapsulated token finished");
            throw new SourceMessageRejected(truncated ? ReasonCode.TRUNCATED : ReasonCode.MALFORMED, truncated
                    ? "the CSV file ends inside a quoted cell: it is truncated, or a quote is not closed (" + why + ")"
                    : "the CSV file cannot be read with separator '" + delimiter + "': " + why);
        }
        return rows;
    }

    private Register.Row row(CSVRecord record, String text, long end) {
        List<String> cells = new ArrayList<>(record.size());
        for (String cell : record) {
            if (cell.length() > limits.maxCellChars()) {
                cell = cell.substring(0, limits.maxCellChars()); // longer than any term: the column's rule refuses it
            }
            cells.add(cell);
        }
        int from = (int) record.getCharacterPosition();
        int to = (int) Math.min(end, text.length());
        String original = text.substring(from, Math.max(from, to)).replaceAll("(\\r\\n|\\r|\\n)$", "");
        return new Register.Row((int) record.getRecordNumber(), cells, original);
    }
}
