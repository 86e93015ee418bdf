package io.monocoque.cli.bench;

import io.monocoque.cli.CommandRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Short {@code bench engine} runs through the command line, every option given: the tables' headings and rows,
 * never the figures.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class BenchEngineCommandTest
{
    private static final String NUMBER = "[0-9.,]+";

    @Test
    void shouldRunBothTablesWithEveryOptionApplied()
    {
        final CommandRun run = CommandRun.run("bench", "engine", "--reps", "1", "--sizes", "64,1k", "--count=1k",
            "--warmup", "100", "--thr-sizes", "64", "--thr-count", "20k", "--idle", "backoff", "--thr-idle", "yield",
            "--thr-batch", "100");

        assertEquals(0, run.exitStatus(), run.describe());
        final String out = run.out();
        assertTrue(out.contains("## Round-trip latency, µs (median of 1 interleaved runs; 1,000 round trips after " +
            "100 warm-up; Monocoque idle=backoff, INVOKER mode, 2 threads)\n"), run.describe());
        for (final String size : new String[]{"64", "1024"})
        {
            for (final String scenario : new String[]{"monocoque dealer backoff", "raw nio busy", "raw nio blocking"})
            {
                assertTrue(Pattern.compile("(?m)^\\| " + scenario + " \\| " + size + " \\|( " + NUMBER + " \\|){7} " +
                    NUMBER + "× \\|$").matcher(out).find(), scenario + " " + size + run.describe());
            }
        }
        assertTrue(out.contains("## Throughput, one stream (median of 1 interleaved runs; Monocoque PUSH–PULL " +
            "idle=yield, INVOKER mode, 2 threads, offer(Message) per message, offer(MessageBatch) of 100 and " +
            "tryClaimBatch of 100; raw nio blocking)\n"), run.describe());
        for (final String scenario : new String[]{"monocoque push yield", "monocoque push yield batch 100",
            "monocoque push yield claim 100"})
        {
            assertTrue(Pattern.compile("(?m)^\\| " + scenario + " \\| 64 \\| 20,000 \\| " + NUMBER + " \\| " + NUMBER +
                " \\| " + NUMBER + "× \\|$").matcher(out).find(), scenario + run.describe());
        }
        assertTrue(Pattern.compile("(?m)^\\| raw nio \\| 64 \\| 20,000 \\| " + NUMBER + " \\| " + NUMBER +
            " \\| 1\\.00× \\|$").matcher(out).find(), run.describe());
        assertTrue(run.err().contains("throughput raw nio 64 B run 1/1\n"), run.describe());
    }

    @Test
    void shouldSkipTheLatencyTableForAnEmptySizeList()
    {
        final CommandRun run = CommandRun.run("bench", "engine", "--reps", "1", "--sizes", "", "--thr-sizes", "128",
            "--thr-count", "20000", "--thr-idle", "backoff");

        assertEquals(0, run.exitStatus(), run.describe());
        assertFalse(run.out().contains("## Round-trip latency"), run.describe());
        assertTrue(run.out().contains("| raw nio | 128 | 20,000 |"), run.describe());
    }
}
