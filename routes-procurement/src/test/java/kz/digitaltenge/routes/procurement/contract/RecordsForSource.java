package kz.digitaltenge.routes.procurement.contract;

/** A contract record for the tests of the root package (the builder itself is package-private). */
public final class RecordsForSource {
    private RecordsForSource() {
    }

    public static byte[] contract() {
        return Records.json(Records.contract(57113));
    }
}
