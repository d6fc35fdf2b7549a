package kz.digitaltenge.routes.einvoice.esf;

import jakarta.xml.bind.annotation.XmlType;

/** Consignor, the party goods are shipped by (D 23/25). */
@XmlType(name = "Consignor", namespace = EsfNamespaces.V2, propOrder = {"address", "name", "tin"})
public class Consignor {
    private String address;
    private String name;
    private String tin;

    public String address() {
        return address;
    }

    public String name() {
        return name;
    }

    /** IIN/BIN (D 25.1). */
    public String tin() {
        return tin;
    }
}
