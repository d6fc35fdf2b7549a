package kz.digitaltenge.routes.einvoice;

import static kz.digitaltenge.routes.einvoice.EsfValues.present;
import static kz.digitaltenge.routes.einvoice.InvoiceValidator.WITHOUT_VAT;

import java.math.BigDecimal;
import java.util.List;
import kz.digitaltenge.routes.einvoice.esf.Product;
import kz.digitaltenge.routes.einvoice.esf.ProductSet;

/**
 * The invoice rules ({@code BUSINESS_RULE}) about amounts: per-line net + VAT = gross, VAT only on lines with a
 * rate, the lines adding up to each total, signs (only an additional invoice may be negative, and then consistently)
 * — and the hub's limit that excise is refused.
 *
 * <p>Why on its own: the amounts are what the hub's invoice fact carries, so their arithmetic is checked exactly
 * (BigDecimal) and a mismatch is always an error, never resolved by picking one side. It runs only on a schema-valid
 * invoice, so every value parses.
 */
final class InvoiceArithmetic {
    private InvoiceArithmetic() {
    }

    static void check(ProductSet set, boolean additional, Findings f) {
        boolean withoutVat = present(set.ndsRateType()) && WITHOUT_VAT.equals(set.ndsRateType().strip());
        BigDecimal net = BigDecimal.ZERO;
        BigDecimal vat = BigDecimal.ZERO;
        BigDecimal gross = BigDecimal.ZERO;
        BigDecimal excise = BigDecimal.ZERO;
        BigDecimal turnover = BigDecimal.ZERO;
        List<Product> products = set.products();
        for (int i = 0; i < products.size(); i++) {
            Product p = products.get(i);
            String line = "product line " + (i + 1) + " (invoice/productSet/products/product[" + (i + 1) + "])";
            BigDecimal lineNet = EsfValues.decimal(p.priceWithoutTax());
            BigDecimal lineVat = EsfValues.decimal(p.ndsAmount());
            BigDecimal lineGross = EsfValues.decimal(p.priceWithTax());
            BigDecimal lineExcise = present(p.exciseAmount()) ? EsfValues.decimal(p.exciseAmount()) : BigDecimal.ZERO;
            BigDecimal lineTurnover = EsfValues.decimal(p.turnoverSize());
            if (lineExcise.signum() != 0) {
                f.add(line + ": exciseAmount " + plain(lineExcise) + " — excise is not supported: the hub's invoice"
                        + " fact has no excise term and its net + VAT must make the gross");
            }
            if (lineNet.add(lineVat).compareTo(lineGross) != 0) {
                f.add(line + ": priceWithoutTax " + plain(lineNet) + " + ndsAmount " + plain(lineVat) + " = "
                        + plain(lineNet.add(lineVat)) + ", but priceWithTax is " + plain(lineGross));
            }
            Integer rate = present(p.ndsRate()) ? EsfValues.integer(p.ndsRate()) : null;
            if (withoutVat && rate != null && rate != 0) {
                f.add(line + ": ndsRate is " + rate + "% but invoice/productSet/ndsRateType is " + WITHOUT_VAT
                        + " (no VAT)");
            }
            if ((rate == null || rate == 0) && lineVat.signum() != 0) {
                f.add(line + ": ndsAmount " + plain(lineVat) + " on a line without VAT (ndsRate "
                        + (rate == null ? "absent" : "0") + ")");
            }
            if (!additional) {
                refuseNegative(line, "priceWithoutTax", lineNet, f);
                refuseNegative(line, "ndsAmount", lineVat, f);
                refuseNegative(line, "priceWithTax", lineGross, f);
                refuseNegative(line, "turnoverSize", lineTurnover, f);
            }
            net = net.add(lineNet);
            vat = vat.add(lineVat);
            gross = gross.add(lineGross);
            excise = excise.add(lineExcise);
            turnover = turnover.add(lineTurnover);
        }
        compareTotal("priceWithoutTax", net, "totalPriceWithoutTax", set.totalPriceWithoutTax(), f);
        compareTotal("ndsAmount", vat, "totalNdsAmount", set.totalNdsAmount(), f);
        compareTotal("priceWithTax", gross, "totalPriceWithTax", set.totalPriceWithTax(), f);
        compareTotal("exciseAmount", excise, "totalExciseAmount", set.totalExciseAmount(), f);
        compareTotal("turnoverSize", turnover, "totalTurnoverSize", set.totalTurnoverSize(), f);
        if (additional) {
            checkAdjustmentDirection(set, f);
        }
    }

    /**
     * An additional invoice raises or lowers the original; the hub records which and the absolute amounts, so the
     * totals must all point the same way (zeros aside) and must not all be zero.
     */
    private static void checkAdjustmentDirection(ProductSet set, Findings f) {
        int netSign = EsfValues.decimal(set.totalPriceWithoutTax()).signum();
        int vatSign = EsfValues.decimal(set.totalNdsAmount()).signum();
        int grossSign = EsfValues.decimal(set.totalPriceWithTax()).signum();
        boolean up = netSign > 0 || vatSign > 0 || grossSign > 0;
        boolean down = netSign < 0 || vatSign < 0 || grossSign < 0;
        String totals = "totalPriceWithoutTax " + set.totalPriceWithoutTax().strip() + ", totalNdsAmount "
                + set.totalNdsAmount().strip() + ", totalPriceWithTax " + set.totalPriceWithTax().strip();
        if (up && down) {
            f.add("an ADDITIONAL_INVOICE either increases or decreases the original, but its totals go both ways ("
                    + totals + ")");
        } else if (!up && !down) {
            f.add("an ADDITIONAL_INVOICE whose totals are all zero changes nothing (" + totals + ")");
        }
    }

    private static void refuseNegative(String line, String element, BigDecimal value, Findings f) {
        if (value.signum() < 0) {
            f.add(line + ": " + element + " " + plain(value) + " is negative; only an ADDITIONAL_INVOICE that"
                    + " decreases the original has negative amounts");
        }
    }

    private static void compareTotal(String lineElement, BigDecimal sum, String totalElement, String totalText,
                                     Findings f) {
        BigDecimal total = EsfValues.decimal(totalText);
        if (sum.compareTo(total) != 0) {
            f.add("the product lines' " + lineElement + " add up to " + plain(sum) + ", but invoice/productSet/"
                    + totalElement + " is " + plain(total));
        }
    }

    private static String plain(BigDecimal value) {
        return value.toPlainString();
    }
}
