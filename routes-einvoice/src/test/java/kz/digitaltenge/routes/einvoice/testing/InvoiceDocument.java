package kz.digitaltenge.routes.einvoice.testing;

import java.nio.charset.Charset;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import kz.digitaltenge.canonical.money.Tiyn;

/**
 * InvoiceV2 invoice containers as the e-invoice IS writes them, for tests, the demo and the bench (a test-jar of this
 * module: the hub's main code writes no test documents).
 */
public final class InvoiceDocument {
    private static final DateTimeFormatter DMY = DateTimeFormatter.ofPattern("dd.MM.yyyy");

    private InvoiceDocument() {
    }

    /** One product line: net and VAT in tiyn, at a VAT rate in percent. */
    public record Line(String description, long quantity, long net, long vat, int vatRate) {
        /** A line whose VAT is {@code vatRate}% of the net. */
        public Line(String description, long quantity, long net, int vatRate) {
            this(description, quantity, net, net * vatRate / 100, vatRate);
        }
    }

    /** An ordinary invoice of {@code seller} to {@code buyer}; totals are the sums of the lines. */
    public static byte[] invoice(String num, LocalDate date, String sellerTin, String sellerName, String sellerIik, String buyerTin,
                                 String buyerName, String contractNum, List<Line> lines) {
        Invoice invoice = new Invoice(sellerTin, sellerName, sellerIik, buyerTin, buyerName).num(num).date(date).contract(contractNum);
        lines.forEach(invoice::line);
        return invoice.bytes();
    }

    /**
     * An InvoiceV2 invoice container as the e-invoice IS writes it (children unqualified, in schema order, dates
     * {@code dd.MM.yyyy}); the totals are the sums of the lines unless set otherwise (to write a wrong invoice).
     */
    public static class Invoice {
        private final String sellerTin;
        private final String sellerName;
        private final String sellerIik;
        private final String buyerTin;
        private final String buyerName;
        private final List<Line> lines = new ArrayList<>();
        private String num = "1";
        private String type = "ORDINARY_INVOICE";
        private LocalDate date = LocalDate.now(java.time.ZoneId.of("Asia/Almaty"));
        private String contract;
        private String relatedRegistrationNumber;
        private String relatedNum;
        private LocalDate relatedDate;
        private Long totalNet;
        private Long totalVat;
        private Long totalGross;

        public Invoice(String sellerTin, String sellerName, String sellerIik, String buyerTin, String buyerName) {
            this.sellerTin = sellerTin;
            this.sellerName = sellerName;
            this.sellerIik = sellerIik;
            this.buyerTin = buyerTin;
            this.buyerName = buyerName;
        }

        public Invoice line(Line line) {
            lines.add(line);
            return this;
        }

        /** A line of one item, "Товар n", at 12%, with the VAT given (negative amounts: a decrease). */
        public Invoice line(long net, long vat) {
            return line(new Line("Товар " + (lines.size() + 1), 1, net, vat, 12));
        }

        public Invoice num(String n) {
            num = n;
            return this;
        }

        public Invoice date(LocalDate d) {
            date = d;
            return this;
        }

        /** The contract the delivery is under (null: none). */
        public Invoice contract(String number) {
            contract = number;
            return this;
        }

        /** An additional invoice to {@code registrationNumber} (its num 1, dated as this one). */
        public Invoice additionalTo(String registrationNumber) {
            type = "ADDITIONAL_INVOICE";
            relatedRegistrationNumber = registrationNumber;
            relatedNum = "1";
            relatedDate = date;
            return this;
        }

        /** Totals other than the lines' sums (null: the sum), to write an invoice that does not add up. */
        public Invoice totals(Long net, Long vat, Long gross) {
            totalNet = net;
            totalVat = vat;
            totalGross = gross;
            return this;
        }

        public long net() {
            return totalNet != null ? totalNet : lines.stream().mapToLong(Line::net).sum();
        }

        public long vat() {
            return totalVat != null ? totalVat : lines.stream().mapToLong(Line::vat).sum();
        }

        public long gross() {
            return totalGross != null ? totalGross : net() + vat();
        }

        public String xml() {
            StringBuilder products = new StringBuilder();
            int index = 0;
            for (Line l : lines) {
                index++;
                products.append("        <product>\n")
                        .append("          <catalogTruId>").append(index).append("</catalogTruId>\n")
                        .append("          <description>").append(l.description()).append("</description>\n")
                        .append("          <ndsAmount>").append(Tiyn.format(l.vat())).append("</ndsAmount>\n")
                        .append("          <ndsRate>").append(l.vatRate()).append("</ndsRate>\n")
                        .append("          <priceWithTax>").append(Tiyn.format(l.net() + l.vat())).append("</priceWithTax>\n")
                        .append("          <priceWithoutTax>").append(Tiyn.format(l.net())).append("</priceWithoutTax>\n")
                        .append("          <quantity>").append(l.quantity()).append("</quantity>\n")
                        .append("          <truOriginCode>1</truOriginCode>\n")
                        .append("          <turnoverSize>").append(Tiyn.format(l.net())).append("</turnoverSize>\n")
                        .append("          <unitPrice>").append(Tiyn.format(l.net() / l.quantity())).append("</unitPrice>\n")
                        .append("        </product>\n");
            }
            String related = relatedNum == null ? "" : "    <relatedInvoice>\n      <date>" + relatedDate.format(DMY) + "</date>\n"
                    + "      <num>" + relatedNum + "</num>\n"
                    + (relatedRegistrationNumber == null ? "" : "      <registrationNumber>" + relatedRegistrationNumber + "</registrationNumber>\n")
                    + "    </relatedInvoice>\n";
            String delivery = contract == null ? "    <deliveryTerm>\n      <hasContract>false</hasContract>\n    </deliveryTerm>\n"
                    : "    <deliveryTerm>\n      <contractDate>" + date.minusDays(30).format(DMY) + "</contractDate>\n      <contractNum>"
                    + contract + "</contractNum>\n      <hasContract>true</hasContract>\n    </deliveryTerm>\n";
            return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                    + "<esf:invoiceContainer xmlns:esf=\"esf\">\n"
                    + "  <invoiceSet>\n"
                    + "  <v2:invoice xmlns:a=\"abstractInvoice.esf\" xmlns:v2=\"v2.esf\">\n"
                    + "    <date>" + date.format(DMY) + "</date>\n"
                    + "    <invoiceType>" + type + "</invoiceType>\n"
                    + "    <num>" + num + "</num>\n"
                    + "    <operatorFullname>Демо Оператор</operatorFullname>\n"
                    + related
                    + "    <turnoverDate>" + date.format(DMY) + "</turnoverDate>\n"
                    + "    <customers>\n      <customer>\n        <address>г. Астана</address>\n        <countryCode>KZ</countryCode>\n"
                    + "        <name>" + buyerName + "</name>\n        <tin>" + buyerTin + "</tin>\n      </customer>\n    </customers>\n"
                    + delivery
                    + "    <productSet>\n      <currencyCode>KZT</currencyCode>\n      <products>\n"
                    + products
                    + "      </products>\n"
                    + "      <totalExciseAmount>0.00</totalExciseAmount>\n"
                    + "      <totalNdsAmount>" + Tiyn.format(vat()) + "</totalNdsAmount>\n"
                    + "      <totalPriceWithTax>" + Tiyn.format(gross()) + "</totalPriceWithTax>\n"
                    + "      <totalPriceWithoutTax>" + Tiyn.format(net()) + "</totalPriceWithoutTax>\n"
                    + "      <totalTurnoverSize>" + Tiyn.format(net()) + "</totalTurnoverSize>\n"
                    + "    </productSet>\n"
                    + "    <sellers>\n      <seller>\n        <address>г. Алматы</address>\n        <iik>" + sellerIik + "</iik>\n"
                    + "        <name>" + sellerName + "</name>\n        <tin>" + sellerTin + "</tin>\n      </seller>\n    </sellers>\n"
                    + "  </v2:invoice>\n"
                    + "  </invoiceSet>\n"
                    + "</esf:invoiceContainer>\n";
        }

        public byte[] bytes() {
            return xml().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
