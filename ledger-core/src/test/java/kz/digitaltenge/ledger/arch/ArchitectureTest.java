package kz.digitaltenge.ledger.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** ledger-core is the compact core: no integration framework, no application framework, nothing of ours above it. */
@AnalyzeClasses(packages = "kz.digitaltenge.ledger", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule noCamel = noClasses().should().dependOnClassesThat().resideInAPackage("org.apache.camel..");

    @ArchTest
    static final ArchRule noSpring = noClasses().should().dependOnClassesThat().resideInAPackage("org.springframework..");

    @ArchTest
    static final ArchRule nothingAbove = noClasses().should().dependOnClassesThat()
            .resideInAnyPackage("kz.digitaltenge.hub..", "kz.digitaltenge.routes..", "kz.digitaltenge.bench..");

    @ArchTest
    static final ArchRule neverDouble = noClasses().that().resideInAnyPackage("kz.digitaltenge.ledger.tx..", "kz.digitaltenge.ledger.programmable..")
            .should().dependOnClassesThat().haveFullyQualifiedName("java.lang.Double");

    /**
     * The packages form layers, not a knot: each can be read, tested and changed with only what is below it
     * (crypto, registry, fact, tx, notary, programmable, rules, query, store; the root on top). A package that
     * needs something persisted owns the interface and the store implements it.
     */
    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("kz.digitaltenge.ledger.(*)..").should().beFreeOfCycles();

    /** The same at every depth, so a sub-package cannot hide a cycle inside its parent's slice. */
    @ArchTest
    static final ArchRule noCyclesAtAnyDepth = slices().matching("kz.digitaltenge.ledger.(**)").should().beFreeOfCycles();

    /** The root ({@code Ledger}, {@code HoldExpiry}) ties everything together, so nothing below may use it. */
    @ArchTest
    static final ArchRule nothingDependsOnTheRoot = noClasses().that().resideOutsideOfPackage("kz.digitaltenge.ledger")
            .and().resideInAPackage("kz.digitaltenge.ledger..")
            .should().dependOnClassesThat().resideInAPackage("kz.digitaltenge.ledger");
}
