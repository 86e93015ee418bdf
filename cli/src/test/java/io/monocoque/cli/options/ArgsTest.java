package io.monocoque.cli.options;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ArgsTest
{
    private static Args parser()
    {
        return new Args("test").single("--count").single("--size").repeatable("--bind").repeatable("--connect")
            .flag("--hex").single("--idle");
    }

    private static String usageError(final String... argv)
    {
        return assertThrows(UsageException.class, () -> parser().parse(argv)).getMessage();
    }

    @Test
    void shouldReadValuesGivenAsSeparateWordsOrWithEquals()
    {
        final Args args = parser().parse(new String[]{"--count", "5", "--size=64", "--hex"});

        assertEquals("5", args.get("--count"));
        assertEquals("64", args.get("--size"));
        assertTrue(args.has("--hex"));
        assertFalse(args.has("--idle"));
        assertNull(args.get("--idle"));
        assertEquals("busy", args.get("--idle", "busy"));
    }

    @Test
    void shouldKeepRepeatedEndpointsInCommandLineOrder()
    {
        final Args args = parser().parse(new String[]{
            "--connect", "tcp://a:1", "--bind", "tcp://*:2", "--connect", "tcp://b:3"});

        assertEquals(List.of("tcp://a:1", "tcp://b:3"), args.all("--connect"));
        assertEquals(List.of("--connect tcp://a:1", "--bind tcp://*:2", "--connect tcp://b:3"),
            args.inOrder("--bind", "--connect").stream().map(e -> e.name() + " " + e.value())
                .collect(Collectors.toList()));
    }

    @Test
    void shouldAcceptAnEmptyValue()
    {
        assertEquals("", parser().parse(new String[]{"--idle", ""}).get("--idle"));
        assertEquals("", parser().parse(new String[]{"--idle="}).get("--idle"));
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
        final Args args = parser().parse(new String[]{"--count", "100k"});
        assertEquals(100_000, args.count("--count", 1, 1));
        assertEquals(2_000_000, parser().parse(new String[]{"--count", "2m"}).count("--count", 1, 1));
        assertEquals(100_000, parser().parse(new String[]{"--count", "100_000"}).count("--count", 1, 1));
        assertEquals(7, parser().parse(new String[0]).count("--count", 7, 1));
    }

    @Test
    void shouldParseSizesWithBinarySuffixes()
    {
        assertEquals(1024, parser().parse(new String[]{"--size", "1k"}).bytes("--size", 64, 0, 1 << 30));
        assertEquals(1024, parser().parse(new String[]{"--size", "1KiB"}).bytes("--size", 64, 0, 1 << 30));
        assertEquals(1 << 20, parser().parse(new String[]{"--size", "1m"}).bytes("--size", 64, 0, 1 << 30));
        assertEquals(64, parser().parse(new String[0]).bytes("--size", 64, 0, 1 << 30));
    }

    @Test
    void shouldRejectMalformedAndOutOfRangeNumbers()
    {
        assertEquals("--count: 'ten' is not a number",
            assertThrows(UsageException.class,
                () -> parser().parse(new String[]{"--count", "ten"}).count("--count", 1, 1)).getMessage());
        assertEquals("--count must be at least 1: 0",
            assertThrows(UsageException.class,
                () -> parser().parse(new String[]{"--count", "0"}).count("--count", 1, 1)).getMessage());
        assertEquals("--size must be at most 100: 1k",
            assertThrows(UsageException.class,
                () -> parser().parse(new String[]{"--size", "1k"}).bytes("--size", 1, 0, 100)).getMessage());
    }

    @Test
    void shouldMatchChoicesCaseInsensitivelyAndListThemOnError()
    {
        assertEquals("yield", parser().parse(new String[]{"--idle", "YIELD"})
            .choice("--idle", "busy", "busy", "yield", "backoff"));
        assertEquals("--idle: unknown value 'spin' (busy, yield, backoff)",
            assertThrows(UsageException.class, () -> parser().parse(new String[]{"--idle", "spin"})
                .choice("--idle", "busy", "busy", "yield", "backoff")).getMessage());
    }
}
