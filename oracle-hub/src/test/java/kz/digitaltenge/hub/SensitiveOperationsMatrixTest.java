package kz.digitaltenge.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import kz.digitaltenge.hub.security.HubRole;
import org.junit.jupiter.api.Test;

/**
 * The access table of oracle-hub/README.md for the operations that move money or make facts, written out here by
 * hand — not read from {@code AccessRules} — so that a change of the implementation's table that the README does not
 * make fails. Every role is tried on every row: an admitted role is never refused for its role and never answered
 * 5xx; every other role is refused 403 NOT_AUTHORIZED; nobody anonymous gets in.
 */
class SensitiveOperationsMatrixTest extends HubTestBase {
    private record Row(String what, String method, String path, Set<HubRole> admitted) {
    }

    private static final List<Row> README_TABLE = List.of(
            new Row("issuing money, any transaction", "POST", "/api/ledger/transactions",
                    EnumSet.of(HubRole.BANK, HubRole.TREASURY, HubRole.ISSUER)),
            new Row("registering a participant", "POST", "/api/ledger/participants", EnumSet.of(HubRole.ADMIN)),
            new Row("registering a key", "POST", "/api/ledger/participants/990340000014/keys", EnumSet.of(HubRole.ADMIN)),
            new Row("opening an account", "POST", "/api/ledger/accounts", EnumSet.of(HubRole.ADMIN)),
            new Row("a delegation", "POST", "/api/ledger/accounts/KZ456010000000000001/delegations", EnumSet.of(HubRole.ADMIN)),
            new Row("the hub signs a fact", "POST", "/api/oracle/facts/sign", EnumSet.of(HubRole.ADMIN)),
            new Row("a signed fact", "POST", "/api/oracle/facts",
                    EnumSet.of(HubRole.TAX_AUTHORITY, HubRole.EVENT_PROVIDER, HubRole.ADMIN)),
            new Row("invoice events", "POST", "/api/einvoice/invoices?registrationNumber=ESF-X", EnumSet.of(HubRole.TAX_AUTHORITY)),
            new Row("the e-invoice source", "POST", "/api/intake/einvoice", EnumSet.of(HubRole.TAX_AUTHORITY)),
            new Row("the subsidy source", "POST", "/api/intake/subsidy", EnumSet.of(HubRole.EVENT_PROVIDER)),
            new Row("payment orders", "POST", "/api/erp-1c/payment-orders", EnumSet.of(HubRole.TAXPAYER, HubRole.BANK)),
            new Row("payment confirmation", "POST", "/api/payments/1/confirm", EnumSet.of(HubRole.BANK)),
            new Row("payment decline", "POST", "/api/payments/1/decline", EnumSet.of(HubRole.BANK)),
            new Row("a hold approval", "POST", "/api/programmable/events/ev-1/hold-approvals",
                    EnumSet.of(HubRole.BANK, HubRole.TREASURY, HubRole.ADMIN)),
            new Row("a release", "POST", "/api/programmable/events/ev-1/release", EnumSet.of(HubRole.EVENT_PROVIDER, HubRole.ADMIN)),
            new Row("quarantine retry", "POST", "/api/quarantine/messages/1/retry", EnumSet.of(HubRole.BACK_OFFICE)),
            new Row("quarantine edit", "POST", "/api/quarantine/messages/1/edit-and-retry", EnumSet.of(HubRole.BACK_OFFICE)),
            new Row("quarantine bulk retry", "POST", "/api/quarantine/groups/retry", EnumSet.of(HubRole.BACK_OFFICE)),
            new Row("quarantine bulk reject", "POST", "/api/quarantine/groups/reject", EnumSet.of(HubRole.BACK_OFFICE)),
            new Row("address lists", "POST", "/api/programmable/address-lists", EnumSet.of(HubRole.TREASURY, HubRole.BANK, HubRole.ADMIN)),
            new Row("the expiry run", "POST", "/api/programmable/holds/expiry/run", EnumSet.of(HubRole.ADMIN)),
            new Row("the quarantine", "GET", "/api/quarantine/messages", EnumSet.of(HubRole.BACK_OFFICE, HubRole.AUDITOR)),
            new Row("the evidence log", "GET", "/api/oracle/evidence/verify", EnumSet.of(HubRole.AUDITOR, HubRole.BACK_OFFICE, HubRole.ADMIN)));

    private Response call(String user, Row row) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(row.path()));
        if (row.method().equals("GET")) {
            b.GET();
        } else {
            // an empty object: refused by an endpoint that admits the caller (MALFORMED, NOT_FOUND ...), changes nothing
            b.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}"));
        }
        return sendAs(user, b);
    }

    @Test
    void everySensitiveOperationAdmitsExactlyTheRolesTheReadmeNames() {
        List<String> wrong = new ArrayList<>();
        for (Row row : README_TABLE) {
            for (HubRole role : HubRole.values()) {
                Response r = call(role == HubRole.TAXPAYER ? BOUND_TAXPAYER : userOf(role), row);
                String what = row.what() + ": " + role + " " + row.method() + " " + row.path() + " → " + r.status() + " " + r.raw();
                if (r.status() >= 500) {
                    wrong.add("5xx " + what);
                } else if (row.admitted().contains(role)) {
                    if (r.status() == 401 || (r.status() == 403 && !r.raw().contains("acts for"))) {
                        wrong.add("refused an admitted role: " + what);
                    }
                } else if (r.status() != 403 || !"NOT_AUTHORIZED".equals(r.reason())) {
                    wrong.add("admitted a role the README does not: " + what);
                }
            }
            Response anonymous = call(null, row);
            if (anonymous.status() != 401) {
                wrong.add("anonymous " + row.path() + " → " + anonymous.status());
            }
        }
        assertThat(wrong).isEmpty();
    }
}
