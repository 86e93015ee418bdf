package io.monocoque.perf.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Short {@code bench throughput} runs (backoff idle): structure of the output only, never the rates' size.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BenchThroughputCommandTest
{
    @Test
    void shouldReportMonocoqueAndJeromqRatesWithTheRatio()
    {
        final CommandRun run = CommandRun.run("bench", "throughput", "--impl", "monocoque,jeromq", "--count", "20000",
            "--warmup", "2000", "--rounds", "1", "--idle", "backoff", "--size", "128");

        assertEquals(0, run.exitStatus(), run.describe());
        assertTrue(run.out().startsWith("## monocoque bench throughput: PUSH -> PULL, tcp loopback, 128 B, 20,000 " +
            "measured messages after 2,000 warm-up\n"), run.describe());
        assertTrue(Pattern.compile("(?m)^\\| monocoque \\| push \\| 128 \\| [0-9,]+ \\| [0-9,.]+ \\| 1\\.00× \\|$")
            .matcher(run.out()).find(), run.describe());
        assertTrue(Pattern.compile("(?m)^\\| jeromq \\| push \\| 128 \\| [0-9,]+ \\| [0-9,.]+ \\| [0-9.]+× \\|$")
            .matcher(run.out()).find(), run.describe());
    }

    @Test
    void shouldStreamDealerToRouter()
    {
        final CommandRun run = CommandRun.run("bench", "throughput", "--pattern", "dealer", "--count", "20000",
            "--idle", "backoff");

        assertEquals(0, run.exitStatus(), run.describe());
        assertTrue(Pattern.compile("(?m)^\\| monocoque \\| dealer \\| 64 \\| [0-9,]+ \\| [0-9,.]+ \\| 1\\.00× \\|$")
            .matcher(run.out()).find(), run.describe());
    }

    @Test
    void shouldStreamJeromqPubToSubWithoutLosingTheStart()
    {
        final CommandRun run = CommandRun.run("bench", "throughput", "--pattern", "pub", "--impl", "jeromq",
            "--count", "20000", "--idle", "backoff");

        assertEquals(0, run.exitStatus(), run.describe());
        assertTrue(run.out().contains("| jeromq | pub | 64 |"), run.describe());
    }

    @Test
    void shouldStreamMonocoquePubToSub()
    {
        final CommandRun run = CommandRun.run("bench", "throughput", "--pattern", "pub", "--count", "20000",
            "--idle", "backoff");

        assertEquals(0, run.exitStatus(), run.describe());
        assertTrue(Pattern.compile("(?m)^\\| monocoque \\| pub \\| 64 \\| [0-9,]+ \\| [0-9,.]+ \\| 1\\.00× \\|$")
            .matcher(run.out()).find(), run.describe());
    }
}
