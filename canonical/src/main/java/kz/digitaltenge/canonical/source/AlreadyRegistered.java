package kz.digitaltenge.canonical.source;

import java.util.Objects;

/**
 * A source's verdict, from a {@link RegistryCheck}, that a message says nothing the registered fact does not already
 * say (a contract record read again with the same terms): the hub answers it as a duplicate of {@link #factId()},
 * signs and stores nothing, and quarantines nothing.
 */
public class AlreadyRegistered extends RuntimeException {
    private final String factId;

    public AlreadyRegistered(String factId, String message) {
        super(message);
        this.factId = Objects.requireNonNull(factId, "factId");
    }

    public String factId() {
        return factId;
    }
}
