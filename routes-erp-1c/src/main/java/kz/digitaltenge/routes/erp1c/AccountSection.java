package kz.digitaltenge.routes.erp1c;

import java.time.LocalDate;

/**
 * A {@code СекцияРасчСчет ... КонецРасчСчет} block: the balances of one account over a period, as a bank statement
 * states them. Balances are in tiyn and may be negative; any of them is null when the section omits it.
 *
 * @param account the account as written (not checked: 1C also exports foreign and legacy account numbers here)
 */
public record AccountSection(
        String account,
        LocalDate periodStart,
        LocalDate periodEnd,
        Long openingBalance,
        Long totalCredited,
        Long totalDebited,
        Long closingBalance,
        int startLine,
        int endLine) {
}
