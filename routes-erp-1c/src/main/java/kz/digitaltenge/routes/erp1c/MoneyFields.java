package kz.digitaltenge.routes.erp1c;

import java.util.Set;

/**
 * The names, in every layout this module reads (the Russian and Kazakh {@code 1CClientBankExchange} variants and the
 * JSON form), of the fields that move money: who pays whom, how much, in which currency, with what VAT and for which
 * invoice or contract (including the purpose text, which may name those). A correction of any of them must come from
 * the payer's own system; the hub's back office may correct the others.
 */
public final class MoneyFields {
    public static final Set<String> NAMES = PaymentOrderMapper.moneyFields();

    private MoneyFields() {
    }

    public static boolean moves(String fieldName) {
        return NAMES.contains(fieldName);
    }
}
