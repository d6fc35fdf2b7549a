package kz.digitaltenge.hub.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import kz.digitaltenge.canonical.LedgerException;
import kz.digitaltenge.canonical.ReasonCode;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Deny by default for narrowed callers (taxpayers, bound bank users): a handler they reach must be marked
 * {@link PartyScoped}. The role table decides who reaches an endpoint at all; this decides that a narrowed caller
 * never reaches one that would answer with other parties' data.
 */
public final class PartyScopeInterceptor implements HandlerInterceptor {
    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method) || !request.getRequestURI().startsWith("/api/")) {
            return true;
        }
        Caller caller = Caller.of(SecurityContextHolder.getContext().getAuthentication());
        if (CallerScope.narrowed(caller) && !method.hasMethodAnnotation(PartyScoped.class)) {
            throw new LedgerException(ReasonCode.NOT_AUTHORIZED, "user " + caller.name() + " acts for "
                    + (caller.party() == null ? "no participant" : caller.party()) + " only, and this endpoint answers for"
                    + " the whole hub");
        }
        return true;
    }
}
