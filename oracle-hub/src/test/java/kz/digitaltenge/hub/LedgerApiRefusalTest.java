package kz.digitaltenge.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kz.digitaltenge.hub.api.TransactionJson.OutputJson;
import kz.digitaltenge.hub.api.TransactionJson.SignatureJson;
import kz.digitaltenge.hub.api.TransactionJson.TransactionRequest;
import kz.digitaltenge.ledger.testing.TestParties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Every refusal answers {"reason","message"} with its status, and changes neither supply nor balances. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LedgerApiRefusalTest extends HubTestBase {
    Party issuer;
    Party bank;
    Party client;
    Party payee;
    Party stranger;
    String a;
    String b;
    String coin; // 1000.00 on a, unspent

    @BeforeAll
    void fixtures() {
        issuer = party("Issuer", List.of("ISSUER"), true);
        bank = party("Bank", List.of("BANK"), true);
        client = party("Client", List.of(), false);
        payee = party("Payee", List.of(), false);
        stranger = party("Stranger", List.of(), false);
        account(issuer, "ISSUER", issuer);
        a = account(client, "COMPANY", bank);
        b = account(payee, "COMPANY", bank);
        coin = issue(a, "1000.00");
    }

    private String issue(String account, String amount) {
        Response r = post("/api/ledger/transactions",
                signed(request("ISSUE", reference(), List.of(), outputs(account, amount)), issuer));
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        return r.body().get("txId").asText();
    }

    private record Snapshot(JsonNode supply, String a, String b) {
    }

    private Snapshot snapshot() {
        return new Snapshot(supply(), balance(a), balance(b));
    }

    private void assertRefused(Snapshot before, Response r, int status, String reason) {
        assertThat(r.status()).as(r.raw()).isEqualTo(status);
        assertThat(r.reason()).as(r.raw()).isEqualTo(reason);
        assertThat(r.body().get("message").asText()).isNotBlank();
        assertThat(snapshot()).isEqualTo(before);
        assertThat(get("/api/ledger/supply/audit").body().get("consistent").asBoolean()).isTrue();
    }

    /** A request the key tool could not sign (it does not map to a transaction), with a dummy signature. */
    private TransactionRequest fakeSigned(TransactionRequest r) {
        return r.withSignature(new SignatureJson(issuer.keyId(), java.util.Base64.getEncoder().encodeToString(new byte[64])));
    }

    private Response submit(Object body) {
        return post("/api/ledger/transactions", body);
    }

    @Test
    void malformedJsonIs400() {
        Snapshot before = snapshot();
        assertRefused(before, submit("{\"type\": \"ISSUE\", "), 400, "MALFORMED");
        assertRefused(before, submit("not json at all"), 400, "MALFORMED");
        assertRefused(before, submit("{\"type\":\"ISSUE\",\"reference\":\"x\",\"outputs\":\"everything\"}"), 400, "MALFORMED");
        assertRefused(before, submit("{\"type\":\"ISSUE\",\"reference\":\"x\",\"outputs\":[{\"account\":\"" + a
                + "\",\"amount\":\"1.00\"}],\"signatures\":[{\"keyId\":\"k\",\"value\":{}}]}"), 400, "MALFORMED");
        assertRefused(before, submit("[]"), 400, "MALFORMED");
        // money is a decimal string, never a JSON number
        assertRefused(before, submit("{\"type\":\"ISSUE\",\"reference\":\"x\",\"outputs\":[{\"account\":\"" + a
                + "\",\"amount\":12.5}],\"signatures\":[{\"keyId\":\"k\",\"value\":\"AAAA\"}]}"), 400, "MALFORMED");
        assertRefused(before, submit(""), 400, "MALFORMED");
    }

    @Test
    void missingFieldsAndWrongValuesAre400() {
        Snapshot before = snapshot();
        assertRefused(before, submit(Map.of("type", "TRANSFER")), 400, "MALFORMED");
        assertRefused(before, submit(fakeSigned(request("PRINT", reference(), List.of(), outputs(a, "1.00")))), 400, "MALFORMED");
        assertRefused(before, submit(fakeSigned(request("ISSUE", reference(), List.of(), outputs(a, "1.001")))), 400, "MALFORMED");
        assertRefused(before, submit(fakeSigned(request("ISSUE", reference(), List.of(), outputs(a, "1e400x")))), 400, "MALFORMED");
        assertRefused(before, submit(fakeSigned(request("TRANSFER", reference(), List.of(input("xyz", 0)), outputs(b, "1.00")))),
                400, "MALFORMED");
        TransactionRequest noValue = request("ISSUE", reference(), List.of(), outputs(a, "1.00"))
                .withSignature(new SignatureJson(issuer.keyId(), "***not base64***"));
        assertRefused(before, submit(noValue), 400, "MALFORMED");
        Response notJsonType = send(HttpRequest.newBuilder(uri("/api/ledger/transactions"))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("hello")).build());
        assertRefused(before, notJsonType, 415, "MALFORMED");
    }

    @Test
    void unknownInputIs422() {
        Snapshot before = snapshot();
        Response r = submit(signed(request("TRANSFER", reference(), List.of(input("0f".repeat(32), 0)), outputs(b, "1.00")), bank));
        assertRefused(before, r, 422, "UNKNOWN_INPUT");
    }

    @Test
    void alreadySpentIs409() {
        String spendable = issue(a, "50.00");
        Response first = submit(signed(request("TRANSFER", reference(), List.of(input(spendable, 0)), outputs(b, "50.00")), client));
        assertThat(first.status()).as(first.raw()).isEqualTo(200);
        Snapshot before = snapshot();
        Response second = submit(signed(request("TRANSFER", reference(), List.of(input(spendable, 0)), outputs(a, "50.00")), client));
        assertRefused(before, second, 409, "ALREADY_SPENT");
    }

    @Test
    void badSignatureIs422() {
        Snapshot before = snapshot();
        TransactionRequest pay = request("TRANSFER", reference(), List.of(input(coin, 0)), outputs(b, "1000.00"));
        TransactionRequest other = request("TRANSFER", reference(), List.of(input(coin, 0)), outputs(b, "1000.00"));
        // a real signature of the client, but over another transaction
        assertRefused(before, submit(pay.withSignature(client.sign(other))), 422, "BAD_SIGNATURE");
        // a key id nobody registered
        SignatureJson unknownKey = new SignatureJson("nobody", client.sign(pay).value());
        assertRefused(before, submit(pay.withSignature(unknownKey)), 422, "BAD_SIGNATURE");
        // no signature at all
        assertRefused(before, submit(pay), 422, "BAD_SIGNATURE");
    }

    @Test
    void unbalancedIs422() {
        Snapshot before = snapshot();
        Response r = submit(signed(request("TRANSFER", reference(), List.of(input(coin, 0)), outputs(b, "999.99")), client));
        assertRefused(before, r, 422, "UNBALANCED");
        Response more = submit(signed(request("TRANSFER", reference(), List.of(input(coin, 0)), outputs(b, "1000.00", a, "0.01")), client));
        assertRefused(before, more, 422, "UNBALANCED");
    }

    @Test
    void overALimitIs422() {
        Snapshot before = snapshot();
        // Tiyn.MAX_OUTPUT is 1 000 000 000 000.00 tenge
        Response tooBig = submit(signed(request("ISSUE", reference(), List.of(), outputs(a, "1000000000000.01")), issuer));
        assertRefused(before, tooBig, 422, "OVER_LIMIT");
        List<OutputJson> many = new ArrayList<>();
        for (int i = 0; i < 33; i++) {
            many.add(new OutputJson(a, "1.00"));
        }
        Response tooMany = submit(signed(request("ISSUE", reference(), List.of(), many), issuer));
        assertRefused(before, tooMany, 422, "OVER_LIMIT");
        Response zero = submit(signed(request("ISSUE", reference(), List.of(), outputs(a, "0.00")), issuer));
        assertRefused(before, zero, 422, "OVER_LIMIT");
    }

    /**
     * The edge probe's amounts: an exponent (it cost 7.3 s of CPU), other scripts' digits, signs and blanks are not
     * amounts. A negative output used to be read and then refused as OVER_LIMIT (422); an output amount has no sign,
     * so "-1.00" is now MALFORMED (400) like any other text that is not an amount.
     */
    @Test
    void anAmountThatIsNotAPlainAsciiDecimalIs400() {
        Snapshot before = snapshot();
        for (String amount : List.of("1E10000000", "\u0661\u0660\u0660", "\uFF11\uFF10\uFF10", "+100", " 100", "1e2", "1E-2", "-1.00")) {
            Response r = submit(fakeSigned(request("ISSUE", reference(), List.of(), outputs(a, amount))));
            assertRefused(before, r, 400, "MALFORMED");
            assertThat(r.raw()).doesNotContain("\u0661").hasSizeLessThan(600);
        }
    }

    /** The probe registered a participant with a 200,000-character name (201 Created); the cap is 200. */
    @Test
    void aParticipantNameOfAnyLengthOrWithControlsIs400() {
        Snapshot before = snapshot();
        Response huge = post("/api/ledger/participants", Map.of("partyId", TestParties.newPartyId().value(),
                "name", "N".repeat(200_000)));
        assertRefused(before, huge, 400, "MALFORMED");
        Response bidi = post("/api/ledger/participants", Map.of("partyId", TestParties.newPartyId().value(),
                "name", "Bank\u202Egnp.exe"));
        assertRefused(before, bidi, 400, "MALFORMED");
        assertThat(bidi.raw()).contains("U+202E").doesNotContain("\u202E");
    }

    @Test
    void notAuthorizedIs403() {
        Snapshot before = snapshot();
        // a registered key, but its holder neither owns the input's account nor is a delegate
        Response r = submit(signed(request("TRANSFER", reference(), List.of(input(coin, 0)), outputs(b, "1000.00")), stranger));
        assertRefused(before, r, 403, "NOT_AUTHORIZED");
        // only the issuer issues
        Response issue = submit(signed(request("ISSUE", reference(), List.of(), outputs(a, "5.00")), bank));
        assertRefused(before, issue, 403, "NOT_AUTHORIZED");
    }

    @Test
    void invalidIdentifierIs422() {
        Snapshot before = snapshot();
        String badIik = a.substring(0, 19) + (a.charAt(19) == '0' ? '1' : '0');
        Response r = submit(fakeSigned(request("ISSUE", reference(), List.of(), outputs(badIik, "5.00"))));
        assertRefused(before, r, 422, "INVALID_IDENTIFIER");
        Response shortIik = submit(fakeSigned(request("ISSUE", reference(), List.of(), outputs("KZ12", "5.00"))));
        assertRefused(before, shortIik, 422, "INVALID_IDENTIFIER");
        String bin = TestParties.newPartyId().value();
        String badBin = bin.substring(0, 11) + (char) ('0' + (bin.charAt(11) - '0' + 1) % 10);
        Response p = post("/api/ledger/participants", Map.of("partyId", badBin, "name", "Bad BIN LLP"));
        assertRefused(before, p, 422, "INVALID_IDENTIFIER");
        Response bic = post("/api/ledger/participants", Map.of("partyId", TestParties.newPartyId().value(), "name", "X",
                "roles", List.of("BANK"), "bic", "NOTABIC"));
        assertRefused(before, bic, 422, "INVALID_IDENTIFIER");
        assertRefused(before, get("/api/ledger/accounts/" + badIik + "/balance"), 422, "INVALID_IDENTIFIER");
    }

    @Test
    void unknownAccountAndStructure() {
        Snapshot before = snapshot();
        String unregistered = TestParties.newAccountNumber().value();
        Response r = submit(signed(request("ISSUE", reference(), List.of(), outputs(unregistered, "5.00")), issuer));
        assertRefused(before, r, 422, "UNKNOWN_ACCOUNT");
        Response withInputs = submit(signed(request("ISSUE", reference(), List.of(input(coin, 0)), outputs(a, "5.00")), issuer));
        assertRefused(before, withInputs, 422, "INVALID_STRUCTURE");
        assertRefused(before, get("/api/ledger/accounts/" + unregistered + "/balance"), 404, "NOT_FOUND");
    }

    @Test
    void registrationConflictsAre409() {
        Snapshot before = snapshot();
        Response again = post("/api/ledger/participants", Map.of("partyId", client.id(), "name", "Client again"));
        assertRefused(before, again, 409, "CONFLICT");
        Response sameAccount = post("/api/ledger/accounts", Map.of("number", a, "owner", client.id(), "kind", "COMPANY",
                "servicer", bank.bic()));
        assertRefused(before, sameAccount, 409, "CONFLICT");
        Response badKind = post("/api/ledger/accounts", Map.of("number", TestParties.newAccountNumber().value(),
                "owner", client.id(), "kind", "ALIEN", "servicer", bank.bic()));
        assertRefused(before, badKind, 400, "MALFORMED");
    }

    @Test
    void anotherPartysPublicKeyOrKeyIdIs409AndAnAccountKindItsOwnerLacksIs422() {
        Snapshot before = snapshot();
        String clientsKey = kz.digitaltenge.ledger.crypto.Keys.base64(client.keys().getPublic().getEncoded());
        // the client's public key for the payee under a fresh key id: either could sign as the other
        Response sameKey = post("/api/ledger/participants/" + payee.id() + "/keys", Map.of("keyId", "copy-" + payee.id(),
                "algorithm", "ED25519", "publicKey", clientsKey));
        assertRefused(before, sameKey, 409, "CONFLICT");
        assertThat(sameKey.body().get("message").asText()).contains("another participant");
        // the client's key id for the payee, with a key of the payee's own
        String payeesNewKey = kz.digitaltenge.ledger.crypto.Keys.base64(kz.digitaltenge.ledger.crypto.Keys.generate(
                kz.digitaltenge.ledger.crypto.SignatureAlgorithm.ED25519).getPublic().getEncoded());
        Response sameId = post("/api/ledger/participants/" + payee.id() + "/keys", Map.of("keyId", client.keyId(),
                "algorithm", "ED25519", "publicKey", payeesNewKey));
        assertRefused(before, sameId, 409, "CONFLICT");
        // the identical registration again: 409 as it always was
        Response again = post("/api/ledger/participants/" + client.id() + "/keys", Map.of("keyId", client.keyId(),
                "algorithm", "ED25519", "publicKey", clientsKey));
        assertRefused(before, again, 409, "CONFLICT");
        // an ISSUER account for a company
        Response issuerKind = post("/api/ledger/accounts", Map.of("number", TestParties.newAccountNumber().value(),
                "owner", client.id(), "kind", "ISSUER", "servicer", bank.bic()));
        assertRefused(before, issuerKind, 422, "WRONG_ACCOUNT_KIND");
        assertThat(issuerKind.body().get("message").asText()).contains("only the issuer");
        Response taxOffice = post("/api/ledger/accounts", Map.of("number", TestParties.newAccountNumber().value(),
                "owner", client.id(), "kind", "TAX_OFFICE", "servicer", bank.bic()));
        assertRefused(before, taxOffice, 422, "WRONG_ACCOUNT_KIND");
    }

    @Test
    void oversizedBodyIs413() {
        Snapshot before = snapshot();
        String big = "{\"type\":\"ISSUE\",\"reference\":\"" + "x".repeat(300 * 1024) + "\"}";
        assertRefused(before, submit(big), 413, "OVER_LIMIT");
        // the same without a Content-Length (chunked): counted while read
        HttpRequest chunked = HttpRequest.newBuilder(uri("/api/ledger/transactions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big.getBytes())))
                .build();
        assertRefused(before, send(chunked), 413, "OVER_LIMIT");
    }

    @Test
    void unknownPathIs404Json() {
        Response r = get("/api/ledger/nothing-here");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.reason()).isEqualTo("NOT_FOUND");
    }
}
