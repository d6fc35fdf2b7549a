package kz.digitaltenge.routes.einvoice.esf;

import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlElementWrapper;
import jakarta.xml.bind.annotation.XmlType;
import java.util.List;

/** The goods, works and services (G): currency, VAT rate type, the product lines and the totals. */
@XmlType(name = "ProductSet", namespace = EsfNamespaces.V2, propOrder = {
        "currencyCode", "currencyRate", "ndsRateType", "products", "totalExciseAmount", "totalNdsAmount",
        "totalPriceWithTax", "totalPriceWithoutTax", "totalTurnoverSize"})
public class ProductSet {
    private String currencyCode;
    private String currencyRate;
    private String ndsRateType;
    @XmlElementWrapper(name = "products")
    @XmlElement(name = "product")
    private List<Product> products;
    private String totalExciseAmount;
    private String totalNdsAmount;
    private String totalPriceWithTax;
    private String totalPriceWithoutTax;
    private String totalTurnoverSize;

    /** Currency code (G 33.1). Required. */
    public String currencyCode() {
        return currencyCode;
    }

    /** Exchange rate (G 33.2), up to 6 decimals. */
    public String currencyRate() {
        return currencyRate;
    }

    /** {@code WITHOUT_NDS_NOT_KZ} ("without VAT — not Kazakhstan") when the whole invoice carries no VAT. */
    public String ndsRateType() {
        return ndsRateType;
    }

    /** Whether {@code <products>} was present at all (it is required, with at least one product). */
    public boolean hasProductsElement() {
        return products != null;
    }

    /** The product lines in document order; line numbers in messages are 1-based positions in this list. */
    public List<Product> products() {
        return products == null ? List.of() : List.copyOf(products);
    }

    /** Total excise (G 10). Required. */
    public String totalExciseAmount() {
        return totalExciseAmount;
    }

    /** Total VAT (G 13). Required. */
    public String totalNdsAmount() {
        return totalNdsAmount;
    }

    /** Total value including taxes (G 14/15). Required. */
    public String totalPriceWithTax() {
        return totalPriceWithTax;
    }

    /** Total value without taxes (G 8). Required. */
    public String totalPriceWithoutTax() {
        return totalPriceWithoutTax;
    }

    /** Total turnover (G 11). Required. */
    public String totalTurnoverSize() {
        return totalTurnoverSize;
    }
}
