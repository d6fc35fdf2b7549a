package kz.digitaltenge.routes.erp1c;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * The text encodings a {@code 1CClientBankExchange} file may declare in its {@code Кодировка} header line. 1C writes
 * {@code Windows} (cp1251) by default and {@code DOS} (cp866) on request; some exports are UTF-8.
 */
public enum ExchangeEncoding {
    WINDOWS_1251("Windows", Charset.forName("windows-1251")),
    DOS_866("DOS", Charset.forName("IBM866")),
    UTF_8("UTF-8", StandardCharsets.UTF_8);

    private final String declaredName;
    private final Charset charset;

    ExchangeEncoding(String declaredName, Charset charset) {
        this.declaredName = declaredName;
        this.charset = charset;
    }

    /** The value written after {@code Кодировка=}. */
    public String declaredName() {
        return declaredName;
    }

    public Charset charset() {
        return charset;
    }

    /** A human name for messages: "Windows (cp1251)". */
    public String describe() {
        return switch (this) {
            case WINDOWS_1251 -> "Windows (cp1251)";
            case DOS_866 -> "DOS (cp866)";
            case UTF_8 -> "UTF-8";
        };
    }

    /** Reads a {@code Кодировка} value: Windows, DOS, UTF-8 or UTF8, in any letter case. */
    public static Optional<ExchangeEncoding> fromDeclared(String value) {
        String normalised = value.strip().toUpperCase(Locale.ROOT);
        return switch (normalised) {
            case "WINDOWS" -> Optional.of(WINDOWS_1251);
            case "DOS" -> Optional.of(DOS_866);
            case "UTF-8", "UTF8" -> Optional.of(UTF_8);
            default -> Optional.empty();
        };
    }
}
