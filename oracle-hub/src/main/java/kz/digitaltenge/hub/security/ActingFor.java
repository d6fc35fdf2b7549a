package kz.digitaltenge.hub.security;

import java.util.Optional;
import kz.digitaltenge.ledger.LedgerException;
import kz.digitaltenge.ledger.ReasonCode;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * Whom a caller acts for. A caller whose only money-moving role is {@code TAXPAYER} (a 1C plug-in) acts for the one
 * participant its user is bound to, and only for it: its payment orders must be paid from that party's accounts, its
 * statements and invoices are that party's. Banks, the back office and auditors act for their clients or read for the
 * hub, and are not narrowed here (the payer's delegation and the bank's confirmation govern what moves).
 */
public final class ActingFor {
    private ActingFor() {
    }

    /**
     * The party a taxpayer caller is limited to; empty for callers that are not limited. A taxpayer user bound to no
     * party may act for nobody: refused with NOT_AUTHORIZED.
     */
    public static Optional<String> limitedTo(Authentication caller) {
        if (caller == null || !has(caller, "ROLE_TAXPAYER") || has(caller, "ROLE_BANK") || has(caller, "ROLE_BACK_OFFICE")
                || has(caller, "ROLE_AUDITOR") || has(caller, "ROLE_TAX_AUTHORITY") || has(caller, "ROLE_ADMIN")) {
            return Optional.empty();
        }
        return Optional.of(boundParty(caller).orElseThrow(() -> new LedgerException(ReasonCode.NOT_AUTHORIZED, "taxpayer user " + caller.getName()
                        + " is bound to no participant, so it may act for none (bind it: hub.security.users[].party, or"
                        + " bin/hub-user add NAME TAXPAYER@<BIN>)")));
    }

    /** The participant (BIN/IIN) the caller's user is bound to, if any. */
    public static Optional<String> boundParty(Authentication caller) {
        return caller == null ? Optional.empty() : caller.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith(HubUser.PARTY_AUTHORITY)).map(a -> a.substring(HubUser.PARTY_AUTHORITY.length())).findFirst();
    }

    /** Whether the caller holds {@code authority} (e.g. {@code ROLE_BANK}). */
    public static boolean has(Authentication caller, String authority) {
        return caller.getAuthorities().stream().anyMatch(a -> authority.equals(a.getAuthority()));
    }
}
