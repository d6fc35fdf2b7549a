package kz.digitaltenge.hub.demo;

import static kz.digitaltenge.hub.demo.DemoClient.expect;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import kz.digitaltenge.hub.api.TransactionJson.InputJson;
import kz.digitaltenge.hub.api.TransactionJson.OutputJson;
import kz.digitaltenge.hub.api.TransactionJson.TransactionRequest;

/** What the contract demos do through the hub's API again and again: import records, read a contract, move its money. */
final class ContractDesk {
    final DemoClient hub;

    ContractDesk(DemoClient hub) {
        this.hub = hub;
    }

    /** Posts records to a procurement import and checks each record's status; returns the answer. */
    JsonNode importRecords(String path, String[] user, Object body, String... statuses) throws Exception {
        DemoClient.HttpResult r = hub.call("POST", "/api/procurement/" + path, user, "application/json", DemoClient.json(body), 0);
        JsonNode answer = r.json();
        expect(answer.isArray() && answer.size() == statuses.length, path + ": one entry per record, got " + answer);
        for (int i = 0; i < statuses.length; i++) {
            JsonNode entry = answer.get(i);
            hub.say("%s record %s: %s%s", path, entry.path("record").asText(), entry.path("status").asText(),
                    entry.hasNonNull("reasonCode") ? " (" + entry.path("reasonCode").asText() + ": " + entry.path("message").asText() + ")" : "");
            expect(statuses[i].equals(entry.path("status").asText()), path + " record " + (i + 1) + " is " + statuses[i] + ": " + entry);
        }
        return answer;
    }

    /** A government body's budget account, opened by the Treasury: the body, its account, and the hub's answer. */
    record GovernmentAccount(kz.digitaltenge.canonical.id.PartyId body, String account, JsonNode opened) {
    }

    /** The Treasury ({@code treasury}, signed in as {@code user}) opens a new body's budget account. */
    GovernmentAccount openGovernmentAccount(String[] user, DemoClient.Party treasury, String name) throws Exception {
        kz.digitaltenge.canonical.id.PartyId body = DemoClient.newPartyId();
        String account = DemoClient.newAccountNumber();
        JsonNode opened = hub.call("POST", "/api/treasury/government-accounts", user, "application/json",
                DemoClient.json(of("partyId", body.value(), "name", name, "account", account, "treasuryBin", treasury.id().value())),
                201).json();
        return new GovernmentAccount(body, account, opened);
    }

    /** A contract's state: its current fact, limits and what it used. */
    JsonNode contract(String number) throws Exception {
        return hub.getJson("/api/programmable/contract?number=" + enc(number), hub.users().admin());
    }

    String factOf(String number) throws Exception {
        return contract(number).path("factId").asText();
    }

    /** A transaction; {@code expected} 200 for a commit, else the refusal's status (nothing moves). */
    JsonNode move(String[] user, String type, String reference, List<InputJson> in, List<OutputJson> out, List<String> facts,
                  int expected, DemoClient.Party... signers) throws Exception {
        DemoClient.HttpResult r = hub.submit(user, new TransactionRequest(type, reference, in, out, facts, null), expected, signers);
        return r.json();
    }

    static OutputJson marked(String account, String amount, String contract) {
        return new OutputJson(account, amount, "CONTRACT:" + contract, null);
    }

    static InputJson in(JsonNode committed, int index) {
        return new InputJson(committed.path("txId").asText(), index);
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static Map<String, Object> of(Object... kv) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
