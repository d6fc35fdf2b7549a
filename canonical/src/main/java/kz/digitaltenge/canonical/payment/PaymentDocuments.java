package kz.digitaltenge.canonical.payment;

import java.util.List;

/**
 * A file of payment orders as read: every document is in exactly one of the two lists, each list in file order.
 */
public record PaymentDocuments(List<PaymentInstruction> instructions, List<RefusedDocument> refused) {
    public PaymentDocuments {
        instructions = List.copyOf(instructions);
        refused = List.copyOf(refused);
    }

    public int documentCount() {
        return instructions.size() + refused.size();
    }
}
