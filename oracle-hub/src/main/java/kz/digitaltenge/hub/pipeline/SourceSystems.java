package kz.digitaltenge.hub.pipeline;

import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import kz.digitaltenge.canonical.source.SourceSystem;
import kz.digitaltenge.hub.security.HubRole;
import kz.digitaltenge.ledger.fact.FactType;

/**
 * Every source system the intake takes: those route modules declare (their {@link SourceSystem} beans, wired by the
 * modules' own auto-configuration) and those {@code hub.intake.*} declares for systems that send canonical messages
 * themselves. Configuration may narrow a module's source (its role, its fact types) but adds no translator. Checked
 * at start: a known role, known fact types, no approval, no id twice among the modules.
 */
public final class SourceSystems implements kz.digitaltenge.hub.web.SourceBodyLimits, kz.digitaltenge.hub.security.DeclaredImports {
    private final Map<String, Declared> sources;

    /** A source as the pipeline uses it: the declaration, its role and its fact types, checked. */
    public record Declared(SourceSystem system, HubRole role, Set<FactType> factTypes) {
        public String id() {
            return system.id();
        }
    }

    public SourceSystems(Collection<SourceSystem> modules, IntakeProperties config) {
        Map<String, SourceSystem> all = new LinkedHashMap<>();
        for (SourceSystem s : modules) {
            if (all.putIfAbsent(s.id(), s) != null) {
                throw new IllegalStateException("two route modules declare source system " + s.id());
            }
        }
        Map<String, Set<FactType>> configuredTypes = config.declaredFactTypes();
        for (Map.Entry<String, String> e : config.getSources().entrySet()) {
            all.putIfAbsent(e.getKey(), new ConfiguredSource(e.getKey(), e.getValue(),
                    configuredTypes.getOrDefault(e.getKey(), Set.of()).stream().map(Enum::name).toList()));
        }
        Map<String, Declared> checked = new LinkedHashMap<>();
        for (SourceSystem s : all.values()) {
            String roleName = config.getSources().getOrDefault(s.id(), s.role());
            HubRole role;
            try {
                role = HubRole.valueOf(roleName);
            } catch (IllegalArgumentException | NullPointerException ex) {
                throw new IllegalStateException("source system " + s.id() + " names role " + roleName + ", which the hub does not have");
            }
            if (role == HubRole.AUDITOR || role == HubRole.BACK_OFFICE || role == HubRole.ADMIN) {
                // the auditor writes nothing, the back office corrects messages, the operator registers: none speaks for a source
                throw new IllegalStateException("source system " + s.id() + " names role " + role + ", which speaks for no source");
            }
            Set<FactType> types = configuredTypes.containsKey(s.id()) ? configuredTypes.get(s.id()) : factTypes(s);
            checked.put(s.id(), new Declared(s, role, Set.copyOf(types)));
        }
        this.sources = Map.copyOf(checked);
    }

    private static Set<FactType> factTypes(SourceSystem s) {
        Set<FactType> types = EnumSet.noneOf(FactType.class);
        for (String name : s.factTypes()) {
            FactType t;
            try {
                t = FactType.valueOf(name);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("source system " + s.id() + " declares unknown fact type " + name);
            }
            if (FactIntake.APPROVALS.contains(t)) {
                throw new IllegalStateException("source system " + s.id() + " declares " + t
                        + ": approvals are produced by the oracle's own logic only, never accepted from a source");
            }
            types.add(t);
        }
        return types;
    }

    /** Each source's record imports: the import's roles and the source's own (HubRole names the hub does not have are skipped). */
    @Override
    public List<kz.digitaltenge.hub.security.AccessRules.Rule> importRules() {
        List<kz.digitaltenge.hub.security.AccessRules.Rule> rules = new java.util.ArrayList<>();
        for (Declared d : sources.values()) {
            for (kz.digitaltenge.canonical.source.RecordImport i : d.system().imports()) {
                Set<HubRole> roles = EnumSet.of(d.role());
                for (String r : i.roles()) {
                    try {
                        roles.add(HubRole.valueOf(r));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalStateException("source system " + d.id() + ": import " + i.path() + " names role " + r
                                + ", which the hub does not have");
                    }
                }
                rules.add(kz.digitaltenge.hub.security.AccessRules.declared(org.springframework.http.HttpMethod.POST,
                        "/api/" + d.id() + "/" + i.path(), roles));
            }
        }
        return rules;
    }

    @Override
    public boolean imports(String id, String path) {
        return find(id).map(d -> d.system().imports().stream().anyMatch(i -> i.path().equals(path))).orElse(false);
    }

    public Optional<Declared> find(String id) {
        return Optional.ofNullable(sources.get(id));
    }

    @Override
    public boolean sendsPaymentOrders(String id) {
        return find(id).map(d -> d.system().paymentOrders() != null).orElse(false);
    }

    @Override
    public long documentLimit(String id) {
        return find(id).map(d -> d.system().maxMessageBytes()).orElse(0L);
    }

    public Set<String> ids() {
        return sources.keySet();
    }

    public Collection<Declared> all() {
        return sources.values();
    }

    /** A source configured in {@code hub.intake.*}: it sends canonical messages and has no hooks of its own. */
    private record ConfiguredSource(String id, String role, List<String> factTypeNames) implements SourceSystem {
        @Override
        public Set<String> factTypes() {
            return Set.copyOf(factTypeNames);
        }
    }
}
