package io.monocoque.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Exit statuses and messages of the dispatcher and of every command's argument checks: 0 for success and help,
 * 2 for bad usage with the reason on stderr, 1 for runtime failures.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CliTest
{
    @Test
    void shouldListEveryCommandOnHelpAndExitZero()
    {
        final CommandRun run = CommandRun.run("--help");

        assertEquals(0, run.exitStatus(), run.describe());
        for (final String command : List.of("recv", "send", "echo", "bench latency", "bench throughput",
            "bench engine", "report", "jmh", "selfcheck"))
        {
            assertTrue(run.out().contains("\n  " + command + " "), command + " missing" + run.describe());
        }
        assertEquals("", run.err());
    }

    @Test
    void shouldExitTwoWithUsageOnStderrWhenNoCommandIsGiven()
    {
        final CommandRun run = CommandRun.run();

        assertEquals(2, run.exitStatus());
        assertTrue(run.err().startsWith("monocoque: no command given\nusage: monocoque COMMAND"), run.describe());
        assertEquals("", run.out());
    }

    @Test
    void shouldExitTwoForAnUnknownCommand()
    {
        final CommandRun run = CommandRun.run("frobnicate");

        assertEquals(2, run.exitStatus());
        assertEquals("monocoque: unknown command 'frobnicate'\nTry 'monocoque --help'.\n", run.err());
    }

    @Test
    void shouldExitTwoForAnUnknownBenchmark()
    {
        final CommandRun run = CommandRun.run("bench", "speed");

        assertEquals(2, run.exitStatus());
        assertTrue(run.err().startsWith(
            "monocoque bench: unknown benchmark 'speed' (latency, throughput, engine, anchor, poller)"),
            run.describe());
    }

    static Stream<Arguments> helpTexts()
    {
        return Stream.of(
            Arguments.of("recv", List.of("--type", "--bind", "--connect", "--subscribe", "--count", "--hex",
                "--timeout-ms", "--option", "Exit status")),
            Arguments.of("send", List.of("--type", "--bind", "--connect", "--count", "--size", "--hex",
                "--interval-ms", "--timeout-ms", "--option", "Exit status")),
            Arguments.of("echo", List.of("--type", "--bind", "--connect", "--count", "--idle", "--timeout-ms",
                "--option", "Exit status")),
            Arguments.of("bench latency", List.of("--size", "--count", "--warmup", "--rate", "--pattern", "--impl",
                "--rounds", "--connect", "--bind", "--idle", "--threading", "--transport", "--timeout-ms",
                "--interval-ms", "--out", "Exit status")),
            Arguments.of("bench throughput", List.of("--size", "--count", "--warmup", "--pattern", "--impl",
                "--rounds", "--idle", "--timeout-ms", "--subscribers", "--warmup-rounds", "--hwm", "--rate",
                "--stalled", "Exit status")),
            Arguments.of("bench engine", List.of("--reps", "--sizes", "--count", "--warmup", "--thr-sizes",
                "--thr-count", "--idle")),
            Arguments.of("selfcheck", List.of("Exit status")));
    }

    @ParameterizedTest
    @MethodSource("helpTexts")
    void shouldExplainEveryOptionOnSubcommandHelp(final String command, final List<String> options)
    {
        final String[] argv = Stream.concat(Arrays.stream(command.split(" ")), Stream.of("--help"))
            .toArray(String[]::new);
        final CommandRun run = CommandRun.run(argv);

        assertEquals(0, run.exitStatus(), run.describe());
        assertTrue(run.out().startsWith("usage: monocoque " + command), run.describe());
        for (final String option : options)
        {
            assertTrue(run.out().contains(option), option + " not explained" + run.describe());
        }
    }

    @Test
    void shouldAnswerHelpBeforeCheckingOtherArguments()
    {
        final CommandRun run = CommandRun.run("recv", "--type", "NOPE", "--help");

        assertEquals(0, run.exitStatus());
        assertTrue(run.out().startsWith("usage: monocoque recv"), run.describe());
    }

    @Test
    void shouldPassReportHelpToTheReportCommand()
    {
        final CommandRun run = CommandRun.run("report", "--help");

        assertEquals(0, run.exitStatus(), run.describe());
        assertTrue(run.out().contains("usage: monocoque report"), run.describe());
    }

    static Stream<Arguments> badUsage()
    {
        return Stream.of(
            Arguments.of(List.of("recv", "--bind", "tcp://127.0.0.1:0"), "monocoque recv: --type is required"),
            Arguments.of(List.of("recv", "--type", "DEALR", "--bind", "tcp://127.0.0.1:0"),
                "monocoque recv: unknown socket type 'DEALR' (PAIR, PUB, SUB"),
            Arguments.of(List.of("recv", "--type", "pull"),
                "monocoque recv: give at least one --bind EP or --connect EP"),
            Arguments.of(List.of("recv", "--type", "PUSH", "--bind", "tcp://127.0.0.1:0"),
                "monocoque recv: --type PUSH cannot be used by recv"),
            Arguments.of(List.of("recv", "--type", "PULL", "--bind", "tcp://127.0.0.1:0", "--subscribe", "a"),
                "monocoque recv: --subscribe applies to SUB and XSUB sockets only"),
            Arguments.of(List.of("recv", "--type", "PULL", "--bind", "tcp://127.0.0.1:0", "--count", "0"),
                "monocoque recv: --count must be at least 1: 0"),
            Arguments.of(List.of("recv", "--type", "PULL", "--bind", "tcp://127.0.0.1:0", "--count"),
                "monocoque recv: --count needs a value"),
            Arguments.of(List.of("recv", "--type", "PULL", "--bind", "ipc:///tmp/x"),
                "monocoque recv: --bind invalid endpoint 'ipc:///tmp/x'"),
            Arguments.of(List.of("recv", "--type", "PULL", "--bind", "tcp://127.0.0.1:0", "--option", "lingerMs"),
                "monocoque recv: --option needs NAME=VALUE, got 'lingerMs'"),
            Arguments.of(List.of("recv", "--type", "PULL", "--bind", "tcp://127.0.0.1:0", "--option", "colour=red"),
                "monocoque recv: --option colour=red: unknown option 'colour' for a PULL socket"),
            Arguments.of(List.of("recv", "--type", "PULL", "--bind", "tcp://127.0.0.1:0", "--option",
                "sndHwmBytes=lots"), "monocoque recv: --option sndHwmBytes=lots: option sndHwmBytes: 'lots' is not"),
            Arguments.of(List.of("send", "--type", "PULL", "--connect", "tcp://127.0.0.1:1"),
                "monocoque send: --type PULL cannot be used by send"),
            Arguments.of(List.of("send", "--type", "ROUTER", "--bind", "tcp://127.0.0.1:0", "--size", "8"),
                "monocoque send: --size cannot address a ROUTER's peers"),
            Arguments.of(List.of("echo", "--type", "PUSH", "--bind", "tcp://127.0.0.1:0"),
                "monocoque echo: --type PUSH cannot echo (use PAIR, REP, DEALER, ROUTER)"),
            Arguments.of(List.of("echo", "--type", "REP", "--bind", "tcp://127.0.0.1:0", "--idle", "spin"),
                "monocoque echo: --idle: unknown value 'spin' (auto, selector, busy, yield, backoff)"),
            Arguments.of(List.of("bench", "latency", "--rate", "1000", "--pattern", "req"),
                "monocoque bench latency: --rate (open loop) needs --pattern dealer"),
            Arguments.of(List.of("bench", "latency", "--rate", "1000", "--size", "4"),
                "monocoque bench latency: --rate (open loop) needs --size 8 or more"),
            Arguments.of(List.of("bench", "latency", "--impl", "zmq"),
                "monocoque bench latency: --impl: unknown implementation 'zmq' (monocoque, jeromq)"),
            Arguments.of(List.of("bench", "latency", "--transport", "udp"),
                "monocoque bench latency: unknown transport 'udp'"),
            Arguments.of(List.of("bench", "latency", "--connect", "tcp://127.0.0.1:1", "--bind", "tcp://*:2"),
                "monocoque bench latency: give --connect or --bind, not both"),
            Arguments.of(List.of("bench", "latency", "--bind", "tcp://127.0.0.1:0", "--impl", "monocoque,jeromq"),
                "monocoque bench latency: --bind to port 0 allows a single run"),
            Arguments.of(List.of("bench", "throughput", "--pattern", "pair"),
                "monocoque bench throughput: --pattern: unknown value 'pair' (push, dealer, pub)"),
            Arguments.of(List.of("bench", "engine", "--reps"), "monocoque bench engine: --reps needs a value"),
            Arguments.of(List.of("selfcheck", "extra"), "monocoque selfcheck: takes no arguments, got 'extra'"));
    }

    @ParameterizedTest
    @MethodSource("badUsage")
    void shouldExitTwoWithTheReasonOnStderrForBadUsage(final List<String> argv, final String reason)
    {
        final CommandRun run = CommandRun.run(argv.toArray(new String[0]));

        assertEquals(2, run.exitStatus(), run.describe());
        assertTrue(run.err().startsWith(reason), "expected stderr to start with: " + reason + run.describe());
        assertTrue(run.err().contains("Try 'monocoque "), run.describe());
        assertEquals("", run.out());
    }

    @Test
    void shouldExitOneForAnUnsupportedTransport()
    {
        final CommandRun run = CommandRun.run("bench", "latency", "--transport", "ipc");

        assertEquals(1, run.exitStatus());
        assertEquals("monocoque bench latency: transport ipc is not supported yet (only tcp)\n", run.err());
    }

    @Test
    void shouldExitOneWhenTheEndpointIsInUse()
    {
        try (CommandRun first = CommandRun.start("recv", "--type", "PULL", "--bind", "tcp://127.0.0.1:0"))
        {
            final String endpoint = first.boundEndpoint();
            final CommandRun second = CommandRun.run("recv", "--type", "PULL", "--bind", endpoint);

            assertEquals(1, second.exitStatus(), second.describe());
            assertTrue(second.err().startsWith("monocoque recv: cannot bind " + endpoint), second.describe());
        }
    }

    @Test
    void shouldRunTheSelfCheck()
    {
        final CommandRun run = CommandRun.run("selfcheck");

        assertEquals(0, run.exitStatus(), run.describe());
        assertTrue(run.out().endsWith("codec self-check: OK\n"), run.describe());
    }
}
