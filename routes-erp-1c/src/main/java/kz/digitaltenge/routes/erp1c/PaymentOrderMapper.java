package kz.digitaltenge.routes.erp1c;

import kz.digitaltenge.canonical.ReasonCode;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns the fields of one document into a {@link PaymentOrder}, or says why it cannot. The three sources (the
 * Russian and the Kazakh variant of {@code 1CClientBankExchange}, and the JSON form) differ in field names and in
 * a few details (where the amount and the purpose are); the checks are the same for all three.
 */
final class PaymentOrderMapper {
    static final String ONE_REFERENCE = "the payment order must name one invoice or one contract";
    static final String DEFAULT_CURRENCY = "KZT";

    private static final String PAYMENT_ORDER_KIND = "ПЛАТЕЖНОЕПОРУЧЕНИЕ";

    private record PartyKeys(List<String> name, String binIin, List<String> account, String bankBic, String kbe) {
    }

    private record Layout(
            String number, String date, DateTimeFormatter dateFormat, List<String> otherDates, String amount,
            String currency, PartyKeys payer, PartyKeys payee, String purpose, String knp,
            String invoice, String contract, String vat) {
    }

    private static final Layout RUSSIAN = new Layout(
            "Номер", "Дата", OrderFields.DOTTED_DATE, List.of("ДатаСписано", "ДатаПоступило"), "Сумма", "Валюта",
            // Плательщик is often "ИНН ... name" in one string; Плательщик1 holds the name alone when present.
            new PartyKeys(List.of("Плательщик1", "Плательщик"), "ПлательщикИНН",
                    List.of("ПлательщикСчет", "ПлательщикРасчСчет"), "ПлательщикБИК", "ПлательщикКБЕ"),
            new PartyKeys(List.of("Получатель1", "Получатель"), "ПолучательИНН",
                    List.of("ПолучательСчет", "ПолучательРасчСчет"), "ПолучательБИК", "ПолучательКБЕ"),
            "НазначениеПлатежа", "КодНазначенияПлатежа", "НомерЭСФ", "НомерДоговора", "СуммаНДС");

    private static final Layout KAZAKH = new Layout(
            "НомерДокумента", "ДатаДокумента", OrderFields.DOTTED_DATE, List.of("ДатаОперации", "ДатаВалютирования"),
            "Сумма", "Валюта",
            new PartyKeys(List.of("ПлательщикНаименование"), "ПлательщикБИН_ИИН", List.of("ПлательщикИИК"),
                    "ПлательщикБанкБИК", "ПлательщикКБЕ"),
            new PartyKeys(List.of("ПолучательНаименование"), "ПолучательБИН_ИИН", List.of("ПолучательИИК"),
                    "ПолучательБанкБИК", "ПолучательКБЕ"),
            "НазначениеПлатежа", "КодНазначенияПлатежа", "НомерЭСФ", "НомерДоговора", "СуммаНДС");

    private static final Layout JSON = new Layout(
            "number", "date", OrderFields.ISO_DATE, List.of(), "amount", "currency",
            new PartyKeys(List.of("payerName"), "payerBin", List.of("payerAccount"), null, null),
            new PartyKeys(List.of("payeeName"), "payeeBin", List.of("payeeAccount"), null, null),
            "purpose", "knp", "invoice", "contract", "vat");

    private PaymentOrderMapper() {
    }

    /**
     * The fields of every layout that say who pays whom, how much and for what: payer and payee ids and accounts, the
     * amount, currency, VAT, the invoice or contract and the purpose text (which may name them and the VAT).
     */
    static java.util.Set<String> moneyFields() {
        java.util.Set<String> names = new java.util.TreeSet<>();
        for (Layout l : List.of(RUSSIAN, KAZAKH, JSON)) {
            names.add(l.amount());
            names.add(l.currency());
            names.add(l.purpose());
            names.add(l.invoice());
            names.add(l.contract());
            names.add(l.vat());
            for (PartyKeys p : List.of(l.payer(), l.payee())) {
                names.add(p.binIin());
                names.addAll(p.account()); // names are not here: a party is its БИН/ИИН (its own field), a name only describes it
            }
        }
        // the amount of a Kazakh statement-style document comes from these when Сумма is absent, and a Russian purpose
        // may be split over НазначениеПлатежа1..6 (the reference and the VAT are read from the purpose): both move money
        names.add("СуммаПриход");
        names.add("СуммаРасход");
        for (int i = 1; i <= 6; i++) {
            names.add("НазначениеПлатежа" + i);
        }
        return java.util.Set.copyOf(names);
    }

    /**
     * Maps a {@code СекцияДокумент} of the given kind. "Выписка" is the Kazakh variant; "Платежное поручение" is the
     * Kazakh variant when it carries {@code ВидДокумента} or {@code НомерДокумента}, the Russian one otherwise.
     */
    static PaymentOrder fromDocument(String kind, int startLine, int endLine, OrderFields fields) {
        String normalisedKind = normaliseKind(kind);
        Layout layout;
        if (normalisedKind.equals("ВЫПИСКА")) {
            layout = KAZAKH;
        } else if (normalisedKind.equals(PAYMENT_ORDER_KIND)) {
            boolean kazakh = fields.all().containsKey("ВидДокумента") || fields.all().containsKey("НомерДокумента");
            layout = kazakh ? KAZAKH : RUSSIAN;
        } else {
            throw new DocumentProblem(ReasonCode.SCHEMA_INVALID, startLine, "line " + startLine
                    + ": document kind '" + kind + "' is not a payment order (the hub takes СекцияДокумент="
                    + "Платежное поручение, or Выписка with ВидДокумента=ПлатежноеПоручение)");
        }
        if (layout == KAZAKH) {
            fields.optional("ВидДокумента")
                    .filter(documentKind -> !normaliseKind(documentKind.value()).equals(PAYMENT_ORDER_KIND))
                    .ifPresent(documentKind -> {
                        throw DocumentProblem.at(ReasonCode.SCHEMA_INVALID, documentKind,
                                "'" + documentKind.value() + "' is not a payment order (ПлатежноеПоручение)");
                    });
        }
        return map(layout, fields, startLine, endLine);
    }

    /** Maps the properties of a JSON payment order, held as fields with line 0. */
    static PaymentOrder fromJson(OrderFields fields) {
        return map(JSON, fields, 0, 0);
    }

    private static PaymentOrder map(Layout layout, OrderFields fields, int startLine, int endLine) {
        String number = fields.required(layout.number()).value().strip();
        LocalDate date = OrderFields.date(fields.required(layout.date()), layout.dateFormat());
        for (String otherDate : layout.otherDates()) {
            fields.optional(otherDate).ifPresent(field -> OrderFields.date(field, layout.dateFormat()));
        }
        long amount = layout == KAZAKH ? kazakhAmount(fields) : amount(fields.required(layout.amount()));
        String currency = fields.optional(layout.currency()).map(OrderFields::currency).orElse(DEFAULT_CURRENCY);
        PaymentOrder.Party payer = party(fields, layout.payer());
        PaymentOrder.Party payee = party(fields, layout.payee());
        if (payer.account().equals(payee.account())) {
            DocumentField payeeAccount = fields.required(layout.payee().account().toArray(String[]::new));
            throw DocumentProblem.at(ReasonCode.BUSINESS_RULE, payeeAccount,
                    "the payee account is the payer's own account " + payer.account());
        }
        DocumentField purpose = layout == RUSSIAN ? russianPurpose(fields) : fields.required(layout.purpose());
        String knp = fields.optional(layout.knp()).map(OrderFields::knp).orElse(null);
        PaymentReference reference = reference(fields, layout, purpose);
        Long vat = vat(fields, layout, purpose, amount);
        return new PaymentOrder(number, date, amount, currency, payer, payee, purpose.value().strip(), knp, vat,
                reference, startLine, endLine, fields.all());
    }

    private static long amount(DocumentField field) {
        return OrderFields.paymentAmount(field, OrderFields.money(field));
    }

    /**
     * A statement line carries the amount as СуммаПриход (in) or СуммаРасход (out), the other one empty or zero; a
     * plain Сумма takes precedence when present.
     */
    private static long kazakhAmount(OrderFields fields) {
        Optional<DocumentField> sum = fields.optional("Сумма");
        if (sum.isPresent()) {
            return amount(sum.get());
        }
        Optional<DocumentField> in = fields.optional("СуммаПриход");
        Optional<DocumentField> out = fields.optional("СуммаРасход");
        boolean inNonZero = in.isPresent() && OrderFields.money(in.get()) != 0;
        boolean outNonZero = out.isPresent() && OrderFields.money(out.get()) != 0;
        if (inNonZero && outNonZero) {
            throw DocumentProblem.at(ReasonCode.SCHEMA_INVALID, out.get(),
                    "both СуммаПриход (line " + in.get().line() + ") and СуммаРасход are set; a document moves money one way");
        }
        DocumentField field = inNonZero ? in.get() : outNonZero ? out.get()
                : in.or(() -> out).orElseGet(() -> fields.required("Сумма", "СуммаПриход", "СуммаРасход"));
        return amount(field);
    }

    /** НазначениеПлатежа, or when absent the lines НазначениеПлатежа1..6 that 1C splits it into, joined. */
    private static DocumentField russianPurpose(OrderFields fields) {
        Optional<DocumentField> whole = fields.optional("НазначениеПлатежа");
        if (whole.isPresent()) {
            return whole.get();
        }
        List<DocumentField> parts = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            fields.optional("НазначениеПлатежа" + i).ifPresent(parts::add);
        }
        if (parts.isEmpty()) {
            return fields.required("НазначениеПлатежа");
        }
        String text = parts.stream().map(part -> part.value().strip()).collect(Collectors.joining(" "));
        return new DocumentField(parts.get(0).key(), text, parts.get(0).line());
    }

    private static PaymentOrder.Party party(OrderFields fields, PartyKeys keys) {
        String name = fields.required(keys.name().toArray(String[]::new)).value().strip();
        String binIin = OrderFields.binIin(fields.required(keys.binIin()));
        String account = OrderFields.account(fields.required(keys.account().toArray(String[]::new)));
        String bankBic = keys.bankBic() == null ? null
                : fields.optional(keys.bankBic()).map(OrderFields::bic).orElse(null);
        String kbe = keys.kbe() == null ? null : fields.optional(keys.kbe()).map(OrderFields::kbe).orElse(null);
        return new PaymentOrder.Party(name, binIin, account, bankBic, kbe);
    }

    /** The rule in the README: a dedicated field first, otherwise exactly one reference in the purpose text. */
    private static PaymentReference reference(OrderFields fields, Layout layout, DocumentField purpose) {
        Optional<DocumentField> invoice = fields.optional(layout.invoice());
        Optional<DocumentField> contract = fields.optional(layout.contract());
        if (invoice.isPresent() && contract.isPresent()) {
            throw DocumentProblem.at(ReasonCode.BUSINESS_RULE, contract.get(), ONE_REFERENCE + "; both "
                    + invoice.get().location() + " and " + contract.get().location() + " are set");
        }
        if (invoice.isPresent()) {
            String number = invoice.get().value().strip();
            if (!PurposeText.INVOICE.matcher(number).matches()) {
                throw DocumentProblem.at(ReasonCode.SCHEMA_INVALID, invoice.get(),
                        "'" + number + "' is not an e-invoice registration number (ESF- followed by letters, digits, hyphens)");
            }
            return PaymentReference.invoice(number);
        }
        if (contract.isPresent()) {
            return PaymentReference.contract(contract.get().value().strip());
        }
        Set<PaymentReference> named = PurposeText.references(purpose.value());
        if (named.size() == 1) {
            return named.iterator().next();
        }
        String found = named.isEmpty()
                ? "the purpose names neither an e-invoice (ESF-...) nor a contract (договор № ...), and neither "
                        + layout.invoice() + " nor " + layout.contract() + " is set"
                : "the purpose names " + named.size() + ": "
                        + named.stream().map(PaymentReference::toString).collect(Collectors.joining(", "));
        throw DocumentProblem.at(ReasonCode.BUSINESS_RULE, purpose, ONE_REFERENCE + "; " + found);
    }

    /** The rule in the README: a dedicated VAT field first, otherwise one VAT amount stated in the purpose text. */
    private static Long vat(OrderFields fields, Layout layout, DocumentField purpose, long amount) {
        Optional<DocumentField> field = fields.optional(layout.vat());
        if (field.isPresent()) {
            long vat = OrderFields.money(field.get());
            if (vat < 0) {
                throw DocumentProblem.at(ReasonCode.BUSINESS_RULE, field.get(), "VAT cannot be negative");
            }
            return requireWithinAmount(field.get(), BigDecimal.valueOf(vat, 2), amount);
        }
        Set<BigDecimal> stated;
        try {
            stated = PurposeText.vatAmounts(purpose.value());
        } catch (IllegalArgumentException tooLong) {
            throw DocumentProblem.at(ReasonCode.BUSINESS_RULE, purpose, tooLong.getMessage());
        }
        if (stated.isEmpty()) {
            return null;
        }
        if (stated.size() > 1) {
            throw DocumentProblem.at(ReasonCode.BUSINESS_RULE, purpose, "the purpose states different VAT amounts: "
                    + stated.stream().map(BigDecimal::toPlainString).collect(Collectors.joining(", ")));
        }
        return requireWithinAmount(purpose, stated.iterator().next(), amount);
    }

    private static long requireWithinAmount(DocumentField field, BigDecimal vatTenge, long amount) {
        BigDecimal amountTenge = BigDecimal.valueOf(amount, 2);
        if (vatTenge.compareTo(amountTenge) > 0) {
            throw DocumentProblem.at(ReasonCode.BUSINESS_RULE, field,
                    "VAT " + vatTenge.toPlainString() + " exceeds the amount " + amountTenge.toPlainString());
        }
        return vatTenge.movePointRight(2).longValueExact();
    }

    private static String normaliseKind(String kind) {
        return kind.replaceAll("\\s+", "").toUpperCase(Locale.ROOT);
    }
}
