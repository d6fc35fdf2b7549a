package kz.digitaltenge.hub.security;

import java.util.EnumSet;
import java.util.Set;

/**
 * Who calls the hub's HTTP API. These are roles of API users (HTTP Basic), not ledger roles: the ledger's own
 * {@code Role} (ISSUER, BANK, ...) decides what a transaction's signatures may do; these decide which endpoints a
 * caller may reach at all. A user may hold several.
 */
public enum HubRole {
    TAX_AUTHORITY,
    BANK,
    TREASURY,
    ISSUER,
    /** Source systems of events: subsidies, livestock, procurement. */
    EVENT_PROVIDER,
    BACK_OFFICE,
    AUDITOR,
    /** A taxpayer's accounting system (a 1C plug-in): payment orders in, statuses and statements out. */
    TAXPAYER,
    /** Operator of the hub: registrations, oracle signing, manual runs. */
    ADMIN;

    /** Every role: endpoints "any role" may call. */
    public static Set<HubRole> all() {
        return EnumSet.allOf(HubRole.class);
    }

    /** Parses {@code "BANK,TREASURY"} (case-insensitive, spaces ignored); unknown names are refused. */
    public static Set<HubRole> parseList(String text) {
        Set<HubRole> roles = EnumSet.noneOf(HubRole.class);
        for (String part : text.split(",")) {
            String name = part.strip();
            if (name.isEmpty()) {
                continue;
            }
            try {
                roles.add(HubRole.valueOf(name.toUpperCase(java.util.Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown role " + name + "; known: " + java.util.Arrays.toString(values()));
            }
        }
        if (roles.isEmpty()) {
            throw new IllegalArgumentException("no role given");
        }
        return roles;
    }
}
