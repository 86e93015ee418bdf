package io.monocoque.perf.latency;

import io.monocoque.perf.Idle;
import io.monocoque.perf.RunProgress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.lang.management.ManagementFactory;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The measuring thread of a Monocoque latency run allocates nothing per round trip (closed and open loop): its
 * allocated bytes, read from the JVM's per-thread counter, stay flat over thousands of round trips once warm.
 * The client runs in INVOKER mode, so this covers the engine's duty cycle on that thread too.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ZeroAllocationTest
{
    /** Slack for one-off JVM work on the thread (e.g. a lazily initialised class); far below one byte per trip. */
    private static final long SLACK_BYTES = 2048;
    private static final int MEASURED = 5_000;

    private static long allocatedBytes()
    {
        return ((com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean())
            .getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    private static LatencyConfig config()
    {
        return new LatencyConfig().idle(Idle.BACKOFF).size(64);
    }

    @Test
    void shouldNotAllocateInTheClosedLoop() throws Exception
    {
        final LatencyConfig config = config();
        try (EchoServer echo = Impl.MONOCOQUE.newEchoServer(config);
             LatencyClient client = Impl.MONOCOQUE.newClient(config))
        {
            client.open(echo.start(), false, 10_000);
            final Loops loops = new Loops(client, config.idle().newStrategy(), RunProgress.NONE, 10_000);
            final LatencyRecorder recorder = new LatencyRecorder(60_000, 2);
            loops.closedLoop(10_000, null); // warm-up: JIT, buffers grown
            loops.closedLoop(100, recorder);

            final long before = allocatedBytes();
            loops.closedLoop(MEASURED, recorder);
            final long allocated = allocatedBytes() - before;

            assertEquals(MEASURED + 100, recorder.total().getTotalCount());
            assertTrue(allocated <= SLACK_BYTES, allocated + " bytes allocated over " + MEASURED + " round trips");
        }
    }

    @Test
    void shouldNotAllocateInTheOpenLoop() throws Exception
    {
        final LatencyConfig config = config();
        try (EchoServer echo = Impl.MONOCOQUE.newEchoServer(config);
             LatencyClient client = Impl.MONOCOQUE.newClient(config))
        {
            client.open(echo.start(), false, 10_000);
            final Loops loops = new Loops(client, config.idle().newStrategy(), RunProgress.NONE, 10_000);
            final LatencyRecorder recorder = new LatencyRecorder(60_000, 2);
            loops.closedLoop(10_000, null);
            loops.openLoop(2_000, 20_000, recorder);

            final long before = allocatedBytes();
            loops.openLoop(MEASURED, 20_000, recorder);
            final long allocated = allocatedBytes() - before;

            assertEquals(MEASURED + 2_000, recorder.total().getTotalCount());
            assertTrue(allocated <= SLACK_BYTES, allocated + " bytes allocated over " + MEASURED + " requests");
        }
    }
}
