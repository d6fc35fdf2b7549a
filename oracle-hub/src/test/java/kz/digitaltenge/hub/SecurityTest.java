package kz.digitaltenge.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kz.digitaltenge.hub.security.AccessRules;
import kz.digitaltenge.hub.security.AccessRules.Rule;
import kz.digitaltenge.hub.security.HubRole;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpMethod;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The access table ({@link AccessRules}) is what the hub enforces: every rule is called as every role (admitted →
 * neither 401 nor 403; not admitted → 403 NOT_AUTHORIZED), without credentials (401 NOT_AUTHENTICATED unless the
 * rule is open), and every endpoint the application maps under /api is named by a rule; a path no rule names is
 * denied, never a 404 that tells what exists.
 */
class SecurityTest extends HubTestBase {
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Autowired
    kz.digitaltenge.hub.security.DeclaredImports declaredImports;

    private Response call(String user, HttpMethod method, String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path));
        if (method == HttpMethod.GET) {
            b.GET();
        } else {
            // an empty object: refused as MALFORMED (or NOT_FOUND) by an endpoint that admits the caller, changes nothing
            b.header("Content-Type", "application/json").method(method.name(), HttpRequest.BodyPublishers.ofString("{}"));
        }
        return sendAs(user, b);
    }

    private static HttpMethod methodOf(Rule rule) {
        return rule.method() == null ? HttpMethod.POST : rule.method();
    }

    @Test
    void unauthenticatedCallsAreRefusedWith401InTheApiShape() {
        Response r = call(null, HttpMethod.GET, "/api/ledger/supply");
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.reason()).isEqualTo("NOT_AUTHENTICATED");
        assertThat(r.body().path("message").asText()).isNotBlank();
        Response post = call(null, HttpMethod.POST, "/api/ledger/transactions");
        assertThat(post.status()).isEqualTo(401);
        assertThat(post.reason()).isEqualTo("NOT_AUTHENTICATED");
    }

    @Test
    void wrongPasswordAndUnknownUserAre401() {
        Response wrong = send(HttpRequest.newBuilder(uri("/api/ledger/supply"))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                        (OPERATOR + ":not-the-password").getBytes(java.nio.charset.StandardCharsets.UTF_8))).GET().build());
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.reason()).isEqualTo("NOT_AUTHENTICATED");
        Response unknown = send(HttpRequest.newBuilder(uri("/api/ledger/supply"))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                        "nobody:x".getBytes(java.nio.charset.StandardCharsets.UTF_8))).GET().build());
        assertThat(unknown.status()).isEqualTo(401);
    }

    @Test
    void healthIsPublicButOnlyOperatorsSeeItsComponents() {
        // anonymous probes (and roles that do not operate the hub) learn UP or DOWN, not the disk path, the
        // Hazelcast member's uuid or the versions inside
        for (String user : java.util.Arrays.asList(null, userOf(HubRole.TAXPAYER), userOf(HubRole.BANK))) {
            Response r = call(user, HttpMethod.GET, "/actuator/health");
            assertThat(r.status()).as(user + " " + r.raw()).isEqualTo(200);
            assertThat(r.body().path("status").asText()).isEqualTo("UP");
            // ... and the name of the load balancer's health group, which says nothing about the hub
            assertThat(r.body().fieldNames()).toIterable().as(user + " " + r.raw()).containsExactly("status", "groups");
            assertThat(r.body().path("groups").toString()).isEqualTo("[\"serving\"]");
            assertThat(call(user, HttpMethod.GET, "/actuator/health/diskSpace").status()).as(user).isEqualTo(404);
            // the load balancer's group: the database and the spent-set member, not the Kafka consumers
            Response serving = call(user, HttpMethod.GET, "/actuator/health/serving");
            assertThat(serving.status()).as(user + " " + serving.raw()).isEqualTo(200);
            assertThat(serving.body().path("status").asText()).isEqualTo("UP");
        }
        Response serving = call(userOf(HubRole.ADMIN), HttpMethod.GET, "/actuator/health/serving");
        assertThat(serving.body().path("components").fieldNames()).toIterable().as(serving.raw())
                .containsExactlyInAnyOrder("ping", "db", "hazelcast");
        for (HubRole role : List.of(HubRole.ADMIN, HubRole.AUDITOR, HubRole.BACK_OFFICE)) {
            Response r = call(userOf(role), HttpMethod.GET, "/actuator/health");
            assertThat(r.status()).as(r.raw()).isEqualTo(200);
            assertThat(r.body().path("components").path("db").path("details").isMissingNode()).as(role + " " + r.raw()).isFalse();
            assertThat(r.body().path("components").path("hazelcast").path("status").asText()).as(role.name()).isEqualTo("UP");
        }
    }

    @Test
    void infoIsForTheOperatorAndTheAuditorOnly() {
        assertThat(call(userOf(HubRole.ADMIN), HttpMethod.GET, "/actuator/info").status()).isEqualTo(200);
        assertThat(call(userOf(HubRole.AUDITOR), HttpMethod.GET, "/actuator/info").status()).isEqualTo(200);
        Response taxpayer = call(BOUND_TAXPAYER, HttpMethod.GET, "/actuator/info");
        assertThat(taxpayer.status()).isEqualTo(403);
        assertThat(taxpayer.raw()).doesNotContain("version");
    }

    @Test
    void urlsTheFirewallOrTomcatRefuseAnswerMalformedInTheApiShape() {
        // Spring Security's firewall refuses the first ones, Tomcat the encoded separators and NUL before Spring
        for (String path : List.of("/api//ledger/supply", "/api/ledger/supply;jsessionid=x", "/api/ledger/%2e%2e/supply",
                "/api/ledger%2Fsupply", "/api/ledger/supply%00", "/api/ledger%5Csupply", "/actuator/health;x")) {
            for (String user : java.util.Arrays.asList(null, OPERATOR)) {
                Response r = call(user, HttpMethod.GET, path);
                String what = user + " " + path + " → " + r.status() + " " + r.raw();
                assertThat(r.status()).as(what).isEqualTo(400);
                assertThat(r.reason()).as(what).isEqualTo("MALFORMED");
                assertThat(r.body().path("message").asText()).as(what).isNotBlank();
                assertThat(r.body().fieldNames()).toIterable().as(what).containsExactlyInAnyOrder("reason", "message");
                assertThat(r.raw()).as(what).doesNotContainIgnoringCase("tomcat").doesNotContain("Exception", "timestamp");
            }
        }
        // the error page itself is no endpoint of the API
        Response direct = call(OPERATOR, HttpMethod.GET, "/error");
        assertThat(direct.status()).isEqualTo(403);
        assertThat(direct.reason()).isEqualTo("NOT_AUTHORIZED");
    }

    @Test
    void everyRuleAdmitsItsRolesAndDeniesTheOthers() {
        for (Rule rule : AccessRules.RULES) {
            HttpMethod method = methodOf(rule);
            assertThat(AccessRules.decide(method, rule.example())).as("example of %s", rule.pattern()).contains(rule);
            for (HubRole role : HubRole.values()) {
                // a taxpayer acts for its party only: the table is checked with the taxpayer user bound to one
                Response r = call(role == HubRole.TAXPAYER ? BOUND_TAXPAYER : userOf(role), method, rule.example());
                String what = role + " " + method + " " + rule.example() + " → " + r.status() + " " + r.raw();
                if (rule.pattern().equals("/api/intake/*") && role != HubRole.TAX_AUTHORITY) {
                    // the table lets every role reach the intake; the intake admits only the source's declared role
                    assertThat(r.status()).as(what).isEqualTo(403);
                    assertThat(r.reason()).as(what).isEqualTo("NOT_AUTHORIZED");
                } else if (rule.admits(role) && role == HubRole.TAXPAYER && r.status() == 403) {
                    // admitted by role, refused by the party scope: only endpoints marked for narrowed callers serve them
                    assertThat(r.body().path("message").asText()).as(what).contains("acts for").contains("whole hub");
                } else if (rule.admits(role)) {
                    assertThat(r.status()).as(what).isNotIn(401, 403);
                } else {
                    assertThat(r.status()).as(what).isEqualTo(403);
                    assertThat(r.reason()).as(what).isEqualTo("NOT_AUTHORIZED");
                }
            }
            Response anonymous = call(null, method, rule.example());
            if (rule.open()) {
                assertThat(anonymous.status()).as(rule.example()).isNotIn(401, 403);
            } else {
                assertThat(anonymous.status()).as(rule.example()).isEqualTo(401);
            }
        }
    }

    @Test
    void everyRoleMayCallSomethingAndIsDeniedSomething() {
        for (HubRole role : HubRole.values()) {
            List<Rule> admitted = new ArrayList<>();
            List<Rule> denied = new ArrayList<>();
            for (Rule rule : AccessRules.RULES) {
                if (rule.open()) {
                    continue;
                }
                (rule.admits(role) ? admitted : denied).add(rule);
            }
            assertThat(admitted).as("%s may call something", role).isNotEmpty();
            assertThat(denied).as("%s is denied something", role).isNotEmpty();
            // a write of its own, not only a read, for every role that has one
            assertThat(admitted.stream().anyMatch(r -> r.method() != HttpMethod.GET) || role == HubRole.AUDITOR)
                    .as("%s has a write", role).isTrue();
        }
        // the auditor writes nothing: no write rule admits it, but the intake's, where no source may be spoken for by
        // the auditor (SourceSystems refuses such a declaration at start) — everyRuleAdmitsItsRoles... proves the 403
        assertThat(AccessRules.RULES.stream().filter(r -> r.method() != HttpMethod.GET && !r.pattern().equals("/api/intake/*")
                        // a user's own language in the admin UI is no write of the hub's state
                        && !r.pattern().equals("/api/me/language"))
                .noneMatch(r -> r.admits(HubRole.AUDITOR))).isTrue();
    }

    @Test
    void aPathNoRuleNamesIsDeniedForEveryRoleNot404() {
        for (String path : List.of("/api/nothing-here", "/api/ledger/secret-admin", "/actuator/env", "/actuator/beans")) {
            for (HttpMethod method : List.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.DELETE)) {
                if (AccessRules.decide(method, path).isPresent()) {
                    continue;
                }
                for (HubRole role : HubRole.values()) {
                    Response r = call(userOf(role), method, path);
                    assertThat(r.status()).as(role + " " + method + " " + path + " " + r.raw()).isEqualTo(403);
                    assertThat(r.reason()).isEqualTo("NOT_AUTHORIZED");
                }
                assertThat(call(null, method, path).status()).isEqualTo(401);
            }
        }
        // even the operator holding ADMIN: deny by default has no super-user
        Response r = call(OPERATOR, HttpMethod.GET, "/api/nothing-here");
        assertThat(r.status()).isEqualTo(403);
        // and a write to a read-only rule's path
        assertThat(call(userOf(HubRole.AUDITOR), HttpMethod.DELETE, "/api/ledger/supply").status()).isEqualTo(403);
    }

    @Test
    void theReadmesAccessTableIsTheTable() throws Exception {
        // oracle-hub/README.md "The table" is what operators read: every row is a rule with the same roles, and back
        String readme = java.nio.file.Files.readString(java.nio.file.Path.of("README.md"));
        String table = readme.substring(readme.indexOf("### The table"), readme.indexOf("| anything else |"));
        Map<String, Set<String>> documented = new java.util.LinkedHashMap<>();
        java.util.regex.Pattern code = java.util.regex.Pattern.compile("`([^`]+)`");
        for (String line : table.lines().filter(l -> l.startsWith("| GET ") || l.startsWith("| POST ") || l.startsWith("| PUT ")).toList()) {
            String[] cells = line.split("\\|");
            String admitted = cells[3].strip();
            Set<String> roles = admitted.startsWith("everyone") ? Set.of("(open)") : admitted.equals("any role")
                    ? Set.of("(any)") : Set.copyOf(List.of(admitted.split(",\\s*")));
            java.util.regex.Matcher m = code.matcher(cells[2]);
            while (m.find()) {
                assertThat(documented.put(cells[1].strip() + " " + m.group(1), roles)).as(line).isNull();
            }
        }
        Map<String, Set<String>> enforced = new java.util.LinkedHashMap<>();
        for (Rule rule : AccessRules.RULES) {
            enforced.put(rule.method() + " " + rule.pattern(), rule.open() ? Set.of("(open)")
                    : rule.roles().equals(HubRole.all()) ? Set.of("(any)")
                    : rule.roles().stream().map(Enum::name).collect(java.util.stream.Collectors.toSet()));
        }
        assertThat(documented).isEqualTo(enforced);
    }

    @Test
    void everyMappedApiEndpointIsNamedByARule() {
        int checked = 0;
        for (Map.Entry<RequestMappingInfo, ?> e : mappings.getHandlerMethods().entrySet()) {
            RequestMappingInfo info = e.getKey();
            Set<String> patterns = info.getPatternValues();
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String pattern : patterns) {
                if (!pattern.startsWith("/api/")) {
                    continue;
                }
                if (declaredImports.importRules().stream().anyMatch(r -> r.pattern().equals(pattern))) {
                    // a source's record import: its row comes from the declaration, added after the table
                    assertThat(AccessRules.decide(HttpMethod.POST, pattern)).as("imports are not in the static table").isEmpty();
                    checked++;
                    continue;
                }
                // a source system is a path variable whose values each have a rule of their own
                String example = pattern.replace("{source}", "einvoice").replaceAll("\\{[^}]+}", "x");
                for (RequestMethod m : methods.isEmpty() ? EnumSet.allOf(RequestMethod.class) : methods) {
                    HttpMethod method = HttpMethod.valueOf(m.name());
                    if (method == HttpMethod.HEAD || method == HttpMethod.OPTIONS || method == HttpMethod.TRACE) {
                        continue;
                    }
                    assertThat(AccessRules.decide(method, example)).as("a rule for %s %s", method, pattern).isPresent();
                    assertThat(AccessRules.decide(method, example).get().roles()).as("%s %s names roles", method, pattern)
                            .isNotEmpty();
                    checked++;
                }
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(20);
    }
}
