package kz.digitaltenge.hub.demo;

import static kz.digitaltenge.hub.demo.ContractDesk.in;
import static kz.digitaltenge.hub.demo.ContractDesk.marked;
import static kz.digitaltenge.hub.demo.ContractDesk.of;
import static kz.digitaltenge.hub.demo.DemoClient.expect;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kz.digitaltenge.canonical.id.PartyId;
import kz.digitaltenge.hub.api.TransactionJson.OutputJson;

/**
 * Medium road repair, contract marking only (docs/contract-marking.md): the contract arrives as the portal's sync
 * delivers it (the full record with its Treasury registration), the Treasury marks the akimat's funds, the akimat pays the
 * road company, an approved act lets it cash out; then the contract is terminated on the portal: nothing more moves
 * under it, and the Treasury lifts the mark from what is left, which stays the akimat's budget money. Used by
 * {@code bin/demo-road-repair} and by {@code ContractPilotsTest}.
 */
public final class RoadRepairScenario {
    /** What the scenario left, for a test's checks. */
    public record Result(String contract, Map<String, String> balances, String refusedAfterTermination) {
    }

    private final DemoClient hub;
    private final ContractDesk desk;
    private final RailwayScenario.Users users;

    public RoadRepairScenario(URI base, PrintStream out, RailwayScenario.Users users) {
        this.hub = new DemoClient(base, out, new DemoClient.Users(users.admin(), users.issuer(), users.admin(), users.treasury()));
        this.desk = new ContractDesk(hub);
        this.users = users;
    }

    public Result run() throws Exception {
        long run = Math.abs(DemoClient.RANDOM.nextLong()) % 1_000_000L;
        Instant now = Instant.now();
        hub.step("1. The akimat's budget account (opened by the Treasury) and the road company's");
        String treasuryBic = DemoClient.bic();
        DemoClient.Party treasury = hub.party("Казначейство " + run, List.of("TREASURY"), treasuryBic);
        DemoClient.Party issuer = hub.party("Эмитент " + run, List.of("ISSUER"), DemoClient.bic());
        String bankBic = DemoClient.bic();
        hub.party("Банк " + run, List.of("BANK"), bankBic);
        ContractDesk.GovernmentAccount akimat = desk.openGovernmentAccount(users.treasury(), treasury, "ГУ Отдел дорог акимата " + run);
        PartyId akimatId = akimat.body();
        String akimatAcc = akimat.account();
        DemoClient.Party roads = hub.party("ТОО Жолдар " + run, List.of(), null);
        String roadsAcc = hub.account(roads.id(), "COMPANY", bankBic);
        JsonNode budget = desk.move(users.issuer(), "ISSUE", "road-budget-" + run, List.of(),
                List.of(new OutputJson(akimatAcc, "20000000.00")), List.of(), 200, issuer);

        hub.step("2. The contract as the portal's sync delivers it: the full record with its Treasury registration");
        long id = 7_000_000 + run;
        String number = akimatId.value() + "/" + String.format("%06d", run) + "/00";
        Map<String, Object> record = PortalDocuments.contract(new PortalDocuments.Contract(id, id, 0, number, "СР-" + run,
                akimatId.value(), akimatAcc, roads.id().value(), roadsAcc, "20000000.00", now.minus(Duration.ofDays(2)),
                now.plus(Duration.ofDays(120)), true), 1, now.minus(Duration.ofDays(1)));
        record.put("ContractUnits", List.of(of("id", id * 10, "contract_registry_id", id, "total_sum_wnds", 20000000,
                "spec", List.of(of("fin_year", 2026, "total_sum_wnds", "20000000", "ref_fkrb_program_id", 22)))));
        record.put("TreasuryPay", List.of(PortalDocuments.treasuryRegistration(id * 10, id, "УВ-Д-" + run, now.minus(Duration.ofDays(1)))));
        desk.importRecords("contracts", users.treasury(), record, "REGISTERED");
        JsonNode mark = desk.move(users.treasury(), "MARK", "road-mark-" + run, List.of(in(budget, 0)),
                List.of(marked(akimatAcc, "20000000.00", number)), List.of(desk.factOf(number)), 200, treasury);

        hub.step("3. The akimat pays 8 000 000.00 for the first section; the act is approved; the road company cashes it out");
        JsonNode paid = desk.move(users.treasury(), "TRANSFER", "road-pay-" + run, List.of(in(mark, 0)),
                List.of(marked(roadsAcc, "8000000.00", number), marked(akimatAcc, "12000000.00", number)),
                List.of(desk.factOf(number)), 200, treasury);
        desk.importRecords("acts", users.treasury(), PortalDocuments.act(id * 100, id, id, "8000000.00", true, now.minus(Duration.ofHours(1))),
                "AMENDED");
        desk.move(users.bank(), "REDEEM", "road-cash-" + run, List.of(in(paid, 0)), List.of(), List.of(desk.factOf(number)), 200, roads, issuer);
        hub.say("road company cashed out 8 000 000.00");

        hub.step("4. The contract is terminated on the portal (by agreement): nothing more moves under it");
        desk.importRecords("contracts", users.treasury(), PortalDocuments.terminated(record, now.minus(Duration.ofMinutes(1)), 24), "AMENDED");
        JsonNode refused = desk.move(users.treasury(), "TRANSFER", "road-pay2-" + run, List.of(in(paid, 1)),
                List.of(marked(roadsAcc, "1000000.00", number), marked(akimatAcc, "11000000.00", number)),
                List.of(desk.factOf(number)), 422, treasury);
        hub.say("a further payment: %s — %s", refused.path("reason").asText(), refused.path("message").asText());
        expect("EXPIRED".equals(refused.path("reason").asText()), "a terminated contract moves nothing");

        hub.step("5. The Treasury lifts the mark from what is left: it stays the akimat's budget money");
        desk.move(users.treasury(), "UNMARK", "road-unmark-" + run, List.of(in(paid, 1)),
                List.of(new OutputJson(akimatAcc, "12000000.00")), List.of(), 200, treasury);
        Map<String, String> balances = new LinkedHashMap<>();
        balances.put("akimat", hub.balance(akimatAcc));
        balances.put("roadCompany", hub.balance(roadsAcc));
        JsonNode outputs = hub.getJson("/api/ledger/accounts/" + akimatAcc + "/outputs?limit=10", users.admin());
        boolean standard = true;
        for (JsonNode o : outputs.path("outputs")) {
            standard &= !o.hasNonNull("marking") || o.path("marking").isNull();
        }
        hub.say("akimat %s (standard money again: %s), road company %s (cashed out)", balances.get("akimat"), standard,
                balances.get("roadCompany"));
        expect("12000000.00".equals(balances.get("akimat")) && "0.00".equals(balances.get("roadCompany")) && standard,
                "what is left returns to the akimat as standard money");
        return new Result(number, balances, refused.path("reason").asText());
    }
}
