package kz.digitaltenge.routes.einvoice.esf;

import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlElementWrapper;
import jakarta.xml.bind.annotation.XmlType;
import java.util.List;

/** A participant of a joint-activity agreement and its shares of the product lines (H). */
@XmlType(name = "Participant", namespace = EsfNamespaces.V2, propOrder = {"productShares", "reorganizedTin", "tin"})
public class Participant {
    @XmlElementWrapper(name = "productShares")
    @XmlElement(name = "share")
    private List<ProductShare> productShares;
    private String reorganizedTin;
    private String tin;

    /** Whether {@code <productShares>} was present (it is required, with at least one share). */
    public boolean hasProductSharesElement() {
        return productShares != null;
    }

    public List<ProductShare> productShares() {
        return productShares == null ? List.of() : List.copyOf(productShares);
    }

    /** BIN of the reorganised entity (H 34.2). */
    public String reorganizedTin() {
        return reorganizedTin;
    }

    /** IIN/BIN of the participant (H 34.1). Required. */
    public String tin() {
        return tin;
    }
}
