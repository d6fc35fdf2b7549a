package kz.digitaltenge.routes.einvoice.esf;

/** The namespaces of the IS schemas (they are plain words, not URIs). */
public final class EsfNamespaces {
    /** The container ({@code esf:invoiceContainer}). */
    public static final String CONTAINER = "esf";
    /** The abstract invoice every version extends ({@code InvoiceV1.xsd}). */
    public static final String ABSTRACT_INVOICE = "abstractInvoice.esf";
    /** Version 1 invoices, which the container still admits but the IS no longer issues. */
    public static final String V1 = "v1.esf";
    /** Version 2 invoices ({@code v2:invoice}). */
    public static final String V2 = "v2.esf";

    private EsfNamespaces() {
    }
}
