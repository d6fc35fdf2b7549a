package kz.digitaltenge.hub.payment;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import kz.digitaltenge.canonical.payment.ReferenceKind;
import kz.digitaltenge.ledger.Ledger;
import kz.digitaltenge.canonical.LedgerException;
import kz.digitaltenge.canonical.ReasonCode;
import kz.digitaltenge.canonical.id.AccountNumber;
import kz.digitaltenge.ledger.registry.Account;
import kz.digitaltenge.ledger.registry.Participant;
import kz.digitaltenge.ledger.query.AccountMovement;
import kz.digitaltenge.ledger.tx.CommittedTransaction;
import kz.digitaltenge.ledger.tx.TxSignature;
import kz.digitaltenge.canonical.payment.Statement;
import kz.digitaltenge.canonical.payment.StatementLine;

/**
 * Account statements for 1C, built from the ledger: the balance at the start of the first day, one line per
 * transaction that moved the account's money in the period (what it took less what it gave back as change), the
 * balance at the end of the last day. Days are Kazakhstan days ({@link #ZONE}).
 */
public final class Statements {
    public static final ZoneId ZONE = ZoneId.of("Asia/Almaty");
    /** Most lines one statement carries; a longer period is asked for in parts. */
    static final int MAX_LINES = 10_000;

    private final Ledger ledger;
    private final PaymentOrders orders;

    public Statements(Ledger ledger, PaymentOrders orders) {
        this.ledger = ledger;
        this.orders = orders;
    }

    private Account registered(String accountNumber) {
        AccountNumber account = AccountNumber.parse(accountNumber);
        return ledger.registry().findAccount(account).orElseThrow(() ->
                new LedgerException(ReasonCode.NOT_FOUND, "account " + account + " is not registered"));
    }

    public Statement statement(String accountNumber, LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            throw new LedgerException(ReasonCode.MALFORMED, "the period ends (" + to + ") before it starts (" + from + ")");
        }
        Account acc = registered(accountNumber);
        AccountNumber account = acc.number();
        Participant owner = ledger.registry().participant(acc.owner());
        Instant start = from.atStartOfDay(ZONE).toInstant();
        Instant end = to.plusDays(1).atStartOfDay(ZONE).toInstant();
        long opening = ledger.queries().balanceAt(account, start);
        List<AccountMovement> moves = ledger.queries().movements(account, start, end);
        if (moves.size() > MAX_LINES) {
            throw new LedgerException(ReasonCode.OVER_LIMIT, "the period has " + moves.size() + " movements, more than "
                    + MAX_LINES + " for one statement; ask for a shorter period");
        }
        long debits = 0;
        long credits = 0;
        List<StatementLine> lines = new ArrayList<>();
        for (AccountMovement m : moves) {
            long net = m.net();
            if (net == 0) {
                continue; // e.g. a payment to oneself, or VAT change: nothing moved in or out
            }
            boolean credit = net > 0;
            if (credit) {
                credits += net;
            } else {
                debits -= net;
            }
            List<AccountNumber> others = credit ? m.payers() : m.payees();
            lines.add(new StatementLine(number(m), m.committedAt().atZone(ZONE).toLocalDate(), credit, Math.abs(net),
                    counterparty(m, others, account, owner), purpose(m), null, m.txId().hex()));
        }
        long closing = opening + credits - debits;
        return new Statement(account.value(), from, to, owner.name(), owner.partyId().value(), opening, debits, credits, closing, lines);
    }

    private String number(AccountMovement m) {
        return orderOf(m).map(PaymentOrders.Outcome::number).orElse(Long.toString(m.seq()));
    }

    private Optional<PaymentOrders.Outcome> orderOf(AccountMovement m) {
        if (m.reference() != null && m.reference().startsWith("payment-order:")) {
            try {
                return orders.find(Long.parseLong(m.reference().substring("payment-order:".length())));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private String purpose(AccountMovement m) {
        Optional<PaymentOrders.Outcome> o = orderOf(m);
        if (o.isPresent()) {
            return (o.get().referenceKind() == ReferenceKind.INVOICE ? "Оплата по ЭСФ " : "Предоплата по договору ") + o.get().reference()
                    + (o.get().vat() == null ? "" : ", в т.ч. НДС " + o.get().vat());
        }
        return m.type().name() + " " + m.reference();
    }

    /**
     * The other side: the other account's owner; for an issue or redeem (no other account), the party that signed it
     * (the issuer), with no account.
     */
    private StatementLine.Counterparty counterparty(AccountMovement m, List<AccountNumber> others, AccountNumber self, Participant owner) {
        if (!others.isEmpty()) {
            AccountNumber other = others.get(0);
            Optional<Account> a = ledger.registry().findAccount(other);
            if (a.isPresent()) {
                Participant p = ledger.registry().participant(a.get().owner());
                return new StatementLine.Counterparty(p.name(), p.partyId().value(), other.value(), a.get().servicer().value());
            }
            return new StatementLine.Counterparty(other.value(), owner.partyId().value(), other.value(), null);
        }
        Optional<CommittedTransaction> tx = ledger.queries().findTransaction(m.txId());
        if (tx.isPresent() && !tx.get().signed().signatures().isEmpty()) {
            TxSignature s = tx.get().signed().signatures().get(0);
            Optional<Participant> signer = ledger.registry().key(s.keyId()).map(k -> ledger.registry().participant(k.holder()));
            if (signer.isPresent()) {
                List<Account> own = ledger.queries().accountsOf(signer.get().partyId());
                return new StatementLine.Counterparty(signer.get().name(), signer.get().partyId().value(),
                        own.isEmpty() ? self.value() : own.get(0).number().value(),
                        signer.get().bic() == null ? null : signer.get().bic().value());
            }
        }
        return new StatementLine.Counterparty(m.type().name(), owner.partyId().value(), self.value(), null);
    }
}
