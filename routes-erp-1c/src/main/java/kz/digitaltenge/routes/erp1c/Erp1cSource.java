package kz.digitaltenge.routes.erp1c;

import java.util.Set;
import kz.digitaltenge.canonical.payment.PaymentOrderFormat;
import kz.digitaltenge.canonical.source.SourceSystem;
import kz.digitaltenge.canonical.source.Transports;

/**
 * The 1C source ({@value #ID}): it sends payment orders, which are requests to pay rather than facts, so it declares
 * no fact type and a {@link PaymentOrderFormat} instead. Over HTTP each caller is judged order by order (its own or its
 * clients' accounts); a file from the watched directory speaks with {@link #role()}, the banks' gateways' role.
 */
public final class Erp1cSource implements SourceSystem {
    public static final String ID = "erp-1c";

    private final Erp1cPaymentOrders orders;
    private final String inbox;

    /** @param inbox the directory the hub watches for 1C files, or null for none */
    public Erp1cSource(Erp1cPaymentOrders orders, String inbox) {
        this.orders = orders;
        this.inbox = inbox == null || inbox.isBlank() ? null : inbox;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String role() {
        return "BANK";
    }

    @Override
    public Set<String> factTypes() {
        return Set.of();
    }

    @Override
    public Transports transports() {
        return new Transports(null, inbox, null);
    }

    @Override
    public PaymentOrderFormat paymentOrders() {
        return orders;
    }
}
