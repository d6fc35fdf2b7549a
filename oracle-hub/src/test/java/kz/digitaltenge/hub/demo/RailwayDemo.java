package kz.digitaltenge.hub.demo;

import java.net.URI;

/** {@code bin/demo-railway [hub URL]}: the railway scenario against a hub started with the demo profile. */
public final class RailwayDemo {
    private RailwayDemo() {
    }

    public static void main(String[] args) throws Exception {
        URI base = URI.create(args.length > 0 ? args[0] : "http://localhost:8080/");
        try {
            new RailwayScenario(base, System.out, RailwayScenario.Users.demo()).run();
            System.out.println("\nrailway demo: done");
        } catch (IllegalStateException e) {
            System.err.println("\nrailway demo failed: " + e.getMessage());
            System.exit(1);
        }
    }
}
