package io.monocoque.api.testing;

import java.lang.management.ManagementFactory;
import java.util.function.IntConsumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * HotSpot's per-thread allocation counter, which the zero-allocation tests read before and after the measured
 * work: it counts every byte a thread allocates on the heap, including TLAB refills, so exactly 0 means none.
 */
public final class AllocationCounting
{
    /** The counter; {@link #enable()} it first (in {@code @BeforeAll}). */
    public static final com.sun.management.ThreadMXBean THREADS =
        (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();

    private AllocationCounting()
    {
    }

    /**
     * Turn counting on, failing the test on a JVM that cannot count.
     */
    public static void enable()
    {
        assertTrue(THREADS.isThreadAllocatedMemorySupported(), "this JVM cannot count allocations per thread");
        THREADS.setThreadAllocatedMemoryEnabled(true);
    }

    /**
     * Run {@code loop} on this thread in rounds of {@code round} operations until {@code settledRounds} rounds in a row
     * allocate nothing (the JIT has settled; failing after {@code maxWarmUpRounds}), then {@code measuredRounds} more
     * rounds, which together must allocate exactly 0 bytes. The measured window repeats the warmed-up call rather than
     * making one longer one, which the JIT would compile anew (OSR) mid-measurement. Prints the history for the log.
     *
     * @param what            what the loop does, for the messages.
     * @param loop            runs the given number of operations.
     * @param round           operations per round.
     * @param settledRounds   clean rounds in a row that end the warm-up.
     * @param maxWarmUpRounds rounds after which an unsettled warm-up fails.
     * @param measuredRounds  rounds in the measured window.
     */
    public static void assertAllocatesNothingAfterWarmUp(final String what, final IntConsumer loop, final int round,
        final int settledRounds, final int maxWarmUpRounds, final int measuredRounds)
    {
        final StringBuilder history = new StringBuilder();
        int clean = 0;
        int rounds = 0;
        while (clean < settledRounds)
        {
            if (rounds++ == maxWarmUpRounds)
            {
                fail(what + ": allocation did not settle in " + maxWarmUpRounds + " rounds (bytes per round):" +
                    history);
            }
            final long before = THREADS.getCurrentThreadAllocatedBytes();
            loop.accept(round);
            final long bytes = THREADS.getCurrentThreadAllocatedBytes() - before;
            history.append(' ').append(bytes);
            clean = bytes == 0 ? clean + 1 : 0;
        }
        final long before = THREADS.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < measuredRounds; i++)
        {
            loop.accept(round);
        }
        final long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
        System.out.println(what + ": warm-up rounds (bytes):" + history + "; measured window: " + allocated);
        assertEquals(0, allocated, what + " allocated " + allocated + " bytes over " + measuredRounds * round +
            " operations");
    }
}
