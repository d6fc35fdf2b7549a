package kz.digitaltenge.ledger.query;

/**
 * The proof that the books add up: issued - redeemed must equal the sum of unspent outputs and the sum of
 * the maintained account balances.
 */
public record SupplyAudit(Supply supply, long unspentTotal, long balancesTotal) {
    public boolean consistent() {
        return supply.circulating() == unspentTotal && unspentTotal == balancesTotal;
    }
}
