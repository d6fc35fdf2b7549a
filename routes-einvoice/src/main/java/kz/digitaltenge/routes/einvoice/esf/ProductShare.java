package kz.digitaltenge.routes.einvoice.esf;

import jakarta.xml.bind.annotation.XmlType;

/** A joint-activity participant's share of one product line (H). Amounts have at most 2 decimals. */
@XmlType(name = "ProductShare", namespace = EsfNamespaces.V2, propOrder = {
        "additional", "additionalUnitNomenclature", "exciseAmount", "ndsAmount", "priceWithTax", "priceWithoutTax",
        "productNumber", "productNumberInSnt", "quantity", "turnoverSize"})
public class ProductShare {
    private String additional;
    private String additionalUnitNomenclature;
    private String exciseAmount;
    private String ndsAmount;
    private String priceWithTax;
    private String priceWithoutTax;
    private String productNumber;
    private String productNumberInSnt;
    private String quantity;
    private String turnoverSize;

    public String additional() {
        return additional;
    }

    public String additionalUnitNomenclature() {
        return additionalUnitNomenclature;
    }

    /** Excise amount (H 10). */
    public String exciseAmount() {
        return exciseAmount;
    }

    /** VAT amount (H 13). Required. */
    public String ndsAmount() {
        return ndsAmount;
    }

    /** Value including VAT (H 15). Required. */
    public String priceWithTax() {
        return priceWithTax;
    }

    /** Value without VAT (H 7). Required. */
    public String priceWithoutTax() {
        return priceWithoutTax;
    }

    /** The product line (1-based, 1–200) this share is of. Required. */
    public String productNumber() {
        return productNumber;
    }

    public String productNumberInSnt() {
        return productNumberInSnt;
    }

    /** Quantity (H 6), up to 6 decimals. */
    public String quantity() {
        return quantity;
    }

    /** Turnover (H 11). Required. */
    public String turnoverSize() {
        return turnoverSize;
    }
}
