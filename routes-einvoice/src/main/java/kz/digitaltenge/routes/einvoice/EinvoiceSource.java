package kz.digitaltenge.routes.einvoice;

import java.util.List;
import java.util.Set;
import kz.digitaltenge.canonical.source.RegistryCheck;
import kz.digitaltenge.canonical.source.SourceSystem;
import kz.digitaltenge.canonical.source.SourceTranslator;

/**
 * The e-invoice IS as a source of the hub: invoice events (the InvoiceV2 invoice container, with the registration
 * number and status the IS assigned as headers) become INVOICE_REGISTERED messages, spoken for by the tax authority;
 * a later state must agree with what is registered ({@link InvoiceStateCheck}).
 */
public final class EinvoiceSource implements SourceSystem {
    public static final String ID = "einvoice";
    private final EsfReader reader;
    private final InvoiceEventMapper mapper = new InvoiceEventMapper();

    public EinvoiceSource() {
        this(new EsfReader());
    }

    public EinvoiceSource(EsfReader reader) {
        this.reader = reader;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String role() {
        return "TAX_AUTHORITY";
    }

    @Override
    public Set<String> factTypes() {
        return Set.of("INVOICE_REGISTERED");
    }

    @Override
    public Set<String> headers() {
        return Set.of(EinvoiceRoutes.REGISTRATION_NUMBER, EinvoiceRoutes.STATUS);
    }

    @Override
    public SourceTranslator translator() {
        return (body, headers) -> List.of(mapper.map(reader.read(body), headers.get(EinvoiceRoutes.REGISTRATION_NUMBER),
                headers.get(EinvoiceRoutes.STATUS)));
    }

    /** Its own format is XML: a JSON body is a canonical invoice event (as the IS's gateway may send them). */
    @Override
    public long maxMessageBytes() {
        return EsfReader.DEFAULT_MAX_BYTES;
    }

    @Override
    public boolean takesCanonicalJson() {
        return true;
    }

    @Override
    public List<RegistryCheck> checks() {
        return List.of(new InvoiceStateCheck());
    }
}
