package kz.digitaltenge.routes.einvoice.esf;

import jakarta.xml.bind.annotation.XmlType;

/** The original invoice a fixed or additional invoice refers to (A 4, A 5). */
@XmlType(name = "RelatedInvoice", namespace = EsfNamespaces.ABSTRACT_INVOICE,
        propOrder = {"date", "num", "registrationNumber"})
public class RelatedInvoice {
    private String date;
    private String num;
    private String registrationNumber;

    /** Date of the original invoice, {@code dd.MM.yyyy}. Required. */
    public String date() {
        return date;
    }

    /** Outgoing number of the original invoice, 1–30 digits. Required. */
    public String num() {
        return num;
    }

    /** Registration number the IS gave the original invoice; optional in the schema (paper originals have none). */
    public String registrationNumber() {
        return registrationNumber;
    }
}
