package io.monocoque.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What picocli brings beyond the hand-written parser: {@code --version}, the bash completion script, typo
 * suggestions, {@code help COMMAND} for nested commands, and the usage errors of options the older tests did not
 * reach.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PicocliFeaturesTest
{
    @Test
    void shouldPrintTheProjectVersion()
    {
        final String expected = System.getProperty("monocoque.expected.version");
        assertNotNull(expected, "surefire sets monocoque.expected.version to the project version");
        for (final String flag : List.of("--version", "-V"))
        {
            final CommandRun run = CommandRun.run(flag);

            assertEquals(0, run.exitStatus(), run.describe());
            assertEquals("monocoque " + expected + "\n", run.out());
            assertEquals("", run.err());
        }
    }

    @Test
    void shouldPrintABashCompletionScriptForEveryCommandAndChoice()
    {
        final CommandRun run = CommandRun.run("completion");

        assertEquals(0, run.exitStatus(), run.describe());
        final String script = run.out();
        assertTrue(script.startsWith("#!/usr/bin/env bash"), run.describe());
        assertTrue(script.contains("complete -F _complete_monocoque"), "no complete line");
        for (final String function : List.of("_picocli_monocoque_recv", "_picocli_monocoque_send",
            "_picocli_monocoque_echo", "_picocli_monocoque_bench_latency", "_picocli_monocoque_bench_throughput",
            "_picocli_monocoque_bench_engine", "_picocli_monocoque_report", "_picocli_monocoque_selfcheck"))
        {
            assertTrue(script.contains("function " + function + "()"), function + " missing");
        }
        assertTrue(script.contains("--subscribe"), "recv's options missing");
        assertTrue(script.contains("(\"busy\" \"yield\" \"backoff\") # --idle values"), "the --idle choices missing");
        assertTrue(script.contains("(\"monocoque\" \"jeromq\") # --impl values"), "the --impl choices missing");
        assertEquals("", run.err());
    }

    @Test
    void shouldSuggestTheCommandATypoWasMeantToBe()
    {
        final CommandRun run = CommandRun.run("recieve", "--type", "PULL");

        assertEquals(2, run.exitStatus(), run.describe());
        assertTrue(run.err().startsWith("monocoque: unknown command 'recieve'\nDid you mean: monocoque recv"),
            run.describe());
        assertTrue(run.err().endsWith("Try 'monocoque --help'.\n"), run.describe());
        assertEquals("", run.out());
    }

    @Test
    void shouldSuggestTheOptionsATypoMayHaveMeant()
    {
        final CommandRun run = CommandRun.run("recv", "--type", "PULL", "--bind", "tcp://127.0.0.1:0", "--coutn", "3");

        assertEquals(2, run.exitStatus(), run.describe());
        assertTrue(run.err().startsWith("monocoque recv: unknown option '--coutn'\n"), run.describe());
        assertTrue(run.err().contains("Possible solutions: ") && run.err().contains("--count"), run.describe());
        assertTrue(run.err().endsWith("Try 'monocoque recv --help'.\n"), run.describe());
    }

    @Test
    void shouldExitTwoForAnUnknownOptionOfAnyCommand()
    {
        for (final List<String> argv : List.of(List.of("bench", "engine", "--nope"),
            List.of("bench", "throughput", "--nope=1"), List.of("selfcheck", "--nope"), List.of("--nope")))
        {
            final CommandRun run = CommandRun.run(argv.toArray(new String[0]));
            final String command = "monocoque" + (argv.size() > 1 ? " " + String.join(" ", argv.subList(0,
                argv.size() - 1)) : "");

            assertEquals(2, run.exitStatus(), run.describe());
            assertEquals(command + ": unknown option '--nope'\nTry '" + command + " --help'.\n", run.err());
            assertEquals("", run.out());
        }
    }

    static Stream<Arguments> helpRequests()
    {
        return Stream.of(
            Arguments.of(List.of("help"), "usage: monocoque COMMAND"),
            Arguments.of(List.of("-h"), "usage: monocoque COMMAND"),
            Arguments.of(List.of("help", "recv"), "usage: monocoque recv"),
            Arguments.of(List.of("help", "bench", "latency"), "usage: monocoque bench latency"),
            Arguments.of(List.of("--help", "bench", "engine"), "usage: monocoque bench engine"),
            Arguments.of(List.of("bench", "--help"), "usage: monocoque bench latency|throughput|engine"),
            Arguments.of(List.of("send", "-h"), "usage: monocoque send"),
            Arguments.of(List.of("help", "report"), "usage: monocoque report"),
            Arguments.of(List.of("completion", "--help"), "usage: monocoque completion"));
    }

    @ParameterizedTest
    @MethodSource("helpRequests")
    void shouldPrintTheHelpAskedForOnStdout(final List<String> argv, final String start)
    {
        final CommandRun run = CommandRun.run(argv.toArray(new String[0]));

        assertEquals(0, run.exitStatus(), run.describe());
        assertTrue(run.out().startsWith(start), run.describe());
        assertEquals("", run.err());
    }

    @Test
    void shouldListEveryBenchEngineOptionInItsHelp()
    {
        final CommandRun run = CommandRun.run("bench", "engine", "--help");

        assertEquals(0, run.exitStatus(), run.describe());
        for (final String option : List.of("--reps", "--sizes", "--count", "--warmup", "--thr-sizes", "--thr-count",
            "--idle", "--thr-idle", "Exit status"))
        {
            assertTrue(run.out().contains(option), option + " not explained" + run.describe());
        }
    }

    @Test
    void shouldAnswerHelpEvenAfterAValueThatDoesNotConvert()
    {
        final CommandRun run = CommandRun.run("echo", "--idle", "spin", "--help");

        assertEquals(0, run.exitStatus(), run.describe());
        assertTrue(run.out().startsWith("usage: monocoque echo"), run.describe());
    }

    static Stream<Arguments> badUsage()
    {
        return Stream.of(
            Arguments.of(List.of("bench", "engine", "--reps", "0"),
                "monocoque bench engine: --reps must be at least 1: 0"),
            Arguments.of(List.of("bench", "engine", "--count", "ten"),
                "monocoque bench engine: --count: 'ten' is not a number"),
            Arguments.of(List.of("bench", "engine", "--sizes", "64,x"),
                "monocoque bench engine: --sizes: 'x' is not a number"),
            Arguments.of(List.of("bench", "engine", "--idle", "spin"),
                "monocoque bench engine: --idle: unknown value 'spin' (busy, yield, backoff)"),
            Arguments.of(List.of("bench", "engine", "--thr-idle", "nap"),
                "monocoque bench engine: --thr-idle: unknown value 'nap' (busy, yield, backoff)"),
            Arguments.of(List.of("bench", "latency", "--threading", "shared"),
                "monocoque bench latency: --threading: unknown value 'shared' (invoker, dedicated)"),
            Arguments.of(List.of("bench", "latency", "--impl", "monocoque,monocoque"),
                "monocoque bench latency: --impl: monocoque given twice"),
            Arguments.of(List.of("bench", "latency", "--size", "512m"),
                "monocoque bench latency: --size must be at most 268435456: 512m"),
            Arguments.of(List.of("bench", "throughput", "--impl", "nio"),
                "monocoque bench throughput: --impl: unknown implementation 'nio' (monocoque, jeromq)"),
            Arguments.of(List.of("bench", "throughput", "--rate", "1000"),
                "monocoque bench throughput: --rate needs --pattern pub"),
            Arguments.of(List.of("recv", "--type", "PULL", "--bind", "tcp://127.0.0.1:0", "--hex=yes"),
                "monocoque recv: --hex takes no value"),
            Arguments.of(List.of("send", "--type", "PUSH", "--connect", "tcp://127.0.0.1:1", "--count", "1",
                "--count", "2"), "monocoque send: --count given more than once"),
            Arguments.of(List.of("echo", "--type", "REP", "--bind", "tcp://127.0.0.1:0", "stray"),
                "monocoque echo: unexpected argument 'stray'"),
            Arguments.of(List.of("bench"),
                "monocoque bench: which benchmark? (latency, throughput, engine, anchor, poller)"),
            Arguments.of(List.of("help", "frobnicate"), "monocoque: unknown command 'frobnicate'"));
    }

    @ParameterizedTest
    @MethodSource("badUsage")
    void shouldExitTwoWithTheReasonOnStderrForBadUsage(final List<String> argv, final String reason)
    {
        final CommandRun run = CommandRun.run(argv.toArray(new String[0]));

        assertEquals(2, run.exitStatus(), run.describe());
        assertTrue(run.err().startsWith(reason), "expected stderr to start with: " + reason + run.describe());
        assertEquals("", run.out());
    }
}
