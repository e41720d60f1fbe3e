package io.streamcast.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package rules of DESIGN.md's layout table, checked on the compiled product classes (tests excluded):
 * what each package may depend on, that the models and their evaluation know nothing of Kafka, that nothing
 * depends on the commands, and that benchmark code stays out of the product's packages.
 */
class ArchitectureTest {

    private static final String ROOT = "io.streamcast";

    /** Each package of ours and the packages of ours it may depend on (DESIGN.md, "Layout"). */
    private static final Map<String, List<String>> MAY_DEPEND_ON = Map.of(
            "config", List.of(),
            "series", List.of(),
            "metrics", List.of(),
            "broker", List.of(),
            "model", List.of("config", "series"),
            "anomaly", List.of("config", "series", "model"),
            "evaluate", List.of("config", "series", "model", "anomaly"),
            "stream", List.of("config", "series", "model", "anomaly", "metrics"),
            "replay", List.of("config", "series", "model", "anomaly", "metrics", "stream"),
            "bench", List.of("config", "series", "model", "anomaly", "metrics", "stream", "broker", "replay",
                    "evaluate"));

    private static JavaClasses product;

    @BeforeAll
    static void importProduct() {
        product = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
        assertFalse(product.isEmpty(), "no classes of " + ROOT + " found on the class path");
    }

    @Test
    void eachPackageDependsOnlyOnThePackagesDesignAllows() {
        MAY_DEPEND_ON.forEach((pkg, allowed) -> {
            List<String> ours = new ArrayList<>();
            ours.add(ROOT + "." + pkg + "..");
            allowed.forEach(a -> ours.add(ROOT + "." + a + ".."));
            noClasses().that().resideInAPackage(ROOT + "." + pkg + "..")
                    .should().dependOnClassesThat(
                            com.tngtech.archunit.base.DescribedPredicate.describe("streamcast classes outside "
                                    + ours, c -> c.getPackageName().startsWith(ROOT + ".")
                                    && ours.stream().noneMatch(o -> c.getPackageName().equals(o.substring(0, o.length() - 2))
                                            || c.getPackageName().startsWith(o.substring(0, o.length() - 1)))))
                    .because("DESIGN.md's layout: " + pkg + " may depend on " + (allowed.isEmpty() ? "nothing of ours" : allowed))
                    .check(product);
        });
    }

    @Test
    void modelsAnomaliesSeriesAndEvaluationKnowNothingOfKafka() {
        noClasses().that().resideInAnyPackage(ROOT + ".config..", ROOT + ".series..", ROOT + ".model..", ROOT + ".anomaly..",
                        ROOT + ".evaluate..", ROOT + ".metrics..")
                .should().dependOnClassesThat().resideInAPackage("org.apache.kafka..")
                .because("a forecaster is a plain object a test, a backtest or the stream processor can drive alike")
                .check(product);
    }

    @Test
    void nothingDependsOnTheCommands() {
        noClasses().that().resideOutsideOfPackage(ROOT + ".cli..")
                .should().dependOnClassesThat().resideInAPackage(ROOT + ".cli..")
                .because("cli holds the commands only; the work lives where it can be reused and tested")
                .check(product);
    }

    @Test
    void nothingOfTheProductDependsOnTheBenchmarks() {
        noClasses().that().resideOutsideOfPackages(ROOT + ".bench..", ROOT + ".cli..")
                .should().dependOnClassesThat().resideInAPackage(ROOT + ".bench..")
                .check(product);
    }

    @Test
    void benchmarkCodeLivesInBench() {
        classes().that().haveSimpleNameContaining("Bench").and().resideOutsideOfPackage(ROOT + ".cli..")
                .should().resideInAPackage(ROOT + ".bench..")
                .because("benchmarks are not part of the service (the bench commands themselves are in cli)")
                .allowEmptyShould(true)
                .check(product);
    }

    @Test
    void packagesFormNoCycles() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(product);
    }
}
