package io.monocoque.api.robustness;

import com.sun.management.UnixOperatingSystemMXBean;
import io.monocoque.api.Context;
import io.monocoque.api.Message;
import io.monocoque.api.Socket;
import io.monocoque.api.SocketType;
import io.monocoque.api.testing.DirectMemory;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Nothing leaks across many socket and context life cycles: afterwards the live threads, the direct memory in use
 * (the JVM's "direct" buffer pool: every ring, read buffer, staging buffer and handshake buffer is a direct
 * ByteBuffer freed explicitly) and the open file descriptors (channels, listeners, the selector's epoll and wake-up
 * descriptors) are back at their baseline.
 * <p>
 * Each socket cycle binds a DEALER on an ephemeral port, connects a DEALER peer, exchanges one message each way
 * and closes both, with 4 KiB rings. The baselines are taken after a warm-up, so that one-off JDK state (class
 * loading opens jars, InetAddress caches, the selector provider) is already there.
 * <p>
 * {@code -Dmonocoque.leak.socketCycles} and {@code -Dmonocoque.leak.contextCycles} change the cycle counts.
 */
class ResourceLeakTest
{
    private static final int SOCKET_CYCLES = Integer.getInteger("monocoque.leak.socketCycles", 10_000);
    private static final int CONTEXT_CYCLES = Integer.getInteger("monocoque.leak.contextCycles", 200);
    private static final int WARM_UP_CYCLES = 20;
    private static final int HWM_BYTES = 4096;
    private static final long SETTLE_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(15);
    private static final String ENGINE_THREAD_NAME = "monocoque-engine";

    /**
     * Direct memory the JDK itself may take during a run and keep: sun.nio.ch.Util caches temporary direct buffers
     * per thread for channel I/O on heap buffers. Monocoque never does that, but the JDK does, e.g. the first
     * OperatingSystemMXBean read on a thread (cgroup files read through NIO) caches one 8,192-byte buffer on it,
     * which is why every baseline below shows one direct buffer of 8,192 bytes; a thread of the harness, or one
     * left over by another test class, may do the same during a run. So allow one such buffer of up to 16 KiB.
     * It cannot hide a leaked socket (its two rings alone are 2 buffers of 4,096 + 768 bytes) nor a leaked
     * connection (3 buffers, 17 KiB with these 4 KiB HWMs). Measured so far: 0 buffers and 0 bytes over the baseline.
     */
    private static final long DIRECT_BUFFER_SLACK = 1;
    private static final long DIRECT_BYTES_SLACK = 16 * 1024;

    private static final UnixOperatingSystemMXBean OS =
        (UnixOperatingSystemMXBean)ManagementFactory.getOperatingSystemMXBean();

    @Test
    void shouldReleaseEverythingAfterTenThousandSocketOpenCloseCycles() throws Exception
    {
        final List<Thread> engineThreads = new CopyOnWriteArrayList<>();
        warmUp(engineThreads);
        final Snapshot noContext = Snapshot.take();

        final Context context = Context.builder().threadFactory(capturing(engineThreads)).build();
        final Message message = new Message();
        try
        {
            for (int i = 0; i < WARM_UP_CYCLES; i++)
            {
                socketCycle(context, message, i);
            }
            final Snapshot withContext = awaitSettled(null);

            final long startNs = System.nanoTime();
            final long[] phaseNs = new long[3];
            for (int i = 0; i < SOCKET_CYCLES; i++)
            {
                socketCycle(context, message, i, phaseNs);
            }
            final long elapsedNs = System.nanoTime() - startNs;

            final Snapshot after = awaitSettled(withContext);
            System.out.printf("%d socket cycles in %.1f s: %.0f us per cycle (bind+connect %.0f us, exchange " +
                "%.0f us, close %.0f us)%n", SOCKET_CYCLES, elapsedNs / 1e9, elapsedNs / 1e3 / SOCKET_CYCLES,
                phaseNs[0] / 1e3 / SOCKET_CYCLES, phaseNs[1] / 1e3 / SOCKET_CYCLES, phaseNs[2] / 1e3 / SOCKET_CYCLES);
            System.out.println("  baseline with context: " + withContext + "\n  after cycles:          " + after);
            assertSameResources(withContext, after, SOCKET_CYCLES + " socket cycles within one context");
        }
        finally
        {
            context.close();
        }
        assertEngineThreadsGone(engineThreads);
        final Snapshot closed = awaitSettled(noContext);
        System.out.println("  baseline, no context:  " + noContext + "\n  after context close:   " + closed);
        assertSameResources(noContext, closed, "context closed after " + SOCKET_CYCLES + " socket cycles");
        assertNoNewThreads(noContext, closed);
    }

    @Test
    void shouldReleaseEverythingAfterTwoHundredContextCreateCloseCycles() throws Exception
    {
        final List<Thread> engineThreads = new CopyOnWriteArrayList<>();
        warmUp(engineThreads);
        final Snapshot baseline = Snapshot.take();
        final Message message = new Message();

        final long startNs = System.nanoTime();
        for (int i = 0; i < CONTEXT_CYCLES; i++)
        {
            try (Context context = Context.builder().threadFactory(capturing(engineThreads)).build())
            {
                socketCycle(context, message, i);
                // Leave a pair open: closing the context must close and free them too.
                final Socket bound = context.socket(SocketType.DEALER).sndHwmBytes(HWM_BYTES).rcvHwmBytes(HWM_BYTES);
                final Socket peer = context.socket(SocketType.DEALER).sndHwmBytes(HWM_BYTES).rcvHwmBytes(HWM_BYTES);
                peer.connect(bound.bind("tcp://127.0.0.1:0"));
                exchange(peer, bound, message, i);
            }
        }
        final long elapsedNs = System.nanoTime() - startNs;

        assertEquals(CONTEXT_CYCLES + 1, engineThreads.size(), "one engine thread per context (and the warm-up's)");
        assertEngineThreadsGone(engineThreads);
        final Snapshot after = awaitSettled(baseline);
        System.out.printf("%d context cycles in %.1f s: %.1f ms per cycle%n", CONTEXT_CYCLES, elapsedNs / 1e9,
            elapsedNs / 1e6 / CONTEXT_CYCLES);
        System.out.println("  baseline: " + baseline + "\n  after:    " + after);
        assertSameResources(baseline, after, CONTEXT_CYCLES + " context cycles");
        assertNoNewThreads(baseline, after);
    }

    // ------------------------------------------------------------------ cycles

    private static void warmUp(final List<Thread> engineThreads)
    {
        try (Context context = Context.builder().threadFactory(capturing(engineThreads)).build())
        {
            final Message message = new Message();
            for (int i = 0; i < WARM_UP_CYCLES; i++)
            {
                socketCycle(context, message, i);
            }
        }
        System.out.println("warm-up done"); // the output path's own buffers exist before any baseline
    }

    private static void socketCycle(final Context context, final Message message, final int cycle)
    {
        socketCycle(context, message, cycle, new long[3]);
    }

    private static void socketCycle(final Context context, final Message message, final int cycle, final long[] phaseNs)
    {
        final long t0 = System.nanoTime();
        final Socket bound = context.socket(SocketType.DEALER).sndHwmBytes(HWM_BYTES).rcvHwmBytes(HWM_BYTES);
        final Socket peer = context.socket(SocketType.DEALER).sndHwmBytes(HWM_BYTES).rcvHwmBytes(HWM_BYTES);
        try
        {
            peer.connect(bound.bind("tcp://127.0.0.1:0"));
            final long t1 = System.nanoTime();
            exchange(peer, bound, message, cycle);
            final long t2 = System.nanoTime();
            phaseNs[0] += t1 - t0;
            phaseNs[1] += t2 - t1;
        }
        finally
        {
            final long t3 = System.nanoTime();
            peer.close();
            bound.close();
            phaseNs[2] += System.nanoTime() - t3;
        }
    }

    /** One message each way, checked. */
    private static void exchange(final Socket peer, final Socket bound, final Message message, final int cycle)
    {
        peer.sndTimeoutMs(10_000).rcvTimeoutMs(10_000);
        bound.sndTimeoutMs(10_000).rcvTimeoutMs(10_000);
        message.clear().add("request").add(Integer.toString(cycle));
        assertTrue(peer.send(message), "cycle " + cycle + ": send");
        assertTrue(bound.recv(message), "cycle " + cycle + ": recv");
        assertEquals(2, message.frameCount());
        assertEquals(Integer.toString(cycle), message.frameString(1), "cycle " + cycle + ": request");
        message.clear().add("reply").add(Integer.toString(cycle));
        assertTrue(bound.send(message), "cycle " + cycle + ": reply send");
        assertTrue(peer.recv(message), "cycle " + cycle + ": reply recv");
        assertEquals("reply", message.frameString(0));
        assertEquals(Integer.toString(cycle), message.frameString(1), "cycle " + cycle + ": reply");
    }

    private static ThreadFactory capturing(final List<Thread> threads)
    {
        return runnable ->
        {
            final Thread thread = new Thread(runnable, ENGINE_THREAD_NAME);
            thread.setDaemon(true);
            threads.add(thread);
            return thread;
        };
    }

    // ------------------------------------------------------------------ measurements

    /**
     * Wait (sockets are released by the engine after close returns) until direct memory and descriptors stop
     * changing, or match {@code target}; then return what is there.
     */
    private static Snapshot awaitSettled(final Snapshot target) throws InterruptedException
    {
        final long deadline = System.nanoTime() + SETTLE_TIMEOUT_NS;
        Snapshot last = Snapshot.take();
        int stable = 0;
        while (System.nanoTime() - deadline < 0)
        {
            Thread.sleep(20);
            final Snapshot now = Snapshot.take();
            if (target != null && now.withinBaseline(target) && !now.hasNewThreads(target))
            {
                return now;
            }
            stable = now.sameResources(last) ? stable + 1 : 0;
            last = now;
            if (target == null && stable >= 10)
            {
                return now;
            }
        }
        return last;
    }

    /** Direct memory back to the baseline within the JDK's slack; descriptors exactly (or fewer). */
    private static void assertSameResources(final Snapshot baseline, final Snapshot after, final String what)
    {
        assertTrue(after.directCount - baseline.directCount <= DIRECT_BUFFER_SLACK &&
            after.directBytes - baseline.directBytes <= DIRECT_BYTES_SLACK,
            what + ": direct buffers " + baseline.directCount + " -> " + after.directCount + ", direct bytes " +
            baseline.directBytes + " -> " + after.directBytes + " (slack: " + DIRECT_BUFFER_SLACK + " buffer, " +
            DIRECT_BYTES_SLACK + " bytes)");
        assertTrue(after.openFds <= baseline.openFds,
            what + ": open file descriptors " + baseline.openFds + " -> " + after.openFds);
    }

    private static void assertEngineThreadsGone(final List<Thread> engineThreads) throws InterruptedException
    {
        for (final Thread thread : engineThreads)
        {
            thread.join(TimeUnit.SECONDS.toMillis(10));
            assertFalse(thread.isAlive(), thread + " still alive after its context closed");
        }
        for (final Thread thread : Thread.getAllStackTraces().keySet())
        {
            if (ENGINE_THREAD_NAME.equals(thread.getName()) && thread.isAlive())
            {
                fail("a " + ENGINE_THREAD_NAME + " thread is alive: " + thread);
            }
        }
    }

    private static void assertNoNewThreads(final Snapshot baseline, final Snapshot after)
    {
        final List<String> added = new ArrayList<>();
        for (final Thread thread : after.threads)
        {
            if (!baseline.threads.contains(thread))
            {
                added.add(thread.getName());
            }
        }
        assertTrue(added.isEmpty(), "threads alive now that were not at the baseline: " + added);
        assertTrue(after.threadCount <= baseline.threadCount,
            "live threads " + baseline.threadCount + " -> " + after.threadCount);
    }

    private static final class Snapshot
    {
        final long directCount;
        final long directBytes;
        final long openFds;
        final int threadCount;
        final Set<Thread> threads;

        private Snapshot(
            final long directCount, final long directBytes, final long openFds, final int threadCount,
            final Set<Thread> threads)
        {
            this.directCount = directCount;
            this.directBytes = directBytes;
            this.openFds = openFds;
            this.threadCount = threadCount;
            this.threads = threads;
        }

        static Snapshot take()
        {
            final Set<Thread> threads = new HashSet<>();
            for (final Thread thread : Thread.getAllStackTraces().keySet())
            {
                if (thread.isAlive())
                {
                    threads.add(thread);
                }
            }
            return new Snapshot(DirectMemory.buffers(), DirectMemory.used(), OS.getOpenFileDescriptorCount(),
                ManagementFactory.getThreadMXBean().getThreadCount(), threads);
        }

        boolean withinBaseline(final Snapshot baseline)
        {
            return directCount - baseline.directCount <= DIRECT_BUFFER_SLACK &&
                directBytes - baseline.directBytes <= DIRECT_BYTES_SLACK && openFds <= baseline.openFds;
        }

        boolean sameResources(final Snapshot other)
        {
            return directCount == other.directCount && directBytes == other.directBytes && openFds == other.openFds;
        }

        boolean hasNewThreads(final Snapshot baseline)
        {
            for (final Thread thread : threads)
            {
                if (!baseline.threads.contains(thread))
                {
                    return true;
                }
            }
            return false;
        }

        @Override
        public String toString()
        {
            return "direct buffers " + directCount + " (" + directBytes + " bytes), open fds " + openFds +
                ", live threads " + threadCount;
        }
    }
}
