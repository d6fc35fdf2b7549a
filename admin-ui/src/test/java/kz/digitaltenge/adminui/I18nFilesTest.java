package kz.digitaltenge.adminui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** en.json, ru.json and kk.json have exactly the same keys, every value a non-blank string. */
class I18nFilesTest {

    @Test
    void everyLanguageHasTheSameKeys() {
        Set<String> en = new TreeSet<>(Assets.labels("en").keySet());
        assertThat(en).isNotEmpty();
        for (String lang : Assets.LANGUAGES) {
            assertThat(new TreeSet<>(Assets.labels(lang).keySet())).as("keys of %s.json", lang).isEqualTo(en);
        }
    }

    @Test
    void noValueIsEmpty() {
        for (String lang : Assets.LANGUAGES) {
            for (Map.Entry<String, Object> e : Assets.labels(lang).entrySet()) {
                assertThat(e.getValue()).as("%s.json %s", lang, e.getKey()).isInstanceOf(String.class);
                assertThat(((String) e.getValue()).strip()).as("%s.json %s", lang, e.getKey()).isNotEmpty();
            }
        }
    }

    @Test
    void placeholdersAreTheSameInEveryLanguage() {
        Map<String, Object> en = Assets.labels("en");
        for (String lang : Assets.LANGUAGES) {
            Map<String, Object> other = Assets.labels(lang);
            for (String key : en.keySet()) {
                assertThat(placeholders((String) other.get(key))).as("{placeholders} of %s in %s.json", key, lang)
                        .isEqualTo(placeholders((String) en.get(key)));
            }
        }
    }

    @Test
    void russianAndKazakhAreNotCopiesOfEnglish() {
        // a label may be the same in all three (a product name, "OK", a language's own name), but not most of them
        Map<String, Object> en = Assets.labels("en");
        for (String lang : new String[] {"ru", "kk"}) {
            Map<String, Object> other = Assets.labels(lang);
            long same = en.keySet().stream().filter(k -> en.get(k).equals(other.get(k))).count();
            assertThat(same).as("labels of %s.json identical to English", lang).isLessThan(en.size() / 10);
            long cyrillic = other.values().stream().filter(v -> ((String) v).chars().anyMatch(c -> c >= 0x400 && c <= 0x4ff)).count();
            assertThat(cyrillic).as("labels of %s.json in Cyrillic", lang).isGreaterThan(en.size() * 8L / 10);
        }
        // Kazakh letters that Russian has not: the Kazakh file is Kazakh, not Russian
        String kk = String.join(" ", Assets.labels("kk").values().stream().map(String.class::cast).toList());
        assertThat(kk).containsPattern("[әғқңөұүһі]");
    }

    private static Set<String> placeholders(String s) {
        Set<String> out = new TreeSet<>();
        var m = java.util.regex.Pattern.compile("\\{(\\w+)}").matcher(s);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }
}
