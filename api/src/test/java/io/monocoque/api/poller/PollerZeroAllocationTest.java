package io.monocoque.api.poller;

import io.monocoque.api.Context;
import io.monocoque.api.MessageHandler;
import io.monocoque.api.Poller;
import io.monocoque.api.Socket;
import io.monocoque.api.SocketType;
import io.monocoque.api.ThreadingMode;
import io.monocoque.api.testing.AllocationCounting;
import io.monocoque.api.testing.Await;
import io.monocoque.api.testing.TestResources;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.function.IntConsumer;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link Poller#poll} allocates nothing: over ten sockets with one ready, and in a ping-pong where every poll waits
 * (arms the sockets' waiters and parks in DEDICATED mode, drives and sleeps in the engine's selector in INVOKER
 * mode), counted exactly by HotSpot's per-thread allocation counter on the polling thread. As in the engine's
 * {@code ZeroAllocationTest}, warm-up runs in rounds until three in a row allocate nothing (the JIT charges one-off
 * string-constant resolution to the thread that asks for a compilation); the measured window has no tolerance.
 */
class PollerZeroAllocationTest
{
    private static final int SOCKETS = 10;
    private static final int ROUND = 20_000;
    /** 60,000 polls measured. */
    private static final int MEASURED_ROUNDS = 3;
    private static final int SETTLED_ROUNDS = 3;
    private static final int MAX_WARM_UP_ROUNDS = 60;
    private static final long WAIT_MS = Await.WAIT_MS;

    @RegisterExtension
    final TestResources resources = new TestResources();

    @BeforeAll
    static void enableAllocationCounting()
    {
        AllocationCounting.enable();
    }

    @Test
    void pollingTenSocketsWithOneReadyAllocatesNothing()
    {
        final Context context = resources.context();
        final Poller poller = new Poller(SOCKETS);
        Socket ready = null;
        for (int i = 0; i < SOCKETS; i++)
        {
            final Socket pull = context.socket(SocketType.PULL);
            final String endpoint = pull.bind("tcp://127.0.0.1:0");
            poller.register(pull, Poller.POLLIN);
            if (i == SOCKETS / 2)
            {
                final Socket push = context.socket(SocketType.PUSH);
                push.connect(endpoint);
                push.send("stays");
                ready = pull;
            }
        }
        final Socket readySocket = ready;
        Await.await("the message at the PULL", () -> readySocket.events() != 0);
        final Loops loops = new Loops(poller, null, null);
        assertAllocatesNothing(loops::pollReady, "poll(0) over ten sockets with one ready");
    }

    @Test
    void pollsThatWaitForEachMessageAllocateNothingInDedicatedMode()
    {
        pingPong(resources.context());
    }

    @Test
    void pollsThatWaitForEachMessageAllocateNothingInInvokerMode()
    {
        pingPong(resources.context(Context.builder().threadingMode(ThreadingMode.INVOKER)));
    }

    private static void pingPong(final Context context)
    {
        final Socket out = context.socket(SocketType.DEALER);
        final Socket in = context.socket(SocketType.DEALER);
        out.connect(in.bind("tcp://127.0.0.1:0"));
        final Poller poller = new Poller(SOCKETS);
        for (int i = 1; i < SOCKETS; i++)
        {
            final Socket idle = context.socket(SocketType.PULL);
            idle.bind("tcp://127.0.0.1:0");
            poller.register(idle, Poller.POLLIN);
        }
        poller.register(in, Poller.POLLIN);
        final Loops loops = new Loops(poller, out, in);
        assertAllocatesNothing(loops::sendAndPollEach, "offer, poll(-1) until it arrives, poll(handler)");
    }

    private static void assertAllocatesNothing(final IntConsumer loop, final String what)
    {
        AllocationCounting.assertAllocatesNothingAfterWarmUp(what, loop, ROUND, SETTLED_ROUNDS, MAX_WARM_UP_ROUNDS,
            MEASURED_ROUNDS);
    }

    /** The measured loops: no string constants here, so compiling them resolves none on the polling thread. */
    private static final class Loops implements MessageHandler
    {
        private final Poller poller;
        private final Socket out;
        private final Socket in;
        private final UnsafeBuffer payload = new UnsafeBuffer(new byte[64]);
        private int received;

        Loops(final Poller poller, final Socket out, final Socket in)
        {
            this.poller = poller;
            this.out = out;
            this.in = in;
        }

        void pollReady(final int count)
        {
            for (int i = 0; i < count; i++)
            {
                check(poller.poll(0) == 1);
            }
        }

        void sendAndPollEach(final int count)
        {
            for (int i = 0; i < count; i++)
            {
                check(out.offer(payload, 0, payload.capacity()) > 0);
                check(poller.poll(WAIT_MS) == 1);
                received = 0;
                check(in.poll(this, 1) == 1 && received == 1);
            }
        }

        @Override
        public void onMessage(final io.monocoque.api.MessageView message)
        {
            received++;
        }

        private static void check(final boolean condition)
        {
            assertTrue(condition);
        }
    }
}
