package kz.digitaltenge.ledger.programmable;

import kz.digitaltenge.canonical.LedgerException;
import kz.digitaltenge.canonical.ReasonCode;

/**
 * The marking class of a token, parsed from {@code Output.marking}: standard money, an address-list level, a
 * contract parameter, or VAT. Conservation holds per {@link #classKey()}; the level of an address-list marking
 * is not part of its class (a hop moves tokens one level down inside the same purpose).
 */
public sealed interface Marking {

    /** The class conservation is counted in. */
    String classKey();

    /** What {@code Output.marking} stores (null for standard money). */
    String encode();

    record Standard() implements Marking {
        @Override
        public String classKey() {
            return "STANDARD";
        }

        @Override
        public String encode() {
            return null;
        }
    }

    /** Address-list marking: tokens at {@code level} may go only to recipients allowed at that level of the list. */
    record AddressListLevel(String listId, int level) implements Marking {
        @Override
        public String classKey() {
            return "ADDR:" + listId;
        }

        @Override
        public String encode() {
            return "ADDR:" + listId + ":" + level;
        }
    }

    /** Contract-parameter marking: tokens move only along the registered contract. */
    record ContractParameter(String contract) implements Marking {
        @Override
        public String classKey() {
            return "CONTRACT:" + contract;
        }

        @Override
        public String encode() {
            return "CONTRACT:" + contract;
        }
    }

    /** VAT tokens: only the VAT part of an invoice, or the tax office. */
    record Vat() implements Marking {
        @Override
        public String classKey() {
            return "VAT";
        }

        @Override
        public String encode() {
            return "VAT";
        }
    }

    Standard STANDARD = new Standard();
    Vat VAT = new Vat();

    static Marking parse(String encoded) {
        if (encoded == null) {
            return STANDARD;
        }
        if (encoded.equals("VAT")) {
            return VAT;
        }
        if (encoded.startsWith("CONTRACT:") && encoded.length() > 9 && encoded.length() <= 9 + 128) {
            return new ContractParameter(encoded.substring(9));
        }
        if (encoded.startsWith("ADDR:")) {
            String[] parts = encoded.split(":");
            if (parts.length == 3 && parts[1].matches("[0-9a-f]{64}")) {
                try {
                    int level = Integer.parseInt(parts[2]);
                    if (level >= 0 && level < AddressList.MAX_DEPTH) {
                        return new AddressListLevel(parts[1], level);
                    }
                } catch (NumberFormatException ignored) {
                    // falls through to the refusal
                }
            }
        }
        throw new LedgerException(ReasonCode.MALFORMED, "unknown marking '" + encoded
                + "' (use ADDR:<list id>:<level>, CONTRACT:<number> or VAT)");
    }
}
