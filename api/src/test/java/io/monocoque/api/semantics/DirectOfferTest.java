package io.monocoque.api.semantics;

import io.monocoque.api.Context;
import io.monocoque.api.HostUnreachableException;
import io.monocoque.api.Message;
import io.monocoque.api.ReqSocket;
import io.monocoque.api.RouterSocket;
import io.monocoque.api.SendResult;
import io.monocoque.api.Socket;
import io.monocoque.api.SocketType;
import io.monocoque.api.testing.Await;
import io.monocoque.api.testing.TestResources;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.concurrent.ThreadLocalRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DEALER, PUSH and PAIR encode an {@code offer} of a buffer or of byte arrays, and a blocking {@code send} of byte
 * arrays, straight into the send ring, and so do a ROUTER (the frames after the routing id), a REQ and a REP (behind
 * their envelopes) and an XSUB (subscriptions and upstream messages alike): every
 * frame must arrive as given (bodies, MORE flags, short and long headers), at every size up to one ring record and
 * past it (where the offer falls back to the encoded path and is fragmented; past half the ring a blocking send
 * streams it), and take the same ring bytes as the same message offered as a {@link Message}.
 */
class DirectOfferTest
{
    /** A 64 KiB ring holds records of up to 8 KiB. */
    private static final long HWM_BYTES = 64 * 1024;
    /** A 16 KiB ring: records of up to 2 KiB, and a message over 8 KiB is streamed by a blocking send. */
    private static final long SMALL_HWM_BYTES = 16 * 1024;
    private static final int[] SIZES = {0, 1, 255, 256, 1000, 8_100, 8_160, 8_192, 8_193, 20_000, 200_000};

    @RegisterExtension
    final TestResources resources = new TestResources();
    private final Context context = resources.context();

    @ParameterizedTest
    @ValueSource(strings = {"DEALER", "PUSH", "PAIR"})
    void everyFrameArrivesAsGivenAtEverySize(final String type)
    {
        final SocketType senderType = SocketType.valueOf(type);
        final SocketType receiverType = senderType == SocketType.PUSH ? SocketType.PULL : senderType;
        final Socket receiver = context.socket(receiverType).rcvHwmBytes(HWM_BYTES).rcvTimeoutMs(Await.WAIT_MS);
        final Socket sender = context.socket(senderType).sndHwmBytes(HWM_BYTES).sndTimeoutMs(Await.WAIT_MS);
        sender.connect(receiver.bind("tcp://127.0.0.1:0"));
        Await.awaitPeers(sender, 1);
        final Message received = new Message();
        for (final int size : SIZES)
        {
            final byte[] body = random(size);
            offerUntilTaken(sender, new UnsafeBuffer(body), size);
            assertTrue(receiver.recv(received));
            assertEquals(1, received.frameCount(), "frames of a " + size + "-byte single-frame offer");
            assertArrayEquals(body, received.frame(0), "body of a " + size + "-byte single-frame offer");

            final byte[][] frames = {random(3), body, new byte[0], random(size % 300)};
            offerUntilTaken(sender, frames);
            assertTrue(receiver.recv(received));
            assertEquals(frames.length, received.frameCount(), "frames of a multipart offer around " + size);
            for (int i = 0; i < frames.length; i++)
            {
                assertArrayEquals(frames[i], received.frame(i), "frame " + i + " of a multipart offer around " + size);
            }

            assertTrue(sender.send(frames), "a blocking send around " + size);
            assertTrue(receiver.recv(received));
            for (int i = 0; i < frames.length; i++)
            {
                assertArrayEquals(frames[i], received.frame(i), "frame " + i + " of a multipart send around " + size);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 64, 255, 256, 4000})
    void aDirectOfferTakesTheSameRingBytesAsTheSameMessage(final int size)
    {
        final Socket pull = context.socket(SocketType.PULL);
        final Socket push = context.socket(SocketType.PUSH).lingerMs(0); // what it queued does not matter here
        push.connect(pull.bind("tcp://127.0.0.1:0"));
        final byte[] body = random(size);
        final byte[][] frames = {random(7), body};

        assertEquals(push.offer(new Message().add(body)), push.offer(new UnsafeBuffer(body), 0, size));
        assertEquals(push.offer(new Message().add(frames[0]).add(frames[1])), push.offer(frames));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 255, 256, 5000, 20_000})
    void aRouterWritesTheFramesAfterTheRoutingIdStraightToThatPeer(final int size)
    {
        final RouterSocket router = (RouterSocket)context.socket(SocketType.ROUTER).sndHwmBytes(HWM_BYTES);
        final Socket dealer = context.socket(SocketType.DEALER).identity("peer-1".getBytes())
            .rcvTimeoutMs(Await.WAIT_MS);
        dealer.connect(router.bind("tcp://127.0.0.1:0"));
        Await.awaitPeers(router, 1);
        final byte[][] frames = {"peer-1".getBytes(), random(size), random(3)};
        final Message received = new Message();

        while (router.offer(frames) <= 0)
        {
            Thread.yield();
        }
        assertTrue(dealer.recv(received));
        assertEquals(2, received.frameCount());
        assertArrayEquals(frames[1], received.frame(0));
        assertArrayEquals(frames[2], received.frame(1));
        assertTrue(router.send(frames));
        assertTrue(dealer.recv(received));
        assertArrayEquals(frames[1], received.frame(0));

        final byte[][] nobody = {"nobody".getBytes(), random(size)};
        assertTrue(router.offer(nobody) > 0, "an unknown id is dropped silently, as libzmq does");
        router.routerMandatory(true);
        assertEquals(SendResult.HOST_UNREACHABLE, router.offer(nobody));
        assertThrows(HostUnreachableException.class, () -> router.send(nobody));
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void reqAndRepPutTheirEnvelopeInFrontOfFramesWrittenStraightIntoTheRing(final boolean correlate)
    {
        final Socket rep = context.socket(SocketType.REP).rcvTimeoutMs(Await.WAIT_MS);
        final ReqSocket req = ((ReqSocket)context.socket(SocketType.REQ)).reqCorrelate(correlate);
        req.rcvTimeoutMs(Await.WAIT_MS);
        req.connect(rep.bind("tcp://127.0.0.1:0"));
        final Message received = new Message();
        for (int round = 0; round < 3; round++)
        {
            final byte[][] request = {random(10 + round), random(300)};
            assertTrue(req.send(request));
            assertTrue(rep.recv(received));
            assertEquals(2, received.frameCount(), "the REP sees the request without its envelope");
            assertArrayEquals(request[1], received.frame(1));
            final byte[][] reply = {random(round), random(1000)};
            while (rep.offer(reply) <= 0)
            {
                Thread.yield();
            }
            assertTrue(req.recv(received));
            assertEquals(2, received.frameCount(), "the REQ sees the reply without its envelope");
            assertArrayEquals(reply[0], received.frame(0));
            assertArrayEquals(reply[1], received.frame(1));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 255, 256, 5000, 20_000})
    void reqAndRepPutTheirEnvelopeInFrontOfASingleFrameOfferOfABuffer(final int size)
    {
        final Socket rep = context.socket(SocketType.REP).sndHwmBytes(HWM_BYTES).rcvTimeoutMs(Await.WAIT_MS);
        final ReqSocket req = (ReqSocket)context.socket(SocketType.REQ).sndHwmBytes(HWM_BYTES);
        req.rcvTimeoutMs(Await.WAIT_MS);
        req.connect(rep.bind("tcp://127.0.0.1:0"));
        final Message received = new Message();
        for (final boolean correlate : new boolean[]{false, true})
        {
            req.reqCorrelate(correlate);
            final byte[] request = random(size);
            offerUntilTaken(req, new UnsafeBuffer(request), size);
            assertTrue(rep.recv(received));
            assertEquals(1, received.frameCount(), "the REP sees the request without its envelope");
            assertArrayEquals(request, received.frame(0));
            final byte[] reply = random(size + 1);
            offerUntilTaken(rep, new UnsafeBuffer(reply), reply.length);
            assertTrue(req.recv(received));
            assertEquals(1, received.frameCount(), "the REQ sees the reply without its envelope");
            assertArrayEquals(reply, received.frame(0));
        }
        assertTrue(req.send("text"), "send(String)");
        assertTrue(rep.recv(received));
        assertEquals("text", new String(received.frame(0), java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Up to 20 KB: an XPUB hands upstream messages of at most 32 KiB to its application (see the README). */
    @ParameterizedTest
    @ValueSource(ints = {0, 255, 256, 5000, 20_000})
    void anXsubWritesItsSubscriptionsAndMessagesStraightIntoTheRingAndThePublisherAppliesThem(final int size)
    {
        final Socket xpub = context.socket(SocketType.XPUB).rcvTimeoutMs(Await.WAIT_MS);
        final Socket xsub = context.socket(SocketType.XSUB).sndHwmBytes(HWM_BYTES).rcvTimeoutMs(Await.WAIT_MS);
        xsub.connect(xpub.bind("tcp://127.0.0.1:0"));
        Await.awaitPeers(xsub, 1);
        final Message received = new Message();

        final byte[] subscription = {1, 't', 'o', 'p'};
        offerUntilTaken(xsub, new UnsafeBuffer(subscription), subscription.length);
        assertTrue(xpub.recv(received), "the subscription reaches the publisher");
        assertArrayEquals(subscription, received.frame(0));

        final byte[] upstream = random(size);
        if (size > 0)
        {
            upstream[0] = 7; // neither 0x00 nor 0x01: not a subscription
        }
        final byte[][] frames = {upstream, random(3)};
        offerUntilTaken(xsub, frames);
        assertTrue(xpub.recv(received), "an upstream message of " + size + " bytes");
        assertEquals(2, received.frameCount(), "frames " + received);
        assertArrayEquals(upstream, received.frame(0));
        assertArrayEquals(frames[1], received.frame(1));

        // The subscription took effect: the publisher's message on that topic arrives.
        assertTrue(xpub.send(new byte[][]{"topic".getBytes(java.nio.charset.StandardCharsets.US_ASCII)}));
        assertTrue(xsub.recv(received));
        assertEquals("topic", new String(received.frame(0), java.nio.charset.StandardCharsets.US_ASCII));
    }

    /**
     * With a 16 KiB send ring (records of 2 KiB): 5,000 bytes go as fragments all at once, 20,000 are streamed in
     * as the engine takes them.
     */
    @ParameterizedTest
    @ValueSource(ints = {5000, 20_000})
    void anXsubSendsAMessageLargerThanARingRecordWholeToEveryPublisher(final int size)
    {
        final Socket xsub = context.socket(SocketType.XSUB).sndHwmBytes(SMALL_HWM_BYTES).sndTimeoutMs(Await.WAIT_MS);
        final Socket[] publishers = new Socket[2];
        for (int i = 0; i < publishers.length; i++)
        {
            publishers[i] = context.socket(SocketType.XPUB).rcvTimeoutMs(Await.WAIT_MS);
            xsub.connect(publishers[i].bind("tcp://127.0.0.1:0"));
        }
        Await.awaitPeers(xsub, publishers.length);
        final byte[] upstream = random(size);
        upstream[0] = 7; // not a subscription
        final byte[][] frames = {upstream, random(3)};
        assertTrue(xsub.send(frames));
        final Message received = new Message();
        for (final Socket publisher : publishers)
        {
            assertTrue(publisher.recv(received), "the message at every publisher");
            assertEquals(2, received.frameCount());
            assertArrayEquals(upstream, received.frame(0), "the first frame, whole");
            assertArrayEquals(frames[1], received.frame(1));
        }
        assertEquals(0, xsub.droppedMessages());
    }

    private static void offerUntilTaken(final Socket sender, final UnsafeBuffer body, final int size)
    {
        if (size > HWM_BYTES / 2)
        {
            assertTrue(sender.send(new Message().add(body, 0, size))); // the ring can never hold it: streamed
            return;
        }
        while (sender.offer(body, 0, size) <= 0)
        {
            Thread.yield();
        }
    }

    private static void offerUntilTaken(final Socket sender, final byte[][] frames)
    {
        long total = 0;
        for (final byte[] frame : frames)
        {
            total += frame.length;
        }
        if (total > HWM_BYTES / 2)
        {
            assertTrue(sender.send(frames));
            return;
        }
        while (sender.offer(frames) <= 0)
        {
            Thread.yield();
        }
    }

    private static byte[] random(final int size)
    {
        final byte[] bytes = new byte[size];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }
}
