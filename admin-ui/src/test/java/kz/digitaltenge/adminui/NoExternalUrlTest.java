package kz.digitaltenge.adminui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * No file of the workstation points at another host: every script, style, font and icon is a file in the module.
 * The only absolute URLs allowed are XML namespace names (identifiers that are never fetched, which the SVG and
 * DOM APIs require) and the loopback host.
 */
class NoExternalUrlTest {
    static final Pattern SCHEME_URL = Pattern.compile("(?i)\\b(https?)://([^\\s'\"`)<>]+)");
    static final Set<String> NAMESPACES = Set.of("www.w3.org/2000/svg", "www.w3.org/1999/xlink", "www.w3.org/1999/xhtml",
            "www.w3.org/XML/1998/namespace");

    static List<String> external(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = SCHEME_URL.matcher(text);
        while (m.find()) {
            String rest = m.group(2);
            if (NAMESPACES.contains(rest.replaceAll("[/.,;]+$", "")) || rest.startsWith("localhost") || rest.startsWith("127.0.0.1")) {
                continue;
            }
            out.add(m.group());
        }
        // protocol-relative references in markup and CSS: src="//host/..", url(//host/..), @import '//host'
        Matcher rel = Pattern.compile("(?i)(src|href|url\\(|@import)\\s*=?\\s*['\"(]?\\s*//[a-z0-9]").matcher(text);
        while (rel.find()) {
            out.add(rel.group());
        }
        return out;
    }

    @Test
    void noFileOfTheWorkstationReferencesAnotherHost() {
        List<Path> files = Assets.files(Assets.ADMIN);
        assertThat(files).isNotEmpty();
        List<String> found = new ArrayList<>();
        for (Path p : files) {
            for (String u : external(Assets.read(p))) {
                found.add(Assets.ADMIN.relativize(p) + ": " + u);
            }
        }
        assertThat(found).as("references to other hosts").isEmpty();
    }

    @Test
    void theCheckSeesWhatItShould() {
        assertThat(external("<script src=\"https://cdn.example.com/x.js\"></script>")).hasSize(1);
        assertThat(external("@import url(//fonts.example.org/css);")).hasSize(1);
        assertThat(external("import x from 'http://unpkg.com/lib';")).hasSize(1);
        assertThat(external("document.createElementNS('http://www.w3.org/2000/svg', 'svg')")).isEmpty();
        assertThat(external("fetch('/api/me'); a.href = '#/flows'")).isEmpty();
    }

    @Test
    void onlyKnownKindsOfFilesAreShipped() {
        Set<String> allowed = Set.of("html", "css", "js", "json", "svg", "png", "ico", "woff2");
        for (Path p : Assets.files(Assets.ADMIN)) {
            String name = p.getFileName().toString();
            assertThat(allowed).as("kind of %s", Assets.ADMIN.relativize(p)).contains(name.substring(name.lastIndexOf('.') + 1));
        }
    }
}
