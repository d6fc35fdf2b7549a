package kz.digitaltenge.routes.erp1c.testing;

import java.nio.charset.Charset;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import kz.digitaltenge.canonical.money.Tiyn;

/**
 * {@code 1CClientBankExchange} files of payment orders as 1C writes them (the Kazakh banks' variant, cp1251, CRLF),
 * and the same orders as JSON, for tests, the demo and the bench (a test-jar of this module: the hub's main code writes no test documents).
 */
public final class PaymentOrderFile {
    private static final DateTimeFormatter DMY = DateTimeFormatter.ofPattern("dd.MM.yyyy");
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private PaymentOrderFile() {
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

    /**
     * The order as the JSON a 1C plug-in posts to {@code /api/erp-1c/payment-orders} (routes-erp-1c's
     * {@code PaymentOrderJson}): money as decimal text, the date ISO, {@code invoice} and {@code contract} left out when
     * null.
     */
    public static String json(Order o, String invoice, String contract) {
        java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
        m.put("number", o.number());
        m.put("date", o.date().toString());
        m.put("amount", Tiyn.format(o.amount()));
        m.put("payerBin", o.payerBin());
        m.put("payerAccount", o.payerIik());
        m.put("payerName", o.payerName());
        m.put("payeeBin", o.payeeBin());
        m.put("payeeAccount", o.payeeIik());
        m.put("payeeName", o.payeeName());
        m.put("purpose", o.purpose());
        if (invoice != null) {
            m.put("invoice", invoice);
        }
        if (contract != null) {
            m.put("contract", contract);
        }
        try {
            return JSON.writeValueAsString(m);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void line(StringBuilder sb, String text) {
        sb.append(text).append("\r\n");
    }
}
