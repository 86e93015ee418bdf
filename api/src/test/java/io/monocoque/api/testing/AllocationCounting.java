package io.monocoque.api.testing;

import java.lang.management.ManagementFactory;

import static org.junit.jupiter.api.Assertions.assertTrue;

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
}
