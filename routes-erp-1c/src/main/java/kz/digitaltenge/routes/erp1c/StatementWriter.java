package kz.digitaltenge.routes.erp1c;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import kz.digitaltenge.canonical.id.AccountNumber;
import kz.digitaltenge.canonical.id.PartyId;
import kz.digitaltenge.canonical.money.Tiyn;
import kz.digitaltenge.canonical.payment.Statement;
import kz.digitaltenge.canonical.payment.StatementLine;

/**
 * Writes a {@link Statement} as a {@code 1CClientBankExchange} file in the Kazakh banks' variant (format version
 * 1.03, CRLF line ends): a header, one {@code СекцияРасчСчет} with the balances, and one
 * {@code СекцияДокумент=Выписка} per movement carrying the ledger transaction id in {@code ИдентификаторТранзакции}.
 * {@link ClientBankExchangeReader} reads what this writes.
 */
public final class StatementWriter {
    static final String TRANSACTION_ID_FIELD = "ИдентификаторТранзакции";

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy", Locale.ROOT);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);
    private static final String CRLF = "\r\n";

    private final String hubName;
    private final Clock clock;

    /**
     * @param hubName written as {@code Отправитель}
     * @param clock   gives {@code ДатаСоздания} and {@code ВремяСоздания} in the clock's zone
     */
    public StatementWriter(String hubName, Clock clock) {
        if (hubName == null || hubName.isBlank() || hubName.contains("\n") || hubName.contains("\r")) {
            throw new IllegalArgumentException("the hub name must be one non-blank line, got '" + hubName + "'");
        }
        this.hubName = hubName.strip();
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Writes the statement in Windows (cp1251), what 1C expects by default. */
    public byte[] write(Statement statement) {
        return write(statement, ExchangeEncoding.WINDOWS_1251);
    }

    /**
     * Writes the statement in the given encoding.
     *
     * Whatever another party stored (its name, a purpose it wrote) never makes an account's statement fail: in the
     * single-byte encodings the Kazakh letters Ә, Ғ, Қ, Ң, Ө, Ұ, Ү, Һ, І (which cp1251 and cp866 lack) are written as
     * the Russian letters Kazakh banks use for them, and any other character the encoding lacks, or a control
     * character, as '?'. UTF-8 keeps every letter.
     *
     * @throws IllegalArgumentException when the balances or totals do not add up, or an identifier is invalid
     */
    public byte[] write(Statement statement, ExchangeEncoding encoding) {
        Objects.requireNonNull(encoding, "encoding");
        check(statement);
        LocalDateTime now = LocalDateTime.now(clock);
        List<String> lines = new ArrayList<>();
        lines.add(ClientBankExchangeReader.MARKER);
        add(lines, "ВерсияФормата", "1.03");
        add(lines, "Кодировка", encoding.declaredName());
        add(lines, "Отправитель", hubName);
        add(lines, "Получатель", "1С");
        add(lines, "ДатаСоздания", now.format(DATE));
        add(lines, "ВремяСоздания", now.format(TIME));
        add(lines, "ДатаНачала", statement.from().format(DATE));
        add(lines, "ДатаКонца", statement.to().format(DATE));
        add(lines, "РасчСчет", statement.account());
        lines.add("СекцияРасчСчет");
        add(lines, "ДатаНачала", statement.from().format(DATE));
        add(lines, "ДатаКонца", statement.to().format(DATE));
        add(lines, "РасчСчет", statement.account());
        add(lines, "НачальныйОстаток", Tiyn.format(statement.opening()));
        add(lines, "ВсегоПоступило", Tiyn.format(statement.credits()));
        add(lines, "ВсегоСписано", Tiyn.format(statement.debits()));
        add(lines, "КонечныйОстаток", Tiyn.format(statement.closing()));
        lines.add("КонецРасчСчет");
        for (StatementLine line : statement.lines()) {
            addDocument(lines, statement, line);
        }
        lines.add("КонецФайла");
        return encode(lines, encoding);
    }

    private static void addDocument(List<String> lines, Statement statement, StatementLine line) {
        StatementLine.Counterparty other = line.counterparty();
        String date = line.date().format(DATE);
        lines.add("СекцияДокумент=Выписка");
        add(lines, "ВидДокумента", "ПлатежноеПоручение");
        add(lines, "НомерДокумента", line.number());
        add(lines, "ДатаДокумента", date);
        add(lines, "ДатаОперации", date);
        add(lines, line.credit() ? "СуммаПриход" : "СуммаРасход", Tiyn.format(line.amount()));
        add(lines, "Валюта", PaymentOrderMapper.DEFAULT_CURRENCY);
        // Money in: the counterparty paid the owner. Money out: the owner paid the counterparty.
        addParty(lines, "Плательщик", line.credit() ? other : owner(statement));
        addParty(lines, "Получатель", line.credit() ? owner(statement) : other);
        add(lines, "НазначениеПлатежа", line.purpose());
        if (line.knp() != null) {
            add(lines, "КодНазначенияПлатежа", line.knp());
        }
        add(lines, TRANSACTION_ID_FIELD, line.transactionId());
        lines.add("КонецДокумента");
    }

    private static StatementLine.Counterparty owner(Statement statement) {
        return new StatementLine.Counterparty(statement.ownerName(), statement.ownerBin(), statement.account(), null);
    }

    private static void addParty(List<String> lines, String side, StatementLine.Counterparty party) {
        add(lines, side + "Наименование", party.name());
        add(lines, side + "БИН_ИИН", party.binIin());
        add(lines, side + "ИИК", party.account());
        if (party.bankBic() != null) {
            add(lines, side + "БанкБИК", party.bankBic());
        }
    }

    /** A value is one line of the format, so a line break inside a purpose or a name becomes a space. */
    private static void add(List<String> lines, String key, String value) {
        // one line per field: line breaks become spaces, other control and direction characters '?'
        lines.add(key + "=" + value.replaceAll("[\\r\\n]+", " ").replaceAll("[\\p{Cc}\\p{Cf}\\u2028\\u2029]", "?").strip());
    }

    private static void check(Statement statement) {
        requireValid(AccountNumber.isValid(statement.account()), "account", statement.account());
        requireValid(PartyId.isValid(statement.ownerBin()), "owner BIN/IIN", statement.ownerBin());
        if (statement.to().isBefore(statement.from())) {
            throw new IllegalArgumentException("the statement period ends " + statement.to() + " before it starts "
                    + statement.from());
        }
        if (statement.debits() < 0 || statement.credits() < 0) {
            throw new IllegalArgumentException("debit and credit totals cannot be negative");
        }
        long expectedClosing = Math.subtractExact(Math.addExact(statement.opening(), statement.credits()),
                statement.debits());
        if (expectedClosing != statement.closing()) {
            throw new IllegalArgumentException("opening " + Tiyn.format(statement.opening()) + " + credits "
                    + Tiyn.format(statement.credits()) + " − debits " + Tiyn.format(statement.debits()) + " = "
                    + Tiyn.format(expectedClosing) + ", but the closing balance is " + Tiyn.format(statement.closing()));
        }
        long credits = 0;
        long debits = 0;
        for (StatementLine line : statement.lines()) {
            String which = "statement line " + line.number();
            if (line.amount() <= 0) {
                throw new IllegalArgumentException(which + ": amount must be positive, got " + line.amount() + " tiyn");
            }
            if (line.date().isBefore(statement.from()) || line.date().isAfter(statement.to())) {
                throw new IllegalArgumentException(which + ": date " + line.date() + " is outside the statement period");
            }
            requireValid(AccountNumber.isValid(line.counterparty().account()), which + " counterparty account",
                    line.counterparty().account());
            requireValid(PartyId.isValid(line.counterparty().binIin()), which + " counterparty BIN/IIN",
                    line.counterparty().binIin());
            if (line.credit()) {
                credits = Math.addExact(credits, line.amount());
            } else {
                debits = Math.addExact(debits, line.amount());
            }
        }
        if (credits != statement.credits() || debits != statement.debits()) {
            throw new IllegalArgumentException("the lines add up to credits " + Tiyn.format(credits) + " and debits "
                    + Tiyn.format(debits) + ", but the statement states credits " + Tiyn.format(statement.credits())
                    + " and debits " + Tiyn.format(statement.debits()));
        }
    }

    private static void requireValid(boolean valid, String what, String value) {
        if (!valid) {
            throw new IllegalArgumentException("invalid " + what + " '" + value + "'");
        }
    }

    /** The Russian letters Kazakh banks write for the Kazakh ones in single-byte encodings. */
    private static final String KAZAKH = "ӘәҒғҚқҢңӨөҰұҮүҺһІі";
    private static final String RUSSIAN = "АаГгКкНнОоУуУуХхИи";

    /** Encodes what the encoding can hold: Kazakh letters as their Russian twins, anything else it lacks as '?'. */
    private static byte[] encode(List<String> lines, ExchangeEncoding encoding) {
        CharsetEncoder encoder = encoding.charset().newEncoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        List<String> fitted = new ArrayList<>(lines.size());
        for (String line : lines) {
            fitted.add(encoder.canEncode(line) ? line : fit(line, encoder));
        }
        try {
            ByteBuffer bytes = encoder.encode(CharBuffer.wrap(String.join(CRLF, fitted) + CRLF));
            return Arrays.copyOf(bytes.array(), bytes.limit());
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("the statement cannot be written in " + encoding.describe(), e);
        }
    }

    private static String fit(String line, CharsetEncoder encoder) {
        StringBuilder out = new StringBuilder(line.length());
        line.codePoints().forEach(cp -> {
            int k = cp < 0x10000 ? KAZAKH.indexOf(cp) : -1;
            String ch = k >= 0 ? String.valueOf(RUSSIAN.charAt(k)) : new String(Character.toChars(cp));
            out.append(encoder.canEncode(ch) ? ch : "?");
        });
        return out.toString();
    }
}
