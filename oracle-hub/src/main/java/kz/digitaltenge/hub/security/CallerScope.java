package kz.digitaltenge.hub.security;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import kz.digitaltenge.canonical.LedgerException;
import kz.digitaltenge.canonical.ReasonCode;
import kz.digitaltenge.canonical.id.AccountNumber;
import kz.digitaltenge.canonical.id.Bic;
import kz.digitaltenge.canonical.id.PartyId;
import kz.digitaltenge.ledger.registry.Account;
import kz.digitaltenge.ledger.registry.Registry;

/**
 * The one rule of whose data a caller may read and whose money it may move, for every endpoint and every replay:
 * <ul>
 *   <li>a taxpayer user (a 1C plug-in) acts for the one participant it is bound to: orders only from that party's
 *       accounts, reads only of its accounts, invoices and orders; a taxpayer bound to no party acts for none;</li>
 *   <li>a bank user bound to its participant acts for the accounts it services (its clients);</li>
 *   <li>everyone else — the back office, auditors, the operator, the tax authority, the Treasury, the issuer, event
 *       providers, unbound bank users of the embedded default — reads for the hub and is not narrowed here.</li>
 * </ul>
 * A handler that a narrowed caller may reach says so with {@link PartyScoped} and applies this scope; every other
 * handler refuses narrowed callers ({@link PartyScopeInterceptor}), so a new endpoint cannot leak by omission.
 */
public final class CallerScope {
    /** Roles that read for the hub as a whole: a caller holding one is never narrowed. */
    private static final java.util.Set<HubRole> HUB_WIDE = java.util.EnumSet.of(HubRole.BACK_OFFICE, HubRole.AUDITOR,
            HubRole.ADMIN, HubRole.TAX_AUTHORITY, HubRole.TREASURY, HubRole.ISSUER);

    private final Caller caller;
    private final String party;
    private final String bankBic;
    private final Registry registry;

    private CallerScope(Caller caller, String party, String bankBic, Registry registry) {
        this.caller = caller;
        this.party = party;
        this.bankBic = bankBic;
        this.registry = registry;
    }

    /** Whether the caller is narrowed to a party or a bank's clients (without looking anything up). */
    public static boolean narrowed(Caller caller) {
        if (caller.roles().stream().anyMatch(HUB_WIDE::contains)) {
            return false;
        }
        return caller.has(HubRole.TAXPAYER) || (caller.has(HubRole.BANK) && caller.party() != null);
    }

    /**
     * The scope of a caller; a taxpayer user bound to no participant is refused NOT_AUTHORIZED here, since it may act
     * for none.
     */
    public static CallerScope of(Caller caller, Registry registry) {
        if (!narrowed(caller)) {
            return new CallerScope(caller, null, null, registry);
        }
        if (caller.has(HubRole.BANK) && caller.party() != null) {
            Bic bic = registry.participant(PartyId.of(caller.party())).bic();
            return new CallerScope(caller, null, bic == null ? "-" : bic.value(), registry);
        }
        if (caller.party() == null) {
            throw new LedgerException(ReasonCode.NOT_AUTHORIZED, "taxpayer user " + caller.name()
                    + " is bound to no participant, so it may act for none (bind it: hub.security.users[].party, or"
                    + " bin/hub-user add NAME TAXPAYER@<BIN>)");
        }
        return new CallerScope(caller, caller.party(), null, registry);
    }

    /** The scope of the authenticated caller of a request. */
    public static CallerScope of(org.springframework.security.core.Authentication caller, Registry registry) {
        return of(Caller.of(caller), registry);
    }

    public Caller caller() {
        return caller;
    }

    public boolean narrowed() {
        return party != null || bankBic != null;
    }

    /** The party a taxpayer caller acts for; empty for everyone else. */
    public Optional<String> party() {
        return Optional.ofNullable(party);
    }

    /** Why this caller may not move money from {@code payerAccount} of {@code payerBin}; null when it may. */
    public String paymentRefusal(String payerBin, String payerAccount) {
        if (party != null && !party.equals(payerBin)) {
            return "user " + caller.name() + " acts for " + party + ", not for the payer " + payerBin;
        }
        if (bankBic != null && !bankBic.equals(servicer(payerAccount))) {
            return "user " + caller.name() + " acts for the bank " + bankBic + ", which does not service the payer's account "
                    + payerAccount;
        }
        return null;
    }

    /** Whether the caller may read an account: its own party's (taxpayer), one it services (bank), any (the rest). */
    public boolean mayReadAccount(String account) {
        if (party != null) {
            return account(account).map(a -> party.equals(a.owner().value())).orElse(false);
        }
        if (bankBic != null) {
            return bankBic.equals(servicer(account));
        }
        return true;
    }

    /**
     * Whether the caller may read a document between these parties (an invoice, a contract): one of them is its party
     * (taxpayer), or one of them has an account it services (bank).
     */
    public boolean mayReadPartiesOf(String... bins) {
        if (party != null) {
            return Arrays.asList(bins).contains(party);
        }
        if (bankBic != null) {
            return Arrays.stream(bins).filter(Objects::nonNull).filter(PartyId::isValid)
                    .anyMatch(bin -> registry.accountsOf(PartyId.of(bin)).stream()
                            .anyMatch(a -> bankBic.equals(a.servicer().value())));
        }
        return true;
    }

    /** A refusal for what this caller may not see, answered as absent: it learns nothing of other parties. */
    public LedgerException absent(String what) {
        return new LedgerException(ReasonCode.NOT_FOUND, "no " + what + " for " + caller.name());
    }

    private Optional<Account> account(String number) {
        try {
            return registry.findAccount(AccountNumber.parse(number));
        } catch (LedgerException e) {
            return Optional.empty();
        }
    }

    private String servicer(String account) {
        return account(account).map(a -> a.servicer().value()).orElse(null);
    }
}
