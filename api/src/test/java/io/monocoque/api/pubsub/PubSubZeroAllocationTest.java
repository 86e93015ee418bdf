package io.monocoque.api.pubsub;

import io.monocoque.api.Context;
import io.monocoque.api.MessageHandler;
import io.monocoque.api.MessageView;
import io.monocoque.api.PubSocket;
import io.monocoque.api.SubSocket;
import io.monocoque.api.SocketType;
import io.monocoque.api.ThreadingMode;
import io.monocoque.api.testing.AllocationCounting;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Publishing and fan-out allocate nothing in steady state: in INVOKER mode one thread drives the publisher's
 * engine (whose duty cycle runs the fan-out worker: ring poll, subscription match, staging, writes, selector) and
 * the subscribers' engine, and polls two subscribers; after an adaptive warm-up (see the robustness
 * ZeroAllocationTest for why the JIT makes it adaptive: compilations requested late charge a few one-off bytes to
 * the requesting thread, so warm-up ends only after a whole window's worth of rounds allocated nothing), 100,000
 * published messages delivered to both subscribers allocate exactly 0 bytes on that thread, as counted by
 * HotSpot's per-thread allocation counter.
 */
class PubSubZeroAllocationTest
{
    private static final int ROUND = 10_000;
    private static final int MEASURED_ROUNDS = 10;
    private static final int MEASURED_WINDOWS = 3;
    private static final int SETTLED_ROUNDS = MEASURED_ROUNDS; // a whole measured window's worth with no allocation
    private static final int MAX_WARM_UP_ROUNDS = 100;
    private static final int WINDOW = 16;
    private static final int SIZE = 64;
    private static final long TIMEOUT_NS = TimeUnit.SECONDS.toNanos(60);
    private static final com.sun.management.ThreadMXBean THREADS = AllocationCounting.THREADS;

    @BeforeAll
    static void enableAllocationCounting()
    {
        AllocationCounting.enable();
    }

    @Test
    void shouldPublishAndFanOutWithoutAllocating()
    {
        try (Context pubContext = Context.builder().threadingMode(ThreadingMode.INVOKER).build();
            Context subContext = Context.builder().threadingMode(ThreadingMode.INVOKER).build())
        {
            final PubSocket pub = (PubSocket)pubContext.socket(SocketType.PUB);
            pub.sndHwmBytes(256 * 1024).lingerMs(0);
            final String endpoint = pub.bind("tcp://127.0.0.1:0");
            final SubSocket first = (SubSocket)subContext.socket(SocketType.SUB);
            final SubSocket second = (SubSocket)subContext.socket(SocketType.SUB);
            for (final SubSocket sub : new SubSocket[]{first, second})
            {
                sub.lingerMs(0);
                sub.subscribe("d");
                sub.connect(endpoint);
            }
            final Loop loop = new Loop(pub, first, second, pubContext, subContext);
            loop.awaitSubscribed();

            final long thread = Thread.currentThread().getId();
            int settled = 0;
            for (int round = 0; settled < SETTLED_ROUNDS; round++)
            {
                if (round == MAX_WARM_UP_ROUNDS)
                {
                    fail("allocation did not settle to 0 within " + MAX_WARM_UP_ROUNDS + " warm-up rounds");
                }
                final long before = THREADS.getThreadAllocatedBytes(thread);
                loop.run(ROUND);
                settled = THREADS.getThreadAllocatedBytes(thread) - before == 0 ? settled + 1 : 0;
            }
            // A late C2 compilation can still charge a one-off few hundred bytes (its class's string literals) to
            // this thread in any window; a per-message allocation would show in every window. So: up to three
            // measured windows, and at least one of them must be exactly 0.
            final long[] allocated = new long[MEASURED_WINDOWS];
            for (int window = 0; window < MEASURED_WINDOWS; window++)
            {
                final long before = THREADS.getThreadAllocatedBytes(thread);
                loop.run(ROUND * MEASURED_ROUNDS);
                allocated[window] = THREADS.getThreadAllocatedBytes(thread) - before;
                if (allocated[window] == 0)
                {
                    break;
                }
            }
            assertTrue(java.util.Arrays.stream(allocated).anyMatch(bytes -> bytes == 0),
                "bytes allocated in each window of " + ROUND * MEASURED_ROUNDS + " messages to 2 subscribers: " +
                java.util.Arrays.toString(allocated));
            assertEquals(0, pub.droppedMessages(), "nothing dropped: the loop waits for both subscribers");
        }
    }

    /** The measured loop: a window of messages out, then drive both engines until both subscribers have them. */
    private static final class Loop implements MessageHandler
    {
        private final PubSocket pub;
        private final SubSocket first;
        private final SubSocket second;
        private final Context pubContext;
        private final Context subContext;
        private final UnsafeBuffer body = new UnsafeBuffer(new byte[SIZE]);
        private long received;

        Loop(final PubSocket pub, final SubSocket first, final SubSocket second, final Context pubContext,
            final Context subContext)
        {
            this.pub = pub;
            this.first = first;
            this.second = second;
            this.pubContext = pubContext;
            this.subContext = subContext;
            body.putByte(0, (byte)'d');
        }

        void awaitSubscribed()
        {
            final long deadline = System.nanoTime() + TIMEOUT_NS;
            received = 0;
            while (received < 2 || first.connectedPeers() == 0)
            {
                received = 0;
                pub.offer(body, 0, SIZE);
                for (int i = 0; i < 1000; i++)
                {
                    drive();
                }
                if (System.nanoTime() - deadline > 0)
                {
                    fail("subscriptions never reached the publisher");
                }
            }
            for (int i = 0; i < 10_000; i++)
            {
                drive();
            }
        }

        void run(final int messages)
        {
            final long deadline = System.nanoTime() + TIMEOUT_NS;
            for (int sent = 0; sent < messages; sent += WINDOW)
            {
                received = 0;
                for (int i = 0; i < WINDOW; i++)
                {
                    while (pub.offer(body, 0, SIZE) < 0)
                    {
                        drive();
                    }
                }
                while (received < 2 * WINDOW)
                {
                    drive();
                    if (System.nanoTime() - deadline > 0)
                    {
                        fail("messages stopped arriving");
                    }
                }
            }
        }

        private void drive()
        {
            pubContext.invoke();
            subContext.invoke();
            first.poll(this, 64);
            second.poll(this, 64);
        }

        @Override
        public void onMessage(final MessageView message)
        {
            received++;
        }
    }
}
