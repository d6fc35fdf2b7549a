package kz.digitaltenge.hub.routefiles;

import java.nio.file.Path;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.camel.CamelContext;
import org.apache.camel.model.ChoiceDefinition;
import org.apache.camel.model.ConvertBodyDefinition;
import org.apache.camel.model.ExpressionNode;
import org.apache.camel.model.FilterDefinition;
import org.apache.camel.model.LogDefinition;
import org.apache.camel.model.MarshalDefinition;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.RemoveHeaderDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.SetBodyDefinition;
import org.apache.camel.model.SetHeaderDefinition;
import org.apache.camel.model.SetPropertyDefinition;
import org.apache.camel.model.ToDefinition;
import org.apache.camel.model.TransformDefinition;
import org.apache.camel.model.UnmarshalDefinition;
import org.apache.camel.model.WhenDefinition;
import org.apache.camel.model.language.ExpressionDefinition;

/**
 * What a route file may do: translate, and nothing else. Each route starts at {@code direct:translate-<id>} of a
 * source the file declares; its steps set or transform the body and headers, choose, filter, log, convert, marshal and
 * unmarshal, and send only to a mapping beside the file ({@code jsonata:}, {@code xslt:}, {@code xslt-saxon:}) or to
 * {@code log:}. No other endpoint (no HTTP, Kafka, file, database, the hub's own routes), no bean or processor, no
 * expression that reaches beans: the file's output is a canonical message, and the hub's pipeline does the rest.
 */
final class RouteFileRules {
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final Set<String> MAPPINGS = Set.of("jsonata", "xslt", "xslt-saxon");
    private static final Set<String> LANGUAGES = Set.of("constant", "simple", "jsonpath", "xpath", "header", "exchangeProperty");
    /** Simple-language functions that reach beyond the message: beans, classes, the context, properties, files. */
    private static final Pattern REACHING = Pattern.compile("\\$\\{\\s*(bean|ref|type|camelContext|exchange\\b|properties|env|sys|"
            + "file|random|messageHistory|routeId|camelId|threadName|hostname)", Pattern.CASE_INSENSITIVE);

    /** A rule the file breaks, with the line of the definition that breaks it when known. */
    static final class Broken extends RuntimeException {
        private final Integer line;

        Broken(Integer line, String message) {
            super(message, null, false, false);
            this.line = line;
        }

        Integer line() {
            return line;
        }
    }

    private RouteFileRules() {
    }

    static void check(CamelContext camel, Path dir, Collection<RouteFileSource> declared, List<RouteDefinition> routes,
                      Set<String> takenIds) {
        if (declared.isEmpty()) {
            throw new Broken(null, "it declares no source (a bean of type " + RouteFileSource.class.getName() + ")");
        }
        Set<String> ids = new HashSet<>();
        for (RouteFileSource s : declared) {
            if (s.getId() == null || !ID.matcher(s.getId()).matches()) {
                throw new Broken(null, "source id '" + s.getId() + "' must be 1-63 of a-z, 0-9 and '-'");
            }
            if (takenIds.contains(s.getId()) || !ids.add(s.getId())) {
                throw new Broken(null, "source " + s.getId() + " is declared twice");
            }
            if (s.getRole() == null || s.getRole().isBlank()) {
                throw new Broken(null, "source " + s.getId() + " names no role");
            }
            if (s.factTypeNames().isEmpty()) {
                throw new Broken(null, "source " + s.getId() + " declares no fact type");
            }
        }
        Set<String> translated = new HashSet<>();
        for (RouteDefinition r : routes) {
            String from = r.getInput() == null ? null : r.getInput().getEndpointUri();
            String id = from != null && from.startsWith("direct:translate-") ? from.substring("direct:translate-".length()) : null;
            if (id == null || !ids.contains(id)) {
                throw new Broken(r.getLineNumber(), "a route starts at '" + from + "'; a route file's routes start at"
                        + " direct:translate-<id> of a source it declares (" + ids + ")");
            }
            if (!translated.add(id)) {
                throw new Broken(r.getLineNumber(), "source " + id + " has two translating routes");
            }
            steps(camel, dir, r.getOutputs());
        }
        for (String id : ids) {
            if (!translated.contains(id)) {
                throw new Broken(null, "source " + id + " has no route from direct:translate-" + id);
            }
        }
    }

    private static void steps(CamelContext camel, Path dir, List<ProcessorDefinition<?>> outputs) {
        for (ProcessorDefinition<?> p : outputs) {
            if (p instanceof ToDefinition to) {
                endpoint(camel, dir, to);
            } else if (p instanceof ChoiceDefinition choice) {
                for (WhenDefinition w : choice.getWhenClauses()) {
                    expression(lineOf(w), w.getExpression());
                    steps(camel, dir, w.getOutputs());
                }
                if (choice.getOtherwise() != null) {
                    steps(camel, dir, choice.getOtherwise().getOutputs());
                }
            } else if (p instanceof SetBodyDefinition || p instanceof TransformDefinition || p instanceof SetHeaderDefinition
                    || p instanceof SetPropertyDefinition || p instanceof FilterDefinition) {
                expression(p.getLineNumber(), ((ExpressionNode) p).getExpression());
                steps(camel, dir, p.getOutputs());
            } else if (!(p instanceof LogDefinition || p instanceof RemoveHeaderDefinition || p instanceof ConvertBodyDefinition
                    || p instanceof MarshalDefinition || p instanceof UnmarshalDefinition)) {
                throw new Broken(p.getLineNumber(), "step '" + p.getShortName() + "' is not allowed in a route file; it may only"
                        + " translate (setBody, transform, setHeader, choice, filter, log, convertBodyTo, marshal, unmarshal, and"
                        + " to a jsonata:, xslt: or xslt-saxon: mapping beside it)");
            }
        }
    }

    private static void endpoint(CamelContext camel, Path dir, ToDefinition to) {
        String uri = camel.resolvePropertyPlaceholders(to.getUri());
        int colon = uri.indexOf(':');
        String scheme = colon < 0 ? uri : uri.substring(0, colon).toLowerCase(Locale.ROOT);
        if (scheme.equals("log")) {
            return;
        }
        if (!MAPPINGS.contains(scheme)) {
            throw new Broken(to.getLineNumber(), "a route file sends only to its mappings (jsonata:, xslt:, xslt-saxon:) or to log:,"
                    + " not to '" + scheme + ":'");
        }
        String resource = uri.substring(colon + 1);
        int q = resource.indexOf('?');
        resource = q < 0 ? resource : resource.substring(0, q);
        if (!resource.startsWith("file:")) {
            throw new Broken(to.getLineNumber(), "mapping '" + resource + "' must be a file beside the route file (file:{{hub.routes.dir}}/...)");
        }
        Path mapping = Path.of(resource.substring("file:".length())).toAbsolutePath().normalize();
        if (!mapping.startsWith(dir.toAbsolutePath().normalize()) || !java.nio.file.Files.isRegularFile(mapping)) {
            throw new Broken(to.getLineNumber(), "mapping " + mapping + " is not a file in " + dir);
        }
    }

    private static Integer lineOf(Object definition) {
        return definition instanceof org.apache.camel.LineNumberAware l && l.getLineNumber() > 0 ? l.getLineNumber() : null;
    }

    private static void expression(Integer line, ExpressionDefinition e) {
        if (e == null) {
            return;
        }
        String language = e.getLanguage();
        if (!LANGUAGES.contains(language)) {
            throw new Broken(line, "expression language '" + language + "' is not allowed in a route file (" + LANGUAGES + ")");
        }
        if ("simple".equals(language) && e.getExpression() != null && REACHING.matcher(e.getExpression()).find()) {
            throw new Broken(line, "a simple expression in a route file reads the message only, not beans, the"
                    + " context, properties or files: " + e.getExpression());
        }
    }
}
