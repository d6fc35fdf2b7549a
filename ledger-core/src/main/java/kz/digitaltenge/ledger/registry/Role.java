package kz.digitaltenge.ledger.registry;

/** What a participant may do in the ledger. A party with no role can still own accounts and sign for them. */
public enum Role {
    /** The National Bank: the only party that issues and redeems. */
    ISSUER,
    /** A second-tier bank: services accounts, signs for clients by delegation. */
    BANK,
    /** The Treasury: services government accounts; marks and unmarks (programmable money). */
    TREASURY,
    /** The oracle hub: signs facts. */
    ORACLE,
    /** The tax authority. */
    TAX_AUTHORITY,
    /**
     * The hub's payment channel: executes payment orders (by invoice, by contract) for accounts whose owners
     * delegated to it; services no accounts, so it needs no BIC.
     */
    PAYMENT_AGENT
}
