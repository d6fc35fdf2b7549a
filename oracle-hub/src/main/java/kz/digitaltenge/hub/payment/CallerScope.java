package kz.digitaltenge.hub.payment;

import java.util.Optional;
import kz.digitaltenge.hub.security.ActingFor;
import kz.digitaltenge.ledger.id.AccountNumber;
import kz.digitaltenge.ledger.registry.Account;
import kz.digitaltenge.ledger.registry.Registry;
import org.springframework.security.core.Authentication;

/**
 * Whose payment orders a caller may send, see and decide: a taxpayer user those paid from its own party's accounts; a
 * bank user bound to its participant those paid from accounts it services (its clients); anyone else (the back office,
 * auditors, unbound bank users of the embedded default) every order.
 */
record CallerScope(String who, String taxpayer, String bankBic) {
    static CallerScope of(Authentication caller, Registry registry) {
        Optional<String> party = ActingFor.limitedTo(caller);
        if (party.isPresent()) {
            return new CallerScope(caller.getName(), party.get(), null);
        }
        Optional<String> bound = ActingFor.boundParty(caller);
        if (caller != null && ActingFor.has(caller, "ROLE_BANK") && bound.isPresent()) {
            kz.digitaltenge.ledger.id.Bic bic = registry.participant(kz.digitaltenge.ledger.id.PartyId.of(bound.get())).bic();
            return new CallerScope(caller.getName(), null, bic == null ? "-" : bic.value());
        }
        return new CallerScope(caller == null ? "anonymous" : caller.getName(), null, null);
    }

    /** Why this caller may not act on an order paid by {@code payerBin} from {@code payerAccount}; null when it may. */
    String refusal(String payerBin, String payerAccount, Registry registry) {
        if (taxpayer != null && !taxpayer.equals(payerBin)) {
            return "user " + who + " acts for " + taxpayer + ", not for the payer " + payerBin;
        }
        if (bankBic != null) {
            String servicer = registry.findAccount(AccountNumber.parse(payerAccount)).map(Account::servicer).map(b -> b.value()).orElse(null);
            if (!bankBic.equals(servicer)) {
                return "user " + who + " acts for the bank " + bankBic + ", which does not service the payer's account " + payerAccount;
            }
        }
        return null;
    }
}
