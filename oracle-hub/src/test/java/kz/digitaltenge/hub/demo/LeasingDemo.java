package kz.digitaltenge.hub.demo;

import java.net.URI;

/** {@code bin/demo-leasing [hub URL]}: the leasing subsidy scenario against a demo hub; exit 0 when it behaved as printed. */
public final class LeasingDemo {
    private LeasingDemo() {
    }

    public static void main(String[] args) throws Exception {
        URI base = URI.create(args.length > 0 ? args[0] : "http://localhost:8080/");
        System.out.println("Investment subsidies for leased machinery against " + base + " (demo users)");
        LeasingScenario.Result r = new LeasingScenario(base, System.out).run();
        System.out.println();
        System.out.println("Done: the leasing company received " + r.leasingBalance() + "; the akimat keeps " + r.akimatBalance()
                + "; nothing is held");
    }
}
