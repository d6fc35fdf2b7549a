package kz.digitaltenge.routes.einvoice.esf;

import jakarta.xml.bind.annotation.XmlType;

/** Consignee, the party goods are shipped to (D 24/26). */
@XmlType(name = "Consignee", namespace = EsfNamespaces.V2, propOrder = {"address", "countryCode", "name", "tin"})
public class Consignee {
    private String address;
    private String countryCode;
    private String name;
    private String tin;

    public String address() {
        return address;
    }

    /** Country code (D 26.4). Required. */
    public String countryCode() {
        return countryCode;
    }

    public String name() {
        return name;
    }

    /** IIN/BIN (D 26.1). */
    public String tin() {
        return tin;
    }
}
