package kz.digitaltenge.hub.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import kz.digitaltenge.hub.api.TransactionJson.Committed;
import kz.digitaltenge.hub.api.TransactionJson.CommittedDetail;
import kz.digitaltenge.hub.api.TransactionJson.TransactionRequest;
import kz.digitaltenge.hub.config.HubProperties;
import kz.digitaltenge.ledger.Ledger;
import kz.digitaltenge.canonical.LedgerException;
import kz.digitaltenge.canonical.ReasonCode;
import kz.digitaltenge.canonical.id.AccountNumber;
import kz.digitaltenge.canonical.money.Tiyn;
import kz.digitaltenge.ledger.tx.CommittedTransaction;
import kz.digitaltenge.ledger.query.LedgerQueries;
import kz.digitaltenge.ledger.query.Supply;
import kz.digitaltenge.ledger.query.SupplyAudit;
import kz.digitaltenge.ledger.tx.TxId;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Transactions, supply and account queries. Maps JSON to ledger calls and back; no ledger rule lives here. */
@RestController
@RequestMapping(path = "/api/ledger", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "ledger", description = "submit and query digital tenge transactions")
public class LedgerController {
    public static final int MAX_OUTPUTS_LIMIT = 1000;

    private final Ledger ledger;
    private final LedgerQueries store;
    private final long timeoutMillis;

    public LedgerController(Ledger ledger, HubProperties properties) {
        this.ledger = ledger;
        this.store = ledger.queries();
        this.timeoutMillis = properties.getSubmitTimeout().toMillis();
    }

    public record SupplyJson(String issued, String redeemed, String circulating) {
        static SupplyJson of(Supply s) {
            return new SupplyJson(Tiyn.format(s.issued()), Tiyn.format(s.redeemed()), Tiyn.format(s.circulating()));
        }
    }

    public record AuditJson(SupplyJson supply, String unspentTotal, String balancesTotal, boolean consistent) {
    }

    public record BalanceJson(String account, String balance) {
    }

    /** An unspent output; {@code marking} and {@code hold} only when present. */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record UnspentJson(String txId, int index, String amount, String marking, String hold) {
    }

    public record OutputsJson(String account, List<UnspentJson> outputs) {
    }

    @Operation(summary = "Submit a signed transaction; the same transaction again answers with the original commit")
    @PostMapping(path = "/transactions", consumes = MediaType.APPLICATION_JSON_VALUE)
    @kz.digitaltenge.hub.security.PartyScoped("moves money only by its signatures, which the ledger checks against the"
            + " accounts' owners and delegates")
    public Committed submit(@RequestBody TransactionRequest request) {
        CommittedTransaction c = ledger.submitAndWait(TransactionJson.toSigned(request), timeoutMillis);
        return TransactionJson.committed(c);
    }

    @Operation(summary = "A committed transaction by its id")
    @GetMapping("/transactions/{id}")
    public CommittedDetail transaction(@PathVariable("id") String id) {
        TxId txId = TxId.parse(id);
        return store.findTransaction(txId).map(TransactionJson::detail)
                .orElseThrow(() -> new LedgerException(ReasonCode.NOT_FOUND, "transaction " + txId + " is not committed"));
    }

    @Operation(summary = "Issued, redeemed and circulating money in tenge")
    @GetMapping("/supply")
    @kz.digitaltenge.hub.security.PartyScoped("the totals of the whole money supply name no party")
    public SupplyJson supply() {
        return SupplyJson.of(store.supply());
    }

    @Operation(summary = "Supply recomputed three ways: transactions, unspent outputs, account balances")
    @GetMapping("/supply/audit")
    public AuditJson audit() {
        SupplyAudit a = store.audit();
        return new AuditJson(SupplyJson.of(a.supply()), Tiyn.format(a.unspentTotal()), Tiyn.format(a.balancesTotal()),
                a.consistent());
    }

    @Operation(summary = "The balance of a registered account")
    @GetMapping("/accounts/{number}/balance")
    @kz.digitaltenge.hub.security.PartyScoped("a narrowed caller reads only its own or its clients' accounts")
    public BalanceJson balance(@PathVariable("number") String number, org.springframework.security.core.Authentication caller) {
        AccountNumber account = readable(number, caller);
        return new BalanceJson(account.value(), Tiyn.format(store.balance(account)));
    }

    @Operation(summary = "Unspent outputs of a registered account (at most 1000)")
    @GetMapping("/accounts/{number}/outputs")
    @kz.digitaltenge.hub.security.PartyScoped("a narrowed caller reads only its own or its clients' accounts")
    public OutputsJson outputs(@PathVariable("number") String number,
                               @RequestParam(name = "limit", defaultValue = "100") int limit,
                               org.springframework.security.core.Authentication caller) {
        AccountNumber account = readable(number, caller);
        if (limit < 1 || limit > MAX_OUTPUTS_LIMIT) {
            throw new LedgerException(ReasonCode.OVER_LIMIT, "limit must be between 1 and " + MAX_OUTPUTS_LIMIT);
        }
        List<UnspentJson> outs = store.unspentOutputs(account, limit).stream()
                .map(o -> new UnspentJson(o.ref().txId().hex(), o.ref().index(), Tiyn.format(o.output().amount()),
                        o.output().marking(), o.output().hold()))
                .toList();
        return new OutputsJson(account.value(), outs);
    }

    private AccountNumber registered(String number) {
        AccountNumber account = AccountNumber.parse(number);
        if (ledger.registry().findAccount(account).isEmpty()) {
            throw new LedgerException(ReasonCode.NOT_FOUND, "account " + account + " is not registered");
        }
        return account;
    }

    /** A registered account the caller may read; another party's is answered as absent. */
    private AccountNumber readable(String number, org.springframework.security.core.Authentication caller) {
        kz.digitaltenge.hub.security.CallerScope scope = kz.digitaltenge.hub.security.CallerScope.of(caller, ledger.registry());
        if (!scope.mayReadAccount(number)) {
            throw scope.absent("account " + number);
        }
        return registered(number);
    }
}
