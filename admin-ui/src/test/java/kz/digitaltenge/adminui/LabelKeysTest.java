package kz.digitaltenge.adminui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every key the JavaScript asks for with t('key') (or t("key")) is in en.json. */
class LabelKeysTest {
    static final Pattern CALL = Pattern.compile("(?<![\\w.$])t\\(\\s*(['\"])([^'\"\\\\]+)\\1\\s*[,)]");
    /** keys handed to t() through a list, e.g. ['payments.number', ...].map((k) => t(k)) */
    static final Pattern LISTED = Pattern.compile("'((?:field|exceptions|message|edit|payments|audit|tree|flows|contracts|lookup|common|job)\\.[A-Za-z]+(?:\\.[A-Za-z]+)*)'");

    static List<String> keysIn(String js, Pattern p, int group) {
        List<String> keys = new ArrayList<>();
        Matcher m = p.matcher(js);
        while (m.find()) {
            keys.add(m.group(group));
        }
        return keys;
    }

    @Test
    void everyKeyUsedInTheScriptsIsInEnglish() {
        Map<String, Object> en = Assets.labels("en");
        List<Path> scripts = Assets.files(Assets.ADMIN.resolve("js"), ".js");
        assertThat(scripts).isNotEmpty();
        int calls = 0;
        List<String> missing = new ArrayList<>();
        for (Path p : scripts) {
            String js = Assets.read(p);
            for (String key : keysIn(js, CALL, 2)) {
                calls++;
                if (!en.containsKey(key)) {
                    missing.add(Assets.ADMIN.relativize(p) + ": t('" + key + "')");
                }
            }
            for (String key : keysIn(js, LISTED, 1)) {
                if (!en.containsKey(key) && !key.equals("audit.csv")) {
                    missing.add(Assets.ADMIN.relativize(p) + ": '" + key + "'");
                }
            }
        }
        assertThat(calls).as("t('...') calls found").isGreaterThan(100);
        assertThat(missing).as("keys missing from en.json").isEmpty();
    }

    @Test
    void thePatternFindsCallsAndNotLookalikes() {
        assertThat(keysIn("x = t('a.b'); y = t(\"c.d\", {n}); z = list('e.f'); w = obj.t('g.h');", CALL, 2))
                .containsExactly("a.b", "c.d");
    }

    @Test
    void dynamicKeysHaveTheirVariants() {
        // keys built at run time: t(`nav.${screen}`), t(`lang.${l}`), tv('status', s) ...
        Map<String, Object> en = Assets.labels("en");
        for (String screen : List.of("exceptions", "flows", "payments", "invoices", "events", "contracts", "tree", "audit")) {
            assertThat(en).containsKey("nav." + screen);
        }
        for (String lang : Assets.LANGUAGES) {
            assertThat(en).containsKey("lang." + lang);
        }
        for (String s : List.of("QUARANTINED", "RETRIED", "RESOLVED", "REJECTED")) {
            assertThat(en).containsKey("status." + s);
        }
        for (String s : List.of("AWAITING_CONFIRMATION", "EXECUTED", "REFUSED", "DECLINED", "RECEIVED")) {
            assertThat(en).containsKey("paymentStatus." + s);
        }
        for (String k : List.of("message.view.text", "message.view.pretty", "message.view.hex", "flows.window.hour",
                "flows.window.day", "tree.kind.contract", "tree.kind.addressList", "tree.kind.initiator",
                "jobStatus.RUNNING", "jobStatus.DONE", "jobAction.RETRY", "jobAction.REJECT")) {
            assertThat(en).containsKey(k);
        }
    }
}
