package kz.digitaltenge.ledger.query;

/**
 * The proof that the books add up: issued - redeemed must equal the sum of unspent outputs and the sum of
 * the maintained account balances; and every output's spent flag (the search aid of an account's unspent outputs)
 * agrees with the spent markers, which decide.
 *
 * @param spentFlagMismatches outputs whose spent flag says otherwise than the spent markers (0 in a consistent store)
 */
public record SupplyAudit(Supply supply, long unspentTotal, long balancesTotal, long spentFlagMismatches) {
    public boolean consistent() {
        return supply.circulating() == unspentTotal && unspentTotal == balancesTotal && spentFlagMismatches == 0;
    }
}
