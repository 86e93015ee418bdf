package io.monocoque.api;

import io.monocoque.api.testing.TestResources;
import io.monocoque.engine.shared.HandOffSlots;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;

import static io.monocoque.api.testing.Await.await;
import static io.monocoque.api.testing.Await.awaitPeers;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A message too large for one ring record (an eighth of the receive HWM: 512 KiB by default) reaches the
 * application without a copy in user space: the engine lends
 * the read buffer holding it ({@link HandOffSlots}), the reader hands the message out from there and gives the
 * buffer back. These tests check that the hand-off is really taken, that the buffer comes back after a poll handler
 * or a copy into a {@link Message}, and that a reader falling behind (every slot lent, the rest as fragments) still
 * gets every large and small message whole and in order, on PULL, DEALER and ROUTER.
 */
class LargeMessageHandOffTest
{
    private static final int LARGE = 1024 * 1024;
    private static final long TIMEOUT_MS = 10_000;

    @RegisterExtension
    final TestResources resources = new TestResources();
    private final Context context = resources.context();

    @Test
    void shouldHandALargeMessageToAPollHandlerThroughALentBufferAndTakeTheBufferBack()
    {
        final Socket pull = socket(SocketType.PULL);
        final Socket push = connectedPush(pull);

        assertTrue(push.send(LentMessages.payload(LARGE, 7)));
        final List<String> problems = new ArrayList<>();
        final int[] received = {0};
        await("the large message", () ->
        {
            pull.poll(view ->
            {
                received[0]++;
                check(view, LARGE, 7, problems);
            }, 1);
            return received[0] == 1;
        });
        assertEquals(List.of(), problems);
        final HandOffSlots slots = pull.startedProxy().handOffSlots();
        assertNotNull(slots.buffer(0), "the message came in a lent read buffer, not in fragments");
        assertEquals(0, LentMessages.lentSlots(slots), "the buffer went back once the handler returned");
    }

    @Test
    void shouldCopyALentMessageIntoAMessageAndTakeTheBufferBack()
    {
        final Socket pull = socket(SocketType.PULL);
        final Socket push = connectedPush(pull);

        assertTrue(push.send(LentMessages.payload(LARGE, 3), LentMessages.payload(LARGE + 17, 4)));
        final Message message = new Message();
        assertTrue(pull.recv(message));
        assertEquals(2, message.frameCount());
        LentMessages.assertFrame(message.frame(0), LARGE, 3);
        LentMessages.assertFrame(message.frame(1), LARGE + 17, 4);
        assertNotNull(pull.startedProxy().handOffSlots().buffer(0), "it came in a lent read buffer");
        assertEquals(0, LentMessages.lentSlots(pull.startedProxy().handOffSlots()), "the copy returned the buffer");
    }

    @Test
    void shouldDeliverEveryMessageWholeAndInOrderWhenTheReaderFallsBehindTheLentBuffers()
    {
        final Socket pull = socket(SocketType.PULL); // the default receive HWM: a 1 MiB message is over a record
        final Socket push = connectedPush(pull);

        final int count = 12;
        for (int i = 0; i < count; i++)
        {
            assertTrue(push.send(LentMessages.payload(LARGE + i, i)));
            assertTrue(push.send(LentMessages.payload(10, 100 + i)));
        }
        // Nothing is read until the engine has had time to lend every slot and fragment the rest.
        await("the messages to arrive", () -> pull.startedProxy().receiveRing().size() > 0 &&
            LentMessages.lentSlots(pull.startedProxy().handOffSlots()) == HandOffSlots.DEFAULT_COUNT);
        for (int i = 0; i < count; i++)
        {
            LentMessages.assertFrame(recvOne(pull), LARGE + i, i);
            LentMessages.assertFrame(recvOne(pull), 10, 100 + i);
        }
        assertEquals(0, LentMessages.lentSlots(pull.startedProxy().handOffSlots()));
    }

    @Test
    void shouldPutTheRoutingIdInFrontOfLargeMessagesOnARouter()
    {
        final Socket router = socket(SocketType.ROUTER);
        final Socket dealer = socket(SocketType.DEALER);
        dealer.identity("dealer-1".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        dealer.connect(router.bind("tcp://127.0.0.1:0"));
        awaitPeers(dealer, 1);

        for (int i = 0; i < 4; i++)
        {
            // A small message first puts consumed bytes in front of the large one, room for the routing-id frame.
            assertTrue(dealer.send(LentMessages.payload(5, 50 + i)));
            assertTrue(dealer.send(LentMessages.payload(LARGE, i)));
        }
        for (int i = 0; i < 4; i++)
        {
            for (final int size : new int[]{5, LARGE})
            {
                final byte[][] frames = router.recvMultipart();
                assertNotNull(frames, "message " + i + " of " + size + " bytes");
                assertEquals(2, frames.length);
                assertEquals("dealer-1", new String(frames[0], java.nio.charset.StandardCharsets.US_ASCII));
                LentMessages.assertFrame(frames[1], size, size == LARGE ? i : 50 + i);
            }
        }
        assertEquals(0, LentMessages.lentSlots(router.startedProxy().handOffSlots()));
    }

    private Socket socket(final SocketType type)
    {
        final Socket socket = context.socket(type);
        socket.rcvTimeoutMs(TIMEOUT_MS);
        socket.sndTimeoutMs(TIMEOUT_MS);
        socket.lingerMs(0);
        return socket;
    }

    /** A PUSH with room for 16 large messages, connected to {@code pull}. */
    private Socket connectedPush(final Socket pull)
    {
        final Socket push = socket(SocketType.PUSH);
        push.sndHwmBytes(16L * LARGE);
        push.connect(pull.bind("tcp://127.0.0.1:0"));
        awaitPeers(push, 1);
        return push;
    }

    private static byte[] recvOne(final Socket socket)
    {
        final byte[][] frames = socket.recvMultipart();
        assertNotNull(frames, "a message within " + TIMEOUT_MS + " ms");
        assertEquals(1, frames.length);
        return frames[0];
    }

    private static void check(final MessageView view, final int size, final int mark, final List<String> problems)
    {
        if (view.frameCount() != 1 || !view.next() || view.length() != size)
        {
            problems.add("not one frame of " + size + " bytes");
            return;
        }
        final UnsafeBuffer copy = new UnsafeBuffer(new byte[size]);
        copy.putBytes(0, view.buffer(), view.offset(), size);
        try
        {
            LentMessages.assertFrame(copy.byteArray(), size, mark);
        }
        catch (final AssertionError ex)
        {
            problems.add(ex.getMessage());
        }
    }
}
