package kz.digitaltenge.hub.routefiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import kz.digitaltenge.canonical.source.SourceSystem;
import org.apache.camel.CamelContext;
import org.apache.camel.LineNumberAware;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the route files of {@code hub.routes.dir} at start: each {@code *.camel.yaml} (YAML DSL) or {@code *.camel.xml}
 * (XML DSL) file declares one or more sources
 * ({@link RouteFileSource} beans) and, for each, the route that translates its messages. A file is loaded whole or not
 * at all: one that does not parse, declares nothing, or whose route does more than translate ({@link RouteFileRules})
 * is refused with an error that names the file and the line, its routes and beans are removed, and the rest of the
 * hub starts.
 */
public final class RouteFiles {
    private static final Logger LOG = LoggerFactory.getLogger(RouteFiles.class);
    private static final Pattern LINE = Pattern.compile("line (\\d+)");

    /** A file the hub did not load, and why. */
    public record Refused(String file, Integer line, String reason) {
        @Override
        public String toString() {
            return file + (line == null ? "" : ":" + line) + ": " + reason;
        }
    }

    /** What was loaded: the sources the files declare, and the files refused. */
    public record Loaded(List<SourceSystem> sources, List<Refused> refused) {
    }

    private RouteFiles() {
    }

    public static Loaded load(CamelContext camel, Path dir) {
        List<SourceSystem> sources = new ArrayList<>();
        List<Refused> refused = new ArrayList<>();
        if (dir == null || !Files.isDirectory(dir)) {
            if (dir != null) {
                LOG.warn("hub.routes.dir {} is not a directory: no route files loaded", dir);
            }
            return new Loaded(sources, refused);
        }
        camel.setSourceLocationEnabled(true); // definitions keep their line, so a refusal can name it
        ProducerTemplate producer = camel.createProducerTemplate();
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".camel.yaml")
                    || p.getFileName().toString().endsWith(".camel.xml")).sorted().toList();
        } catch (IOException e) {
            LOG.error("hub.routes.dir {} cannot be read: no route files loaded", dir, e);
            return new Loaded(sources, refused);
        }
        Set<String> ids = new HashSet<>();
        for (Path file : files) {
            try {
                sources.addAll(loadOne(camel, dir, file, producer, ids));
            } catch (RefusedFile r) {
                refused.add(r.refused);
                LOG.error("route file refused, not loaded: {}", r.refused);
            }
        }
        LOG.info("route files of {}: {} source(s) loaded, {} file(s) refused", dir, sources.size(), refused.size());
        return new Loaded(List.copyOf(sources), List.copyOf(refused));
    }

    private static List<SourceSystem> loadOne(CamelContext camel, Path dir, Path file, ProducerTemplate producer, Set<String> ids) {
        String name = file.getFileName().toString();
        ModelCamelContext model = (ModelCamelContext) camel;
        Set<String> routesBefore = routeIds(model);
        Set<String> beansBefore = camel.getRegistry().findByTypeWithName(RouteFileSource.class).keySet();
        try {
            Resource resource = ResourceHelper.resolveMandatoryResource(camel, "file:" + file.toAbsolutePath());
            PluginHelper.getRoutesLoader(camel).loadRoutes(resource);
        } catch (Exception e) {
            undo(camel, model, routesBefore, beansBefore);
            throw new RefusedFile(new Refused(name, line(e), "it does not load: " + innermost(e)));
        }
        List<RouteDefinition> added = model.getRouteDefinitions().stream().filter(r -> !routesBefore.contains(r.getRouteId())).toList();
        Map<String, RouteFileSource> declared = new java.util.LinkedHashMap<>(camel.getRegistry().findByTypeWithName(RouteFileSource.class));
        declared.keySet().removeAll(beansBefore);
        try {
            RouteFileRules.check(camel, dir, declared.values(), added, ids);
            List<SourceSystem> sources = new ArrayList<>();
            for (RouteFileSource s : declared.values()) {
                sources.add(new RouteFileTranslation(s, name, producer));
                ids.add(s.getId());
            }
            return sources;
        } catch (RouteFileRules.Broken b) {
            undo(camel, model, routesBefore, beansBefore);
            throw new RefusedFile(new Refused(name, b.line(), b.getMessage()));
        }
    }

    private static Set<String> routeIds(ModelCamelContext model) {
        Set<String> ids = new HashSet<>();
        model.getRouteDefinitions().forEach(r -> ids.add(r.getRouteId()));
        return ids;
    }

    /** Never half-loaded: the file's routes and beans go again. */
    private static void undo(CamelContext camel, ModelCamelContext model, Set<String> routesBefore, Set<String> beansBefore) {
        List<RouteDefinition> added = model.getRouteDefinitions().stream().filter(r -> !routesBefore.contains(r.getRouteId())).toList();
        try {
            model.removeRouteDefinitions(added);
        } catch (Exception e) {
            LOG.warn("could not remove the routes of a refused route file", e);
        }
        for (String bean : camel.getRegistry().findByTypeWithName(RouteFileSource.class).keySet()) {
            if (!beansBefore.contains(bean)) {
                camel.getRegistry().unbind(bean);
            }
        }
    }

    static Integer line(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof LineNumberAware l && l.getLineNumber() > 0) {
                return l.getLineNumber();
            }
            Matcher m = LINE.matcher(String.valueOf(c.getMessage()));
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
        }
        return null;
    }

    private static String innermost(Throwable e) {
        return innermost(e, 400);
    }

    /** The innermost cause's message, at most {@code max} characters: its own words, without the wrappers' types. */
    static String innermost(Throwable e, int max) {
        Throwable c = e;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        String m = c.getMessage() == null ? "no detail" : c.getMessage();
        return m.length() > max ? m.substring(0, max) + "…" : m;
    }

    private static final class RefusedFile extends RuntimeException {
        final Refused refused;

        RefusedFile(Refused refused) {
            super(refused.toString(), null, false, false);
            this.refused = refused;
        }
    }
}
