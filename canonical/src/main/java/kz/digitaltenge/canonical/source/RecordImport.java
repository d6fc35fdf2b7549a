package kz.digitaltenge.canonical.source;

import java.util.Objects;
import java.util.Set;

/**
 * A named import of a source's records over HTTP besides its intake path: {@code POST /api/<source id>/<path>}, for
 * back offices and tests when the source system itself cannot be reached (the procurement portal's contracts, acts and
 * Treasury payments). The body is the source's own format, translated like any other message of the source, with the
 * header {@link SourceHeaders#IMPORT} naming the path; the answer lists each record's outcome. Admitted to the source's
 * own role and to {@code roles}; nobody else (the intake refuses 403 before anything is stored).
 *
 * @param path        one path segment, lower case ({@code contracts}, {@code treasury-pay})
 * @param roles       hub roles besides the source's own that may import (e.g. TREASURY, BACK_OFFICE)
 * @param description what the import takes, for the API's documentation
 */
public record RecordImport(String path, Set<String> roles, String description) {
    public RecordImport {
        Objects.requireNonNull(path, "path");
        if (!path.matches("[a-z][a-z0-9-]{0,39}")) {
            throw new IllegalArgumentException("an import path is one lower-case segment: " + path);
        }
        roles = Set.copyOf(roles);
        description = description == null ? "" : description;
    }
}
