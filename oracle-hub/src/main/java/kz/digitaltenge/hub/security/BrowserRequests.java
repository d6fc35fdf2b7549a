package kz.digitaltenge.hub.security;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRepository;

/**
 * What sets a person's browser apart from a machine client, for CSRF. A machine authenticates every request with HTTP
 * Basic and sends no {@code Origin}; a browser sends the session cookie by itself, so a page of another site could
 * make it post. A state-changing request therefore needs the CSRF token (cookie {@code XSRF-TOKEN}, echoed in the
 * header {@code X-XSRF-TOKEN}) when it is the sign-in or the sign-out, when it comes with a session, and when it is
 * Basic-authenticated but carries an {@code Origin} — a browser adds {@code Origin} to every cross-site POST, also
 * when it replays Basic credentials a person once typed into its prompt. A machine (Basic, no Origin) and a request
 * with no credentials at all (refused 401 anyway) need none.
 */
public final class BrowserRequests {
    public static final String LOGIN = "/admin/login";
    public static final String LOGOUT = "/admin/logout";
    /** The admin UI's marker header: its 401s carry no Basic challenge (which would open the browser's dialog). */
    public static final String UI_HEADER = "X-Requested-With";
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    private BrowserRequests() {
    }

    static boolean fromAdminUi(HttpServletRequest request) {
        return request.getHeader(UI_HEADER) != null;
    }

    static boolean needCsrfToken(HttpServletRequest request) {
        if (SAFE.contains(request.getMethod())) {
            return false;
        }
        String path = request.getRequestURI();
        if (path.equals(LOGIN) || path.equals(LOGOUT) || request.getRequestedSessionId() != null) {
            return true; // the sign-in itself (no one may sign a browser in as someone else), and every session's call
        }
        String authorization = request.getHeader("Authorization");
        boolean basic = authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6);
        // Basic from a page of another site (the browser replays credentials once typed into its prompt)
        return basic && request.getHeader("Origin") != null;
    }

    /** Readable by the page's script (it echoes the value), scoped to the whole hub, SameSite=Strict. */
    static CsrfTokenRepository csrfTokens() {
        CookieCsrfTokenRepository tokens = CookieCsrfTokenRepository.withHttpOnlyFalse();
        tokens.setCookiePath("/");
        tokens.setCookieCustomizer(c -> c.sameSite("Strict"));
        return tokens;
    }

    /**
     * Writes the token cookie for the admin UI's requests that have none yet: Spring Security makes tokens lazily, and
     * the UI's first change (its sign-in) must already carry one. Machines' requests get no cookie.
     */
    static Filter csrfCookie() {
        return (request, response, chain) -> {
            Object token = request.getAttribute(CsrfToken.class.getName());
            if (token instanceof CsrfToken t && request instanceof HttpServletRequest http
                    && (fromAdminUi(http) || http.getRequestURI().startsWith("/admin"))) {
                t.getToken(); // loading the deferred token saves it as the cookie
            }
            chain.doFilter(request, response);
        };
    }
}
