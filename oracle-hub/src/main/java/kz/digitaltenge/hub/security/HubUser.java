package kz.digitaltenge.hub.security;

import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An API user: a name, its roles, the bcrypt hash of its password (never the password) and, optionally, the
 * participant (BIN/IIN) it acts for. A {@code TAXPAYER} user acts only for its party: payment orders from the party's
 * accounts, the party's statements and invoices; without a party it may do none of that.
 */
public record HubUser(String name, Set<HubRole> roles, String passwordHash, String party) {
    /** An authority prefix: {@code PARTY_<bin>} on an authenticated user bound to a participant. */
    public static final String PARTY_AUTHORITY = "PARTY_";

    public HubUser(String name, Set<HubRole> roles, String passwordHash) {
        this(name, roles, passwordHash, null);
    }

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern BCRYPT = Pattern.compile("\\$2[aby]?\\$\\d\\d\\$[./A-Za-z0-9]{53}");

    public HubUser {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("user name must be 1..64 of [A-Za-z0-9._-]: " + name);
        }
        if (roles == null || roles.isEmpty()) {
            throw new IllegalArgumentException("user " + name + " has no role");
        }
        roles = Set.copyOf(EnumSet.copyOf(roles));
        if (passwordHash == null || !BCRYPT.matcher(passwordHash).matches()) {
            throw new IllegalArgumentException("user " + name + ": password-hash must be a bcrypt hash ($2a$..), never a password");
        }
        if (party != null && party.isBlank()) {
            party = null;
        }
        if (party != null && !kz.digitaltenge.canonical.id.PartyId.isValid(party)) {
            throw new IllegalArgumentException("user " + name + ": party " + party + " is not a valid BIN/IIN");
        }
    }
}
