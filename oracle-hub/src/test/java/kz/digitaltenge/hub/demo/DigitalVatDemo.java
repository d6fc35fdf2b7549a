package kz.digitaltenge.hub.demo;

import java.net.URI;

/**
 * {@code bin/demo-vat [hub URL]}: plays the Digital VAT scenario against a hub started with the demo profile
 * ({@code bin/run-hub --demo}) and prints what happened. Exit code 0 when every step behaved as expected.
 */
public final class DigitalVatDemo {
    private DigitalVatDemo() {
    }

    public static void main(String[] args) throws Exception {
        URI base = URI.create(args.length > 0 ? args[0] : "http://localhost:8080/");
        String agent = System.getProperty("hub.payments.agent-party-id", "990340000024");
        System.out.println("Digital VAT end to end against " + base + " (demo users; payment agent " + agent + ")");
        DigitalVatScenario.Result r = new DigitalVatScenario(base, DigitalVatScenario.Users.demo(), agent, System.out).run(null);
        System.out.println();
        System.out.println("Done: invoice " + r.registrationNumber() + " paid by " + r.paymentTransactions().size()
                + " ledger transactions; VAT paid to the tax office in " + r.vatPaymentTransaction()
                + "; misuse of a VAT token refused (" + r.refusedReason() + ")");
    }
}
