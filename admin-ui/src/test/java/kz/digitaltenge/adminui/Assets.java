package kz.digitaltenge.adminui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Where the workstation's files are, for the tests (run from the module directory by Surefire). */
final class Assets {
    static final Path MODULE = locateModule();
    static final Path ADMIN = MODULE.resolve("src/main/resources/META-INF/resources/admin");
    static final Path I18N = ADMIN.resolve("i18n");
    static final Path BROWSER_TESTS = MODULE.resolve("src/test/resources/browser");
    static final List<String> LANGUAGES = List.of("en", "ru", "kk");

    private Assets() {
    }

    private static Path locateModule() {
        Path here = Path.of("").toAbsolutePath();
        if (Files.isDirectory(here.resolve("src/main/resources/META-INF/resources/admin"))) {
            return here;
        }
        Path sub = here.resolve("admin-ui");
        if (Files.isDirectory(sub.resolve("src/main/resources/META-INF/resources/admin"))) {
            return sub;
        }
        throw new IllegalStateException("admin-ui module not found from " + here);
    }

    static List<Path> files(Path root, String... extensions) {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> extensions.length == 0 || Stream.of(extensions).anyMatch(e -> p.toString().endsWith(e)))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The labels of a language with their dotted keys: {"nav": {"flows": "Flows"}} is nav.flows = Flows. */
    static Map<String, Object> labels(String lang) {
        Map<String, Object> flat = new java.util.LinkedHashMap<>();
        flatten("", Json.parse(read(I18N.resolve(lang + ".json"))), flat);
        return flat;
    }

    private static void flatten(String prefix, Object node, Map<String, Object> out) {
        if (node instanceof Map<?, ?> m) {
            if (m.isEmpty()) {
                out.put(prefix, m);
            }
            m.forEach((k, v) -> flatten(prefix.isEmpty() ? (String) k : prefix + "." + k, v, out));
        } else {
            out.put(prefix, node);
        }
    }
}
