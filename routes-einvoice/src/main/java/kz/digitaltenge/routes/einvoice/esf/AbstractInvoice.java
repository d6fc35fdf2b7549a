package kz.digitaltenge.routes.einvoice.esf;

import jakarta.xml.bind.annotation.XmlType;

/** The part of an invoice common to every version ({@code AbstractInvoice} in {@code InvoiceV1.xsd}). */
@XmlType(name = "AbstractInvoice", namespace = EsfNamespaces.ABSTRACT_INVOICE,
        propOrder = {"date", "invoiceType", "num", "operatorFullname", "relatedInvoice", "turnoverDate"})
public abstract class AbstractInvoice {
    private String date;
    private String invoiceType;
    private String num;
    private String operatorFullname;
    private RelatedInvoice relatedInvoice;
    private String turnoverDate;

    /** Date the invoice was written out, {@code dd.MM.yyyy} (A 2). Required. */
    public String date() {
        return date;
    }

    /** {@code ORDINARY_INVOICE}, {@code FIXED_INVOICE} (A 4) or {@code ADDITIONAL_INVOICE} (A 5). Required. */
    public String invoiceType() {
        return invoiceType;
    }

    /** The seller's own outgoing number, 1–30 digits (A 1). Required. */
    public String num() {
        return num;
    }

    /** Who sent the invoice, up to 200 characters; may be empty but the element is required. */
    public String operatorFullname() {
        return operatorFullname;
    }

    /** The invoice a fixed or additional invoice corrects or adds to. */
    public RelatedInvoice relatedInvoice() {
        return relatedInvoice;
    }

    /** Date of the turnover (A 3), {@code dd.MM.yyyy}. Required. */
    public String turnoverDate() {
        return turnoverDate;
    }
}
