package kz.digitaltenge.hub.demo;

import java.nio.charset.Charset;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import kz.digitaltenge.ledger.money.Tiyn;

/**
 * The documents the Digital VAT scenario sends, written as the source systems write them: an InvoiceV2 invoice
 * container of the e-invoice IS and a {@code 1CClientBankExchange} file of payment orders (cp1251, CRLF).
 */
public final class DemoDocuments {
    private static final DateTimeFormatter DMY = DateTimeFormatter.ofPattern("dd.MM.yyyy");

    private DemoDocuments() {
    }

    /** One product line: net and VAT in tiyn at a VAT rate in percent. */
    public record Line(String description, long quantity, long net, int vatRate) {
        long vat() {
            return net * vatRate / 100;
        }
    }

    /** An ordinary invoice of {@code seller} to {@code buyer}; totals are the sums of the lines. */
    public static byte[] invoice(String num, LocalDate date, String sellerTin, String sellerName, String sellerIik, String buyerTin,
                                 String buyerName, String contractNum, List<Line> lines) {
        StringBuilder products = new StringBuilder();
        long net = 0;
        long vat = 0;
        int index = 0;
        for (Line l : lines) {
            index++;
            net += l.net();
            vat += l.vat();
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
        String contract = contractNum == null ? "    <deliveryTerm>\n      <hasContract>false</hasContract>\n    </deliveryTerm>\n"
                : "    <deliveryTerm>\n      <contractDate>" + date.minusDays(30).format(DMY) + "</contractDate>\n      <contractNum>"
                + contractNum + "</contractNum>\n      <hasContract>true</hasContract>\n    </deliveryTerm>\n";
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<esf:invoiceContainer xmlns:esf=\"esf\">\n"
                + "  <invoiceSet>\n"
                + "  <v2:invoice xmlns:a=\"abstractInvoice.esf\" xmlns:v2=\"v2.esf\">\n"
                + "    <date>" + date.format(DMY) + "</date>\n"
                + "    <invoiceType>ORDINARY_INVOICE</invoiceType>\n"
                + "    <num>" + num + "</num>\n"
                + "    <operatorFullname>Демо Оператор</operatorFullname>\n"
                + "    <turnoverDate>" + date.format(DMY) + "</turnoverDate>\n"
                + "    <customers>\n      <customer>\n        <address>г. Астана</address>\n        <countryCode>KZ</countryCode>\n"
                + "        <name>" + buyerName + "</name>\n        <tin>" + buyerTin + "</tin>\n      </customer>\n    </customers>\n"
                + contract
                + "    <productSet>\n      <currencyCode>KZT</currencyCode>\n      <products>\n"
                + products
                + "      </products>\n"
                + "      <totalExciseAmount>0.00</totalExciseAmount>\n"
                + "      <totalNdsAmount>" + Tiyn.format(vat) + "</totalNdsAmount>\n"
                + "      <totalPriceWithTax>" + Tiyn.format(net + vat) + "</totalPriceWithTax>\n"
                + "      <totalPriceWithoutTax>" + Tiyn.format(net) + "</totalPriceWithoutTax>\n"
                + "      <totalTurnoverSize>" + Tiyn.format(net) + "</totalTurnoverSize>\n"
                + "    </productSet>\n"
                + "    <sellers>\n      <seller>\n        <address>г. Алматы</address>\n        <iik>" + sellerIik + "</iik>\n"
                + "        <name>" + sellerName + "</name>\n        <tin>" + sellerTin + "</tin>\n      </seller>\n    </sellers>\n"
                + "  </v2:invoice>\n"
                + "  </invoiceSet>\n"
                + "</esf:invoiceContainer>\n";
        return xml.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** A payment order of the Kazakh banks' variant. */
    public record Order(String number, LocalDate date, long amount, String payerName, String payerBin, String payerIik,
                        String payeeName, String payeeBin, String payeeIik, String purpose) {
    }

    /** A {@code 1CClientBankExchange} file (format 1.03, Windows = cp1251, CRLF) with the orders as documents. */
    public static byte[] paymentOrders(String payerIik, LocalDate date, List<Order> orders) {
        StringBuilder sb = new StringBuilder();
        line(sb, "1CClientBankExchange");
        line(sb, "ВерсияФормата=1.03");
        line(sb, "Кодировка=Windows");
        line(sb, "Отправитель=Бухгалтерия предприятия, редакция 3.0");
        line(sb, "Получатель=Digital tenge hub");
        line(sb, "ДатаСоздания=" + date.format(DMY));
        line(sb, "ВремяСоздания=10:00:00");
        line(sb, "ДатаНачала=" + date.format(DMY));
        line(sb, "ДатаКонца=" + date.format(DMY));
        line(sb, "РасчСчет=" + payerIik);
        line(sb, "Документ=Платежное поручение");
        for (Order o : orders) {
            line(sb, "СекцияДокумент=Платежное поручение");
            line(sb, "ВидДокумента=ПлатежноеПоручение");
            line(sb, "НомерДокумента=" + o.number());
            line(sb, "ДатаДокумента=" + o.date().format(DMY));
            line(sb, "Сумма=" + Tiyn.format(o.amount()));
            line(sb, "Валюта=KZT");
            line(sb, "ПлательщикНаименование=" + o.payerName());
            line(sb, "ПлательщикБИН_ИИН=" + o.payerBin());
            line(sb, "ПлательщикИИК=" + o.payerIik());
            line(sb, "ПлательщикКБЕ=17");
            line(sb, "ПолучательНаименование=" + o.payeeName());
            line(sb, "ПолучательБИН_ИИН=" + o.payeeBin());
            line(sb, "ПолучательИИК=" + o.payeeIik());
            line(sb, "ПолучательКБЕ=17");
            line(sb, "НазначениеПлатежа=" + o.purpose());
            line(sb, "КодНазначенияПлатежа=710");
            line(sb, "КонецДокумента");
        }
        line(sb, "КонецФайла");
        return sb.toString().getBytes(Charset.forName("windows-1251"));
    }

    private static void line(StringBuilder sb, String text) {
        sb.append(text).append("\r\n");
    }
}
