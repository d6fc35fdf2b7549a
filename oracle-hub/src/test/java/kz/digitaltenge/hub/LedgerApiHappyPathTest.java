package kz.digitaltenge.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.List;
import kz.digitaltenge.hub.api.TransactionJson.TransactionRequest;
import org.junit.jupiter.api.Test;

class LedgerApiHappyPathTest extends HubTestBase {

    @Test
    void registerIssueTransferQueryAndResubmit() {
        Party issuer = party("National Bank", List.of("ISSUER"), true);
        Party bank = party("Test Bank", List.of("BANK"), true);
        Party client = party("Client LLP", List.of(), false);
        Party payee = party("Payee LLP", List.of(), false);
        account(issuer, "ISSUER", issuer);
        String a = account(client, "COMPANY", bank);
        String b = account(payee, "COMPANY", bank);
        assertThat(post("/api/ledger/accounts/" + a + "/delegations", java.util.Map.of("delegate", bank.id())).status())
                .isEqualTo(201);
        BigDecimal circulatingBefore = new BigDecimal(supply().get("circulating").asText());

        TransactionRequest issue = signed(request("ISSUE", reference(), List.of(), outputs(a, "1000.00")), issuer);
        Response issued = post("/api/ledger/transactions", issue);
        assertThat(issued.status()).as(issued.raw()).isEqualTo(200);
        assertThat(issued.body().get("status").asText()).isEqualTo("COMMITTED");
        assertThat(issued.body().get("balances").get(a).asText()).isEqualTo("1000.00");
        String issueId = issued.body().get("txId").asText();
        assertThat(issueId).hasSize(64);

        // the client's bank signs by delegation: 300.00 to the payee, 700.00 change
        TransactionRequest pay = signed(request("TRANSFER", reference(), List.of(input(issueId, 0)),
                outputs(b, "300", a, "700.00")), bank);
        Response paid = post("/api/ledger/transactions", pay);
        assertThat(paid.status()).as(paid.raw()).isEqualTo(200);
        assertThat(paid.body().get("balances").get(a).asText()).isEqualTo("700.00");
        assertThat(paid.body().get("balances").get(b).asText()).isEqualTo("300.00");

        Response again = post("/api/ledger/transactions", pay);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().get("seq").asLong()).isEqualTo(paid.body().get("seq").asLong());
        assertThat(again.body().get("txId")).isEqualTo(paid.body().get("txId"));

        Response tx = get("/api/ledger/transactions/" + paid.body().get("txId").asText());
        assertThat(tx.status()).isEqualTo(200);
        JsonNode body = tx.body();
        assertThat(body.get("type").asText()).isEqualTo("TRANSFER");
        assertThat(body.get("reference").asText()).isEqualTo(pay.reference());
        assertThat(body.get("inputs").get(0).get("txId").asText()).isEqualTo(issueId);
        assertThat(body.get("outputs").get(0).get("amount").asText()).isEqualTo("300.00");
        assertThat(body.get("outputs").get(1).get("account").asText()).isEqualTo(a);
        assertThat(body.get("signatures").get(0).get("keyId").asText()).isEqualTo(bank.keyId());
        assertThat(body.get("seq").asLong()).isEqualTo(paid.body().get("seq").asLong());

        assertThat(balance(a)).isEqualTo("700.00");
        assertThat(balance(b)).isEqualTo("300.00");
        Response outs = get("/api/ledger/accounts/" + a + "/outputs?limit=10");
        assertThat(outs.status()).isEqualTo(200);
        assertThat(outs.body().get("outputs")).hasSize(1);
        assertThat(outs.body().get("outputs").get(0).get("amount").asText()).isEqualTo("700.00");
        assertThat(outs.body().get("outputs").get(0).get("index").asInt()).isEqualTo(1);

        JsonNode supply = supply();
        assertThat(new BigDecimal(supply.get("circulating").asText()).subtract(circulatingBefore))
                .isEqualByComparingTo("1000.00");
        assertThat(supply.get("issued").asText()).matches("\\d+\\.\\d{2}");
        assertThat(supply.get("redeemed").asText()).matches("\\d+\\.\\d{2}");
        Response audit = get("/api/ledger/supply/audit");
        assertThat(audit.body().get("consistent").asBoolean()).as(audit.raw()).isTrue();

        // the payee hands 100.00 back to the issuer
        TransactionRequest redeem = signed(request("REDEEM", reference(), List.of(input(paid.body().get("txId").asText(), 0)),
                outputs(b, "200.00")), payee, issuer);
        Response redeemed = post("/api/ledger/transactions", redeem);
        assertThat(redeemed.status()).as(redeemed.raw()).isEqualTo(200);
        assertThat(balance(b)).isEqualTo("200.00");
        assertThat(new BigDecimal(supply().get("circulating").asText()).subtract(circulatingBefore))
                .isEqualByComparingTo("900.00");
    }

    @Test
    void supplyOfAFreshHubIsFormattedWithTwoDecimals() {
        JsonNode supply = supply();
        assertThat(supply.get("issued").asText()).matches("-?\\d+\\.\\d{2}");
        assertThat(supply.get("circulating").asText()).matches("-?\\d+\\.\\d{2}");
    }

    @Test
    void healthIsUpWithDatabaseAndHazelcast() {
        Response health = get("/actuator/health");
        assertThat(health.status()).as(health.raw()).isEqualTo(200);
        assertThat(health.body().get("status").asText()).isEqualTo("UP");
        assertThat(health.body().get("components").get("db").get("status").asText()).isEqualTo("UP");
        assertThat(health.body().get("components").get("db").get("details").get("database").asText()).isEqualTo("PostgreSQL");
        assertThat(health.body().get("components").get("hazelcast").get("status").asText()).isEqualTo("UP");
    }

    @Test
    void openApiDocumentsTheLedgerPaths() {
        Response docs = get("/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.body().get("paths").has("/api/ledger/transactions")).isTrue();
        assertThat(docs.body().get("paths").has("/api/ledger/supply")).isTrue();
        assertThat(docs.body().get("paths").has("/api/einvoice/invoices")).isTrue();
        assertThat(docs.body().get("paths").has("/api/{source}/payment-orders")).isTrue();
        // the document says how to authenticate: HTTP Basic, required everywhere it describes
        assertThat(docs.body().at("/components/securitySchemes/basic/scheme").asText()).isEqualTo("basic");
        assertThat(docs.body().at("/security/0").has("basic")).isTrue();
        assertThat(get("/swagger-ui.html").status()).isIn(200, 302);
    }

    @Test
    void unknownTransactionIs404() {
        Response r = get("/api/ledger/transactions/" + "ab".repeat(32));
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.reason()).isEqualTo("NOT_FOUND");
    }
}
