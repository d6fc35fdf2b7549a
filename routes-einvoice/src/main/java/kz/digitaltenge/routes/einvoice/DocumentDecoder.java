package kz.digitaltenge.routes.einvoice;

import kz.digitaltenge.canonical.ReasonCode;
import kz.digitaltenge.canonical.SourceMessageRejected;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns document bytes into text, refusing ({@code BAD_ENCODING}) bytes that are not in the encoding the document
 * declares. A parser left to itself replaces or misreads such bytes, and a TIN or an amount read through the wrong
 * code page is worse than a rejected message.
 *
 * <p>The encoding is the byte order mark's, else the XML declaration's, else UTF-8 (the XML default). Decoding is
 * strict, which catches a document declared UTF-8 but written in windows-1251. The opposite mistake — UTF-8 bytes
 * declared as a single-byte code page — decodes without error into mojibake, so it is caught separately: text in a
 * single-byte Cyrillic or Latin code page is practically never also valid UTF-8 once it has non-ASCII letters
 * (two letters in a row are two lead bytes), so non-ASCII bytes that form valid UTF-8 mean the declaration lies.
 */
final class DocumentDecoder {
    private static final Pattern DECLARATION = Pattern.compile(
            "<\\?xml\\s+version\\s*=\\s*([\"'])[^\"']*\\1(?:\\s+encoding\\s*=\\s*([\"'])([^\"']*)\\2)?");
    /** Enough to hold any reasonable XML declaration. */
    private static final int DECLARATION_WINDOW = 512;

    private DocumentDecoder() {
    }

    static String decode(byte[] bytes) {
        Charset bom = null;
        int start = 0;
        if (startsWith(bytes, 0xEF, 0xBB, 0xBF)) {
            bom = StandardCharsets.UTF_8;
            start = 3;
        } else if (startsWith(bytes, 0xFE, 0xFF)) {
            bom = StandardCharsets.UTF_16BE;
            start = 2;
        } else if (startsWith(bytes, 0xFF, 0xFE)) {
            bom = StandardCharsets.UTF_16LE;
            start = 2;
        }
        String head = new String(bytes, start, Math.min(bytes.length - start, DECLARATION_WINDOW),
                bom == null ? StandardCharsets.ISO_8859_1 : bom);
        Matcher declaration = DECLARATION.matcher(head);
        String declaredName = declaration.lookingAt() ? declaration.group(3) : null;
        Charset declared = declaredName == null ? null : charset(declaredName);

        Charset encoding;
        String claim;
        if (bom != null) {
            if (declared != null && !sameUnicodeFamily(bom, declared)) {
                throw new SourceMessageRejected(ReasonCode.BAD_ENCODING, "the document starts with a " + family(bom)
                        + " byte order mark but declares encoding " + declaredName);
            }
            encoding = bom;
            claim = "starts with a " + family(bom) + " byte order mark";
        } else if (declared != null) {
            if (isUtf16Or32(declared)) {
                throw new SourceMessageRejected(ReasonCode.BAD_ENCODING, "the document declares encoding " + declaredName
                        + " but has no byte order mark and its XML declaration is written in single bytes");
            }
            encoding = declared;
            claim = "declares encoding " + declaredName;
        } else {
            encoding = StandardCharsets.UTF_8;
            claim = "has no encoding declaration, so must be UTF-8,";
        }
        if (!isUnicode(encoding)) {
            refuseUtf8DeclaredAsSingleByte(bytes, declaredName);
        }
        return strictlyDecode(bytes, start, encoding, claim);
    }

    private static Charset charset(String name) {
        try {
            return Charset.forName(name);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new SourceMessageRejected(ReasonCode.BAD_ENCODING, "the document declares encoding '" + name
                    + "', which is not a known character encoding");
        }
    }

    private static void refuseUtf8DeclaredAsSingleByte(byte[] bytes, String declaredName) {
        int firstNonAscii = -1;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] < 0) {
                firstNonAscii = i;
                break;
            }
        }
        if (firstNonAscii < 0) {
            return;
        }
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            utf8.decode(ByteBuffer.wrap(bytes));
        } catch (CharacterCodingException notUtf8) {
            return;
        }
        throw new SourceMessageRejected(ReasonCode.BAD_ENCODING, "the document declares encoding " + declaredName
                + " but its bytes are UTF-8 (the first non-ASCII character, at byte offset " + firstNonAscii
                + " on line " + lineOf(bytes, firstNonAscii) + ", is a UTF-8 sequence); declare it as UTF-8");
    }

    private static String strictlyDecode(byte[] bytes, int start, Charset encoding, String claim) {
        CharsetDecoder decoder = encoding.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        CharBuffer out = CharBuffer.allocate((int) Math.ceil(bytes.length * (double) decoder.maxCharsPerByte()) + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int offset = in.position();
            int line = 1 + (int) out.flip().chars().filter(c -> c == '\n').count();
            throw new SourceMessageRejected(ReasonCode.BAD_ENCODING, String.format(
                    "the document %s but byte 0x%02X at offset %d (line %d) is not valid %s; "
                            + "it is probably in another encoding", claim, bytes[offset] & 0xFF, offset, line,
                    encoding.name()));
        }
        return out.flip().toString();
    }

    private static boolean startsWith(byte[] bytes, int... prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean isUnicode(Charset c) {
        return c.equals(StandardCharsets.UTF_8) || isUtf16Or32(c);
    }

    private static boolean isUtf16Or32(Charset c) {
        return c.name().startsWith("UTF-16") || c.name().startsWith("UTF-32");
    }

    private static boolean sameUnicodeFamily(Charset bom, Charset declared) {
        return family(bom).equals(family(declared));
    }

    private static String family(Charset c) {
        return c.name().startsWith("UTF-16") ? "UTF-16" : c.name();
    }

    private static int lineOf(byte[] bytes, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return line;
    }
}
