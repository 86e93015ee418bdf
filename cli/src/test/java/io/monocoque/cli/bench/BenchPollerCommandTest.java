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
 * Short {@code bench poller} runs through the command line: the tables' headings and rows, never the figures.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class BenchPollerCommandTest
{
    private static final String NUMBER = "[0-9.,]+";

    @Test
    void shouldPrintPollCallAndBrokerTablesForEverySocketCount()
    {
        final CommandRun run = CommandRun.run("bench", "poller", "--reps", "1", "--sockets", "1,20",
            "--polls", "2000", "--round-trips", "2000", "--window", "10");

        assertEquals(0, run.exitStatus(), run.describe());
        final String out = run.out();
        assertTrue(out.contains("## poll(0) over N sockets, one ready (ns per call, median of 1)\n"), run.describe());
        assertTrue(out.contains("## ROUTER-DEALER broker with N sockets in its poller (round trips/s, 10 in flight, " +
            "64 B, median of 1)\n"), run.describe());
        for (final String sockets : new String[]{"1", "20"})
        {
            assertTrue(Pattern.compile("(?m)^\\| " + sockets + " \\| " + NUMBER + " (ns|us) \\| " + NUMBER +
                " (ns|us) \\| " + NUMBER + "× \\|$").matcher(out).find(), sockets + run.describe());
        }
        for (final String sockets : new String[]{"2", "20"})
        {
            assertTrue(Pattern.compile("(?m)^\\| " + sockets + " \\| " + NUMBER + " \\| " + NUMBER + " \\| " + NUMBER +
                "× \\|$").matcher(out).find(), sockets + run.describe());
        }
    }

    @Test
    void shouldSkipTheBrokerTableWithoutRoundTripsAndRefuseBadSocketCounts()
    {
        final CommandRun run = CommandRun.run("bench", "poller", "--reps", "1", "--sockets", "3", "--polls", "1000",
            "--round-trips", "0");
        assertEquals(0, run.exitStatus(), run.describe());
        assertFalse(run.out().contains("broker"), run.describe());

        final CommandRun bad = CommandRun.run("bench", "poller", "--sockets", "0");
        assertEquals(2, bad.exitStatus(), bad.describe());
        assertTrue(bad.err().contains("--sockets: 0 is not between 1 and 4096"), bad.describe());
    }
}
