package io.monocoque.cli;

import io.monocoque.cli.command.CommandIo;
import io.monocoque.cli.command.ExitStatus;
import io.monocoque.cli.options.BinaryConverter;
import io.monocoque.cli.options.Bounds;
import io.monocoque.cli.options.DecimalConverter;
import io.monocoque.cli.options.IdleConverter;
import io.monocoque.cli.options.UsageException;
import io.monocoque.cli.peer.HexOption;
import io.monocoque.cli.peer.PeerOptions;
import io.monocoque.perf.Idle;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How the tool reads options, on a command that declares the kinds the real commands use (counts, sizes, the
 * peer tools' endpoints, a flag, a choice, free text): both value forms, order of repeated endpoints, the
 * suffixes, and the words of every usage error. The same inputs and expectations as the hand-written parser's
 * tests had, now through picocli and {@link UsageErrors}.
 */
class OptionParsingTest
{
    /** The option kinds of the real commands. */
    @Command(name = "test")
    static final class TestCommand implements Callable<Integer>
    {
        @Spec
        CommandSpec spec;

        @Option(names = "--count", converter = DecimalConverter.class)
        Long count;

        @Option(names = "--size", converter = BinaryConverter.class)
        Long size;

        @Mixin
        PeerOptions peer;

        @Mixin
        HexOption hex;

        @Option(names = "--idle", converter = IdleConverter.class)
        Idle idle;

        @Option(names = "--label")
        String label;

        @Override
        public Integer call()
        {
            return ExitStatus.OK;
        }
    }

    private static TestCommand parse(final String... argv)
    {
        final TestCommand command = new TestCommand();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final int status = run(command, err, argv);
        assertEquals(ExitStatus.OK, status, err.toString(StandardCharsets.UTF_8));
        return command;
    }

    private static String usageError(final String... argv)
    {
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final int status = run(new TestCommand(), err, argv);
        final String text = err.toString(StandardCharsets.UTF_8);
        assertEquals(ExitStatus.USAGE, status, text);
        assertTrue(text.startsWith("test: ") && text.contains("\nTry 'test --help'.\n"), text);
        return text.substring("test: ".length(), text.indexOf('\n'));
    }

    private static int run(final TestCommand command, final ByteArrayOutputStream err, final String... argv)
    {
        final CommandIo io = new CommandIo(new ByteArrayInputStream(new byte[0]),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
        final CommandLine line = new CommandLine(command);
        line.setParameterExceptionHandler(new UsageErrors(io));
        line.setExecutionExceptionHandler(new Failures(io));
        return line.execute(argv);
    }

    @Test
    void shouldReadValuesGivenAsSeparateWordsOrWithEquals()
    {
        final TestCommand args = parse("--count", "5", "--size=64", "--hex");

        assertEquals(5L, args.count);
        assertEquals(64L, args.size);
        assertTrue(args.hex.hex());
        assertNull(args.idle);
        assertEquals(Idle.BUSY, args.idle != null ? args.idle : Idle.BUSY);
    }

    @Test
    void shouldKeepRepeatedEndpointsInCommandLineOrder()
    {
        final TestCommand args = parse("--connect", "tcp://a:1", "--bind", "tcp://*:2", "--connect", "tcp://b:3");

        assertEquals(List.of("tcp://a:1", "tcp://b:3"), args.peer.endpoints().stream()
            .filter(e -> e.name().equals("--connect")).map(PeerOptions.Endpoint::value).collect(Collectors.toList()));
        assertEquals(List.of("--connect tcp://a:1", "--bind tcp://*:2", "--connect tcp://b:3"),
            args.peer.endpoints().stream().map(e -> e.name() + " " + e.value())
                .collect(Collectors.toList()));
    }

    @Test
    void shouldAcceptAnEmptyValue()
    {
        assertEquals("", parse("--label", "").label);
        assertEquals("", parse("--label=").label);
    }

    @Test
    void shouldNameTheProblemOfBadUsage()
    {
        assertEquals("unknown option '--nope'", usageError("--nope", "1"));
        assertEquals("--count needs a value", usageError("--count"));
        assertEquals("--count needs a value", usageError("--count", "--hex"));
        assertEquals("--count given more than once", usageError("--count", "1", "--count", "2"));
        assertEquals("--hex takes no value", usageError("--hex=yes"));
        assertEquals("unexpected argument 'stray'", usageError("stray"));
        assertEquals("unexpected argument '-c' (options start with --)", usageError("-c"));
    }

    @Test
    void shouldParseCountsWithDecimalSuffixes()
    {
        final TestCommand args = parse("--count", "100k");
        assertEquals(100_000, Bounds.atLeast("--count", args.count, 1, 1));
        assertEquals(2_000_000, Bounds.atLeast("--count", parse("--count", "2m").count, 1, 1));
        assertEquals(100_000, Bounds.atLeast("--count", parse("--count", "100_000").count, 1, 1));
        assertEquals(7, Bounds.atLeast("--count", parse().count, 7, 1));
    }

    @Test
    void shouldParseSizesWithBinarySuffixes()
    {
        assertEquals(1024, bytes(parse("--size", "1k"), 64, 0, 1 << 30));
        assertEquals(1024, bytes(parse("--size", "1KiB"), 64, 0, 1 << 30));
        assertEquals(1 << 20, bytes(parse("--size", "1m"), 64, 0, 1 << 30));
        assertEquals(64, bytes(parse(), 64, 0, 1 << 30));
    }

    private static long bytes(final TestCommand args, final long defaultValue, final long min, final long max)
    {
        return Bounds.within(args.spec, "--size", args.size, defaultValue, min, max);
    }

    @Test
    void shouldRejectMalformedAndOutOfRangeNumbers()
    {
        assertEquals("--count: 'ten' is not a number", usageError("--count", "ten"));
        assertEquals("--count must be at least 1: 0",
            assertThrows(UsageException.class,
                () -> Bounds.atLeast("--count", parse("--count", "0").count, 1, 1)).getMessage());
        assertEquals("--size must be at most 100: 1k",
            assertThrows(UsageException.class,
                () -> bytes(parse("--size", "1k"), 1, 0, 100)).getMessage());
    }

    @Test
    void shouldMatchChoicesCaseInsensitivelyAndListThemOnError()
    {
        assertEquals("yield", parse("--idle", "YIELD").idle.label());
        assertEquals("--idle: unknown value 'spin' (busy, yield, backoff)", usageError("--idle", "spin"));
    }
}
