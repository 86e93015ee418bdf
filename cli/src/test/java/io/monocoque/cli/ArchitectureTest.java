package io.monocoque.cli;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The project's shape as rules over the compiled main code of every module (this module's test class path holds them
 * all): modules depend only downwards (codec ← engine ← api ← {cli, perf, examples}; hdr-reports on none of ours; the
 * examples on the public API alone, and nothing on them), no package of any module takes part in a cycle, the engine's
 * packages form layers that are only used from above, and outside the engine only its handle (the root package) and
 * what application threads share with the agent ({@code engine.shared}) are used. A rule that matched no class would
 * prove nothing, so each rule must apply to some class (ArchUnit's default).
 */
class ArchitectureTest
{
    private static final String CODEC = "io.monocoque.codec..";
    private static final String ENGINE = "io.monocoque.engine..";
    private static final String API = "io.monocoque.api..";
    private static final String CLI = "io.monocoque.cli..";
    private static final String PERF = "io.monocoque.perf..";
    private static final String HDR = "io.monocoque.hdr..";
    private static final String EXAMPLES = "io.monocoque.examples..";

    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses()
    {
        classes = new ClassFileImporter()
            .withImportOption(ArchitectureTest::isMainCode)
            .importPackages("io.monocoque");
    }

    @Test
    void codecShouldDependOnNoOtherModule()
    {
        check(noClasses().that().resideInAPackage(CODEC)
            .should().dependOnClassesThat().resideInAnyPackage(ENGINE, API, CLI, PERF, HDR));
    }

    @Test
    void engineShouldDependOnlyOnTheCodec()
    {
        check(noClasses().that().resideInAPackage(ENGINE)
            .should().dependOnClassesThat().resideInAnyPackage(API, CLI, PERF, HDR));
    }

    @Test
    void apiShouldDependOnlyOnTheEngineAndTheCodec()
    {
        check(noClasses().that().resideInAPackage(API)
            .should().dependOnClassesThat().resideInAnyPackage(CLI, PERF, HDR));
    }

    @Test
    void examplesShouldUseOnlyThePublicApi()
    {
        check(noClasses().that().resideInAPackage(EXAMPLES)
            .should().dependOnClassesThat().resideInAnyPackage(CODEC, ENGINE, CLI, PERF, HDR));
    }

    @Test
    void noModuleShouldDependOnTheExamples()
    {
        check(noClasses().that().resideOutsideOfPackage(EXAMPLES)
            .should().dependOnClassesThat().resideInAPackage(EXAMPLES));
    }

    @Test
    void perfShouldKnowNothingOfTheCommandLine()
    {
        check(noClasses().that().resideInAPackage(PERF)
            .should().dependOnClassesThat().resideInAPackage(CLI));
    }

    @Test
    void hdrReportsShouldDependOnNoneOfOurModules()
    {
        check(noClasses().that().resideInAPackage(HDR)
            .should().dependOnClassesThat().resideInAnyPackage(CODEC, ENGINE, API, CLI, PERF));
    }

    @Test
    void toolsShouldUseTheApiNotTheEngine()
    {
        check(noClasses().that().resideInAnyPackage(CLI, PERF)
            .should().dependOnClassesThat().resideInAPackage(ENGINE));
    }

    @Test
    void outsideTheEngineOnlyItsHandleAndSharedStateShouldBeUsed()
    {
        check(noClasses().that().resideOutsideOfPackage(ENGINE)
            .should().dependOnClassesThat().resideInAnyPackage(
                "io.monocoque.engine.agent..",
                "io.monocoque.engine.socket..",
                "io.monocoque.engine.pub..",
                "io.monocoque.engine.pattern..",
                "io.monocoque.engine.session..",
                "io.monocoque.engine.net.."));
    }

    @Test
    void engineLayersShouldOnlyBeUsedFromAbove()
    {
        check(layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .layer("handle").definedBy("io.monocoque.engine")
            .layer("agent").definedBy("io.monocoque.engine.agent..")
            .layer("socket").definedBy("io.monocoque.engine.socket..")
            .layer("pub").definedBy("io.monocoque.engine.pub..")
            .layer("pattern").definedBy("io.monocoque.engine.pattern..")
            .layer("session").definedBy("io.monocoque.engine.session..")
            .layer("net").definedBy("io.monocoque.engine.net..")
            .layer("shared").definedBy("io.monocoque.engine.shared..")
            .whereLayer("handle").mayNotBeAccessedByAnyLayer()
            .whereLayer("agent").mayOnlyBeAccessedByLayers("handle")
            .whereLayer("socket").mayOnlyBeAccessedByLayers("handle", "agent")
            .whereLayer("pub").mayOnlyBeAccessedByLayers("handle", "agent", "socket")
            .whereLayer("pattern").mayOnlyBeAccessedByLayers("handle", "agent", "socket", "pub")
            .whereLayer("session").mayOnlyBeAccessedByLayers("handle", "agent", "socket", "pub", "pattern")
            .whereLayer("net").mayOnlyBeAccessedByLayers("handle", "agent", "socket", "pub", "pattern", "session")
            .whereLayer("shared").mayOnlyBeAccessedByLayers(
                "handle", "agent", "socket", "pub", "pattern", "session", "net"));
    }

    @Test
    void noPackageOfAnyModuleShouldBeInACycle()
    {
        check(slices().matching("io.monocoque.(**)").should().beFreeOfCycles());
    }

    /**
     * Main classes only, whether a module is on the class path as its classes folder or as its jar (how the
     * reactor hands one module's output to the next): not test folders, not test-jars.
     */
    private static boolean isMainCode(final Location location)
    {
        return !location.contains("/test-classes/") && !location.contains("-tests.jar");
    }

    private static void check(final ArchRule rule)
    {
        rule.check(classes);
    }
}
