package kz.digitaltenge.ledger.registry;

import java.util.EnumSet;
import java.util.Set;

/**
 * Who holds a digital account. A kind claims something about its owner that the ledger's rules trust (VAT tokens
 * become standard money in a {@code TAX_OFFICE} account), so {@link Registry#openAccount} opens an account only for
 * an owner whose participant roles fit its kind ({@link #admits}; the table is in ledger-core/README.md).
 */
public enum AccountKind {
    PERSON, COMPANY, GOVERNMENT_BODY, TAX_OFFICE, BANK, ISSUER;

    /** Roles of the institutions that keep their money in accounts of their own kind, never as a person or company. */
    private static final Set<Role> INSTITUTIONS = EnumSet.of(Role.ISSUER, Role.TREASURY, Role.TAX_AUTHORITY);

    /**
     * Whether a participant holding {@code roles} may own an account of this kind: ISSUER only the issuer, BANK only a
     * bank, TAX_OFFICE only the tax authority, GOVERNMENT_BODY the Treasury or a party with no role (the ledger gives
     * ministries and akimats none; {@link Registry#openAccount} also wants the Treasury as the servicer), PERSON and
     * COMPANY anyone but the issuer, the Treasury and the tax authority.
     */
    public boolean admits(Set<Role> roles) {
        return switch (this) {
            case ISSUER -> roles.contains(Role.ISSUER);
            case BANK -> roles.contains(Role.BANK);
            case TAX_OFFICE -> roles.contains(Role.TAX_AUTHORITY);
            case GOVERNMENT_BODY -> roles.contains(Role.TREASURY) || roles.isEmpty();
            case PERSON, COMPANY -> roles.stream().noneMatch(INSTITUTIONS::contains);
        };
    }
}
