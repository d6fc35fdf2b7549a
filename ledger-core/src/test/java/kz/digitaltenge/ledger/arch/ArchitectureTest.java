package kz.digitaltenge.ledger.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

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
}
