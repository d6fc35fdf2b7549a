package kz.digitaltenge.ledger.registry;

/** Who holds a digital account. */
public enum AccountKind {
    PERSON, COMPANY, GOVERNMENT_BODY, TAX_OFFICE, BANK, ISSUER
}
