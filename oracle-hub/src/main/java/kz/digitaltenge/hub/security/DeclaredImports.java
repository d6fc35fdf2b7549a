package kz.digitaltenge.hub.security;

import java.util.List;

/**
 * The access rows of the sources' record imports ({@code POST /api/<source>/<path>}, declared by each source, not
 * written in {@link AccessRules}): added to the filter chain after the table, each admitting the import's roles and
 * the source's own. The intake checks the same roles again before anything is stored.
 */
public interface DeclaredImports {
    List<AccessRules.Rule> importRules();
}
