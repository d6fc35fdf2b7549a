package kz.digitaltenge.hub.demo;

import java.net.URI;

/** {@code bin/demo-road-repair [hub URL]}: the road-repair scenario against a hub started with the demo profile. */
public final class RoadRepairDemo {
    private RoadRepairDemo() {
    }

    public static void main(String[] args) throws Exception {
        URI base = URI.create(args.length > 0 ? args[0] : "http://localhost:8080/");
        try {
            new RoadRepairScenario(base, System.out, RailwayScenario.Users.demo()).run();
            System.out.println("\nroad-repair demo: done");
        } catch (IllegalStateException e) {
            System.err.println("\nroad-repair demo failed: " + e.getMessage());
            System.exit(1);
        }
    }
}
