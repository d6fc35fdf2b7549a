package kz.digitaltenge.routes.einvoice.esf;

import jakarta.xml.bind.annotation.XmlType;

/** Treasury details of a public-office customer (F / C1). */
@XmlType(name = "PublicOffice", namespace = EsfNamespaces.V2, propOrder = {"bik", "iik", "payPurpose", "productCode"})
public class PublicOffice {
    private String bik;
    private String iik;
    private String payPurpose;
    private String productCode;

    /** The treasury's BIK; the schema fixes it to {@code KKMFKZ2A}. Required. */
    public String bik() {
        return bik;
    }

    /** Treasury account, 20 characters [0-9A-Z] (C1 21). */
    public String iik() {
        return iik;
    }

    /** Payment purpose (C1 23). */
    public String payPurpose() {
        return payPurpose;
    }

    /** Product code (C1 22). */
    public String productCode() {
        return productCode;
    }
}
