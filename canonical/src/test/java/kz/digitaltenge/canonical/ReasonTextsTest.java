package kz.digitaltenge.canonical;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The reason texts in Kazakh and Russian (reasons_kk.properties, reasons_ru.properties): both texts of every code, no
 * key for a code that does not exist, nothing left in English, the same placeholders as the English.
 */
class ReasonTextsTest {
    private static final List<String> PARTS = List.of("happened", "action");
    /** A placeholder a text might carry: {name}, {0}, %s. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{[^{}]*}|%[a-z]");
    private static final Pattern LATIN_WORD = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
    /** The letters of Kazakh's Cyrillic that Russian has not. */
    private static final Pattern KAZAKH_LETTER = Pattern.compile("[ӘәҒғҚқҢңӨөҰұҮүҺһІі]");

    private static String english(ReasonCode code, String part) {
        return part.equals("happened") ? code.happened() : code.action();
    }

    private static Set<String> expectedKeys() {
        Set<String> keys = new TreeSet<>();
        for (ReasonCode code : ReasonCode.values()) {
            for (String part : PARTS) {
                keys.add(code.name() + "." + part);
            }
        }
        return keys;
    }

    private static List<String> placeholders(String text) {
        List<String> found = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            found.add(m.group());
        }
        found.sort(null);
        return found;
    }

    /** The keys as the file lists them, in order, duplicates kept (Properties would keep only the last). */
    private static List<String> rawKeys(String language) throws IOException {
        try (InputStream in = ReasonTexts.class.getResourceAsStream(ReasonTexts.resource(language))) {
            assertThat(in).as(ReasonTexts.resource(language) + " on the classpath").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#") && !l.startsWith("!"))
                    .map(l -> l.split("\\s*[=:]\\s*", 2)[0]).toList();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"kk", "ru"})
    void everyCodeHasBothTextsAndNoKeyIsUnknownOrTwice(String language) throws IOException {
        List<String> raw = rawKeys(language);
        Set<String> seen = new HashSet<>();
        assertThat(raw.stream().filter(k -> !seen.add(k)).toList()).as("keys twice in %s", ReasonTexts.resource(language)).isEmpty();
        assertThat(new TreeSet<>(raw)).as("keys of %s", ReasonTexts.resource(language)).isEqualTo(expectedKeys());

        Properties p = ReasonTexts.load(language);
        assertThat(new TreeSet<>(p.stringPropertyNames())).isEqualTo(expectedKeys());
        for (ReasonCode code : ReasonCode.values()) {
            assertThat(code.happened(language)).as("%s.happened in %s", code, language).isNotBlank()
                    .isEqualTo(p.getProperty(code.name() + ".happened"));
            assertThat(code.action(language)).as("%s.action in %s", code, language).isNotBlank()
                    .isEqualTo(p.getProperty(code.name() + ".action"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"kk", "ru"})
    void nothingIsLeftInEnglish(String language) {
        List<String> failures = new ArrayList<>();
        for (ReasonCode code : ReasonCode.values()) {
            for (String part : PARTS) {
                String en = english(code, part);
                String text = part.equals("happened") ? code.happened(language) : code.action(language);
                String what = code + "." + part + " in " + language + ": " + text;
                if (text.equals(en)) {
                    failures.add("the English, " + what);
                    continue;
                }
                // a Latin word is a code, a format, a field or a file name the English has too, never English prose
                Set<String> englishWords = LATIN_WORD.matcher(en).results().map(java.util.regex.MatchResult::group).collect(Collectors.toSet());
                List<String> foreign = LATIN_WORD.matcher(text).results().map(java.util.regex.MatchResult::group)
                        .filter(w -> !englishWords.contains(w)).toList();
                if (!foreign.isEmpty()) {
                    failures.add("Latin words " + foreign + " the English has not, " + what);
                }
                long letters = text.codePoints().filter(Character::isLetter).count();
                long cyrillic = text.codePoints().filter(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.CYRILLIC).count();
                if (cyrillic < letters * 8 / 10) {
                    failures.add("mostly not Cyrillic, " + what);
                }
                boolean kazakhLetters = KAZAKH_LETTER.matcher(text).find();
                if (language.equals("kk") && !kazakhLetters) {
                    failures.add("no letter of Kazakh's own (Russian?), " + what);
                }
                if (language.equals("ru") && kazakhLetters) {
                    failures.add("Kazakh letters in Russian, " + what);
                }
            }
        }
        assertThat(failures).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"kk", "ru"})
    void theSamePlaceholdersAsTheEnglish(String language) {
        for (ReasonCode code : ReasonCode.values()) {
            assertThat(placeholders(code.happened(language))).as("%s.happened in %s", code, language)
                    .isEqualTo(placeholders(code.happened()));
            assertThat(placeholders(code.action(language))).as("%s.action in %s", code, language)
                    .isEqualTo(placeholders(code.action()));
        }
    }

    @Test
    void englishAndAnyOtherLanguageAnswerTheEnumsOwnTexts() {
        assertThat(ReasonCode.LANGUAGES).containsExactly("kk", "ru", "en");
        for (String language : Arrays.asList("en", "de", "KK", "", null)) {
            for (ReasonCode code : ReasonCode.values()) {
                assertThat(code.happened(language)).as("%s in %s", code, language).isEqualTo(code.happened());
                assertThat(code.action(language)).as("%s in %s", code, language).isEqualTo(code.action());
            }
        }
        assertThat(ReasonCode.MALFORMED.happened("ru")).startsWith("Запрос или сообщение не удалось прочитать");
        assertThat(ReasonCode.MALFORMED.happened("kk")).startsWith("Сұрауды немесе хабарламаны оқу мүмкін болмады");
    }
}
