package kz.digitaltenge.routes.einvoice.esf;

import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;
import java.util.List;

/** {@code <esf:invoiceContainer>}: the document the IS exchanges, holding an optional set of invoices. */
@XmlRootElement(name = "invoiceContainer", namespace = EsfNamespaces.CONTAINER)
@XmlType(name = "InvoiceContainer", namespace = EsfNamespaces.CONTAINER)
public class InvoiceContainer {
    @XmlElement(name = "invoiceSet")
    private InvoiceSet invoiceSet;

    /** The version 2 invoices in the container, in document order. */
    public List<InvoiceV2> invoices() {
        return invoiceSet == null ? List.of() : invoiceSet.invoices();
    }

    /** Entries of the invoice set that are not version 2 invoices (a v1 invoice, a misspelt element), by name. */
    public List<String> unsupportedEntries() {
        return invoiceSet == null ? List.of() : invoiceSet.unsupportedEntries();
    }
}
