package kz.digitaltenge.canonical.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The canonical model is what the ledger, every route module and the hub share, so it depends on none of them and
 * on no framework; money is never a double.
 */
@AnalyzeClasses(packages = "kz.digitaltenge.canonical", importOptions = ImportOption.DoNotIncludeTests.class)
class CanonicalArchitectureTest {

    @ArchTest
    static final ArchRule standsAlone = noClasses().should().dependOnClassesThat().resideInAnyPackage(
            "kz.digitaltenge.ledger..", "kz.digitaltenge.hub..", "kz.digitaltenge.routes..", "kz.digitaltenge.bench..",
            "org.apache.camel..", "org.springframework..", "com.hazelcast..", "org.postgresql..", "org.flywaydb..");

    @ArchTest
    static final ArchRule neverDouble = noClasses().that().resideInAPackage("kz.digitaltenge.canonical.money..")
            .should().dependOnClassesThat().haveFullyQualifiedName("java.lang.Double");

    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("kz.digitaltenge.canonical.(**)").should().beFreeOfCycles();
}
