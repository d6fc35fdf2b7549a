package kz.digitaltenge.hub.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import kz.digitaltenge.hub.web.ApiError;
import kz.digitaltenge.hub.config.HubProperties;
import kz.digitaltenge.canonical.ReasonCode;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * Authentication and authorization of the HTTP API: HTTP Basic for machines (stateless: it never makes a session; use
 * TLS in front of the hub) and, for people in the admin UI, a sign-in form ({@code POST /admin/login}) that makes a
 * session (cookie {@code HUBSESSION}, HttpOnly, SameSite=Strict, {@code server.servlet.session.timeout}); users from
 * {@link HubUsers}, and the {@link AccessRules} table, denying everything it does not name. {@link BrowserRequests}
 * says which requests need a CSRF token. Refusals answer
 * the API's error shape: 401 {@code {"reason":"NOT_AUTHENTICATED",...}} (with {@code WWW-Authenticate: Basic}) and
 * 403 {@code {"reason":"NOT_AUTHORIZED",...}}. NOT_AUTHENTICATED exists only at this HTTP edge; the ledger never
 * sees an unauthenticated request.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {
    /** Reason of a 401; not a ledger {@link ReasonCode}. */
    public static final String NOT_AUTHENTICATED = kz.digitaltenge.canonical.ReasonCode.NOT_AUTHENTICATED.name();
    static final String REALM = "tenge-hub";

    @Bean
    HubUsers hubUsers(HubProperties properties) {
        return HubUsers.create(properties, System.out);
    }

    @Bean
    PasswordEncoder passwordEncoder(HubProperties properties) {
        return new CachingPasswordEncoder(properties.getSecurity().getVerifiedCacheTtl());
    }

    /**
     * No Micrometer observation around each of Spring Security's filters, authentications and authorizations: with
     * the actuator on the classpath Spring Security wraps every filter of every request in an observation of its own
     * (a dozen per request): the security chain's own share of an authenticated request's CPU samples was 11.8 %
     * with them and is 4.7 % without (the HTTP floor's profile, docs/benchmarks.md). The request as a whole is still
     * observed ({@code http.server.requests}), which is what operators scrape; the refusals are in the log and the
     * API's answers.
     */
    @Bean
    org.springframework.security.config.observation.SecurityObservationSettings securityObservations() {
        return org.springframework.security.config.observation.SecurityObservationSettings.noObservations();
    }

    /**
     * The firewall's refusals ({@code //}, {@code ;}, {@code %2F}, {@code %5C}, {@code %00}, {@code ..} in a path,
     * a method or header it does not allow): 400 MALFORMED in the API's shape. Without it Spring Security sent a bare
     * 400 that Boot's error page answered in its own format, without a reason. Spring Security's WebSecurity uses
     * this bean for every filter chain.
     */
    @Bean
    RequestRejectedHandler requestRejected(ObjectMapper json) {
        return (request, response, e) -> write(json, response, HttpStatus.BAD_REQUEST, ReasonCode.MALFORMED.name(),
                "the request is refused: its method, URL or a header holds what the hub does not allow (an encoded or "
                        + "doubled separator, ';', '\\', '..', a control character, a method other than the API's)");
    }

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, ObjectMapper json, SignedInUser me,
                                    org.springframework.beans.factory.ObjectProvider<DeclaredImports> imports) throws Exception {
        List<AccessRules.Rule> rules = new java.util.ArrayList<>(AccessRules.RULES);
        imports.orderedStream().forEach(i -> rules.addAll(i.importRules()));
        AuthenticationEntryPoint unauthenticated = (request, response, e) -> {
            if (!BrowserRequests.fromAdminUi(request)) {
                // the admin UI signs in with its form: a Basic challenge would pop up the browser's own dialog
                response.setHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"");
            }
            write(json, response, HttpStatus.UNAUTHORIZED, NOT_AUTHENTICATED,
                    "authenticate with HTTP Basic (an API user of the hub)");
        };
        AccessDeniedHandler denied = (request, response, e) -> {
            if (e instanceof org.springframework.security.web.csrf.CsrfException) {
                write(json, response, HttpStatus.FORBIDDEN, ReasonCode.NOT_AUTHORIZED.name(), "the request carries no valid"
                        + " CSRF token (header X-XSRF-TOKEN with the value of the cookie XSRF-TOKEN); sign in again");
                return;
            }
            write(json, response, HttpStatus.FORBIDDEN, ReasonCode.NOT_AUTHORIZED.name(), "your roles do not admit "
                    + request.getMethod() + " " + request.getRequestURI());
        };
        http.csrf(c -> c.csrfTokenRepository(BrowserRequests.csrfTokens())
                        .csrfTokenRequestHandler(new CsrfTokenRequestAttributeHandler())
                        .requireCsrfProtectionMatcher(BrowserRequests::needCsrfToken))
                .addFilterAfter(BrowserRequests.csrfCookie(), CsrfFilter.class)
                .formLogin(f -> f.loginProcessingUrl(BrowserRequests.LOGIN)
                        .successHandler((request, response, auth) -> {
                            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
                            json.writeValue(response.getOutputStream(), me.of(auth));
                        })
                        .failureHandler((request, response, e) -> write(json, response, HttpStatus.UNAUTHORIZED, NOT_AUTHENTICATED,
                                "wrong user name or password")))
                .logout(l -> l.logoutUrl(BrowserRequests.LOGOUT)
                        .logoutSuccessHandler((request, response, auth) -> response.setStatus(HttpStatus.NO_CONTENT.value())))
                .requestCache(AbstractHttpConfigurer::disable)
                // only the sign-in form makes a session; Basic keeps its authentication to the request
                // (and no filter stores a Basic login in one afterwards: the form login runs its session strategy itself)
                // (sessions are made when needed, Spring's default; naming that policy would bring the filter back)
                .sessionManagement(s -> s.requireExplicitAuthenticationStrategy(true))
                // Basic keeps its authentication to the request: a machine's call must never make a session (with
                // sessions on, Spring would otherwise store every Basic login in a new one)
                .httpBasic(b -> b.realmName(REALM).authenticationEntryPoint(unauthenticated)
                        .securityContextRepository(new org.springframework.security.web.context.RequestAttributeSecurityContextRepository()))
                .exceptionHandling(e -> e.authenticationEntryPoint(unauthenticated).accessDeniedHandler(denied))
                .authorizeHttpRequests(auth -> {
                    // an error dispatch re-enters the chain after the request was already authorized
                    auth.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll();
                    for (AccessRules.Rule rule : rules) {
                        var matcher = PathPatternRequestMatcher.withDefaults().matcher(rule.method(), rule.pattern());
                        if (rule.open()) {
                            auth.requestMatchers(matcher).permitAll();
                        } else {
                            auth.requestMatchers(matcher).hasAnyRole(
                                    rule.roles().stream().map(Enum::name).sorted().toArray(String[]::new));
                        }
                    }
                    auth.anyRequest().denyAll();
                });
        return http.build();
    }

    private static void write(ObjectMapper json, HttpServletResponse response, HttpStatus status, String reason,
                              String message) throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        json.writeValue(response.getOutputStream(), new ApiError(reason, message));
    }
}
