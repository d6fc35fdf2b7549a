package kz.digitaltenge.routes.erp1c;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

/**
 * A {@code 1CClientBankExchange} file as read: its header, its account sections, the documents that became payment
 * orders and the ones that could not. Every document of the file is in exactly one of the two lists; both are in
 * file order.
 *
 * @param formatVersion  1.01, 1.02 or 1.03
 * @param encoding       the encoding the file declares and is in
 * @param sender         {@code Отправитель}, or null
 * @param recipient      {@code Получатель}, or null
 * @param createdDate    {@code ДатаСоздания}, or null
 * @param createdTime    {@code ВремяСоздания}, or null
 * @param periodStart    {@code ДатаНачала}, or null
 * @param periodEnd      {@code ДатаКонца}, or null
 * @param accounts       every {@code РасчСчет} of the header, as written
 * @param documentKinds  every {@code Документ} of the header (the kinds the file says it carries)
 */
public record ExchangeFile(
        String formatVersion,
        ExchangeEncoding encoding,
        String sender,
        String recipient,
        LocalDate createdDate,
        LocalTime createdTime,
        LocalDate periodStart,
        LocalDate periodEnd,
        List<String> accounts,
        List<String> documentKinds,
        List<AccountSection> accountSections,
        List<PaymentOrder> paymentOrders,
        List<FailedDocument> failedDocuments) {

    public ExchangeFile {
        accounts = List.copyOf(accounts);
        documentKinds = List.copyOf(documentKinds);
        accountSections = List.copyOf(accountSections);
        paymentOrders = List.copyOf(paymentOrders);
        failedDocuments = List.copyOf(failedDocuments);
    }

    public int documentCount() {
        return paymentOrders.size() + failedDocuments.size();
    }
}
