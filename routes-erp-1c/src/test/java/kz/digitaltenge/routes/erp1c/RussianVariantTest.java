package kz.digitaltenge.routes.erp1c;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalTime;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Russian variant with every field of the 1C standard, from a hand-made UTF-8 file with LF line ends. */
class RussianVariantTest {
    private static ExchangeFile file;

    @BeforeAll
    static void read() {
        file = new ClientBankExchangeReader().read(TestFiles.resource("russian-variant-utf8-lf.txt"));
    }

    @Test
    void header() {
        assertThat(file.formatVersion()).isEqualTo("1.02");
        assertThat(file.encoding()).isEqualTo(ExchangeEncoding.UTF_8);
        assertThat(file.sender()).isEqualTo("Бухгалтерия для Казахстана, редакция 3.0");
        assertThat(file.recipient()).isEqualTo("Клиент банка");
        assertThat(file.createdDate()).isEqualTo(LocalDate.of(2025, 4, 2));
        assertThat(file.createdTime()).isEqualTo(LocalTime.of(17, 45));
        assertThat(file.accounts()).containsExactly("KZ18722S000012345678");
        assertThat(file.documentKinds()).containsExactly("Платежное поручение");
        assertThat(file.accountSections()).isEmpty();
        assertThat(file.failedDocuments()).isEmpty();
        assertThat(file.paymentOrders()).hasSize(2);
    }

    @Test
    void fullPaymentOrder() {
        PaymentOrder order = file.paymentOrders().get(0);
        assertThat(order.number()).isEqualTo("245");
        assertThat(order.date()).isEqualTo(LocalDate.of(2025, 4, 2));
        assertThat(order.amount()).isEqualTo(5_600_000L);
        assertThat(order.currency()).isEqualTo("KZT");
        // Плательщик1 is the bare name; Плательщик carries "БИН ... name".
        assertThat(order.payer()).isEqualTo(new PaymentOrder.Party(
                "ТОО \"Астана Строй\"", "040840000997", "KZ18722S000012345678", "CASPKZKA", "17"));
        assertThat(order.payee()).isEqualTo(new PaymentOrder.Party(
                "ИП Ахметов", "880731500287", "KZ861250000000000777", "KCJBKZKX", "19"));
        assertThat(order.purpose())
                .isEqualTo("Оплата по договору № 12/2025 за услуги спецтехники. В том числе НДС 6000.00");
        assertThat(order.knp()).isEqualTo("859");
        assertThat(order.vat()).isEqualTo(600_000L);
        assertThat(order.reference()).isEqualTo(PaymentReference.contract("12/2025"));
        assertThat(order.startLine()).isEqualTo(12);
        assertThat(order.endLine()).isEqualTo(80);
    }

    @Test
    void everyStandardFieldIsKept() {
        PaymentOrder order = file.paymentOrders().get(0);
        assertThat(order.fields()).hasSize(67);
        assertThat(order.fields().keySet()).startsWith("Номер", "Дата", "Сумма", "КвитанцияДата")
                .contains("ПлательщикКорсчет", "ПолучательКорсчет", "ВидПлатежа", "КодНазПлатежа", "ВидОплаты",
                        "Код", "СтатусСоставителя", "ПлательщикКПП", "ПолучательКПП", "ПоказательКБК", "ОКАТО",
                        "ПоказательОснования", "ПоказательПериода", "ПоказательНомера", "ПоказательДаты",
                        "ПоказательТипа", "Очередность", "СрокАкцепта", "ВидАккредитива", "СрокПлатежа",
                        "УсловиеОплаты1", "УсловиеОплаты2", "УсловиеОплаты3", "ПлатежПоПредст", "ДополнУсловия",
                        "НомерСчетаПоставщика", "ДатаОтсылкиДок", "НазначениеПлатежа6")
                .endsWith("КодНазначенияПлатежа", "ПлательщикКБЕ", "ПолучательКБЕ");
        assertThat(order.fields().get("Очередность")).isEqualTo(new DocumentField("Очередность", "5", 66));
        assertThat(order.fields().get("ВидОплаты")).isEqualTo(new DocumentField("ВидОплаты", "01", 47));
        assertThat(order.fields().get("ПлательщикБанк1").value()).isEqualTo("АО \"Kaspi Bank\"");
        assertThat(order.fields().get("КвитанцияСодержание").value()).isEqualTo("Принят банком");
        assertThat(order.fields().get("ОКАТО").value()).isEmpty();
    }

    @Test
    void purposeSplitOverNumberedLinesAndAnEmptyDedicatedFieldFallsBackToThePurpose() {
        PaymentOrder order = file.paymentOrders().get(1);
        assertThat(order.number()).isEqualTo("246");
        assertThat(order.amount()).isEqualTo(112_000L);
        assertThat(order.payer().name()).isEqualTo("ТОО \"Астана Строй\"");
        assertThat(order.payer().bankBic()).isNull();
        assertThat(order.payer().kbe()).isNull();
        assertThat(order.knp()).isNull();
        assertThat(order.purpose()).isEqualTo("Оплата ЭСФ ESF-120340005124-20250401-0042 в т.ч. НДС 12% - 120,00");
        assertThat(order.reference()).isEqualTo(PaymentReference.invoice("ESF-120340005124-20250401-0042"));
        assertThat(order.vat()).isEqualTo(12_000L);
        assertThat(order.startLine()).isEqualTo(81);
        assertThat(order.endLine()).isEqualTo(94);
    }
}
