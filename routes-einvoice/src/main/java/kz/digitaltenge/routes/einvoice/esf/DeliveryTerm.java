package kz.digitaltenge.routes.einvoice.esf;

import jakarta.xml.bind.annotation.XmlType;

/** Delivery terms (E): the contract, payment terms, transport and power of attorney. */
@XmlType(name = "DeliveryTerm", namespace = EsfNamespaces.V2, propOrder = {
        "contractDate", "contractNum", "deliveryConditionCode", "destination", "hasContract", "term",
        "transportTypeCode", "warrant", "warrantDate"})
public class DeliveryTerm {
    private String contractDate;
    private String contractNum;
    private String deliveryConditionCode;
    private String destination;
    private String hasContract;
    private String term;
    private String transportTypeCode;
    private String warrant;
    private String warrantDate;

    /** Contract date (E 27.4), {@code dd.MM.yyyy}. */
    public String contractDate() {
        return contractDate;
    }

    /** Contract number (E 27.3). */
    public String contractNum() {
        return contractNum;
    }

    /** Delivery condition code (E 31.1). */
    public String deliveryConditionCode() {
        return deliveryConditionCode;
    }

    /** Destination (E 31). */
    public String destination() {
        return destination;
    }

    /** Whether there is a contract (E 27.1 true / E 27.2 false), xs:boolean text. Required. */
    public String hasContract() {
        return hasContract;
    }

    /** Payment terms of the contract (E 28). */
    public String term() {
        return term;
    }

    /** Transport type (E 29). */
    public String transportTypeCode() {
        return transportTypeCode;
    }

    /** Power of attorney number (E 30.1). */
    public String warrant() {
        return warrant;
    }

    /** Power of attorney date (E 30.2), {@code dd.MM.yyyy}. */
    public String warrantDate() {
        return warrantDate;
    }
}
