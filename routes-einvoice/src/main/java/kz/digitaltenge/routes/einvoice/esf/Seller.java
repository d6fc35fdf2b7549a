package kz.digitaltenge.routes.einvoice.esf;

import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlElementWrapper;
import jakarta.xml.bind.annotation.XmlType;
import java.util.List;

/** A seller (B) with its bank details (B1) and VAT control account (B2). */
@XmlType(name = "Seller", namespace = EsfNamespaces.V2, propOrder = {
        "address", "bank", "bik", "branchTin", "certificateNum", "certificateSeries", "iik", "isBranchNonResident",
        "kbe", "name", "ndscaBank", "ndscaBik", "ndscaIik", "ndscaKbe", "reorganizedTin", "shareParticipation",
        "statuses", "tin", "trailer"})
public class Seller {
    private String address;
    private String bank;
    private String bik;
    private String branchTin;
    private String certificateNum;
    private String certificateSeries;
    private String iik;
    private String isBranchNonResident;
    private String kbe;
    private String name;
    private String ndscaBank;
    private String ndscaBik;
    private String ndscaIik;
    private String ndscaKbe;
    private String reorganizedTin;
    private String shareParticipation;
    @XmlElementWrapper(name = "statuses")
    @XmlElement(name = "status")
    private List<String> statuses;
    private String tin;
    private String trailer;

    /** Address (B 8). */
    public String address() {
        return address;
    }

    /** Bank name (B1 15). */
    public String bank() {
        return bank;
    }

    /** Bank identifier code, 8 characters [0-9A-Z] (B1 14). */
    public String bik() {
        return bik;
    }

    /** BIN of the branch that wrote the invoice on behalf of its head office. */
    public String branchTin() {
        return branchTin;
    }

    /** VAT registration certificate number (B 9.2). */
    public String certificateNum() {
        return certificateNum;
    }

    /** VAT registration certificate series (B 9.1). */
    public String certificateSeries() {
        return certificateSeries;
    }

    /** Account (IIK/IBAN), 20 characters [0-9A-Z] (B1 13). */
    public String iik() {
        return iik;
    }

    /** Whether the seller is a branch of a non-resident legal entity (B 9.3), xs:boolean text. */
    public String isBranchNonResident() {
        return isBranchNonResident;
    }

    /** Beneficiary code (B1 12). */
    public String kbe() {
        return kbe;
    }

    /** Name (B 7). Required. */
    public String name() {
        return name;
    }

    /** VAT control account: bank name (B2 15.1). */
    public String ndscaBank() {
        return ndscaBank;
    }

    /** VAT control account: BIK (B2 14.1). */
    public String ndscaBik() {
        return ndscaBik;
    }

    /** VAT control account: IIK (B2 13.1). */
    public String ndscaIik() {
        return ndscaIik;
    }

    /** VAT control account: KBe (B2 12.1). */
    public String ndscaKbe() {
        return ndscaKbe;
    }

    /** BIN of the reorganised entity (B 6.1). */
    public String reorganizedTin() {
        return reorganizedTin;
    }

    /** Share of participation (B 7.1), up to 6 decimals. */
    public String shareParticipation() {
        return shareParticipation;
    }

    /** Seller categories (B 10): COMMITTENT, BROKER, FORWARDER, ..., EXPORTER, ...; empty when absent. */
    public List<String> statuses() {
        return statuses == null ? List.of() : List.copyOf(statuses);
    }

    /** IIN/BIN (B 6). Required. */
    public String tin() {
        return tin;
    }

    /** Additional details (B 11). */
    public String trailer() {
        return trailer;
    }
}
