package kz.digitaltenge.hub.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.http.HttpMethod;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * Who is signed in, as the admin UI shows it: name, roles, the participant a user is bound to, the language the user
 * chose, and the screens the roles admit. A screen is listed when {@link AccessRules} admits the API call it is
 * built on — the same table that refuses the call, so the UI can only hide what the API refuses anyway.
 */
public final class SignedInUser {
    /** Each screen of the admin UI and the API call it cannot do without. */
    static final Map<String, String> SCREENS = new java.util.LinkedHashMap<>();

    static {
        SCREENS.put("exceptions", "/api/quarantine/messages");
        SCREENS.put("flows", "/api/flows");
        SCREENS.put("payments", "/api/payments/1");
        SCREENS.put("invoices", "/api/invoices/ESF-1");
        SCREENS.put("events", "/api/programmable/events/ev-1");
        SCREENS.put("contracts", "/api/programmable/contracts/C-1");
        SCREENS.put("tree", "/api/programmable/trace");
        SCREENS.put("audit", "/api/quarantine/audit");
    }

    /** The answer of {@code GET /api/me} and of a successful sign-in. */
    public record Me(String name, List<String> roles, String party, String language, List<String> screens) {
    }

    private final HubUsers users;
    private final UserPreferences preferences;

    public SignedInUser(HubUsers users, UserPreferences preferences) {
        this.users = users;
        this.preferences = preferences;
    }

    public Me of(Authentication auth) {
        Set<HubRole> roles = new TreeSet<>();
        for (GrantedAuthority a : auth.getAuthorities()) {
            String name = a.getAuthority();
            if (name.startsWith("ROLE_")) {
                try {
                    roles.add(HubRole.valueOf(name.substring(5)));
                } catch (IllegalArgumentException ignored) {
                    // an authority of Spring's own, not a hub role
                }
            }
        }
        List<String> screens = new ArrayList<>();
        SCREENS.forEach((screen, call) -> {
            if (AccessRules.admits(roles, HttpMethod.GET, call)) {
                screens.add(screen);
            }
        });
        HubUser user = users.find(auth.getName());
        return new Me(auth.getName(), roles.stream().map(Enum::name).toList(), user == null ? null : user.party(),
                preferences.language(auth.getName()).orElse(null), screens);
    }
}
