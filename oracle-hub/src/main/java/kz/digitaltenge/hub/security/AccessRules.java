package kz.digitaltenge.hub.security;

import static kz.digitaltenge.hub.security.HubRole.ADMIN;
import static kz.digitaltenge.hub.security.HubRole.AUDITOR;
import static kz.digitaltenge.hub.security.HubRole.BACK_OFFICE;
import static kz.digitaltenge.hub.security.HubRole.BANK;
import static kz.digitaltenge.hub.security.HubRole.EVENT_PROVIDER;
import static kz.digitaltenge.hub.security.HubRole.ISSUER;
import static kz.digitaltenge.hub.security.HubRole.TAXPAYER;
import static kz.digitaltenge.hub.security.HubRole.TAX_AUTHORITY;
import static kz.digitaltenge.hub.security.HubRole.TREASURY;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The access table of the HTTP API, in one place. The first rule whose method and path pattern match a request
 * decides; a request no rule matches is denied ({@code denyAll}), so a new endpoint is closed until it is given a
 * rule here. {@link SecurityConfiguration} turns the table into the filter chain; tests read it too. The table is
 * reproduced in oracle-hub/README.md ("Access").
 *
 * <p>Patterns are Spring {@link PathPattern}s ({@code *} one segment, {@code **} any rest). A rule's
 * {@code example} is a concrete path it covers, used by the tests to call every rule as every role.
 */
public final class AccessRules {
    /** One row: {@code method} null = every method; {@code open} = no authentication at all. */
    public record Rule(HttpMethod method, String pattern, boolean open, Set<HubRole> roles, String example) {
        public Rule {
            roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
            if (open && !roles.isEmpty()) {
                throw new IllegalArgumentException("an open rule names no roles: " + pattern);
            }
        }

        public boolean admits(HubRole role) {
            return open || roles.contains(role);
        }

        boolean matches(HttpMethod requestMethod, String path) {
            return (method == null || method.equals(requestMethod))
                    && PathPatternParser.defaultInstance.parse(pattern).matches(PathContainer.parsePath(path));
        }
    }

    private static final Set<HubRole> ANY = HubRole.all();

    private static Rule open(HttpMethod method, String pattern, String example) {
        return new Rule(method, pattern, true, Set.of(), example);
    }

    /** A row for a path the table does not name itself (a source's declared record import). */
    public static Rule declared(HttpMethod method, String pattern, Set<HubRole> roles) {
        return new Rule(method, pattern, false, roles, pattern);
    }

    private static Rule rule(HttpMethod method, String pattern, String example, HubRole... roles) {
        return new Rule(method, pattern, false, EnumSet.copyOf(List.of(roles)), example);
    }

    private static Rule anyRole(HttpMethod method, String pattern, String example) {
        return new Rule(method, pattern, false, ANY, example);
    }

    private static final HttpMethod GET = HttpMethod.GET;
    private static final HttpMethod POST = HttpMethod.POST;
    private static final HttpMethod PUT = HttpMethod.PUT;

    /** The table, in matching order. */
    public static final List<Rule> RULES = List.of(
            // operations
            // health is open for probes, but answers an anonymous caller its status only
            // (management.endpoint.health.show-details: when-authorized)
            open(GET, "/actuator/health", "/actuator/health"),
            open(GET, "/actuator/health/**", "/actuator/health/db"),
            // info names the versions of what runs inside: for those who operate and audit the hub
            rule(GET, "/actuator/info", "/actuator/info", ADMIN, AUDITOR),
            // the flows' figures for scraping (Micrometer): for those who operate the hub
            rule(GET, "/actuator/prometheus", "/actuator/prometheus", ADMIN, AUDITOR, BACK_OFFICE),
            // the admin UI: its page, scripts and styles hold no data (everything comes from the API below); its sign-in
            // (POST /admin/login) and sign-out (POST /admin/logout) are Spring Security's filters, answered before
            // this table is consulted, and need the CSRF token
            open(GET, "/admin", "/admin"),
            open(GET, "/admin/**", "/admin/index.html"),
            anyRole(GET, "/api/me", "/api/me"),
            anyRole(PUT, "/api/me/language", "/api/me/language"),
            anyRole(GET, "/v3/api-docs", "/v3/api-docs"),
            anyRole(GET, "/v3/api-docs/**", "/v3/api-docs/swagger-config"),
            anyRole(GET, "/swagger-ui.html", "/swagger-ui.html"),
            anyRole(GET, "/swagger-ui/**", "/swagger-ui/index.html"),
            // ledger: the signatures inside a transaction are the real authority; these roles may submit one
            rule(POST, "/api/ledger/transactions", "/api/ledger/transactions", BANK, TREASURY, ISSUER),
            // registrations
            rule(POST, "/api/ledger/participants", "/api/ledger/participants", ADMIN),
            rule(POST, "/api/ledger/participants/**", "/api/ledger/participants/990340000014/keys", ADMIN),
            rule(POST, "/api/ledger/accounts", "/api/ledger/accounts", ADMIN),
            rule(POST, "/api/ledger/accounts/**", "/api/ledger/accounts/KZ000000000000000000/delegations", ADMIN),
            anyRole(GET, "/api/ledger/**", "/api/ledger/supply"),
            // the Treasury opens government bodies' budget accounts (serviced by it, it their delegate), nothing else
            rule(POST, "/api/treasury/government-accounts", "/api/treasury/government-accounts", TREASURY),
            // oracle facts: facts signed elsewhere (by a registered ORACLE key) come from the source systems;
            // the hub signs with its own oracle key for its operator only
            rule(POST, "/api/oracle/facts/sign", "/api/oracle/facts/sign", ADMIN),
            rule(POST, "/api/oracle/facts", "/api/oracle/facts", TAX_AUTHORITY, EVENT_PROVIDER, ADMIN),
            anyRole(GET, "/api/oracle/facts", "/api/oracle/facts"),
            anyRole(GET, "/api/oracle/facts/**", "/api/oracle/facts/00"),
            // the evidence log is for those who audit and operate the hub
            rule(GET, "/api/oracle/evidence/**", "/api/oracle/evidence/verify", AUDITOR, BACK_OFFICE, ADMIN),
            // a checkpoint is a statement signed with the hub's oracle key: only its operator asks for one out of schedule
            rule(POST, "/api/oracle/evidence/checkpoints", "/api/oracle/evidence/checkpoints", ADMIN),
            // programmable money
            rule(POST, "/api/programmable/address-lists", "/api/programmable/address-lists", TREASURY, BANK, ADMIN),
            rule(POST, "/api/programmable/events/*/release", "/api/programmable/events/ev-1/release", EVENT_PROVIDER, ADMIN),
            rule(POST, "/api/programmable/events/*/hold-approvals", "/api/programmable/events/ev-1/hold-approvals", BANK, TREASURY, ADMIN),
            rule(POST, "/api/programmable/holds/expiry/run", "/api/programmable/holds/expiry/run", ADMIN),
            // many holds at once: releases for registered occurrences (as the single release), voids by the programme's owner
            rule(POST, "/api/programmable/holds/releases", "/api/programmable/holds/releases", EVENT_PROVIDER, ADMIN),
            rule(POST, "/api/programmable/holds/voids", "/api/programmable/holds/voids", TREASURY, ADMIN),
            anyRole(GET, "/api/programmable/**", "/api/programmable/trace"),
            // intake of source systems: each source is spoken for by the one role its declaration names (a route
            // module's SourceSystem, or hub.intake.sources); the intake's first step refuses every other caller 403
            // before anything is stored, so a new source needs no rule here — and an unknown source is refused too
            anyRole(POST, "/api/intake/*", "/api/intake/einvoice"),
            rule(GET, "/api/intake/sources", "/api/intake/sources", ADMIN, AUDITOR, BACK_OFFICE),
            anyRole(GET, "/api/reasons", "/api/reasons"),
            // quarantine (a later module): the back office reads and acts, the auditor reads
            // Digital VAT: invoices from the e-invoice IS, payment orders and statements for 1C, the banks' confirmation
            rule(POST, "/api/einvoice/invoices", "/api/einvoice/invoices", TAX_AUTHORITY),
            rule(GET, "/api/invoices/*", "/api/invoices/ESF-1", TAX_AUTHORITY, TAXPAYER, BANK, BACK_OFFICE, AUDITOR),
            // payment orders of every source that sends them (1C: erp-1c); a source that sends none answers 404
            rule(POST, "/api/*/payment-orders", "/api/erp-1c/payment-orders", TAXPAYER, BANK),
            rule(GET, "/api/*/statements", "/api/erp-1c/statements", TAXPAYER, BANK, AUDITOR),
            rule(GET, "/api/payments/**", "/api/payments/1", TAXPAYER, BANK, BACK_OFFICE, AUDITOR),
            rule(POST, "/api/payments/*/confirm", "/api/payments/1/confirm", BANK),
            rule(POST, "/api/payments/*/decline", "/api/payments/1/decline", BANK),
            // the flows dashboard: intake, quarantine, payments awaiting, evidence, cluster
            rule(GET, "/api/flows", "/api/flows", ADMIN, AUDITOR, BACK_OFFICE),
            rule(GET, "/api/quarantine/**", "/api/quarantine/items", BACK_OFFICE, AUDITOR),
            rule(POST, "/api/quarantine/**", "/api/quarantine/items/1/release", BACK_OFFICE));

    private AccessRules() {
    }

    /** The rule that decides a request, or empty when none matches (denied). */
    public static Optional<Rule> decide(HttpMethod method, String path) {
        return RULES.stream().filter(r -> r.matches(method, path)).findFirst();
    }

    /** Whether a caller holding {@code roles} may call {@code method path} (false when no rule matches). */
    public static boolean admits(Set<HubRole> roles, HttpMethod method, String path) {
        return decide(method, path).map(r -> r.open() || roles.stream().anyMatch(r::admits)).orElse(false);
    }
}
