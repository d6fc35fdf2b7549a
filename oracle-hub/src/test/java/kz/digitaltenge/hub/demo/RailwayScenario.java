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
import java.util.List;
import java.util.Map;
import kz.digitaltenge.canonical.id.PartyId;
import kz.digitaltenge.hub.api.TransactionJson.OutputJson;

/**
 * A National Fund railway section, played through the hub's public API (docs/contract-marking.md): the contract comes
 * from a portal-shaped response and a supplementary agreement raises its sum; the Treasury registers it, defines the
 * project (three levels: the general contractor, two admitted subcontractors, any material supplier) and marks the
 * funds; the general contractor pays its subcontractors, they pay their suppliers, a payment to an unlisted address is
 * refused; an approved act lets the general contractor cash out its share and no more; the project's whole tree is
 * printed, verified. Used by {@code bin/demo-railway} and by {@code ContractPilotsTest}.
 */
public final class RailwayScenario {
    /** The BIN/IINs the demo's contractor users are bound to (application-demo.yaml; the tests bind theirs alike). */
    public static final String CONTRACTOR_BIN = "990840001010";
    public static final String SUB_A_BIN = "990840001020";
    public static final String SUB_B_BIN = "990840001030";

    /** Who speaks: the operator, the issuer, the Treasury, a bank, and the three contractors' systems. */
    public record Users(String[] admin, String[] issuer, String[] treasury, String[] bank, String[] contractor, String[] subA,
                        String[] subB) {
        public static Users demo() {
            return new Users(DemoClient.ADMIN, DemoClient.ISSUER, DemoClient.TREASURY, DemoClient.BANK,
                    new String[] {"contractor", "demo-contractor"}, new String[] {"sub-a", "demo-sub-a"},
                    new String[] {"sub-b", "demo-sub-b"});
        }
    }

    /** What the scenario left, for a test's checks. */
    public record Result(String root, Map<String, String> balances, boolean treeVerified, int treeTransactions, int feedEntries,
                         String cashedOut) {
    }

    private final DemoClient hub;
    private final ContractDesk desk;
    private final Users users;

    public RailwayScenario(URI base, PrintStream out, Users users) {
        this.hub = new DemoClient(base, out, new DemoClient.Users(users.admin(), users.issuer(), users.admin(), users.treasury()));
        this.desk = new ContractDesk(hub);
        this.users = users;
    }

    public Result run() throws Exception {
        long run = Math.abs(DemoClient.RANDOM.nextLong()) % 1_000_000L;
        Instant now = Instant.now();
        hub.step("1. The parties: the Treasury opens the ministry's budget account; the contractors' accounts at their bank");
        String treasuryBic = DemoClient.bic();
        DemoClient.Party treasury = hub.party("Комитет казначейства " + run, List.of("TREASURY"), treasuryBic);
        DemoClient.Party issuer = hub.party("Национальный банк " + run, List.of("ISSUER"), DemoClient.bic());
        String bankBic = DemoClient.bic();
        hub.party("АО Банк " + run, List.of("BANK"), bankBic);
        ContractDesk.GovernmentAccount ministry = desk.openGovernmentAccount(users.treasury(), treasury, "Министерство транспорта " + run);
        PartyId ministryId = ministry.body();
        String ministryAcc = ministry.account();
        JsonNode opened = ministry.opened();
        hub.say("ministry %s: %s %s, serviced by %s, the Treasury its delegate", ministryId.value(), opened.path("kind").asText(),
                ministryAcc, opened.path("servicer").asText());
        DemoClient.Party gc = hub.partyWithId(new PartyId(CONTRACTOR_BIN), "ТОО Генподрядчик", List.of());
        DemoClient.Party subA = hub.partyWithId(new PartyId(SUB_A_BIN), "ТОО Мостострой", List.of());
        DemoClient.Party subB = hub.partyWithId(new PartyId(SUB_B_BIN), "ТОО Путьстрой", List.of());
        DemoClient.Party matA = hub.party("ТОО Щебень " + run, List.of(), null);
        DemoClient.Party matB = hub.party("ТОО Шпалы " + run, List.of(), null);
        DemoClient.Party stranger = hub.party("ТОО Посторонний " + run, List.of(), null);
        String gcAcc = hub.account(gc.id(), "COMPANY", bankBic);
        String subAAcc = hub.account(subA.id(), "COMPANY", bankBic);
        String subBAcc = hub.account(subB.id(), "COMPANY", bankBic);
        String matAAcc = hub.account(matA.id(), "COMPANY", bankBic);
        String matBAcc = hub.account(matB.id(), "COMPANY", bankBic);
        String strangerAcc = hub.account(stranger.id(), "COMPANY", bankBic);
        JsonNode budget = desk.move(users.issuer(), "ISSUE", "rail-budget-" + run, List.of(),
                List.of(new OutputJson(ministryAcc, "120000000.00")), List.of(), 200, issuer);
        hub.say("the National Fund's 120 000 000.00 on the ministry's account");

        hub.step("2. The contract from the portal (a list response), read twice; a supplementary agreement raises it to 120 000 000.00");
        long rootId = 5_000_000 + run;
        String root = ministryId.value() + "/" + String.format("%06d", run) + "/00";
        PortalDocuments.Contract contract = new PortalDocuments.Contract(rootId, rootId, 0, root, "№ ЖД-" + run, ministryId.value(),
                ministryAcc, CONTRACTOR_BIN, gcAcc, "100000000.00", now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(365)), true);
        Map<String, Object> original = PortalDocuments.contract(contract, 1, now.minus(Duration.ofHours(2)));
        desk.importRecords("contracts", users.treasury(), PortalDocuments.list(List.of(original)), "REGISTERED");
        desk.importRecords("contracts", users.treasury(), original, "UNCHANGED");
        PortalDocuments.Contract amended = new PortalDocuments.Contract(rootId + 1, rootId, rootId, root.replace("/00", "/01"),
                contract.number(), ministryId.value(), ministryAcc, CONTRACTOR_BIN, gcAcc, "120000000.00", contract.signDate(),
                contract.endDate(), true);
        desk.importRecords("contracts", users.treasury(), PortalDocuments.contract(amended, 2, now.minus(Duration.ofHours(1))), "AMENDED");
        JsonNode terms = desk.contract(root);
        expect("120000000.00".equals(terms.path("maxTransfer").asText()), "the agreement's sum is the cap: " + terms);
        hub.say("contract %s: cap %s, valid %s → %s", root, terms.path("maxTransfer").asText(), terms.path("validFrom").asText(),
                terms.path("validTo").asText());

        hub.step("3. The Treasury registers it, defines the project's levels and marks the funds");
        desk.importRecords("treasury-pay", users.treasury(), PortalDocuments.treasuryRegistration(rootId * 10, rootId + 1,
                "УВ-" + run, now.minus(Duration.ofMinutes(30))), "AMENDED");
        String project = "RAIL-" + run;
        desk.importRecords("projects", users.treasury(), of("project", project, "name", "Участок Дарбаза — Мактаарал",
                "rootContract", root, "depth", 3, "levels", List.of(
                        of("level", 2, "admits", List.of(SUB_A_BIN, SUB_B_BIN), "cashOutPercent", 0),
                        of("level", 3, "admits", List.of("*"), "cashOutPercent", 100))), "REGISTERED");
        JsonNode mark = desk.move(users.treasury(), "MARK", "rail-mark-" + run, List.of(in(budget, 0)),
                List.of(marked(ministryAcc, "120000000.00", root)), List.of(desk.factOf(root)), 200, treasury);
        hub.say("120 000 000.00 marked CONTRACT:%s on the ministry's account", root);

        hub.step("4. The ministry pays the general contractor 100 000 000.00 (the Treasury executes it)");
        JsonNode toGc = desk.move(users.treasury(), "TRANSFER", "rail-pay-gc-" + run, List.of(in(mark, 0)),
                List.of(marked(gcAcc, "100000000.00", root), marked(ministryAcc, "20000000.00", root)), List.of(desk.factOf(root)), 200, treasury);

        hub.step("5. The general contractor declares its subcontractors (level 2); one not admitted is refused");
        String subANumber = "SUB-A-" + run;
        String subBNumber = "SUB-B-" + run;
        desk.importRecords("subcontracts", users.contractor(), of("project", project, "parent", root, "contract", subANumber,
                "supplierBin", SUB_A_BIN, "supplierAccount", subAAcc, "sum", "40000000.00"), "REGISTERED");
        desk.importRecords("subcontracts", users.contractor(), of("project", project, "parent", root, "contract", subBNumber,
                "supplierBin", SUB_B_BIN, "supplierAccount", subBAcc, "sum", "30000000.00"), "REGISTERED");
        desk.importRecords("subcontracts", users.contractor(), of("project", project, "parent", root, "contract", "X-" + run,
                "supplierBin", stranger.id().value(), "supplierAccount", strangerAcc, "sum", "1000000.00"), "REFUSED");
        JsonNode toSubs = desk.move(users.bank(), "TRANSFER", "rail-pay-subs-" + run, List.of(in(toGc, 0)),
                List.of(marked(subAAcc, "40000000.00", subANumber), marked(subBAcc, "30000000.00", subBNumber),
                        marked(gcAcc, "30000000.00", root)), List.of(desk.factOf(root), desk.factOf(subANumber), desk.factOf(subBNumber)), 200, gc);
        hub.say("paid: %s 40 000 000.00 under %s, %s 30 000 000.00 under %s", subAAcc, subANumber, subBAcc, subBNumber);

        hub.step("6. The subcontractors declare and pay their material suppliers (level 3); a payment to an unlisted address is refused");
        String matANumber = "MAT-A-" + run;
        String matBNumber = "MAT-B-" + run;
        desk.importRecords("subcontracts", users.subA(), of("project", project, "parent", subANumber, "contract", matANumber,
                "supplierBin", matA.id().value(), "supplierAccount", matAAcc, "sum", "25000000.00"), "REGISTERED");
        desk.importRecords("subcontracts", users.subB(), of("project", project, "parent", subBNumber, "contract", matBNumber,
                "supplierBin", matB.id().value(), "supplierAccount", matBAcc, "sum", "20000000.00"), "REGISTERED");
        JsonNode toMatA = desk.move(users.bank(), "TRANSFER", "rail-mat-a-" + run, List.of(in(toSubs, 0)),
                List.of(marked(matAAcc, "25000000.00", matANumber), marked(subAAcc, "15000000.00", subANumber)),
                List.of(desk.factOf(subANumber), desk.factOf(matANumber)), 200, subA);
        desk.move(users.bank(), "TRANSFER", "rail-mat-b-" + run, List.of(in(toSubs, 1)),
                List.of(marked(matBAcc, "20000000.00", matBNumber), marked(subBAcc, "10000000.00", subBNumber)),
                List.of(desk.factOf(subBNumber), desk.factOf(matBNumber)), 200, subB);
        String before = hub.balance(subAAcc);
        JsonNode refused = desk.move(users.bank(), "TRANSFER", "rail-stray-" + run, List.of(in(toMatA, 1)),
                List.of(marked(strangerAcc, "1000000.00", subANumber), marked(subAAcc, "14000000.00", subANumber)),
                List.of(desk.factOf(subANumber)), 422, subA);
        hub.say("to %s (on no level): %s — %s", strangerAcc, refused.path("reason").asText(), refused.path("message").asText());
        expect("MARKING_VIOLATION".equals(refused.path("reason").asText()), "the unlisted payment is a marking violation");
        expect(before.equals(hub.balance(subAAcc)) && "0.00".equals(hub.balance(strangerAcc)), "the money stays where it was");

        hub.step("7. An approved act of 10 000 000.00: the general contractor cashes out its share, and no more");
        desk.importRecords("acts", users.treasury(), PortalDocuments.list(List.of(PortalDocuments.act(rootId * 100, rootId + 1, rootId,
                "10000000.00", true, now.minus(Duration.ofMinutes(5))))), "AMENDED");
        JsonNode cashOut = desk.move(users.bank(), "REDEEM", "rail-cash-gc-" + run, List.of(in(toSubs, 2)),
                List.of(marked(gcAcc, "20000000.00", root)), List.of(desk.factOf(root)), 200, gc, issuer);
        JsonNode over = desk.move(users.bank(), "REDEEM", "rail-cash-gc2-" + run, List.of(in(cashOut, 0)),
                List.of(marked(gcAcc, "19000000.00", root)), List.of(desk.factOf(root)), 422, gc, issuer);
        hub.say("cashed out 10 000 000.00; 1 000 000.00 more: %s — %s", over.path("reason").asText(), over.path("message").asText());
        expect("LIMIT_EXCEEDED".equals(over.path("reason").asText()), "a cash-out above the acts is refused");
        desk.move(users.bank(), "REDEEM", "rail-cash-mat-a-" + run, List.of(in(toMatA, 0)), List.of(),
                List.of(desk.factOf(matANumber)), 200, matA, issuer);
        hub.say("the material supplier cashes out its 25 000 000.00 (its level allows all of it)");

        hub.step("8. The project's transaction tree, verified edge by edge; the ministry's feed");
        JsonNode tree = hub.getJson("/api/programmable/trace?contract=" + ContractDesk.enc(root), users.admin());
        for (JsonNode node : tree.path("roots")) {
            print(node, 0);
        }
        expect(tree.path("verified").asBoolean(), "the tree verifies");
        JsonNode feed = hub.getJson("/api/programmable/marked-transfers?contract=" + ContractDesk.enc(root), users.admin());
        hub.say("tree: %d transactions, marked %s, verified %s; feed: %d transfers", tree.path("transactions").asInt(),
                tree.path("markedTotal").asText(), tree.path("verified").asBoolean(), feed.path("transfers").size());
        Map<String, String> balances = new java.util.LinkedHashMap<>();
        balances.put("ministry", hub.balance(ministryAcc));
        balances.put("generalContractor", hub.balance(gcAcc));
        balances.put("subA", hub.balance(subAAcc));
        balances.put("subB", hub.balance(subBAcc));
        balances.put("materialsA", hub.balance(matAAcc));
        balances.put("materialsB", hub.balance(matBAcc));
        balances.put("stranger", hub.balance(strangerAcc));
        hub.say("balances: %s", balances);
        expect(Map.of("ministry", "20000000.00", "generalContractor", "20000000.00", "subA", "15000000.00", "subB", "10000000.00",
                "materialsA", "0.00", "materialsB", "20000000.00", "stranger", "0.00").equals(balances), "the balances as printed");
        return new Result(root, balances, tree.path("verified").asBoolean(), tree.path("transactions").asInt(),
                feed.path("transfers").size(), desk.contract(root).path("cashedOut").asText());
    }

    private void print(JsonNode node, int depth) {
        StringBuilder outs = new StringBuilder();
        for (JsonNode o : node.path("outputs")) {
            outs.append(" → ").append(o.path("owner").asText()).append(' ').append(o.path("amount").asText())
                    .append(o.hasNonNull("marking") ? " [" + o.path("marking").asText() + "]" : "");
        }
        hub.say("%s%s %s%s", "  ".repeat(depth), node.path("type").asText(), node.path("txId").asText().substring(0, 12), outs);
        for (JsonNode child : node.path("children")) {
            print(child, depth + 1);
        }
    }
}
