package io.monocoque.perf.engine;

import io.monocoque.perf.Idle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A short {@code bench engine} (small counts, backoff idle): both tables, a row per scenario with raw NIO as the
 * floor of the ratio. Only structure is asserted, never the figures.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class EngineBenchTest
{
    private static final String NUMBER = "[0-9.,]+";

    @Test
    void shouldPrintBothTablesWithEveryScenarioAndRawNioAsTheFloor() throws Exception
    {
        final EngineBenchConfig config = new EngineBenchConfig().reps(1).count(2_000).warmup(200).idle(Idle.BACKOFF)
            .throughputSizes(64, 4096).throughputCount(20_000L);
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();

        EngineBench.run(config, new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));

        final String tables = out.toString(StandardCharsets.UTF_8);
        assertTrue(tables.contains("| scenario | size B | p50 | p90 | p99 | p99.9 | p99.99 | max | mean | " +
            "p50 / raw nio busy |\n"), tables);
        for (final String scenario : new String[]{"monocoque dealer backoff", "raw nio busy", "raw nio blocking"})
        {
            assertRow(tables, "\\| " + scenario + " \\| 64 \\|( " + NUMBER + " \\|){7} " + NUMBER + "× \\|");
        }
        assertRow(tables, "\\| raw nio busy \\| 64 \\|( " + NUMBER + " \\|){7} 1\\.00× \\|");
        assertTrue(tables.contains("| scenario | size B | count | msgs/s | MB/s | / raw nio |\n"), tables);
        for (final int size : config.throughputSizes())
        {
            for (final String scenario : new String[]{"monocoque push backoff", "monocoque push backoff batch 256",
                "monocoque push backoff claim 256"})
            {
                // 256 claimed messages of 4 KiB are more than one record: the claimed row halves them until they fit.
                assertRow(tables, "\\| " + scenario + " \\| " + size + " \\| 20,000 \\| " + NUMBER + " \\| " +
                    NUMBER + " \\| " + NUMBER + "× \\|");
            }
            assertRow(tables, "\\| raw nio \\| " + size + " \\| 20,000 \\| " + NUMBER + " \\| " + NUMBER +
                " \\| 1\\.00× \\|");
        }
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("latency raw nio blocking 64 B run 1/1\n"));
    }

    @Test
    void shouldSkipATableWhoseSizeListIsEmpty() throws Exception
    {
        final EngineBenchConfig config = new EngineBenchConfig().reps(1).count(500).warmup(50).idle(Idle.BACKOFF)
            .throughputSizes(new int[0]);
        final ByteArrayOutputStream out = new ByteArrayOutputStream();

        EngineBench.run(config, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(
            new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

        final String tables = out.toString(StandardCharsets.UTF_8);
        assertTrue(tables.contains("## Round-trip latency"), tables);
        assertFalse(tables.contains("## Throughput"), tables);
    }

    @Test
    void shouldDefaultToAboutOneGibibyteOfPayloadPerStreamRun()
    {
        final EngineBenchConfig config = new EngineBenchConfig();

        assertEquals(16_777_216L, config.messagesAt(64));
        assertEquals(1_048_576L, config.messagesAt(1024));
        assertEquals(20_000L, config.messagesAt(65536));
        assertEquals(16_777_216L, config.messagesAt(1));
    }

    private static void assertRow(final String tables, final String row)
    {
        assertTrue(Pattern.compile("(?m)^" + row + "$").matcher(tables).find(), "no row " + row + "\n" + tables);
    }
}
