package io.monocoque.api.semantics;

import io.monocoque.api.Context;
import io.monocoque.api.Message;
import io.monocoque.api.MessageBatch;
import io.monocoque.api.MessageTooLargeException;
import io.monocoque.api.SendResult;
import io.monocoque.api.Socket;
import io.monocoque.api.SocketType;
import io.monocoque.api.testing.Await;
import io.monocoque.api.testing.TestResources;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import static io.monocoque.api.testing.TestMessages.recv;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code offer(MessageBatch)} and {@code send(MessageBatch)}: whole messages taken from the front in order, each
 * exactly once, whatever the ring has room for; multipart messages intact; a message too large for one record and the
 * patterns that inspect frames take their usual path; several peers still get one message each in turn; and a
 * JeroMQ peer reads a batch like any other messages.
 */
class MessageBatchTest
{
    /** A 64 KiB ring holds records of up to 8 KiB: a batch of 1,000 small messages spans many records. */
    private static final long HWM_BYTES = 64 * 1024;

    @RegisterExtension
    final TestResources resources = new TestResources();
    private final Context context = resources.context();

    private static byte[] body(final int i)
    {
        return ("message-" + i).getBytes(StandardCharsets.US_ASCII);
    }

    @ParameterizedTest
    @ValueSource(strings = {"DEALER", "PUSH", "PAIR"})
    void aBatchArrivesInOrderEachMessageOnceThoughTheRingTakesItInParts(final String type)
    {
        final SocketType senderType = SocketType.valueOf(type);
        final SocketType receiverType = senderType == SocketType.PUSH ? SocketType.PULL : senderType;
        final Socket receiver = context.socket(receiverType).rcvTimeoutMs(Await.WAIT_MS);
        final Socket sender = context.socket(senderType).sndHwmBytes(HWM_BYTES).sndTimeoutMs(Await.WAIT_MS);
        sender.connect(receiver.bind("tcp://127.0.0.1:0"));
        Await.awaitPeers(sender, 1);

        final int total = 20_000;
        final MessageBatch batch = new MessageBatch(1000);
        final UnsafeBuffer direct = new UnsafeBuffer(ByteBuffer.allocateDirect(64));
        int added = 0;
        int partialOffers = 0;
        while (added < total || !batch.isEmpty())
        {
            while (added < total && fill(batch, added, direct))
            {
                added++;
            }
            final int before = batch.messageCount();
            final long taken = sender.offer(batch);
            if (taken > 0)
            {
                assertEquals(before - taken, batch.messageCount(), "what an offer took left the batch");
                partialOffers += taken < before ? 1 : 0;
            }
            else
            {
                assertEquals(SendResult.BACK_PRESSURED, taken);
                Thread.yield();
            }
        }
        assertTrue(partialOffers > 0, "a 64 KiB ring never took only part of a batch: the test proved nothing");
        final Message received = new Message();
        for (int i = 0; i < total; i++)
        {
            assertTrue(receiver.recv(received), "message " + i);
            if (i % 10 == 9)
            {
                assertEquals(3, received.frameCount(), "multipart message " + i);
                assertArrayEquals(body(i), received.frame(0));
                assertEquals(0, received.frame(1).length);
                assertArrayEquals(new byte[300], received.frame(2), "a frame with a long header");
            }
            else
            {
                assertEquals(1, received.frameCount(), "message " + i);
                assertArrayEquals(body(i), received.frame(0), "message " + i);
            }
        }
    }

    /** Messages alternate byte arrays and a direct buffer; every tenth is multipart. */
    private static boolean fill(final MessageBatch batch, final int i, final UnsafeBuffer direct)
    {
        final byte[] body = body(i);
        if (i % 10 == 9)
        {
            // All three frames or none, so a full batch never keeps a part of this message.
            if (batch.freeFrames() < 3)
            {
                return false;
            }
            return batch.addFrame(body, true) && batch.addFrame(new byte[0], true) &&
                batch.addFrame(new byte[300], false);
        }
        if ((i & 1) == 0)
        {
            return batch.add(body);
        }
        // The batch refers to the buffer until the offer: each direct message needs its own bytes.
        final UnsafeBuffer own = new UnsafeBuffer(new byte[body.length]);
        own.putBytes(0, body);
        return batch.add(own, 0, body.length);
    }

    @Test
    void aMultipartMessageIsTakenOnlyOnceItsLastFrameIsIn()
    {
        final Socket pull = context.socket(SocketType.PULL).rcvTimeoutMs(Await.WAIT_MS);
        final Socket push = context.socket(SocketType.PUSH);
        push.connect(pull.bind("tcp://127.0.0.1:0"));
        final MessageBatch batch = new MessageBatch(8);
        batch.add(body(0));
        batch.addFrame(body(1), true);
        assertEquals(1, batch.messageCount());
        assertEquals(1, push.offer(batch));
        assertTrue(batch.isEmpty());
        assertEquals(0, push.offer(batch), "nothing whole to take");
        batch.addFrame(body(2), false);
        assertEquals(1, push.offer(batch));
        final Message received = new Message();
        assertTrue(pull.recv(received));
        assertArrayEquals(body(0), received.frame(0));
        assertTrue(pull.recv(received));
        assertEquals(2, received.frameCount());
        assertArrayEquals(body(1), received.frame(0));
        assertArrayEquals(body(2), received.frame(1));
    }

    @Test
    void aFullBatchRefusesMoreUntilOfferedAndReusesItsRoom()
    {
        final Socket pull = context.socket(SocketType.PULL).rcvTimeoutMs(Await.WAIT_MS);
        final Socket push = context.socket(SocketType.PUSH).sndTimeoutMs(Await.WAIT_MS);
        push.connect(pull.bind("tcp://127.0.0.1:0"));
        final MessageBatch batch = new MessageBatch(2);
        assertTrue(batch.add(body(0)));
        assertTrue(batch.add(body(1)));
        assertFalse(batch.add(body(2)), "full");
        assertTrue(push.send(batch));
        assertTrue(batch.add(body(2)));
        assertTrue(batch.add(body(3)));
        assertTrue(push.send(batch));
        for (int i = 0; i < 4; i++)
        {
            assertArrayEquals(body(i), recv(pull)[0]);
        }
    }

    @Test
    void withTwoPeersEachGetsEveryOtherMessageOfABatch()
    {
        final Socket first = context.socket(SocketType.PULL).rcvTimeoutMs(Await.WAIT_MS);
        final Socket second = context.socket(SocketType.PULL).rcvTimeoutMs(Await.WAIT_MS);
        final Socket push = context.socket(SocketType.PUSH).sndTimeoutMs(Await.WAIT_MS);
        push.connect(first.bind("tcp://127.0.0.1:0"));
        push.connect(second.bind("tcp://127.0.0.1:0"));
        Await.awaitPeers(push, 2);
        final MessageBatch batch = new MessageBatch(100);
        for (int i = 0; i < 100; i++)
        {
            batch.add(body(i));
        }
        assertTrue(push.send(batch));
        int fromFirst = 0;
        int fromSecond = 0;
        for (int i = 0; i < 50; i++)
        {
            assertNotNull(recv(first)[0]);
            fromFirst++;
            assertNotNull(recv(second)[0]);
            fromSecond++;
        }
        assertEquals(50, fromFirst);
        assertEquals(50, fromSecond);
    }

    @Test
    void aMessageLargerThanARecordInABatchGoesAsFragmentsAndABlockingSendStreamsOneLargerThanTheRing()
    {
        final Socket pull = context.socket(SocketType.PULL).rcvTimeoutMs(Await.WAIT_MS);
        final Socket push = context.socket(SocketType.PUSH).sndHwmBytes(HWM_BYTES).sndTimeoutMs(Await.WAIT_MS);
        push.connect(pull.bind("tcp://127.0.0.1:0"));
        Await.awaitPeers(push, 1);
        final byte[] large = new byte[20_000];
        final byte[] larger = new byte[200_000];
        large[19_999] = 7;
        larger[199_999] = 9;
        final MessageBatch batch = new MessageBatch(8);
        batch.add(body(0));
        batch.add(large);
        batch.add(body(1));
        batch.add(larger);
        batch.add(body(2));
        assertTrue(push.send(batch));
        assertTrue(batch.isEmpty());
        assertArrayEquals(body(0), recv(pull)[0]);
        assertArrayEquals(large, recv(pull)[0]);
        assertArrayEquals(body(1), recv(pull)[0]);
        assertArrayEquals(larger, recv(pull)[0]);
        assertArrayEquals(body(2), recv(pull)[0]);
    }

    @Test
    void aMessageOverMaxMsgSizeStopsTheOfferBeforeItThenIsRefused()
    {
        final Socket pull = context.socket(SocketType.PULL).rcvTimeoutMs(Await.WAIT_MS);
        final Socket push = context.socket(SocketType.PUSH).maxMsgSize(100);
        push.connect(pull.bind("tcp://127.0.0.1:0"));
        final MessageBatch batch = new MessageBatch(8);
        batch.add(body(0));
        batch.add(new byte[101]);
        batch.add(body(1));
        assertEquals(1, push.offer(batch));
        assertThrows(MessageTooLargeException.class, () -> push.offer(batch));
        assertEquals(2, batch.messageCount(), "the refused message stays for the caller to deal with");
        assertArrayEquals(body(0), recv(pull)[0]);
    }

    @Test
    void aRouterBatchRoutesEachMessageByItsFirstFrame()
    {
        final Socket router = context.socket(SocketType.ROUTER).sndTimeoutMs(Await.WAIT_MS);
        final String endpoint = router.bind("tcp://127.0.0.1:0");
        final Socket a = context.socket(SocketType.DEALER).identity("a".getBytes()).rcvTimeoutMs(Await.WAIT_MS);
        final Socket b = context.socket(SocketType.DEALER).identity("b".getBytes()).rcvTimeoutMs(Await.WAIT_MS);
        a.connect(endpoint);
        b.connect(endpoint);
        Await.awaitPeers(router, 2);
        final MessageBatch batch = new MessageBatch(16);
        for (int i = 0; i < 4; i++)
        {
            batch.addFrame((i % 2 == 0 ? "a" : "b").getBytes(), true);
            batch.addFrame(body(i), false);
        }
        assertTrue(router.send(batch));
        assertArrayEquals(body(0), recv(a)[0]);
        assertArrayEquals(body(2), recv(a)[0]);
        assertArrayEquals(body(1), recv(b)[0]);
        assertArrayEquals(body(3), recv(b)[0]);
    }

    @Test
    void aJeromqPullReadsABatchLikeAnyMessages()
    {
        final ZContext jeromq = resources.closeAfterTest(new ZContext());
        final ZMQ.Socket pull = jeromq.createSocket(org.zeromq.SocketType.PULL);
        pull.setReceiveTimeOut((int)Await.WAIT_MS);
        final int port = pull.bindToRandomPort("tcp://127.0.0.1");
        final Socket push = context.socket(SocketType.PUSH).sndTimeoutMs(Await.WAIT_MS);
        push.connect("tcp://127.0.0.1:" + port);
        Await.awaitPeers(push, 1);
        final MessageBatch batch = new MessageBatch(1000);
        for (int i = 0; i < 1000; i++)
        {
            batch.add(body(i));
        }
        assertTrue(push.send(batch));
        for (int i = 0; i < 1000; i++)
        {
            assertArrayEquals(body(i), pull.recv(), "message " + i);
        }
    }
}
