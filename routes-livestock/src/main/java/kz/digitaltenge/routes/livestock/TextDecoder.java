package kz.digitaltenge.routes.livestock;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import kz.digitaltenge.canonical.ReasonCode;
import kz.digitaltenge.canonical.SourceMessageRejected;

/**
 * A file's bytes to text: UTF-8 (with or without a BOM) or windows-1251, as declared by the {@code charset} header or
 * else recognised from the bytes: bytes that are valid UTF-8 are UTF-8; otherwise windows-1251 when they decode as it
 * and read as Russian text (most non-ASCII characters Cyrillic letters); anything else is refused
 * {@code BAD_ENCODING}. UTF-16 and binary content (NUL bytes) are refused before any decoding.
 */
final class TextDecoder {
    static final Charset WINDOWS_1251 = Charset.forName("windows-1251");

    /** The text, and whether its last bytes were an unfinished UTF-8 character (the file was cut off). */
    record Decoded(String text, Charset charset, boolean cutMidCharacter) {
    }

    private TextDecoder() {
    }

    static Decoded decode(byte[] body, String declared) {
        if (startsWith(body, 0xFE, 0xFF) || startsWith(body, 0xFF, 0xFE)) {
            throw new SourceMessageRejected(ReasonCode.BAD_ENCODING, "the file is UTF-16 (it starts with a UTF-16 byte"
                    + " order mark): send UTF-8 or windows-1251");
        }
        int nuls = 0;
        int controls = 0;
        for (byte b : body) {
            if (b == 0) {
                nuls++;
            } else if (b > 0 && b < 0x20 && b != '\t' && b != '\n' && b != '\r') {
                controls++;
            }
        }
        if (nuls > 0) {
            boolean utf16 = looksLikeUtf16(body);
            throw new SourceMessageRejected(utf16 ? ReasonCode.BAD_ENCODING : ReasonCode.MALFORMED, utf16
                    ? "the file looks like UTF-16 (a NUL byte beside every character): send UTF-8 or windows-1251"
                    : "the file is binary (it holds " + nuls + " NUL bytes), not a JSON or CSV text of events");
        }
        if (controls > 16 && controls * 100L > body.length) {
            throw new SourceMessageRejected(ReasonCode.MALFORMED, "the file is binary (" + controls
                    + " control bytes), not a JSON or CSV text of events");
        }
        int skip = startsWith(body, 0xEF, 0xBB, 0xBF) ? 3 : 0;
        if (declared != null && !declared.isBlank()) {
            Charset charset = declared(declared);
            try {
                return new Decoded(strict(charset, body, skip), charset, false);
            } catch (CharacterCodingException e) {
                throw new SourceMessageRejected(ReasonCode.BAD_ENCODING, "the file is not " + charset.name()
                        + " as its charset header says");
            }
        }
        try {
            return new Decoded(strict(StandardCharsets.UTF_8, body, skip), StandardCharsets.UTF_8, false);
        } catch (CharacterCodingException e) {
            // not UTF-8: cut off in the middle of a character, or another encoding
        }
        int cut = validUtf8Prefix(body, skip);
        if (cut >= 0) {
            return new Decoded(new String(body, skip, cut - skip, StandardCharsets.UTF_8), StandardCharsets.UTF_8, true);
        }
        String text;
        try {
            text = strict(WINDOWS_1251, body, 0);
        } catch (CharacterCodingException e) {
            throw new SourceMessageRejected(ReasonCode.BAD_ENCODING, "the file is neither UTF-8 nor windows-1251"
                    + " (a byte 0x98, which windows-1251 does not have): send UTF-8 or windows-1251");
        }
        int nonAscii = 0;
        int cyrillic = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x80) {
                nonAscii++;
                if ((c >= 'А' && c <= 'я') || c == 'Ё' || c == 'ё' || c == 'І' || c == 'і' || c == '№') {
                    cyrillic++;
                }
            }
        }
        if (cyrillic * 10L < nonAscii * 8L) {
            throw new SourceMessageRejected(ReasonCode.BAD_ENCODING, "the file is neither UTF-8 nor windows-1251 text"
                    + " (read as windows-1251 only " + cyrillic + " of its " + nonAscii + " non-ASCII characters are"
                    + " Cyrillic letters: DOS cp866 or KOI8?): send UTF-8 or windows-1251, or say charset=");
        }
        return new Decoded(text, WINDOWS_1251, false);
    }

    private static Charset declared(String name) {
        return switch (name.strip().toLowerCase(Locale.ROOT)) {
            case "utf-8", "utf8" -> StandardCharsets.UTF_8;
            case "windows-1251", "cp1251", "windows1251" -> WINDOWS_1251;
            default -> throw new SourceMessageRejected(ReasonCode.BAD_ENCODING, "charset "
                    + Values.quote(name) + " is not taken: utf-8 or windows-1251");
        };
    }

    private static String strict(Charset charset, byte[] body, int offset) throws CharacterCodingException {
        CharsetDecoder decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        return decoder.decode(ByteBuffer.wrap(body, offset, body.length - offset)).toString();
    }

    /**
     * Where the bytes stop being UTF-8, when that is only an unfinished character in the last three bytes (a file cut
     * off mid-character); -1 when they are not UTF-8 before that.
     */
    private static int validUtf8Prefix(byte[] body, int offset) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(body, offset, body.length - offset);
        CharBuffer out = CharBuffer.allocate(body.length);
        CoderResult r = decoder.decode(in, out, false); // not the end: an unfinished character stays unread
        if (r.isError()) {
            return -1;
        }
        int stop = in.position();
        return stop < body.length && body.length - stop <= 3 && (body[stop] & 0xC0) == 0xC0 ? stop : -1;
    }

    private static boolean looksLikeUtf16(byte[] body) {
        int n = Math.min(body.length, 512);
        int evenNuls = 0;
        int oddNuls = 0;
        for (int i = 0; i < n; i++) {
            if (body[i] == 0) {
                if (i % 2 == 0) {
                    evenNuls++;
                } else {
                    oddNuls++;
                }
            }
        }
        return Math.max(evenNuls, oddNuls) * 3 >= n && Math.min(evenNuls, oddNuls) * 10 < Math.max(evenNuls, oddNuls);
    }

    private static boolean startsWith(byte[] body, int... prefix) {
        if (body.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((body[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
