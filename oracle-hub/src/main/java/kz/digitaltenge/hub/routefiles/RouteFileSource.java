package kz.digitaltenge.hub.routefiles;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A source system declared in a route file, as a bean of its {@code beans:} section:
 * <pre>
 * - beans:
 *     - name: acmeGrants
 *       type: kz.digitaltenge.hub.routefiles.RouteFileSource
 *       properties:
 *         id: acme-grants
 *         role: EVENT_PROVIDER
 *         factTypes: EVENT_REGISTERED,EVENT_OCCURRED
 *         headers: ""
 *         directory: /var/spool/acme    # optional: files dropped here are this source's messages
 * </pre>
 * Its translation is the file's route {@code from: direct:translate-<id>} (docs/adding-a-source.md).
 */
public final class RouteFileSource {
    private String id;
    private String role;
    private String factTypes = "";
    private String headers = "";
    /** A directory the hub watches for this source's files (each file one message), or empty. */
    private String directory = "";

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getRole() {
        return role;
    }

    public void setRole(String role) {
        this.role = role;
    }

    public String getFactTypes() {
        return factTypes;
    }

    public void setFactTypes(String factTypes) {
        this.factTypes = factTypes;
    }

    public String getHeaders() {
        return headers;
    }

    public void setHeaders(String headers) {
        this.headers = headers;
    }

    public String getDirectory() {
        return directory;
    }

    public void setDirectory(String directory) {
        this.directory = directory;
    }

    Set<String> factTypeNames() {
        return names(factTypes);
    }

    Set<String> headerNames() {
        return names(headers);
    }

    private static Set<String> names(String list) {
        Set<String> out = new LinkedHashSet<>();
        if (list != null) {
            Arrays.stream(list.split(",")).map(String::strip).filter(s -> !s.isEmpty()).forEach(out::add);
        }
        return out;
    }
}
