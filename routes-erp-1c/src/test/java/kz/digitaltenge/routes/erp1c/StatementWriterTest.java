package kz.digitaltenge.routes.erp1c;

import kz.digitaltenge.canonical.payment.Statement;
import kz.digitaltenge.canonical.payment.StatementLine;
import static kz.digitaltenge.routes.erp1c.TestFiles.BUYER_BIN;
import static kz.digitaltenge.routes.erp1c.TestFiles.BUYER_IIK;
import static kz.digitaltenge.routes.erp1c.TestFiles.CP1251;
import static kz.digitaltenge.routes.erp1c.TestFiles.SELLER_BIN;
import static kz.digitaltenge.routes.erp1c.TestFiles.SELLER_IIK;
import static kz.digitaltenge.routes.erp1c.TestFiles.UTF8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** The statement written back to 1C, and read again by the reader. */
class StatementWriterTest {
    private static final Clock ALMATY_9AM = Clock.fixed(Instant.parse("2025-04-01T04:00:00Z"), ZoneOffset.ofHours(5));
    private static final LocalDate MARCH_1 = LocalDate.of(2025, 3, 1);
    private static final LocalDate MARCH_31 = LocalDate.of(2025, 3, 31);

    private static final StatementLine PREPAYMENT_IN = new StatementLine("118", LocalDate.of(2025, 3, 14), true,
            30_000_000L, new StatementLine.Counterparty("ИП Сейткали", "950101300125", "KZ869980000000000001", "TSESKZKA"),
            "Предоплата по договору № ДП-15/2025 за бетон, в т.ч. НДС 32142,86", "710", "tx-7f3a");
    private static final StatementLine INVOICE_OUT = new StatementLine("117", LocalDate.of(2025, 3, 14), false,
            125_050L, new StatementLine.Counterparty("ТОО «Дала Трейд»", SELLER_BIN, SELLER_IIK, null),
            "Оплата по ЭСФ ESF-120340005124-20250314-0001", null, "tx-7f3b");

    private final StatementWriter writer = new StatementWriter("Tenge Hub", ALMATY_9AM);

    private static Statement statement(String ownerName, long closing, List<StatementLine> lines) {
        return new Statement(BUYER_IIK, MARCH_1, MARCH_31, ownerName, BUYER_BIN, 50_000_000L, 125_050L,
                30_000_000L, closing, lines);
    }

    private static Statement march() {
        return statement("ТОО «Астана Строй»", 79_874_950L, List.of(PREPAYMENT_IN, INVOICE_OUT));
    }

    @Test
    void writesTheKazakhVariantInCp1251WithCrlf() {
        byte[] written = writer.write(march());

        String expected = """
                1CClientBankExchange
                ВерсияФормата=1.03
                Кодировка=Windows
                Отправитель=Tenge Hub
                Получатель=1С
                ДатаСоздания=01.04.2025
                ВремяСоздания=09:00:00
                ДатаНачала=01.03.2025
                ДатаКонца=31.03.2025
                РасчСчет=KZ18722S000012345678
                СекцияРасчСчет
                ДатаНачала=01.03.2025
                ДатаКонца=31.03.2025
                РасчСчет=KZ18722S000012345678
                НачальныйОстаток=500000.00
                ВсегоПоступило=300000.00
                ВсегоСписано=1250.50
                КонечныйОстаток=798749.50
                КонецРасчСчет
                СекцияДокумент=Выписка
                ВидДокумента=ПлатежноеПоручение
                НомерДокумента=118
                ДатаДокумента=14.03.2025
                ДатаОперации=14.03.2025
                СуммаПриход=300000.00
                Валюта=KZT
                ПлательщикНаименование=ИП Сейткали
                ПлательщикБИН_ИИН=950101300125
                ПлательщикИИК=KZ869980000000000001
                ПлательщикБанкБИК=TSESKZKA
                ПолучательНаименование=ТОО «Астана Строй»
                ПолучательБИН_ИИН=040840000997
                ПолучательИИК=KZ18722S000012345678
                НазначениеПлатежа=Предоплата по договору № ДП-15/2025 за бетон, в т.ч. НДС 32142,86
                КодНазначенияПлатежа=710
                ИдентификаторТранзакции=tx-7f3a
                КонецДокумента
                СекцияДокумент=Выписка
                ВидДокумента=ПлатежноеПоручение
                НомерДокумента=117
                ДатаДокумента=14.03.2025
                ДатаОперации=14.03.2025
                СуммаРасход=1250.50
                Валюта=KZT
                ПлательщикНаименование=ТОО «Астана Строй»
                ПлательщикБИН_ИИН=040840000997
                ПлательщикИИК=KZ18722S000012345678
                ПолучательНаименование=ТОО «Дала Трейд»
                ПолучательБИН_ИИН=120340005124
                ПолучательИИК=KZ35601A000000000123
                НазначениеПлатежа=Оплата по ЭСФ ESF-120340005124-20250314-0001
                ИдентификаторТранзакции=tx-7f3b
                КонецДокумента
                КонецФайла
                """.replace("\n", "\r\n");
        assertThat(written).isEqualTo(expected.getBytes(CP1251));
    }

    @Test
    void utf8IsAnOption() {
        String written = new String(writer.write(march(), ExchangeEncoding.UTF_8), UTF8);

        assertThat(written).startsWith("1CClientBankExchange\r\nВерсияФормата=1.03\r\nКодировка=UTF-8\r\n")
                .endsWith("КонецДокумента\r\nКонецФайла\r\n");
    }

    @ParameterizedTest
    @EnumSource(value = ExchangeEncoding.class, names = {"WINDOWS_1251", "UTF_8"})
    void theReaderReadsWhatTheWriterWrites(ExchangeEncoding encoding) {
        ExchangeFile read = new ClientBankExchangeReader().read(writer.write(march(), encoding));

        assertThat(read.encoding()).isEqualTo(encoding);
        assertThat(read.sender()).isEqualTo("Tenge Hub");
        assertThat(read.periodStart()).isEqualTo(MARCH_1);
        assertThat(read.periodEnd()).isEqualTo(MARCH_31);
        assertThat(read.accountSections()).singleElement().satisfies(section -> {
            assertThat(section.account()).isEqualTo(BUYER_IIK);
            assertThat(section.openingBalance()).isEqualTo(50_000_000L);
            assertThat(section.totalCredited()).isEqualTo(30_000_000L);
            assertThat(section.totalDebited()).isEqualTo(125_050L);
            assertThat(section.closingBalance()).isEqualTo(79_874_950L);
        });
        assertThat(read.failedDocuments()).isEmpty();
        PaymentOrder in = read.paymentOrders().get(0);
        assertThat(in.payer()).isEqualTo(new PaymentOrder.Party(
                "ИП Сейткали", "950101300125", "KZ869980000000000001", "TSESKZKA", null));
        assertThat(in.payee()).isEqualTo(new PaymentOrder.Party("ТОО «Астана Строй»", BUYER_BIN, BUYER_IIK, null, null));
        assertThat(in.amount()).isEqualTo(30_000_000L);
        assertThat(in.reference()).isEqualTo(PaymentReference.contract("ДП-15/2025"));
        assertThat(in.vat()).isEqualTo(3_214_286L);
        assertThat(in.fields().get(StatementWriter.TRANSACTION_ID_FIELD).value()).isEqualTo("tx-7f3a");
        PaymentOrder out = read.paymentOrders().get(1);
        assertThat(out.payer().account()).isEqualTo(BUYER_IIK);
        assertThat(out.payee().account()).isEqualTo(SELLER_IIK);
        assertThat(out.amount()).isEqualTo(125_050L);
        assertThat(out.knp()).isNull();
        assertThat(out.fields()).containsKey("СуммаРасход").doesNotContainKey("СуммаПриход");
    }

    @Test
    void kazakhLettersAreWrittenAsTheirRussianTwinsInCp1251AndKeptInUtf8() {
        Statement kazakhName = statement("ТОО «Қазақ Құрылыс»", 79_874_950L, List.of(PREPAYMENT_IN, INVOICE_OUT));

        ExchangeFile cp1251 = new ClientBankExchangeReader().read(writer.write(kazakhName));
        assertThat(cp1251.paymentOrders().get(0).payee().name()).isEqualTo("ТОО «Казак Курылыс»");
        ExchangeFile read = new ClientBankExchangeReader().read(writer.write(kazakhName, ExchangeEncoding.UTF_8));
        assertThat(read.paymentOrders().get(0).payee().name()).isEqualTo("ТОО «Қазақ Құрылыс»");
    }

    @Test
    void whatAnotherPartyStoredNeverBreaksAStatement() {
        // a payer's name with a character no single-byte encoding has, a control and a direction character
        Statement hostile = statement("ТОО \u202Eмошенник\u0007 ☃", 79_874_950L, List.of(PREPAYMENT_IN, INVOICE_OUT));
        for (ExchangeEncoding encoding : ExchangeEncoding.values()) {
            ExchangeFile read = new ClientBankExchangeReader().read(writer.write(hostile, encoding));
            String name = read.paymentOrders().get(0).payee().name();
            assertThat(name).as(encoding.name()).doesNotContain("\u202E").doesNotContain("\u0007").startsWith("ТОО ?мошенник?");
        }
    }

    @Test
    void balancesMustAddUp() {
        assertThatThrownBy(() -> writer.write(statement("ТОО «Астана Строй»", 79_874_951L,
                List.of(PREPAYMENT_IN, INVOICE_OUT))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("opening 500000.00 + credits 300000.00 − debits 1250.50 = 798749.50, but the closing "
                        + "balance is 798749.51");
    }

    @Test
    void totalsMustMatchTheLines() {
        assertThatThrownBy(() -> writer.write(statement("ТОО «Астана Строй»", 79_874_950L, List.of(PREPAYMENT_IN))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the lines add up to credits 300000.00 and debits 0.00, but the statement states credits "
                        + "300000.00 and debits 1250.50");
    }

    @Test
    void linesMustFallInThePeriodAndNameValidAccounts() {
        StatementLine april = new StatementLine("119", LocalDate.of(2025, 4, 1), false, 125_050L,
                INVOICE_OUT.counterparty(), "Оплата", null, "tx-1");
        assertThatThrownBy(() -> writer.write(statement("ТОО «Астана Строй»", 79_874_950L, List.of(PREPAYMENT_IN, april))))
                .hasMessage("statement line 119: date 2025-04-01 is outside the statement period");

        StatementLine badAccount = new StatementLine("119", MARCH_31, false, 125_050L,
                new StatementLine.Counterparty("ТОО «Дала Трейд»", SELLER_BIN, "KZ35601A000000000124", null),
                "Оплата", null, "tx-1");
        assertThatThrownBy(() -> writer.write(statement("ТОО «Астана Строй»", 79_874_950L,
                List.of(PREPAYMENT_IN, badAccount))))
                .hasMessage("invalid statement line 119 counterparty account 'KZ35601A000000000124'");
    }

    @Test
    void aLineBreakInAPurposeBecomesASpace() {
        StatementLine multiline = new StatementLine("117", MARCH_31, false, 125_050L, INVOICE_OUT.counterparty(),
                "Оплата по ЭСФ\r\nESF-120340005124-20250314-0001", null, "tx-1");

        ExchangeFile read = new ClientBankExchangeReader().read(writer.write(
                statement("ТОО «Астана Строй»", 79_874_950L, List.of(PREPAYMENT_IN, multiline))));

        assertThat(read.paymentOrders().get(1).purpose()).isEqualTo("Оплата по ЭСФ ESF-120340005124-20250314-0001");
    }
}
