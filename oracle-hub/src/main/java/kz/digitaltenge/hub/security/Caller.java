package kz.digitaltenge.hub.security;

import java.util.EnumSet;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * Who a request runs as: an API user (its roles and the participant it is bound to, if any), or a transport that
 * authenticates a source on its own (a Kafka topic only that source may produce to, the operator's watched
 * directory). A replay from the quarantine runs as the caller who sent the message first, never as the back-office
 * user who pressed the button ({@link Sender}).
 */
public record Caller(String name, Set<HubRole> roles, String party) {
    public Caller {
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
    }

    public static Caller of(Authentication authentication) {
        if (authentication == null) {
            return new Caller("anonymous", Set.of(), null);
        }
        Set<HubRole> roles = EnumSet.noneOf(HubRole.class);
        String party = null;
        for (GrantedAuthority a : authentication.getAuthorities()) {
            String name = a.getAuthority();
            if (name.startsWith("ROLE_")) {
                try {
                    roles.add(HubRole.valueOf(name.substring(5)));
                } catch (IllegalArgumentException ignored) {
                    // an authority the hub does not define grants nothing
                }
            } else if (name.startsWith(HubUser.PARTY_AUTHORITY)) {
                party = name.substring(HubUser.PARTY_AUTHORITY.length());
            }
        }
        return new Caller(authentication.getName(), roles, party);
    }

    public static Caller of(HubUser user) {
        return new Caller(user.name(), user.roles(), user.party());
    }

    public boolean has(HubRole role) {
        return roles.contains(role);
    }

    /** The role names as the intake compares them with a source's declared role. */
    public Set<String> roleNames() {
        Set<String> names = new java.util.HashSet<>();
        roles.forEach(r -> names.add(r.name()));
        return Set.copyOf(names);
    }
}
