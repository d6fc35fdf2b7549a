package kz.digitaltenge.canonical;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;

/**
 * The Kazakh and Russian texts of {@link ReasonCode}: {@code reasons_kk.properties} and {@code reasons_ru.properties}
 * next to the enum, read once as UTF-8 (not as ISO-8859-1, the default of {@link Properties#load(InputStream)}). A key
 * is the code's name and the part: {@code MALFORMED.happened}, {@code MALFORMED.action}. Plain Java, no framework.
 */
final class ReasonTexts {
    private ReasonTexts() {
    }

    /** Loaded on first use: the enum's constants do not wait for it. */
    private static final class Loaded {
        static final Map<String, Properties> BY_LANGUAGE = Map.of("kk", load("kk"), "ru", load("ru"));
    }

    static String resource(String language) {
        return "reasons_" + language + ".properties";
    }

    static Properties load(String language) {
        String name = resource(language);
        try (InputStream in = ReasonTexts.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the reason texts " + name + " are missing from the classpath");
            }
            Properties p = new Properties();
            try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                p.load(reader);
            }
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the reason texts " + name, e);
        }
    }

    /** The text of one part of a code in a language; the English when the language has none (en, or unknown). */
    static String text(String language, ReasonCode code, String part, String english) {
        Properties p = language == null ? null : Loaded.BY_LANGUAGE.get(language);
        String text = p == null ? null : p.getProperty(code.name() + "." + part);
        return text == null || text.isBlank() ? english : text;
    }
}
