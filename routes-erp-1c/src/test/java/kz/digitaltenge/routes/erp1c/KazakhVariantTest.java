package kz.digitaltenge.routes.erp1c;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalTime;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Kazakh banks' variant, every field, from a hand-made cp1251 file with CRLF line ends. */
class KazakhVariantTest {
    private static ExchangeFile file;

    @BeforeAll
    static void read() {
        file = new ClientBankExchangeReader().read(TestFiles.resource("kazakh-variant-cp1251-crlf.txt"));
    }

    @Test
    void header() {
        assertThat(file.formatVersion()).isEqualTo("1.03");
        assertThat(file.encoding()).isEqualTo(ExchangeEncoding.WINDOWS_1251);
        assertThat(file.sender()).isEqualTo("Kaspi Business");
        assertThat(file.recipient()).isEqualTo("1С:Бухгалтерия 8 для Казахстана");
        assertThat(file.createdDate()).isEqualTo(LocalDate.of(2025, 3, 14));
        assertThat(file.createdTime()).isEqualTo(LocalTime.of(9, 15, 30));
        assertThat(file.periodStart()).isEqualTo(LocalDate.of(2025, 3, 13));
        assertThat(file.periodEnd()).isEqualTo(LocalDate.of(2025, 3, 14));
        assertThat(file.accounts()).containsExactly("KZ18722S000012345678");
        assertThat(file.documentKinds()).containsExactly("Выписка", "Платежное поручение");
    }

    @Test
    void accountSection() {
        assertThat(file.accountSections()).containsExactly(new AccountSection("KZ18722S000012345678",
                LocalDate.of(2025, 3, 13), LocalDate.of(2025, 3, 14),
                50_000_000L, 30_000_000L, 125_050L, 79_874_950L, 13, 21));
    }

    @Test
    void bothDocumentsBecomePaymentOrders() {
        assertThat(file.failedDocuments()).isEmpty();
        assertThat(file.paymentOrders()).hasSize(2);
        assertThat(file.documentCount()).isEqualTo(2);
    }

    @Test
    void statementLineWithOutgoingAmountAndInvoiceInPurpose() {
        PaymentOrder order = file.paymentOrders().get(0);
        assertThat(order.number()).isEqualTo("117");
        assertThat(order.date()).isEqualTo(LocalDate.of(2025, 3, 14));
        assertThat(order.amount()).isEqualTo(125_050L);
        assertThat(order.currency()).isEqualTo("KZT");
        assertThat(order.payer()).isEqualTo(new PaymentOrder.Party(
                "ТОО «Астана Строй»", "040840000997", "KZ18722S000012345678", "CASPKZKA", "17"));
        assertThat(order.payee()).isEqualTo(new PaymentOrder.Party(
                "ТОО «Дала Трейд»", "120340005124", "KZ35601A000000000123", "HSBKKZKX", "17"));
        assertThat(order.purpose()).isEqualTo("Оплата по ЭСФ № ESF-120340005124-20250314-0001 за строительные "
                + "материалы, в т.ч. НДС 12% - 133,98");
        assertThat(order.knp()).isEqualTo("710");
        assertThat(order.vat()).isEqualTo(13_398L);
        assertThat(order.reference()).isEqualTo(PaymentReference.invoice("ESF-120340005124-20250314-0001"));
        assertThat(order.startLine()).isEqualTo(22);
        assertThat(order.endLine()).isEqualTo(45);
    }

    @Test
    void everyFieldIsKeptInFileOrderWithItsLine() {
        PaymentOrder order = file.paymentOrders().get(0);
        assertThat(order.fields().keySet()).containsExactly(
                "ВидДокумента", "НомерДокумента", "ДатаДокумента", "ДатаОперации", "ДатаВалютирования",
                "СуммаПриход", "СуммаРасход", "Валюта",
                "ПлательщикНаименование", "ПлательщикБИН_ИИН", "ПлательщикИИК", "ПлательщикКБЕ",
                "ПлательщикБанкБИК", "ПлательщикБанкНаименование",
                "ПолучательНаименование", "ПолучательБИН_ИИН", "ПолучательИИК", "ПолучательКБЕ",
                "ПолучательБанкБИК", "ПолучательБанкНаименование",
                "НазначениеПлатежа", "КодНазначенияПлатежа");
        assertThat(order.fields().get("ВидДокумента")).isEqualTo(
                new DocumentField("ВидДокумента", "ПлатежноеПоручение", 23));
        assertThat(order.fields().get("ДатаВалютирования").value()).isEqualTo("15.03.2025");
        assertThat(order.fields().get("ПолучательБанкНаименование")).isEqualTo(
                new DocumentField("ПолучательБанкНаименование", "АО «Народный Банк Казахстана»", 42));
        assertThat(order.fields().get("КодНазначенияПлатежа").line()).isEqualTo(44);
    }

    @Test
    void paymentOrderSectionWithContractAndVatFields() {
        PaymentOrder order = file.paymentOrders().get(1);
        assertThat(order.number()).isEqualTo("118");
        assertThat(order.amount()).isEqualTo(30_000_000L);
        assertThat(order.payer()).isEqualTo(new PaymentOrder.Party(
                "ИП Сейткали", "950101300125", "KZ869980000000000001", "TSESKZKA", "19"));
        assertThat(order.payee().binIin()).isEqualTo("040840000997");
        assertThat(order.reference()).isEqualTo(PaymentReference.contract("ДП-15/2025"));
        assertThat(order.vat()).isEqualTo(3_214_286L);
        assertThat(order.purpose()).isEqualTo("Предоплата за бетон");
        assertThat(order.startLine()).isEqualTo(46);
        assertThat(order.endLine()).isEqualTo(68);
        assertThat(order.fields().get("НомерДоговора").line()).isEqualTo(65);
    }
}
