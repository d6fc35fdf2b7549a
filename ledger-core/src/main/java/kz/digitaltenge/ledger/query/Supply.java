package kz.digitaltenge.ledger.query;

/** Total supply in tiyn: circulating = issued - redeemed. */
public record Supply(long issued, long redeemed) {
    public long circulating() {
        return issued - redeemed;
    }
}
