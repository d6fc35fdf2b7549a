package kz.digitaltenge.hub.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The module graph across the whole application classpath (ledger-core and the hub): ledger-core depends on
 * nothing of ours and on neither Camel nor Spring, and the top-level packages have no cycles. Maven's reactor
 * refuses cyclic module dependencies too; this also catches a cycle through reflection-free code.
 */
@AnalyzeClasses(packages = "kz.digitaltenge",
        importOptions = {ImportOption.DoNotIncludeTests.class, ModuleDependencyTest.NoTestJars.class})
class ModuleDependencyTest {

    /** Leaves out test-jars (the ledger-core fixtures), which are not part of the application. */
    static final class NoTestJars implements ImportOption {
        @Override
        public boolean includes(Location location) {
            return !location.contains("-tests.jar") && !location.contains("/test-classes/");
        }
    }

    @ArchTest
    static final ArchRule coreStandsAlone = noClasses().that().resideInAPackage("kz.digitaltenge.ledger..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "kz.digitaltenge.hub..", "kz.digitaltenge.routes..", "org.apache.camel..", "org.springframework..");

    @ArchTest
    static final ArchRule modulesAreAcyclic = slices().matching("kz.digitaltenge.(*)..").should().beFreeOfCycles();

    /** The hub reads the ledger through its queries ({@code Ledger.queries()}), never the store; only the wiring builds it. */
    @ArchTest
    static final ArchRule hubReadsThroughQueries = noClasses().that().resideInAPackage("kz.digitaltenge.hub..")
            .and().areNotAnnotatedWith(org.springframework.context.annotation.Configuration.class)
            .should().dependOnClassesThat().resideInAPackage("kz.digitaltenge.ledger.store..");

    /** No package cycle inside the hub (slice per package, at any depth). */
    @ArchTest
    static final ArchRule hubPackagesAreAcyclic = slices().matching("kz.digitaltenge.hub.(**)").should().beFreeOfCycles();

    /** A route module stands alone: not on another route module, not on the hub. */
    @ArchTest
    static final ArchRule routesStandApart = slices().matching("kz.digitaltenge.routes.(*)..").should().notDependOnEachOther();

    @ArchTest
    static final ArchRule routesKnowNeitherHubNorLedger = noClasses().that().resideInAPackage("kz.digitaltenge.routes..")
            .should().dependOnClassesThat().resideInAnyPackage("kz.digitaltenge.hub..", "kz.digitaltenge.ledger..");

    /** No package cycle inside a route module. */
    @ArchTest
    static final ArchRule routePackagesAreAcyclic = slices().matching("kz.digitaltenge.routes.(**)").should().beFreeOfCycles();

    /**
     * The hub knows sources only through the kit ({@code canonical.source}, {@code canonical.payment}): it compiles
     * against no route module (they are runtime dependencies and wire themselves), so adding one changes no hub code.
     */
    @ArchTest
    static final ArchRule hubNamesNoRouteModule = noClasses().that().resideInAPackage("kz.digitaltenge.hub..")
            .should().dependOnClassesThat().resideInAPackage("kz.digitaltenge.routes..");
}
