package kz.digitaltenge.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import kz.digitaltenge.hub.cli.LedgerKeyTool;
import kz.digitaltenge.ledger.testing.TestParties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** keygen + sign produce a request the API accepts; txid agrees with the ledger. */
class LedgerKeyToolTest extends HubTestBase {
    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {
    }

    private static Run tool(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = LedgerKeyTool.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void keygenAndSignMakeARequestTheApiAccepts() throws Exception {
        Run keygen = tool("", "keygen", "--alg", "ED25519", "--out", dir.toString(), "--name", "issuer");
        assertThat(keygen.code()).as(keygen.err()).isZero();
        String pub = Files.readString(dir.resolve("issuer.pub")).trim();
        assertThat(keygen.out().trim()).isEqualTo(pub);
        assertThat(Files.readString(dir.resolve("issuer.key")).trim()).isNotEmpty();
        // keygen never overwrites a private key
        assertThat(tool("", "keygen", "--out", dir.toString(), "--name", "issuer").code()).isEqualTo(2);

        String issuerId = TestParties.newPartyId().value();
        String bic = randomBic();
        assertThat(post("/api/ledger/participants", Map.of("partyId", issuerId, "name", "Issuer via tool",
                "roles", List.of("ISSUER"), "bic", bic)).status()).isEqualTo(201);
        String keyId = "tool-issuer-" + issuerId;
        Response key = post("/api/ledger/participants/" + issuerId + "/keys",
                Map.of("keyId", keyId, "algorithm", "ED25519", "publicKey", pub));
        assertThat(key.status()).as(key.raw()).isEqualTo(201);
        String account = TestParties.newAccountNumber().value();
        assertThat(post("/api/ledger/accounts", Map.of("number", account, "owner", issuerId, "kind", "ISSUER",
                "servicer", bic)).status()).isEqualTo(201);

        String request = "{\"type\":\"ISSUE\",\"reference\":\"tool-" + issuerId + "\",\"outputs\":[{\"account\":\""
                + account + "\",\"amount\":\"1000.00\"}]}";
        Run sign = tool(request, "sign", "--key", dir.resolve("issuer.key").toString(), "--alg", "ED25519", "--key-id", keyId);
        assertThat(sign.code()).as(sign.err()).isZero();
        assertThat(JSON.readTree(sign.out()).get("signatures")).hasSize(1);

        Run txid = tool(request, "txid");
        assertThat(txid.code()).as(txid.err()).isZero();

        Response committed = post("/api/ledger/transactions", sign.out());
        assertThat(committed.status()).as(committed.raw()).isEqualTo(200);
        assertThat(committed.body().get("txId").asText()).isEqualTo(txid.out().trim());
        assertThat(committed.body().get("balances").get(account).asText()).isEqualTo("1000.00");
    }

    @Test
    void refusesBadInput() {
        assertThat(tool("{oops", "txid").code()).isEqualTo(1);
        assertThat(tool("{\"type\":\"ISSUE\"}", "txid").code()).isEqualTo(1);
        assertThat(tool("", "frobnicate").code()).isEqualTo(2);
        assertThat(tool("", "sign", "--alg").code()).isEqualTo(2);
    }
}
