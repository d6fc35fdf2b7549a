package kz.digitaltenge.routes.einvoice.esf;

import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlElementWrapper;
import jakarta.xml.bind.annotation.XmlType;
import java.util.List;

/** A customer (C): the buyer of the goods, works or services. */
@XmlType(name = "Customer", namespace = EsfNamespaces.V2, propOrder = {
        "address", "branchTin", "countryCode", "name", "reorganizedTin", "shareParticipation", "statuses", "tin",
        "trailer"})
public class Customer {
    private String address;
    private String branchTin;
    private String countryCode;
    private String name;
    private String reorganizedTin;
    private String shareParticipation;
    @XmlElementWrapper(name = "statuses")
    @XmlElement(name = "status")
    private List<String> statuses;
    private String tin;
    private String trailer;

    /** Address (C 18). */
    public String address() {
        return address;
    }

    /** BIN of the branch that wrote the invoice on behalf of its head office. */
    public String branchTin() {
        return branchTin;
    }

    /** Country code (C 18.1). Required. */
    public String countryCode() {
        return countryCode;
    }

    /** Name (C 17). Required. */
    public String name() {
        return name;
    }

    /** BIN of the reorganised entity. */
    public String reorganizedTin() {
        return reorganizedTin;
    }

    /** Share of participation (C 17.1), up to 6 decimals. */
    public String shareParticipation() {
        return shareParticipation;
    }

    /** Customer categories (C 20): COMMITTENT, BROKER, ..., NONRESIDENT, ...; empty when absent. */
    public List<String> statuses() {
        return statuses == null ? List.of() : List.copyOf(statuses);
    }

    /** IIN/BIN (C 16); may be absent for a NONRESIDENT customer. */
    public String tin() {
        return tin;
    }

    /** Additional details (C 19). */
    public String trailer() {
        return trailer;
    }
}
