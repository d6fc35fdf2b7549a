package kz.digitaltenge.routes.procurement.portal;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;

/**
 * Where a poll of the portal stands, as the text the hub stores (see {@link PortalPoller} for the format). Readable by
 * an operator on purpose: it says which phase, which page and which second of the journal.
 */
sealed interface PortalCheckpoint {
    String format();

    /** A phase of the initial load. */
    enum Phase {
        CONTRACTS("contracts", "/v3/contract/all"), ACTS("acts", "/v3/acts");

        final String label;
        final String firstPage;

        Phase(String label, String firstPage) {
            this.label = label;
            this.firstPage = firstPage;
        }
    }

    /**
     * In the initial load: the page to read (host-relative) and how many of its records are already handed over.
     *
     * @param started the date the initial load started (Asia/Almaty): where the journal takes over
     */
    record Load(Phase phase, LocalDate started, String page, int done) implements PortalCheckpoint {
        @Override
        public String format() {
            return phase.label + ":" + started + "|" + page + "|" + done;
        }
    }

    /**
     * Following the journal: read from {@code from}; items up to {@code lastAction} are handled, and of those at exactly
     * {@code lastAction} the ones whose {@link JournalItem#key()} is in {@code handled} (the portal may add another item
     * of that second later, so a count would not do).
     */
    record Journal(LocalDate from, String lastAction, List<String> handled) implements PortalCheckpoint {
        public Journal {
            handled = List.copyOf(handled);
        }

        @Override
        public String format() {
            return "journal:" + from + "|" + lastAction + "|" + String.join(",", handled);
        }
    }

    static Load start(LocalDate started) {
        return new Load(Phase.CONTRACTS, started, Phase.CONTRACTS.firstPage, 0);
    }

    /**
     * @throws IllegalArgumentException when the text is no checkpoint of this poller
     */
    static PortalCheckpoint parse(String text) {
        try {
            int colon = text.indexOf(':');
            String phase = colon < 0 ? "" : text.substring(0, colon);
            String[] parts = text.substring(colon + 1).split("\\|", -1);
            if (parts.length != 3) {
                throw new IllegalArgumentException("not three fields");
            }
            LocalDate date = LocalDate.parse(parts[0]);
            if (phase.equals("journal")) {
                if (!parts[1].isEmpty()) {
                    PortalTime.parse(parts[1]);
                }
                List<String> handled = parts[2].isEmpty() ? List.of() : Arrays.asList(parts[2].split(","));
                if (parts[1].isEmpty() && !handled.isEmpty()) {
                    throw new IllegalArgumentException("handled items without their second");
                }
                return new Journal(date, parts[1], handled);
            }
            for (Phase p : Phase.values()) {
                if (p.label.equals(phase)) {
                    if (!parts[1].startsWith("/v3")) {
                        throw new IllegalArgumentException("a page that is not /v3/...");
                    }
                    int done = Integer.parseInt(parts[2]);
                    if (done < 0) {
                        throw new IllegalArgumentException("a negative count");
                    }
                    return new Load(p, date, parts[1], done);
                }
            }
            throw new IllegalArgumentException("an unknown phase '" + phase + "'");
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new IllegalArgumentException("checkpoint '" + PortalPaths.shortened(text) + "' is not the procurement"
                    + " portal poller's (contracts:<date>|<page>|<done>, acts:<date>|<page>|<done> or"
                    + " journal:<date>|<date_action>|<handled ids>): " + e.getMessage(), e);
        }
    }
}
