package kz.digitaltenge.routes.erp1c;

import static kz.digitaltenge.routes.erp1c.TestFiles.BUYER_BIN;
import static kz.digitaltenge.routes.erp1c.TestFiles.BUYER_IIK;
import static kz.digitaltenge.routes.erp1c.TestFiles.CP1251;
import static kz.digitaltenge.routes.erp1c.TestFiles.INVOICE;
import static kz.digitaltenge.routes.erp1c.TestFiles.SELLER_IIK;
import static kz.digitaltenge.routes.erp1c.TestFiles.bytes;
import static kz.digitaltenge.routes.erp1c.TestFiles.file;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import kz.digitaltenge.canonical.ReasonCode;
import kz.digitaltenge.canonical.SourceMessageRejected;
import kz.digitaltenge.canonical.payment.OrderForm;
import kz.digitaltenge.canonical.payment.PaymentDocuments;
import kz.digitaltenge.canonical.payment.PaymentInstruction;
import kz.digitaltenge.canonical.payment.PaymentOrderFormat;
import kz.digitaltenge.canonical.payment.ReferenceKind;
import kz.digitaltenge.canonical.payment.RefusedDocument;
import kz.digitaltenge.canonical.payment.Statement;
import kz.digitaltenge.canonical.payment.StatementLine;
import kz.digitaltenge.routes.erp1c.TestFiles.Doc;
import org.junit.jupiter.api.Test;

/** The 1C format as the hub's payment intake uses it: instructions, refused documents, retries, edits, statements. */
class Erp1cPaymentOrdersTest {
    private final PaymentOrderFormat format = new Erp1cPaymentOrders(
            new StatementWriter("Tenge Hub", Clock.fixed(Instant.parse("2025-04-01T04:00:00Z"), ZoneOffset.ofHours(5))));

    private static byte[] twoDocuments() {
        return bytes(file("Windows", Doc.kazakh(), Doc.kazakh().set("НомерДокумента", "118").remove("СуммаРасход")), CP1251, true);
    }

    @Test
    void aFileBecomesTypedInstructionsAndRefusedDocumentsInFileOrder() {
        PaymentDocuments read = format.readFile(twoDocuments());

        assertThat(read.documentCount()).isEqualTo(2);
        PaymentInstruction order = read.instructions().get(0);
        assertThat(order.number()).isEqualTo("117");
        assertThat(order.date()).isEqualTo(LocalDate.of(2025, 3, 14));
        assertThat(order.amount()).isEqualTo(125_050L);
        assertThat(order.payer().value()).isEqualTo(BUYER_BIN);
        assertThat(order.payerAccount().value()).isEqualTo(BUYER_IIK);
        assertThat(order.payeeAccount().value()).isEqualTo(SELLER_IIK);
        assertThat(order.referenceKind()).isEqualTo(ReferenceKind.INVOICE);
        assertThat(order.reference()).isEqualTo(INVOICE);
        assertThat(order.startLine()).isPositive();
        assertThat(new String(order.documentText(), StandardCharsets.UTF_8)).contains("НомерДокумента=117");

        RefusedDocument refused = read.refused().get(0);
        assertThat(refused.reason()).isEqualTo(ReasonCode.SCHEMA_INVALID.name());
        assertThat(refused.number()).isEqualTo("118");
        assertThat(refused.date()).isEqualTo("14.03.2025");
        assertThat(refused.startLine()).isGreaterThan(order.endLine());
        assertThat(refused.rawText()).contains("НомерДокумента=118").doesNotContain("СуммаРасход");
    }

    @Test
    void aQuarantinedDocumentReadsAgainAsTheSameOrderAndACorrectedOneBecomesOne() {
        PaymentDocuments read = format.readFile(twoDocuments());
        PaymentInstruction first = read.instructions().get(0);

        PaymentInstruction again = format.readDocument(first.documentText());
        assertThat(again).usingRecursiveComparison().ignoringFields("startLine", "endLine", "documentText").isEqualTo(first);

        String broken = read.refused().get(0).rawText();
        assertThatThrownBy(() -> format.readDocument(broken.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(SourceMessageRejected.class, e -> assertThat(e.code()).isEqualTo(ReasonCode.SCHEMA_INVALID));
        PaymentInstruction corrected = format.readDocument(broken.replace("КонецДокумента", "СуммаРасход=99.00\nКонецДокумента").getBytes(StandardCharsets.UTF_8));
        assertThat(corrected.number()).isEqualTo("118");
        assertThat(corrected.amount()).isEqualTo(9_900L);
    }

    @Test
    void aFileThatIsNot1cIsRejectedAsAWhole() {
        assertThatThrownBy(() -> format.readFile("<xml/>".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(SourceMessageRejected.class, e -> assertThat(e.code()).isEqualTo(ReasonCode.MALFORMED));
    }

    @Test
    void aJsonOrderKeepsItsJsonAsTheOriginal() {
        byte[] json = ("{\"number\":\"17\",\"date\":\"2025-03-14\",\"amount\":\"1250.50\",\"payerBin\":\"" + BUYER_BIN
                + "\",\"payerAccount\":\"" + BUYER_IIK + "\",\"payerName\":\"A\",\"payeeBin\":\"120340005124\",\"payeeAccount\":\""
                + SELLER_IIK + "\",\"payeeName\":\"B\",\"purpose\":\"x\",\"contract\":\"ДП-7\"}").getBytes(StandardCharsets.UTF_8);

        PaymentInstruction order = format.readJson(json);

        assertThat(order.referenceKind()).isEqualTo(ReferenceKind.CONTRACT);
        assertThat(order.reference()).isEqualTo("ДП-7");
        assertThat(order.documentText()).isEqualTo(json);
    }

    @Test
    void anEditMayCorrectTheFormatButNoFieldThatMovesMoney() {
        byte[] original = format.readFile(twoDocuments()).instructions().get(0).documentText();
        String text = new String(original, StandardCharsets.UTF_8);

        assertThat(format.editRefusal(OrderForm.DOCUMENT, original,
                text.replace("КодНазначенияПлатежа=710", "КодНазначенияПлатежа=711").getBytes(StandardCharsets.UTF_8))).isNull();
        assertThat(format.editRefusal(OrderForm.DOCUMENT, original,
                text.replace("СуммаРасход=1250.50", "СуммаРасход=125.05").getBytes(StandardCharsets.UTF_8)))
                .contains("СуммаРасход");
        assertThat(format.editRefusal(OrderForm.DOCUMENT, original,
                text.replace(SELLER_IIK, "KZ869980000000000001").getBytes(StandardCharsets.UTF_8)))
                .contains("ПолучательИИК");
    }

    @Test
    void statementsAreCp1251UnlessUtf8IsAskedFor() {
        Statement march = new Statement(BUYER_IIK, LocalDate.of(2025, 3, 1), LocalDate.of(2025, 3, 31), "ТОО «Қазақ Құрылыс»",
                BUYER_BIN, 200_000L, 125_050L, 0L, 74_950L, List.of(new StatementLine("117", LocalDate.of(2025, 3, 14), false,
                125_050L, new StatementLine.Counterparty("ТОО «Дала Трейд»", "120340005124", SELLER_IIK, null),
                "Оплата по ЭСФ " + INVOICE, null, "tx-1")));

        PaymentOrderFormat.WrittenStatement windows = format.writeStatement(march, null);
        PaymentOrderFormat.WrittenStatement utf8 = format.writeStatement(march, "utf-8");

        assertThat(windows.charset()).isEqualTo(CP1251);
        assertThat(windows.fileName()).isEqualTo("kl_to_1c.txt");
        assertThat(new String(windows.bytes(), CP1251)).contains("Кодировка=Windows");
        assertThat(utf8.charset()).isEqualTo(StandardCharsets.UTF_8);
        assertThat(new String(utf8.bytes(), StandardCharsets.UTF_8)).contains("Қазақ Құрылыс");
    }
}
