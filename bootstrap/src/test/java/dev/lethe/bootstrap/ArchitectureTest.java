package dev.lethe.bootstrap;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Enforces the module dependency table of the house style and a framework-free core. */
class ArchitectureTest {
    private static final String[] FRAMEWORKS = {
        "io.vertx..", "com.fasterxml.jackson..", "com.google.inject..", "jakarta.inject..", "javax.inject..",
        "java.sql..", "javax.sql..", "ai.djl..", "com.zaxxer..", "org.flywaydb..", "picocli..", "org.h2..", "com.mysql.."
    };

    /** The core (domain and application) names no framework, database or ML type. */
    static final ArchRule CORE_IS_FRAMEWORK_FREE = noClasses().that().resideInAnyPackage("dev.lethe.domain..", "dev.lethe.application..")
            .should().dependOnClassesThat().resideInAnyPackage(FRAMEWORKS)
            .because("the core must stay plain Java: swapping a backend touches one adapter only");

    /** The domain depends on nothing else of Lethe's. */
    static final ArchRule DOMAIN_DEPENDS_ON_NOTHING = noClasses().that().resideInAPackage("dev.lethe.domain..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.lethe.application..", "dev.lethe.adapter..", "dev.lethe.bootstrap..");

    /** Only the domain sits below the application. */
    static final ArchRule APPLICATION_DEPENDS_ON_DOMAIN_ONLY = noClasses().that().resideInAPackage("dev.lethe.application..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.lethe.adapter..", "dev.lethe.bootstrap..");

    /** Adapters do not know each other, nor the bootstrap. */
    static final ArchRule ADAPTERS_ARE_INDEPENDENT = noClasses().that().resideInAPackage("dev.lethe.adapter.http..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.lethe.adapter.persistence..", "dev.lethe.adapter.ml..", "dev.lethe.bootstrap..")
            .andShould().dependOnClassesThat().resideInAnyPackage("java.sql..", "ai.djl..")
            .allowEmptyShould(true);

    static final ArchRule PERSISTENCE_IS_INDEPENDENT = noClasses().that().resideInAPackage("dev.lethe.adapter.persistence..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.lethe.adapter.http..", "dev.lethe.adapter.ml..", "dev.lethe.bootstrap..",
                    "io.vertx..", "com.fasterxml.jackson..", "ai.djl..")
            .allowEmptyShould(true);

    static final ArchRule ML_IS_INDEPENDENT = noClasses().that().resideInAPackage("dev.lethe.adapter.ml..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.lethe.adapter.http..", "dev.lethe.adapter.persistence..", "dev.lethe.bootstrap..",
                    "io.vertx..", "java.sql..", "javax.sql..")
            .allowEmptyShould(true);

    /** Technology types stay inside their adapter: no DJL, Vert.x or JDBC in the bootstrap either. */
    static final ArchRule BOOTSTRAP_USES_ADAPTERS_THROUGH_THEIR_MODULES = noClasses().that().resideInAPackage("dev.lethe.bootstrap..")
            .should().dependOnClassesThat().resideInAnyPackage("ai.djl..", "io.vertx..", "java.sql..");

    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.lethe");
    }

    @Test
    void coreIsFrameworkFree() {
        CORE_IS_FRAMEWORK_FREE.check(production);
    }

    @Test
    void domainDependsOnNothingElseOfLethe() {
        DOMAIN_DEPENDS_ON_NOTHING.check(production);
    }

    @Test
    void applicationDependsOnTheDomainOnly() {
        APPLICATION_DEPENDS_ON_DOMAIN_ONLY.check(production);
    }

    @Test
    void httpAdapterKnowsNoOtherAdapter() {
        ADAPTERS_ARE_INDEPENDENT.check(production);
    }

    @Test
    void persistenceAdapterKnowsNoOtherAdapter() {
        PERSISTENCE_IS_INDEPENDENT.check(production);
    }

    @Test
    void mlAdapterKnowsNoOtherAdapter() {
        ML_IS_INDEPENDENT.check(production);
    }

    @Test
    void bootstrapReachesTechnologyOnlyThroughAdapters() {
        BOOTSTRAP_USES_ADAPTERS_THROUGH_THEIR_MODULES.check(production);
    }

    @Test
    void coreRuleFailsOnADomainClassThatUsesAFramework() {
        JavaClasses violating = new ClassFileImporter().importPackages("dev.lethe.domain.archfixture");
        assertThatThrownBy(() -> CORE_IS_FRAMEWORK_FREE.check(violating))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("FrameworkLeak")
                .hasMessageContaining("com.google.inject");
    }

    @Test
    void domainRuleFailsOnADomainClassThatUsesAnAdapter() {
        JavaClasses violating = new ClassFileImporter().importPackages("dev.lethe.domain.archfixture");
        assertThatThrownBy(() -> DOMAIN_DEPENDS_ON_NOTHING.check(violating))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("dev.lethe.bootstrap.Main");
    }
}
