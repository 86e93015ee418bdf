package io.monocoque.api;

import io.monocoque.api.testing.AllocationCounting;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Messages too large for a ring record allocate nothing in steady state either: 1 MiB PUSH-PULL in INVOKER mode (one
 * thread runs the application calls and the engine), sent with {@code offer(DirectBuffer…)} as send-ring fragments,
 * written from the send ring, lent to the reader in its read buffer and polled as views. Once every hand-off slot
 * has a buffer and the JIT has settled (adaptive warm-up, as {@code ZeroAllocationTest} explains), a round of
 * {@link #ROUND} messages allocates exactly 0 bytes on that thread. So do bursts of small messages, which reach the
 * reader as batches lent in the read buffer they were read into.
 */
class LargeMessageZeroAllocationTest
{
    private static final int SIZE = 1024 * 1024;
    private static final int ROUND = 200;
    private static final int SMALL_SIZE = 64;
    private static final int SMALL_ROUND = 200_000;
    private static final int SMALL_SETTLED_ROUNDS = 5;
    private static final long SMALL_WARM_UP_NS = 2_000_000_000L;
    private static final int SETTLED_ROUNDS = 3;
    private static final int MAX_WARM_UP_ROUNDS = 40;
    private static final com.sun.management.ThreadMXBean THREADS = AllocationCounting.THREADS;

    @BeforeAll
    static void enableAllocationCounting()
    {
        AllocationCounting.enable();
    }

    @Test
    void shouldAllocateNothingForLargeMessagesInSteadyState()
    {
        try (Context context = Context.builder().threadingMode(ThreadingMode.INVOKER).build())
        {
            final Socket pull = context.socket(SocketType.PULL);
            final Socket push = context.socket(SocketType.PUSH);
            pull.lingerMs(0);
            push.lingerMs(0);
            push.connect(pull.bind("tcp://127.0.0.1:0"));
            final Stream stream = new Stream(context, push, pull, SIZE, false);
            final StringBuilder history = new StringBuilder();
            int clean = 0;
            for (int round = 0; clean < SETTLED_ROUNDS; round++)
            {
                if (round == MAX_WARM_UP_ROUNDS)
                {
                    fail("allocation did not settle to 0 within " + MAX_WARM_UP_ROUNDS + " rounds:" + history);
                }
                final long before = THREADS.getCurrentThreadAllocatedBytes();
                final boolean complete = stream.round(ROUND);
                final long bytes = THREADS.getCurrentThreadAllocatedBytes() - before;
                assertTrue(complete, "every message arrived whole");
                history.append(' ').append(bytes);
                clean = bytes == 0 ? clean + 1 : 0;
            }
            System.out.println("1 MiB PUSH-PULL, INVOKER mode, bytes per round of " + ROUND + ":" + history);
            assertNotNull(pull.startedProxy().handOffSlots().buffer(0), "the messages came by hand-off");
        }
    }

    @Test
    void shouldAllocateNothingForLentBatchesOfSmallMessagesInSteadyState()
    {
        try (Context context = Context.builder().threadingMode(ThreadingMode.INVOKER).build())
        {
            final Socket pull = context.socket(SocketType.PULL);
            final Socket push = context.socket(SocketType.PUSH);
            pull.lingerMs(0);
            push.lingerMs(0);
            push.connect(pull.bind("tcp://127.0.0.1:0"));
            final Stream stream = new Stream(context, push, pull, SMALL_SIZE, true);
            // The JIT is busier with this stream's many paths (a C2 request charges its string constants to this
            // thread): run it a while before counting rounds, as a benchmark's warm-up would.
            final long warmUpEnd = System.nanoTime() + SMALL_WARM_UP_NS;
            while (System.nanoTime() < warmUpEnd)
            {
                stream.sendAndReceive(SMALL_ROUND);
            }
            AllocationCounting.assertAllocatesNothingAfterWarmUp("64 B PUSH-PULL bursts, INVOKER mode",
                stream::sendAndReceive, SMALL_ROUND, SMALL_SETTLED_ROUNDS, MAX_WARM_UP_ROUNDS, SMALL_SETTLED_ROUNDS);
            assertTrue(stream.intact, "every message arrived whole");
            assertNotNull(pull.startedProxy().handOffSlots().buffer(0), "the reads' batches were lent");
        }
    }

    /**
     * The measured loop; holds no string constant (see ZeroAllocationTest on C2 and string literals). In bursts, it
     * offers as many messages as the send ring takes before each turn of the engine, so that reads bring batches
     * large enough to be lent; otherwise one per turn.
     */
    private static final class Stream implements MessageHandler
    {
        private final Context context;
        private final Socket push;
        private final Socket pull;
        private final int size;
        private final boolean bursts;
        private final UnsafeBuffer body;
        private long received;
        private boolean intact = true;

        Stream(final Context context, final Socket push, final Socket pull, final int size, final boolean bursts)
        {
            this.context = context;
            this.push = push;
            this.pull = pull;
            this.size = size;
            this.bursts = bursts;
            this.body = new UnsafeBuffer(ByteBuffer.allocateDirect(size));
        }

        boolean round(final int count)
        {
            sendAndReceive(count);
            return intact;
        }

        void sendAndReceive(final int count)
        {
            received = 0;
            int sent = 0;
            while (received < count)
            {
                while (sent < count && push.offer(body, 0, size) >= 0)
                {
                    sent++;
                    if (!bursts)
                    {
                        break;
                    }
                }
                context.invoke();
                pull.poll(this, count);
            }
        }

        @Override
        public void onMessage(final MessageView message)
        {
            intact &= message.next() && message.length() == size && !message.hasMore();
            received++;
        }
    }
}
