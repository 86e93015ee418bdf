package io.monocoque.api;

import io.monocoque.api.testing.TestResources;
import io.monocoque.engine.shared.HandOffSlots;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.monocoque.api.testing.Await.await;
import static io.monocoque.api.testing.Await.awaitPeers;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A read that brings many small messages at once (a batch of 16 KiB or more) reaches the application in the read
 * buffer the engine read it into, lent through the socket's {@link HandOffSlots} as a large message is, instead of
 * being copied into the receive ring. These tests check that the loan is really made, that a reader taking a few
 * messages per poll walks the lent batch across polls and gives the buffer back after its last message, that
 * {@code events()} and copies into a {@link Message} see the same messages, and that a reader falling behind (every
 * slot lent, later batches copied into the ring) still gets every message whole and in order.
 */
class LentBatchTest
{
    private static final int SMALL = 100;
    private static final int BURST = 20_000;
    private static final long TIMEOUT_MS = 10_000;

    @RegisterExtension
    final TestResources resources = new TestResources();
    private final Context context = resources.context();

    @Test
    void shouldHandABurstOfSmallMessagesOverThroughALentReadBufferAcrossPolls()
    {
        final Socket pull = socket(SocketType.PULL);
        final Socket push = connected(SocketType.PUSH, pull);
        for (int i = 0; i < BURST; i++)
        {
            assertTrue(push.send(LentMessages.payload(SMALL, i)));
        }
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
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MS);
        while (received[0] < BURST && System.nanoTime() < deadline)
        {
            pull.poll(check, 7); // a few messages per poll: a lent batch is walked across polls
        }
        assertEquals(BURST, received[0], "messages within " + TIMEOUT_MS + " ms");
        assertEquals(List.of(), problems);
        final HandOffSlots slots = pull.startedProxy().handOffSlots();
        assertNotNull(slots.buffer(0), "a batch came in a lent read buffer, not copied into the ring");
        assertEquals(0, LentMessages.lentSlots(slots), "every lent buffer went back after its last message");
    }

    @Test
    void shouldDeliverMultipartMessagesOfALentBatchWholeToEventsAndToCopies()
    {
        final Socket pull = socket(SocketType.DEALER);
        final Socket push = connected(SocketType.DEALER, pull);
        for (int i = 0; i < BURST; i++)
        {
            assertTrue(push.send(LentMessages.payload(3, i), LentMessages.payload(SMALL, i)));
        }
        final Message message = new Message();
        for (int i = 0; i < BURST; i++)
        {
            await("message " + i, () -> (pull.events() & Poller.POLLIN) != 0);
            assertTrue(pull.recv(message), "message " + i);
            assertEquals(2, message.frameCount());
            LentMessages.assertFrame(message.frame(0), 3, i);
            LentMessages.assertFrame(message.frame(1), SMALL, i);
        }
        assertNotNull(pull.startedProxy().handOffSlots().buffer(0), "a batch came in a lent read buffer");
        assertEquals(0, LentMessages.lentSlots(pull.startedProxy().handOffSlots()));
    }

    @Test
    void shouldDeliverEveryMessageInOrderWhenTheReaderFallsBehindTheLentBuffers()
    {
        final Socket pull = socket(SocketType.PULL);
        final Socket push = connected(SocketType.PUSH, pull);
        final int count = 4 * BURST;
        for (int i = 0; i < count; i++)
        {
            assertTrue(push.send(LentMessages.payload(SMALL, i)));
        }
        // Nothing is read until every slot is lent and later batches wait in the ring as copies.
        await("the slots to be lent", () -> LentMessages.lentSlots(pull.startedProxy().handOffSlots()) ==
            HandOffSlots.DEFAULT_COUNT && pull.startedProxy().receiveRing().size() > 1024);
        for (int i = 0; i < count; i++)
        {
            final byte[][] frames = pull.recvMultipart();
            assertNotNull(frames, "message " + i + " within " + TIMEOUT_MS + " ms");
            assertEquals(1, frames.length);
            LentMessages.assertFrame(frames[0], SMALL, i);
        }
        assertEquals(0, LentMessages.lentSlots(pull.startedProxy().handOffSlots()));
    }

    private Socket socket(final SocketType type)
    {
        final Socket socket = context.socket(type);
        socket.rcvTimeoutMs(TIMEOUT_MS);
        socket.sndTimeoutMs(TIMEOUT_MS);
        socket.lingerMs(0);
        return socket;
    }

    /** A sender with room for the whole burst, connected to {@code receiver}. */
    private Socket connected(final SocketType type, final Socket receiver)
    {
        final Socket sender = socket(type);
        sender.sndHwmBytes(64L * 1024 * 1024);
        sender.connect(receiver.bind("tcp://127.0.0.1:0"));
        awaitPeers(sender, 1);
        return sender;
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
