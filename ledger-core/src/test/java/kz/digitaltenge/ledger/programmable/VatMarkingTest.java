package kz.digitaltenge.ledger.programmable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kz.digitaltenge.canonical.ReasonCode;
import kz.digitaltenge.ledger.fact.Fact;
import kz.digitaltenge.ledger.fact.FactId;
import kz.digitaltenge.ledger.fact.FactType;
import kz.digitaltenge.ledger.fact.SignedFact;
import kz.digitaltenge.canonical.id.AccountNumber;
import kz.digitaltenge.ledger.registry.AccountKind;
import kz.digitaltenge.ledger.tx.CommittedTransaction;
import kz.digitaltenge.ledger.tx.StoredOutput;
import kz.digitaltenge.ledger.testing.IndependentVat;
import kz.digitaltenge.ledger.testing.SingleNodeLedgerTest;
import kz.digitaltenge.ledger.testing.TestParties;
import kz.digitaltenge.ledger.testing.TestParties.Party;
import kz.digitaltenge.ledger.tx.Output;
import kz.digitaltenge.ledger.tx.OutputRef;
import kz.digitaltenge.ledger.tx.SignedTransaction;
import kz.digitaltenge.ledger.tx.Transaction;
import kz.digitaltenge.ledger.tx.TxType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Digital VAT: each rule of {@link VatMarking} and each refusal. */
class VatMarkingTest extends SingleNodeLedgerTest {
    static AccountNumber taxOffice;

    @BeforeAll
    static void start() {
        taxOffice = parties.account(parties.taxAuthority("Tax office Astana"), AccountKind.TAX_OFFICE, parties.treasuryBic);
    }

    record Company(Party party, AccountNumber account) {
    }

    static Company company(String name) {
        Party p = parties.client(name);
        return new Company(p, parties.clientAccount(p));
    }

    static OutputRef fund(Company c, long amount) {
        return new OutputRef(ok(parties.issue(c.account(), amount, "f" + System.nanoTime())).id(), 0);
    }

    static FactId invoice(String reg, Company seller, Company buyer, long net, long vat, String status) {
        return node.ledger.facts().register(parties.oracleFact(Fact.of(FactType.INVOICE_REGISTERED, reg, Map.of(
                "sellerTin", seller.party().id().value(), "buyerTin", buyer.party().id().value(),
                "net", Long.toString(net), "vat", Long.toString(vat), "gross", Long.toString(net + vat),
                "currency", "KZT", "status", status), Instant.now())));
    }

    static SignedTransaction pay(Company payer, List<OutputRef> in, List<Output> out, FactId invoice) {
        return TestParties.signed(new Transaction(TxType.TRANSFER, "pay" + System.nanoTime(), in, out, List.of(invoice)), payer.party());
    }

    static Output vat(AccountNumber to, long amount) {
        return new Output(to, amount, "VAT", null);
    }

    @Test
    void paymentSplitsNetAndVatAndTheInvoiceCannotBeOverpaid() {
        Company seller = company("Seller");
        Company buyer = company("Buyer");
        OutputRef coin = fund(buyer, 200_000);
        String reg = "ESF-" + System.nanoTime();
        FactId inv = invoice(reg, seller, buyer, 100_000, 12_000, "CREATED");
        CommittedTransaction paid = ok(pay(buyer, List.of(coin), List.of(Output.standard(seller.account(), 100_000),
                vat(seller.account(), 12_000), Output.standard(buyer.account(), 88_000)), inv));
        assertThat(paid.balancesAfter()).containsEntry(seller.account(), 112_000L).containsEntry(buyer.account(), 88_000L);
        assertThat(node.store.usage(LimitUse.invoice(reg))).containsEntry(LimitUse.Kind.INVOICE_NET, 100_000L)
                .containsEntry(LimitUse.Kind.INVOICE_VAT, 12_000L);
        assertThat(node.store.unspentOutputs(seller.account(), 10)).extracting(s -> s.output().marking())
                .containsExactlyInAnyOrder(null, "VAT");
        refused(pay(buyer, List.of(new OutputRef(paid.id(), 2)), List.of(Output.standard(seller.account(), 1_000),
                vat(seller.account(), 120), Output.standard(buyer.account(), 86_880)), inv), ReasonCode.LIMIT_EXCEEDED, "INVOICE_NET limit");
    }

    @Test
    void theInvoicesCurrentFactAndWhatIsPaidOnItAreReadTogether() {
        Company seller = company("Seller R");
        Company buyer = company("Buyer R");
        OutputRef coin = fund(buyer, 200_000);
        String reg = "ESF-R-" + System.nanoTime();
        FactWithUsage none = node.store.latestWithUsage(FactType.INVOICE_REGISTERED, reg, LimitUse.invoice(reg));
        assertThat(none.fact()).isEmpty();
        assertThat(none.usage()).containsEntry(LimitUse.Kind.INVOICE_NET, 0L).containsEntry(LimitUse.Kind.INVOICE_VAT, 0L);

        FactId created = invoice(reg, seller, buyer, 100_000, 12_000, "CREATED");
        CommittedTransaction paid = ok(pay(buyer, List.of(coin), List.of(Output.standard(seller.account(), 50_000),
                vat(seller.account(), 6_000), Output.standard(buyer.account(), 144_000)), created));
        FactId delivered = invoice(reg, seller, buyer, 100_000, 12_000, "DELIVERED");
        FactWithUsage read = node.store.latestWithUsage(FactType.INVOICE_REGISTERED, reg, LimitUse.invoice(reg));
        assertThat(read.fact()).get().extracting(SignedFact::id).as("the newer state").isEqualTo(delivered);
        assertThat(read.usage()).isEqualTo(node.store.usage(LimitUse.invoice(reg)))
                .containsEntry(LimitUse.Kind.INVOICE_NET, 50_000L).containsEntry(LimitUse.Kind.INVOICE_VAT, 6_000L);
        // the ledger's own check reads them the same way: the older state is refused, the current one pays
        refused(pay(buyer, List.of(new OutputRef(paid.id(), 2)), List.of(Output.standard(seller.account(), 50_000),
                vat(seller.account(), 6_000), Output.standard(buyer.account(), 88_000)), created), ReasonCode.INVALID_FACT, "newer state");
        ok(pay(buyer, List.of(new OutputRef(paid.id(), 2)), List.of(Output.standard(seller.account(), 50_000),
                vat(seller.account(), 6_000), Output.standard(buyer.account(), 88_000)), delivered));
        assertThat(node.store.latestWithUsage(FactType.INVOICE_REGISTERED, reg, LimitUse.invoice(reg)).usage())
                .containsEntry(LimitUse.Kind.INVOICE_NET, 100_000L).containsEntry(LimitUse.Kind.INVOICE_VAT, 12_000L);
    }

    @Test
    void partialPaymentsCarryVatInProportionAndTheLastSettlesExactly() {
        Company seller = company("Seller P");
        Company buyer = company("Buyer P");
        OutputRef coin = fund(buyer, 10_000);
        String reg = "ESF-P-" + System.nanoTime();
        FactId inv = invoice(reg, seller, buyer, 1_000, 120, "DELIVERED");
        // 333 paid: VAT part = 333 × 120 / 1120 = 35.68 → 36, net 297
        refused(pay(buyer, List.of(coin), List.of(Output.standard(seller.account(), 300), vat(seller.account(), 33),
                Output.standard(buyer.account(), 9_667)), inv), ReasonCode.MARKING_VIOLATION, "is 0.36, not 0.33");
        CommittedTransaction first = ok(pay(buyer, List.of(coin), List.of(Output.standard(seller.account(), 297),
                vat(seller.account(), 36), Output.standard(buyer.account(), 9_667)), inv));
        CommittedTransaction last = ok(pay(buyer, List.of(new OutputRef(first.id(), 2)), List.of(Output.standard(seller.account(), 703),
                vat(seller.account(), 84), Output.standard(buyer.account(), 8_880)), inv));
        assertThat(node.store.usage(LimitUse.invoice(reg))).containsEntry(LimitUse.Kind.INVOICE_NET, 1_000L)
                .containsEntry(LimitUse.Kind.INVOICE_VAT, 120L);
        assertThat(VatMarking.proportionalVat(333, 120, 1_120)).isEqualTo(36);
        assertThat(VatMarking.proportionalVat(Long.MAX_VALUE / 4, 12, 112)).isPositive();
        assertThat(last.balancesAfter()).containsEntry(seller.account(), 1_120L);
    }

    @Test
    void partialPaymentsFromABuyerHoldingVatTokensSpendThemFirstAndCarryTheVatATaxInspectorComputes() {
        Company seller = company("Seller I");
        Company buyer = company("Buyer I");
        Company customer = company("Customer I");
        // the buyer holds a VAT token of 50.00 from its own sale
        FactId sale = invoice("ESF-IS-" + System.nanoTime(), buyer, customer, 41_667, 5_000, "CREATED");
        CommittedTransaction sold = ok(pay(customer, List.of(fund(customer, 46_667)), List.of(Output.standard(buyer.account(), 41_667),
                vat(buyer.account(), 5_000)), sale));
        OutputRef vatToken = new OutputRef(sold.id(), 1);
        long vatHeld = 5_000;
        OutputRef standard = fund(buyer, 200_000);
        long standardHeld = 200_000;

        String reg = "ESF-I-" + System.nanoTime();
        FactId inv = invoice(reg, seller, buyer, 100_000, 12_000, "CREATED"); // 1 000.00 + 120.00 = 1 120.00
        Fact invoice = node.ledger.facts().require(inv);
        long paidNet = 0;
        long paidVat = 0;
        long sellerVat = 0;
        // four partial payments (VAT parts 35.71, 10.72, 0.00, 48.81 by BigDecimal HALF_UP), then the one that settles
        for (long amount : new long[] {33_333, 10_001, 1, 45_555, -1}) {
            boolean settles = amount < 0;
            long total = settles ? 112_000 - paidNet - paidVat : amount;
            long vatPart = settles ? 12_000 - paidVat : IndependentVat.partOf(total, invoice);
            long net = total - vatPart;
            if (!settles && vatPart > 0) {
                // one tiyn off the inspector's VAT part is refused, naming the right one
                refused(pay(buyer, inputs(standard, vatToken), payment(seller, buyer, net - 1, vatPart + 1, standardHeld, vatHeld), inv),
                        ReasonCode.MARKING_VIOLATION, "is " + IndependentVat.tenge(vatPart).toPlainString() + ", not ");
            }
            if (vatToken != null && vatPart > 0) {
                // holding VAT tokens, the buyer may not mark standard money for the VAT part
                refused(pay(buyer, List.of(standard), payment(seller, buyer, net, vatPart, standardHeld, 0), inv),
                        ReasonCode.MARKING_VIOLATION, "VAT tokens first");
            }
            List<Output> outs = payment(seller, buyer, net, vatPart, standardHeld, vatHeld);
            CommittedTransaction paid = ok(pay(buyer, inputs(standard, vatToken), outs, inv));
            // the seller received exactly the net part as standard money and the VAT part as VAT tokens
            assertThat(outs.stream().filter(o -> o.owner().equals(seller.account()) && o.marking() == null).mapToLong(Output::amount).sum())
                    .isEqualTo(net);
            sellerVat += vatPart;
            paidNet += net;
            paidVat += vatPart;
            assertThat(node.store.usage(LimitUse.invoice(reg))).containsEntry(LimitUse.Kind.INVOICE_NET, paidNet)
                    .containsEntry(LimitUse.Kind.INVOICE_VAT, paidVat);
            // what the buyer keeps: VAT change while its tokens cover the VAT part, else standard money was marked
            long converted = Math.max(0, vatPart - vatHeld);
            vatHeld = Math.max(0, vatHeld - vatPart);
            standardHeld = standardHeld - net - converted;
            vatToken = null;
            standard = null;
            for (int i = 0; i < outs.size(); i++) {
                Output o = outs.get(i);
                if (o.owner().equals(buyer.account())) {
                    if ("VAT".equals(o.marking())) {
                        vatToken = new OutputRef(paid.id(), i);
                    } else {
                        standard = new OutputRef(paid.id(), i);
                    }
                }
            }
            assertThat(node.store.unspentOutputs(buyer.account(), 10).stream().filter(o -> "VAT".equals(o.output().marking()))
                    .mapToLong(o -> o.output().amount()).sum()).isEqualTo(vatHeld);
        }
        assertThat(paidNet).isEqualTo(100_000);
        assertThat(paidVat).isEqualTo(12_000);
        assertThat(node.store.unspentOutputs(seller.account(), 10).stream().filter(o -> "VAT".equals(o.output().marking()))
                .mapToLong(o -> o.output().amount()).sum()).isEqualTo(sellerVat).isEqualTo(12_000);
        assertThat(vatHeld).as("the buyer's 50.00 of VAT tokens were spent before any standard money was marked").isZero();
        assertThat(node.store.audit().consistent()).isTrue();
    }

    @Test
    void theProportionalVatAgreesWithBigDecimalHalfUp() {
        java.util.Random random = new java.util.Random(20250314);
        long[][] edges = {{333, 120, 1_120}, {5, 1, 10}, {15, 1, 10}, {1, 12, 112}, {56, 12, 112}, {1, 0, 1}, {112_000, 12_000, 112_000}};
        for (long[] e : edges) {
            assertThat(VatMarking.proportionalVat(e[0], e[1], e[2])).as("%s", java.util.Arrays.toString(e))
                    .isEqualTo(IndependentVat.partOf(e[0], e[1], e[2]));
        }
        for (int i = 0; i < 20_000; i++) {
            long gross = 1 + (long) (random.nextDouble() * (i % 2 == 0 ? 1e6 : 1e15));
            long vat = (long) (random.nextDouble() * gross);
            long total = 1 + (long) (random.nextDouble() * gross);
            assertThat(VatMarking.proportionalVat(total, vat, gross)).isEqualTo(IndependentVat.partOf(total, vat, gross));
        }
    }

    static List<OutputRef> inputs(OutputRef standard, OutputRef vatToken) {
        return vatToken == null ? List.of(standard) : List.of(standard, vatToken);
    }

    /**
     * A payment of {@code net} + {@code vatPart} from {@code standardIn} standard money and {@code vatIn} of VAT tokens:
     * VAT tokens first, VAT change back while they cover the VAT part, else the rest of it marked from standard money.
     */
    static List<Output> payment(Company seller, Company buyer, long net, long vatPart, long standardIn, long vatIn) {
        List<Output> outs = new ArrayList<>();
        outs.add(Output.standard(seller.account(), net));
        if (vatPart > 0) {
            outs.add(vat(seller.account(), vatPart));
        }
        if (vatIn > vatPart) {
            outs.add(vat(buyer.account(), vatIn - vatPart));
        }
        long standardChange = standardIn - net - Math.max(0, vatPart - vatIn);
        if (standardChange > 0) {
            outs.add(Output.standard(buyer.account(), standardChange));
        }
        return outs;
    }

    @Test
    void vatTokensGoFirstAndOnlyToVatUses() {
        Company a = company("A");
        Company b = company("B");
        Company c = company("C");
        // b earns VAT tokens from a
        FactId inv1 = invoice("ESF-1-" + System.nanoTime(), b, a, 10_000, 1_200, "CREATED");
        CommittedTransaction p1 = ok(pay(a, List.of(fund(a, 11_200)), List.of(Output.standard(b.account(), 10_000),
                vat(b.account(), 1_200)), inv1));
        OutputRef bVat = new OutputRef(p1.id(), 1);
        OutputRef bStd = fund(b, 5_000);
        // b pays c's invoice: holding VAT tokens, it may not mark standard money for the VAT part
        FactId inv2 = invoice("ESF-2-" + System.nanoTime(), c, b, 1_000, 120, "CREATED");
        refused(pay(b, List.of(bStd), List.of(Output.standard(c.account(), 1_000), vat(c.account(), 120),
                Output.standard(b.account(), 3_880)), inv2), ReasonCode.MARKING_VIOLATION, "VAT tokens first");
        // with its VAT tokens: VAT part from them, VAT change back, net from standard
        CommittedTransaction p2 = ok(pay(b, List.of(bVat, bStd), List.of(Output.standard(c.account(), 1_000), vat(c.account(), 120),
                vat(b.account(), 1_080), Output.standard(b.account(), 4_000)), inv2));
        OutputRef bVatChange = new OutputRef(p2.id(), 2);
        // VAT tokens cannot be paid to a company, cashed out, nor lose their mark as change
        refused(TestParties.transfer(b.party(), List.of(bVatChange), List.of(vat(c.account(), 1_080)), "v1"),
                ReasonCode.MARKING_VIOLATION, "or go to a tax office");
        refused(TestParties.transfer(b.party(), List.of(bVatChange), List.of(Output.standard(b.account(), 1_080)), "v2"),
                ReasonCode.MARKING_VIOLATION, "is neither");
        refused(parties.redeem(b.party(), List.of(bVatChange), List.of(), "v3"), ReasonCode.MARKING_VIOLATION, "tax office");
        // to the tax office: the mark is removed on receipt
        CommittedTransaction toTax = ok(TestParties.transfer(b.party(), List.of(bVatChange),
                List.of(Output.standard(taxOffice, 1_000), vat(b.account(), 80)), "vat-to-tax"));
        StoredOutput received = node.store.loadOutputs(List.of(new OutputRef(toTax.id(), 0))).values().iterator().next();
        assertThat(received.output().marking()).isNull();
        refused(TestParties.transfer(b.party(), List.of(new OutputRef(toTax.id(), 1)), List.of(vat(taxOffice, 80)), "v4"),
                ReasonCode.MARKING_VIOLATION, "receives standard money");
        assertThat(node.store.audit().consistent()).isTrue();
    }

    @Test
    void theOracleChecksPartiesAndState() {
        Company seller = company("S");
        Company buyer = company("Bu");
        Company other = company("O");
        String reg = "ESF-R-" + System.nanoTime();
        FactId inv = invoice(reg, seller, buyer, 1_000, 120, "CREATED");
        OutputRef buyerCoin = fund(buyer, 1_120);
        refused(pay(other, List.of(fund(other, 1_120)), List.of(Output.standard(seller.account(), 1_000), vat(seller.account(), 120)), inv),
                ReasonCode.MARKING_VIOLATION, "paid from an account of");
        refused(pay(buyer, List.of(buyerCoin), List.of(Output.standard(other.account(), 1_000), vat(other.account(), 120)), inv),
                ReasonCode.MARKING_VIOLATION, "paid to an account of");
        refused(pay(buyer, List.of(buyerCoin), List.of(Output.standard(seller.account(), 1_000), vat(seller.account(), 60),
                vat(buyer.account(), 60)), inv), ReasonCode.MARKING_VIOLATION, "no VAT change");
        FactId revoked = invoice(reg, seller, buyer, 1_000, 120, "REVOKED");
        refused(pay(buyer, List.of(buyerCoin), List.of(Output.standard(seller.account(), 1_000), vat(seller.account(), 120)), inv),
                ReasonCode.INVALID_FACT, "newer state");
        refused(pay(buyer, List.of(buyerCoin), List.of(Output.standard(seller.account(), 1_000), vat(seller.account(), 120)), revoked),
                ReasonCode.INVALID_FACT, "REVOKED");
        // VAT is never made by MARK
        refused(TestParties.signed(new Transaction(TxType.MARK, "m", List.of(buyerCoin), List.of(vat(buyer.account(), 1_120))),
                parties.treasury), ReasonCode.MARKING_VIOLATION, "VAT tokens are made only");
    }

    @Test
    void prepaymentByContractNumberSplitsByTheRateAndIsTrackedAgainstTheContract() {
        Company seller = company("Prepaid seller");
        Company buyer = company("Prepaid buyer");
        OutputRef coin = fund(buyer, 20_000);
        String number = "DOG-" + System.nanoTime();
        FactId contract = node.ledger.facts().register(parties.oracleFact(Fact.of(FactType.CONTRACT_REGISTERED, number, Map.of(
                "sender", buyer.account().value(), "recipient", seller.account().value(), "maxTransfer", "11200", "maxCashOut", "0",
                "validFrom", Instant.now().minusSeconds(3600).toString(), "validTo", Instant.now().plusSeconds(86_400).toString(),
                "vatRate", "12", "buyerTin", buyer.party().id().value(), "sellerTin", seller.party().id().value()), Instant.now())));
        // 5,600 prepaid at 12%: VAT part 600, net 5,000
        refused(pay(buyer, List.of(coin), List.of(Output.standard(seller.account(), 5_100), vat(seller.account(), 500),
                Output.standard(buyer.account(), 14_400)), contract), ReasonCode.MARKING_VIOLATION, "at 12% is 6.00");
        CommittedTransaction pre = ok(pay(buyer, List.of(coin), List.of(Output.standard(seller.account(), 5_000), vat(seller.account(), 600),
                Output.standard(buyer.account(), 14_400)), contract));
        assertThat(node.store.usage(LimitUse.contract(number))).containsEntry(LimitUse.Kind.PREPAID, 5_600L);
        // beyond the contract's total
        refused(pay(buyer, List.of(new OutputRef(pre.id(), 2)), List.of(Output.standard(seller.account(), 5_357), vat(seller.account(), 643),
                Output.standard(buyer.account(), 8_400)), contract), ReasonCode.LIMIT_EXCEEDED, "PREPAID limit");
        // only the contract's buyer prepays
        Company other = company("Not the buyer");
        refused(pay(other, List.of(fund(other, 1_120)), List.of(Output.standard(seller.account(), 1_000), vat(seller.account(), 120)), contract),
                ReasonCode.MARKING_VIOLATION, "paid from an account of");
    }

    static FactId invoiceWith(String reg, Company seller, Company buyer, long net, long vat, Map<String, String> extra) {
        Map<String, String> terms = new java.util.HashMap<>(Map.of(
                "sellerTin", seller.party().id().value(), "buyerTin", buyer.party().id().value(),
                "net", Long.toString(net), "vat", Long.toString(vat), "gross", Long.toString(net + vat),
                "currency", "KZT", "status", "CREATED"));
        terms.putAll(extra);
        return node.ledger.facts().register(parties.oracleFact(Fact.of(FactType.INVOICE_REGISTERED, reg, terms, Instant.now())));
    }

    @Test
    void whatThePrepaymentSettledIsNotPaidAgain() {
        Company seller = company("Seller P");
        Company buyer = company("Buyer P");
        OutputRef coin = fund(buyer, 200_000);
        String reg = "ESF-P" + System.nanoTime();
        // net 100 000, VAT 12 000, of which 50 000 + 6 000 were prepaid under the contract and allocated by the oracle
        FactId inv = invoiceWith(reg, seller, buyer, 100_000, 12_000, Map.of("prepaidNet", "50000", "prepaidVat", "6000"));
        refused(pay(buyer, List.of(coin), List.of(Output.standard(seller.account(), 100_000), vat(seller.account(), 12_000),
                Output.standard(buyer.account(), 88_000)), inv), ReasonCode.LIMIT_EXCEEDED, "INVOICE_NET limit");
        CommittedTransaction rest = ok(pay(buyer, List.of(coin), List.of(Output.standard(seller.account(), 50_000),
                vat(seller.account(), 6_000), Output.standard(buyer.account(), 144_000)), inv));
        assertThat(rest.balancesAfter()).containsEntry(seller.account(), 56_000L);
        assertThat(node.store.usage(LimitUse.invoice(reg))).containsEntry(LimitUse.Kind.INVOICE_NET, 50_000L)
                .containsEntry(LimitUse.Kind.INVOICE_VAT, 6_000L);
    }

    @Test
    void anInvoiceCannotStateMoreSettledThanItsAmounts() {
        Company seller = company("Seller Q");
        Company buyer = company("Buyer Q");
        assertThatThrownBy(() -> invoiceWith("ESF-Q" + System.nanoTime(), seller, buyer, 100, 12, Map.of("prepaidNet", "101")))
                .hasMessageContaining("exceed");
    }

    @Test
    void aCreditNoteIsRefundedBySellerToBuyerNetAndVatAndNeverPaidByTheBuyer() {
        Company seller = company("Seller R");
        Company buyer = company("Buyer R");
        OutputRef sellerCoin = fund(seller, 50_000);
        OutputRef buyerCoin = fund(buyer, 50_000);
        String reg = "ESF-R" + System.nanoTime();
        // a decrease of 10 000 + 1 200 of an already paid invoice: 4 000 + 480 were applied as credit, the rest is refunded
        FactId note = invoiceWith(reg, seller, buyer, 10_000, 1_200, Map.of("invoiceType", "ADDITIONAL_INVOICE",
                "adjustment", "DECREASE", "relatedRegistrationNumber", "ESF-ORIG", "creditedNet", "4000", "creditedVat", "480"));
        refused(pay(buyer, List.of(buyerCoin), List.of(Output.standard(seller.account(), 6_000), vat(seller.account(), 720),
                Output.standard(buyer.account(), 43_280)), note), ReasonCode.MARKING_VIOLATION, "paid from an account of " + seller.party().id().value());
        refused(pay(seller, List.of(sellerCoin), List.of(Output.standard(buyer.account(), 7_000), vat(buyer.account(), 840),
                Output.standard(seller.account(), 42_160)), note), ReasonCode.LIMIT_EXCEEDED, "INVOICE_NET limit");
        CommittedTransaction refund = ok(pay(seller, List.of(sellerCoin), List.of(Output.standard(buyer.account(), 6_000),
                vat(buyer.account(), 720), Output.standard(seller.account(), 43_280)), note));
        assertThat(refund.balancesAfter()).containsEntry(buyer.account(), 56_720L).containsEntry(seller.account(), 43_280L);
        assertThat(node.store.unspentOutputs(buyer.account(), 10)).extracting(o -> o.output().marking()).contains("VAT");
    }
}
