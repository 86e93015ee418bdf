package io.monocoque.api;

import io.monocoque.api.testing.TestResources;
import io.monocoque.engine.shared.HandOffSlots;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static io.monocoque.api.LentMessages.assertFrame;
import static io.monocoque.api.LentMessages.lentSlots;
import static io.monocoque.api.LentMessages.payload;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A read that brings many small messages at once (a batch of 16 KiB or more) reaches the application in the read
 * buffer the engine read it into, lent through the socket's {@link HandOffSlots} as a large message is, instead of
 * being copied into the receive ring. These tests check that the loan is really made, that a reader taking a few
 * messages per poll walks the lent batch across polls and gives the buffer back after its last message, that
 * {@code events()} and copies into a {@link Message} see the same messages, and that a reader falling behind (every
 * slot lent, later batches copied into the ring) still gets every message whole and in order.
 * <p>
 * The receiver runs in INVOKER mode, so its engine reads only when the test drives it: the sender's burst waits in
 * the kernel meanwhile and the reads are large by construction, not by the scheduler's grace (a receiver that keeps
 * up reads small batches, which are copied, as they should be).
 */
class LentBatchTest
{
    private static final int SMALL = 100;
    private static final int BURST = 20_000;
    private static final long TIMEOUT_MS = 10_000;
    /** How long the burst is left to fill the kernel's buffers before the receiver reads. */
    private static final long SETTLE_MS = 200;

    @RegisterExtension
    final TestResources resources = new TestResources();
    private final Context context = resources.context();
    private final Context receiving = Context.builder().threadingMode(ThreadingMode.INVOKER).build();

    @AfterEach
    void closeReceivingContext()
    {
        receiving.close();
    }

    @Test
    void shouldHandABurstOfSmallMessagesOverThroughALentReadBufferAcrossPolls()
    {
        final Socket pull = receiver(SocketType.PULL);
        final Socket push = connected(SocketType.PUSH, pull);
        for (int i = 0; i < BURST; i++)
        {
            assertTrue(push.send(payload(SMALL, i)));
        }
        settle();
        final List<String> problems = new ArrayList<>();
        final int[] received = {0};
        final MessageHandler check = view ->
        {
            if (view.frameCount() != 1 || !view.next() || !matches(view, SMALL, received[0]))
            {
                problems.add("message " + received[0] + " is not its payload");
            }
            received[0]++;
        };
        drive("the burst", () ->
        {
            pull.poll(check, 7); // a few messages per poll: a lent batch is walked across polls
            return received[0] == BURST;
        });
        assertEquals(List.of(), problems);
        final HandOffSlots slots = pull.startedProxy().handOffSlots();
        assertNotNull(slots.buffer(0), "a batch came in a lent read buffer, not copied into the ring");
        assertEquals(0, lentSlots(slots), "every lent buffer went back after its last message");
    }

    @Test
    void shouldDeliverMultipartMessagesOfALentBatchWholeToEventsAndToCopies()
    {
        final Socket pull = receiver(SocketType.DEALER);
        final Socket push = connected(SocketType.DEALER, pull);
        for (int i = 0; i < BURST; i++)
        {
            assertTrue(push.send(payload(3, i), payload(SMALL, i)));
        }
        settle();
        final Message message = new Message();
        for (int i = 0; i < BURST; i++)
        {
            drive("message " + i, () -> (pull.events() & Poller.POLLIN) != 0);
            assertTrue(pull.recv(message), "message " + i);
            assertEquals(2, message.frameCount());
            assertFrame(message.frame(0), 3, i);
            assertFrame(message.frame(1), SMALL, i);
        }
        assertNotNull(pull.startedProxy().handOffSlots().buffer(0), "a batch came in a lent read buffer");
        assertEquals(0, lentSlots(pull.startedProxy().handOffSlots()));
    }

    @Test
    void shouldDeliverEveryMessageInOrderWhenTheReaderFallsBehindTheLentBuffers()
    {
        final Socket pull = receiver(SocketType.PULL);
        final Socket push = connected(SocketType.PUSH, pull);
        final int count = 4 * BURST;
        for (int i = 0; i < count; i++)
        {
            assertTrue(push.send(payload(SMALL, i)));
        }
        // The engine reads without the application taking anything: every slot gets lent, later batches are copied.
        drive("the slots to be lent", () -> lentSlots(pull.startedProxy().handOffSlots()) ==
            HandOffSlots.DEFAULT_COUNT && pull.startedProxy().receiveRing().size() > 1024);
        for (int i = 0; i < count; i++)
        {
            final byte[][] frames = pull.recvMultipart();
            assertNotNull(frames, "message " + i + " within " + TIMEOUT_MS + " ms");
            assertEquals(1, frames.length);
            assertFrame(frames[0], SMALL, i);
        }
        assertEquals(0, lentSlots(pull.startedProxy().handOffSlots()));
    }

    /** A socket of the INVOKER context, bound; its engine runs only in {@link #drive} and its blocking calls. */
    private Socket receiver(final SocketType type)
    {
        final Socket socket = receiving.socket(type);
        socket.rcvTimeoutMs(TIMEOUT_MS);
        socket.lingerMs(0);
        return socket;
    }

    /** A sender with room for the whole burst, connected to {@code receiver}. */
    private Socket connected(final SocketType type, final Socket receiver)
    {
        final Socket sender = context.socket(type);
        sender.sndTimeoutMs(TIMEOUT_MS);
        sender.lingerMs(0);
        sender.sndHwmBytes(64L * 1024 * 1024);
        sender.connect(receiver.bind("tcp://127.0.0.1:0"));
        drive("the connection", () -> sender.connectedPeers() == 1 && receiver.connectedPeers() == 1);
        return sender;
    }

    /** Let the sender's engine write the burst while the receiver's does not read. */
    private static void settle()
    {
        try
        {
            Thread.sleep(SETTLE_MS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            fail("interrupted");
        }
    }

    /** Turn the receiving engine until {@code done}, failing after {@link #TIMEOUT_MS}. */
    private void drive(final String what, final BooleanSupplier done)
    {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MS);
        while (!done.getAsBoolean())
        {
            if (System.nanoTime() > deadline)
            {
                fail("timed out after " + TIMEOUT_MS + " ms waiting for " + what);
            }
            receiving.invoke();
        }
    }

    private static boolean matches(final MessageView view, final int size, final int mark)
    {
        if (view.length() != size)
        {
            return false;
        }
        final UnsafeBuffer buffer = new UnsafeBuffer(view.buffer(), view.offset(), size);
        for (int i = 0; i < size; i++)
        {
            if (buffer.getByte(i) != (byte)(i * 31 + mark))
            {
                return false;
            }
        }
        return true;
    }
}
