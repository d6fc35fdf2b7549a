package kz.digitaltenge.routes.einvoice.esf;

import jakarta.xml.bind.annotation.XmlAnyElement;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlType;
import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Element;

/**
 * {@code <invoiceSet>}: a choice of v1 and v2 invoices. Only v2 is modelled; anything else is kept aside by name
 * so the validator can say what it found instead of the invoice silently disappearing.
 */
@XmlType(name = "")
class InvoiceSet {
    @XmlElement(name = "invoice", namespace = EsfNamespaces.V2)
    private List<InvoiceV2> invoices;

    @XmlAnyElement
    private List<Element> others;

    List<InvoiceV2> invoices() {
        return invoices == null ? List.of() : List.copyOf(invoices);
    }

    List<String> unsupportedEntries() {
        List<String> names = new ArrayList<>();
        if (others != null) {
            for (Element e : others) {
                String ns = e.getNamespaceURI();
                names.add(ns == null || ns.isEmpty() ? e.getLocalName() : "{" + ns + "}" + e.getLocalName());
            }
        }
        return names;
    }
}
