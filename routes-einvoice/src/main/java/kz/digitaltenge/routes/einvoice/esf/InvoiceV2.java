package kz.digitaltenge.routes.einvoice.esf;

import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlElementWrapper;
import jakarta.xml.bind.annotation.XmlType;
import java.util.List;

/**
 * {@code <v2:invoice>}: an electronic invoice, version 2 ({@code InvoiceV2} in {@code InvoiceV2.xsd}). The letters
 * in the comments are the sections of the paper form (B seller, C customer, E delivery terms, G products...).
 * {@code customers}, {@code sellers} and {@code productSet} are required by the schema; everything else is optional.
 */
@XmlType(name = "InvoiceV2", namespace = EsfNamespaces.V2, propOrder = {
        "addInf", "consignee", "consignor", "customerAgentAddress", "customerAgentDocDate", "customerAgentDocNum",
        "customerAgentName", "customerAgentTin", "customerParticipants", "customers", "datePaper", "deliveryDocDate",
        "deliveryDocDate2", "deliveryDocNum", "deliveryDocNum2", "deliveryTerm", "productSet", "publicOffice",
        "reasonPaper", "sellerAgentAddress", "sellerAgentDocDate", "sellerAgentDocNum", "sellerAgentName",
        "sellerAgentTin", "sellerParticipants", "sellers"})
public class InvoiceV2 extends AbstractInvoice {
    private String addInf;
    private Consignee consignee;
    private Consignor consignor;
    private String customerAgentAddress;
    private String customerAgentDocDate;
    private String customerAgentDocNum;
    private String customerAgentName;
    private String customerAgentTin;
    @XmlElementWrapper(name = "customerParticipants")
    @XmlElement(name = "participant")
    private List<Participant> customerParticipants;
    @XmlElementWrapper(name = "customers")
    @XmlElement(name = "customer")
    private List<Customer> customers;
    private String datePaper;
    private String deliveryDocDate;
    private String deliveryDocDate2;
    private String deliveryDocNum;
    private String deliveryDocNum2;
    private DeliveryTerm deliveryTerm;
    private ProductSet productSet;
    private PublicOffice publicOffice;
    private String reasonPaper;
    private String sellerAgentAddress;
    private String sellerAgentDocDate;
    private String sellerAgentDocNum;
    private String sellerAgentName;
    private String sellerAgentTin;
    @XmlElementWrapper(name = "sellerParticipants")
    @XmlElement(name = "participant")
    private List<Participant> sellerParticipants;
    @XmlElementWrapper(name = "sellers")
    @XmlElement(name = "seller")
    private List<Seller> sellers;

    /** Additional information (K 43). */
    public String addInf() {
        return addInf;
    }

    /** Consignee (D 24). */
    public Consignee consignee() {
        return consignee;
    }

    /** Consignor (D 23). */
    public Consignor consignor() {
        return consignor;
    }

    /** The customer's agent: address (J 41). */
    public String customerAgentAddress() {
        return customerAgentAddress;
    }

    /** The customer's agent: date of the power of attorney (J 42.2), {@code dd.MM.yyyy}. */
    public String customerAgentDocDate() {
        return customerAgentDocDate;
    }

    /** The customer's agent: number of the power of attorney (J 42.1). */
    public String customerAgentDocNum() {
        return customerAgentDocNum;
    }

    /** The customer's agent: name (J 40). */
    public String customerAgentName() {
        return customerAgentName;
    }

    /** The customer's agent: BIN (J 39). */
    public String customerAgentTin() {
        return customerAgentTin;
    }

    /** Joint-activity participants on the customer side (H); empty when the element is absent. */
    public List<Participant> customerParticipants() {
        return customerParticipants == null ? List.of() : List.copyOf(customerParticipants);
    }

    /** Whether {@code <customers>} was present at all (it is required, with at least one customer). */
    public boolean hasCustomersElement() {
        return customers != null;
    }

    /** The customers (C), in document order; the schema allows several. */
    public List<Customer> customers() {
        return customers == null ? List.of() : List.copyOf(customers);
    }

    /** Date of the paper invoice when it was first written on paper (2.1), {@code dd.MM.yyyy}. */
    public String datePaper() {
        return datePaper;
    }

    /** Date of the document confirming delivery (F 32.2), {@code dd.MM.yyyy}. */
    public String deliveryDocDate() {
        return deliveryDocDate;
    }

    /** Date of the second delivery document (F 32.4), {@code dd.MM.yyyy}. */
    public String deliveryDocDate2() {
        return deliveryDocDate2;
    }

    /** Number of the document confirming delivery (F 32.1). */
    public String deliveryDocNum() {
        return deliveryDocNum;
    }

    /** Number of the second delivery document (F 32.3). */
    public String deliveryDocNum2() {
        return deliveryDocNum2;
    }

    /** Delivery terms, including the contract (E). */
    public DeliveryTerm deliveryTerm() {
        return deliveryTerm;
    }

    /** The goods, works and services with their totals (G). Required. */
    public ProductSet productSet() {
        return productSet;
    }

    /** Treasury details when the customer is a public office (F). */
    public PublicOffice publicOffice() {
        return publicOffice;
    }

    /** Why the invoice was first written on paper: DOWN_TIME, MISSING_REQUIREMENT, UNLAWFUL_REMOVAL_REGISTRATION. */
    public String reasonPaper() {
        return reasonPaper;
    }

    /** The seller's agent: address (I 37). */
    public String sellerAgentAddress() {
        return sellerAgentAddress;
    }

    /** The seller's agent: date of the power of attorney (I 38.2), {@code dd.MM.yyyy}. */
    public String sellerAgentDocDate() {
        return sellerAgentDocDate;
    }

    /** The seller's agent: number of the power of attorney (I 38.1). */
    public String sellerAgentDocNum() {
        return sellerAgentDocNum;
    }

    /** The seller's agent: name (I 36). */
    public String sellerAgentName() {
        return sellerAgentName;
    }

    /** The seller's agent: BIN (I 35). */
    public String sellerAgentTin() {
        return sellerAgentTin;
    }

    /** Joint-activity participants on the seller side (H); empty when the element is absent. */
    public List<Participant> sellerParticipants() {
        return sellerParticipants == null ? List.of() : List.copyOf(sellerParticipants);
    }

    /** Whether {@code <sellers>} was present at all (it is required, with at least one seller). */
    public boolean hasSellersElement() {
        return sellers != null;
    }

    /** The sellers (B), in document order; the schema allows several. */
    public List<Seller> sellers() {
        return sellers == null ? List.of() : List.copyOf(sellers);
    }
}
