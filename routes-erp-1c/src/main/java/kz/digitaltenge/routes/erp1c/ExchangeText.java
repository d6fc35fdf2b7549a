package kz.digitaltenge.routes.erp1c;

import kz.digitaltenge.canonical.ReasonCode;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import kz.digitaltenge.canonical.SourceMessageRejected;

/**
 * A {@code 1CClientBankExchange} file's bytes as the lines of text they are, in the encoding they establish.
 *
 * <p>Why on its own: the encoding has to be settled from the raw bytes before any line can be read (even the key
 * {@code Кодировка} is Cyrillic), and every byte-level refusal ({@code BAD_ENCODING}, a missing marker line) happens
 * here, so that {@link ExchangeSections} only ever sees decoded lines.
 *
 * @param lines    the decoded lines without their line ends; line 1 is the marker
 * @param encoding the encoding the file declares and is written in
 */
record ExchangeText(List<String> lines, ExchangeEncoding encoding) {
    private static final String ENCODING_KEY = "Кодировка";
    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    /**
     * Decodes a file that is neither empty nor over the reader's limit.
     *
     * @throws SourceMessageRejected MALFORMED when it is not this format, BAD_ENCODING when its encoding is not
     *                               declared, not supported, or not the one the bytes are in
     */
    static ExchangeText of(byte[] bytes) {
        boolean bom = startsWith(bytes, 0, UTF8_BOM);
        int start = bom ? UTF8_BOM.length : 0;
        requireMarker(bytes, start);
        ExchangeEncoding encoding = establishEncoding(bytes, start, bom);
        String text = decode(bytes, start, encoding);
        return new ExchangeText(splitLines(text), encoding);
    }

    private static void requireMarker(byte[] bytes, int start) {
        if (bytes.length >= 2 && ((bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE)
                || (bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF))) {
            throw new SourceMessageRejected(ReasonCode.BAD_ENCODING,
                    "the file is UTF-16; 1C client-bank files are Windows (cp1251), DOS (cp866) or UTF-8");
        }
        byte[] marker = ClientBankExchangeReader.MARKER.getBytes(StandardCharsets.US_ASCII);
        int end = start + marker.length;
        // a body shorter than the marker is simply not such a file (it must never index past its end)
        boolean lineEnds = end == bytes.length || (end < bytes.length && (bytes[end] == '\n'
                || (bytes[end] == '\r' && end + 1 < bytes.length && bytes[end + 1] == '\n')));
        if (end > bytes.length || !startsWith(bytes, start, marker) || !lineEnds) {
            throw new SourceMessageRejected(ReasonCode.MALFORMED, "not a 1C client-bank exchange file: the first line "
                    + "must be " + ClientBankExchangeReader.MARKER + " (lines end with CRLF or LF)");
        }
    }

    /**
     * Finds the {@code Кодировка=} line by its bytes in each supported encoding; the encoding its key is written in
     * is the encoding of the file, which must then match the declared value.
     */
    private static ExchangeEncoding establishEncoding(byte[] bytes, int start, boolean bom) {
        int lineNumber = 0;
        for (int lineStart = start; lineStart < bytes.length; ) {
            lineNumber++;
            int lineEnd = indexOf(bytes, (byte) '\n', lineStart);
            int contentEnd = lineEnd > lineStart && bytes[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd;
            for (ExchangeEncoding actual : ExchangeEncoding.values()) {
                byte[] key = (ENCODING_KEY + "=").getBytes(actual.charset());
                if (startsWith(bytes, lineStart, key) && lineStart + key.length <= contentEnd) {
                    String declared = new String(bytes, lineStart + key.length, contentEnd - lineStart - key.length,
                            actual.charset());
                    return checkDeclaration(bom, actual, declared.strip(), lineNumber);
                }
            }
            lineStart = lineEnd + 1;
        }
        throw new SourceMessageRejected(ReasonCode.BAD_ENCODING, "the header has no Кодировка line (looked for it in "
                + "UTF-8, Windows (cp1251) and DOS (cp866)); the file must declare its encoding: Windows, DOS or UTF-8");
    }

    private static ExchangeEncoding checkDeclaration(boolean bom, ExchangeEncoding actual, String declared, int line) {
        ExchangeEncoding declaredEncoding = ExchangeEncoding.fromDeclared(declared).orElseThrow(() ->
                new SourceMessageRejected(ReasonCode.BAD_ENCODING, "line " + line + ": Кодировка=" + declared
                        + " is not supported; use Windows (cp1251), DOS (cp866) or UTF-8"));
        if (declaredEncoding != actual) {
            throw new SourceMessageRejected(ReasonCode.BAD_ENCODING, "line " + line + " declares Кодировка=" + declared
                    + " but the file is written in " + actual.describe()
                    + "; export it again so that the declaration and the bytes agree");
        }
        if (bom && actual != ExchangeEncoding.UTF_8) {
            throw new SourceMessageRejected(ReasonCode.BAD_ENCODING, "the file starts with a UTF-8 byte order mark but "
                    + "declares and is written in " + actual.describe());
        }
        return actual;
    }

    /** Decodes strictly: a byte the encoding does not define rejects the file, it is never replaced. */
    private static String decode(byte[] bytes, int start, ExchangeEncoding encoding) {
        CharsetDecoder decoder = encoding.charset().newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        CharBuffer out = CharBuffer.allocate((int) Math.ceil(in.remaining() * (double) decoder.maxCharsPerByte()));
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int offset = in.position();
            throw new SourceMessageRejected(ReasonCode.BAD_ENCODING, "line " + lineOf(bytes, start, offset)
                    + ": byte 0x" + String.format("%02X", bytes[offset] & 0xFF) + " is not valid " + encoding.describe()
                    + " although the file declares and begins in that encoding; the file mixes encodings");
        }
        decoder.flush(out);
        out.flip();
        return out.toString();
    }

    private static int lineOf(byte[] bytes, int start, int offset) {
        int line = 1;
        for (int i = start; i < offset; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return line;
    }

    private static List<String> splitLines(String text) {
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        if (lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        lines.replaceAll(line -> line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
        return lines;
    }

    private static boolean startsWith(byte[] bytes, int offset, byte[] prefix) {
        if (bytes.length - offset < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[offset + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] bytes, byte wanted, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return bytes.length;
    }
}
