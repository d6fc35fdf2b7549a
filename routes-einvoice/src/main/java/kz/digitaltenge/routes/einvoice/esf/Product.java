package kz.digitaltenge.routes.einvoice.esf;

import jakarta.xml.bind.annotation.XmlType;

/** One product line (G): goods, work or service. Amounts have at most 2 decimals and may be negative. */
@XmlType(name = "Product", namespace = EsfNamespaces.V2, propOrder = {
        "additional", "additionalUnitNomenclature", "catalogTruId", "description", "exciseAmount", "exciseRate",
        "kpvedCode", "ndsAmount", "ndsRate", "priceWithTax", "priceWithoutTax", "productDeclaration",
        "productNumberInDeclaration", "productNumberInSnt", "quantity", "tnvedName", "truOriginCode",
        "turnoverAdjustment", "turnoverCode", "turnoverSize", "unitCode", "unitNomenclature", "unitPrice"})
public class Product {
    private String additional;
    private String additionalUnitNomenclature;
    private String catalogTruId;
    private String description;
    private String exciseAmount;
    private String exciseRate;
    private String kpvedCode;
    private String ndsAmount;
    private String ndsRate;
    private String priceWithTax;
    private String priceWithoutTax;
    private String productDeclaration;
    private String productNumberInDeclaration;
    private String productNumberInSnt;
    private String quantity;
    private String tnvedName;
    private String truOriginCode;
    private String turnoverAdjustment;
    private String turnoverCode;
    private String turnoverSize;
    private String unitCode;
    private String unitNomenclature;
    private String unitPrice;

    /** Additional data (G 19). */
    public String additional() {
        return additional;
    }

    /** Additional unit of measure (G 20). */
    public String additionalUnitNomenclature() {
        return additionalUnitNomenclature;
    }

    /** Identifier in the goods, works and services catalogue (G 18). Required. */
    public String catalogTruId() {
        return catalogTruId;
    }

    /** Name of the goods, work or service (G 3). */
    public String description() {
        return description;
    }

    /** Excise amount (G 10). */
    public String exciseAmount() {
        return exciseAmount;
    }

    /** Excise rate (G 9), not negative. */
    public String exciseRate() {
        return exciseRate;
    }

    /** Classifier of products by economic activity. */
    public String kpvedCode() {
        return kpvedCode;
    }

    /** VAT amount (G 13). Required. */
    public String ndsAmount() {
        return ndsAmount;
    }

    /** VAT rate in whole percent 0–100 (G 12); absent for a line without VAT. */
    public String ndsRate() {
        return ndsRate;
    }

    /** Value including taxes (G 15). Required. */
    public String priceWithTax() {
        return priceWithTax;
    }

    /** Value without taxes (G 8). Required. */
    public String priceWithoutTax() {
        return priceWithoutTax;
    }

    /** Customs declaration (G 16). */
    public String productDeclaration() {
        return productDeclaration;
    }

    /** Position in the customs declaration (G 17). */
    public String productNumberInDeclaration() {
        return productNumberInDeclaration;
    }

    /** Position in the accompanying waybill (G 1). */
    public String productNumberInSnt() {
        return productNumberInSnt;
    }

    /** Quantity (G 6), up to 6 decimals. */
    public String quantity() {
        return quantity;
    }

    /** Name in the EAEU foreign-trade classifier (G 3/1). */
    public String tnvedName() {
        return tnvedName;
    }

    /** Origin code 1–6 (G 2). Required. */
    public String truOriginCode() {
        return truOriginCode;
    }

    /** Reason for a turnover adjustment (G 11/1), an integer code. */
    public String turnoverAdjustment() {
        return turnoverAdjustment;
    }

    /** Turnover code (G 14). */
    public String turnoverCode() {
        return turnoverCode;
    }

    /** Turnover, taxable or not (G 11). Required. */
    public String turnoverSize() {
        return turnoverSize;
    }

    /** EAEU commodity code, 1–10 digits (G 4). */
    public String unitCode() {
        return unitCode;
    }

    /** Unit of measure (G 5). */
    public String unitNomenclature() {
        return unitNomenclature;
    }

    /** Price per unit without indirect taxes (G 7), up to 6 decimals. */
    public String unitPrice() {
        return unitPrice;
    }
}
