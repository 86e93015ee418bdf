package io.monocoque.api.pubsub.interop;

import io.monocoque.api.Context;
import io.monocoque.api.PubSocket;
import io.monocoque.api.SendResult;
import io.monocoque.api.Socket;
import io.monocoque.api.SubSocket;
import io.monocoque.api.interop.libzmq.RequiresLibzmq;
import io.monocoque.api.pubsub.PubSubSupport;
import io.monocoque.api.testing.RawZmtp;
import io.monocoque.api.testing.Await;
import io.monocoque.api.testing.JeroMqConnect;
import io.monocoque.api.testing.TestResources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.monocoque.api.pubsub.PubSubSupport.syncSubscription;
import static io.monocoque.api.testing.TestMessages.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * PUB publishes messages far larger than an eighth of its ring (the old limit, 512 KiB by default) and larger than
 * a subscriber's HWM, with default HWMs, to Monocoque, JeroMQ and libzmq subscribers: each arrives whole and
 * intact; a subscriber that never reads does not hold up the others; {@code offer} of a message the ring can never
 * hold at once says so.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LargePubSubTest
{
    private static final int MIB = 1024 * 1024;
    private static final int TIMEOUT_MS = 20_000;
    private static final String TOPIC = "big";
    /** 256 MiB of 2 MiB messages: more than a stalled peer's staging and any kernel send buffer hold. */
    private static final int MAX_MESSAGES_TO_A_STALLED_PEER = 128;

    @RegisterExtension
    final TestResources resources = new TestResources();
    private final Context context = resources.context();

    private static byte[] payload(final int size, final int seed)
    {
        final byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++)
        {
            bytes[i] = (byte)(i * 31 + seed + (i >>> 16));
        }
        System.arraycopy(bytes(TOPIC), 0, bytes, 0, TOPIC.length());
        return bytes;
    }

    private PubSocket publisher()
    {
        final PubSocket pub = PubSubSupport.pub(context);
        pub.sndTimeoutMs(TIMEOUT_MS);
        return pub;
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {MIB, 16 * MIB})
    void shouldPublishALargeMessageWholeToAMonocoqueSubscriber(final int size)
    {
        final PubSocket pub = publisher();
        final String endpoint = pub.bind("tcp://127.0.0.1:0");
        final SubSocket sub = PubSubSupport.subscriber(context, endpoint, TOPIC, "probe");
        sub.rcvTimeoutMs(TIMEOUT_MS);
        syncSubscription(pub, sub, "probe");

        // One at a time: a subscriber takes a message larger than its HWM (4 MiB) only below its HWM, so a
        // burst of them faster than it reads would drop some, by design.
        final byte[] first = payload(size, 1);
        assertTrue(pub.send(first));
        assertArrayEquals(first, received(sub)[0]);
        assertTrue(pub.send(bytes(TOPIC), payload(3 * MIB, 3), payload(5 * MIB, 4)), "multipart, large frames");
        final byte[][] multipart = received(sub);
        assertEquals(3, multipart.length);
        assertArrayEquals(payload(3 * MIB, 3), multipart[1]);
        assertArrayEquals(payload(5 * MIB, 4), multipart[2]);
        assertEquals(0, pub.droppedMessages());
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {MIB, 16 * MIB})
    void shouldPublishALargeMessageWholeToAJeromqSubscriber(final int size)
    {
        final PubSocket pub = publisher();
        final String endpoint = pub.bind("tcp://127.0.0.1:0");
        final ZContext jeromq = resources.closeAfterTest(new ZContext());
        final ZMQ.Socket sub = jeromq.createSocket(SocketType.SUB);
        sub.setLinger(0);
        sub.subscribe(bytes(TOPIC));
        sub.subscribe(bytes("probe"));
        JeroMqConnect.connect(jeromq, sub, endpoint, pub, TIMEOUT_MS);
        syncJeromq(pub, sub);

        final byte[] message = payload(size, 5);
        sub.setReceiveTimeOut(TIMEOUT_MS);
        assertTrue(pub.send(message));
        assertArrayEquals(message, sub.recv());
        assertTrue(pub.send(bytes(TOPIC), payload(3 * MIB, 6)));
        assertArrayEquals(bytes(TOPIC), sub.recv());
        assertTrue(sub.hasReceiveMore());
        assertArrayEquals(payload(3 * MIB, 6), sub.recv());
    }

    @RequiresLibzmq
    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {MIB, 16 * MIB})
    void shouldPublishALargeMessageWholeToALibzmqSubscriber(final int size)
    {
        final PubSocket pub = publisher();
        final String endpoint = pub.bind("tcp://127.0.0.1:0");
        final LibzmqPubSubPeer sub = resources.closeAfterTest(LibzmqPubSubPeer.start("--type", "SUB",
            "--connect", endpoint));
        sub.subscribe(TOPIC);
        sub.subscribe("probe");
        LibzmqPubSubInteropTest.syncLibzmqSubscriber(pub, sub, "probe");

        final byte[] message = payload(size, 7);
        assertTrue(pub.send(message));
        assertEquals(List.of(digest(message)), sub.recvDigests(TIMEOUT_MS));
        assertTrue(pub.send(bytes(TOPIC), payload(3 * MIB, 8)));
        assertEquals(List.of(digest(bytes(TOPIC)), digest(payload(3 * MIB, 8))), sub.recvDigests(TIMEOUT_MS));
    }

    @Test
    void shouldDeliverABurstOfLargeMessagesThatFitTheSubscribersHwm()
    {
        final PubSocket pub = publisher();
        final String endpoint = pub.bind("tcp://127.0.0.1:0");
        final SubSocket sub = PubSubSupport.subscriber(context, endpoint, TOPIC, "probe");
        sub.rcvTimeoutMs(TIMEOUT_MS);
        syncSubscription(pub, sub, "probe");

        for (int i = 0; i < 3; i++)
        {
            assertTrue(pub.send(payload(MIB, 20 + i)));
        }
        for (int i = 0; i < 3; i++)
        {
            assertArrayEquals(payload(MIB, 20 + i), received(sub)[0], "message " + i);
        }
        assertEquals(0, pub.droppedMessages());
    }

    @Test
    void shouldKeepPublishingLargeMessagesToAHealthySubscriberWhileAnotherNeverReads() throws Exception
    {
        final PubSocket pub = publisher();
        final String endpoint = pub.bind("tcp://127.0.0.1:0");
        final SubSocket healthy = PubSubSupport.subscriber(context, endpoint, TOPIC, "probe");
        healthy.rcvTimeoutMs(TIMEOUT_MS);
        syncSubscription(pub, healthy, "probe");
        try (java.net.Socket stalled = stalledSubscriber(endpoint))
        {
            Await.await("the stalled subscriber to join", () -> pub.connectedPeers() == 2);
            // How much the stalled peer's path holds before the first drop is its staging HWM plus the kernel's
            // send buffer, which autotunes up to net.ipv4.tcp_wmem's maximum (4 MiB here, more on other hosts):
            // publish until a drop, far past any kernel's buffer, checking the healthy subscriber gets each one.
            final byte[] message = payload(2 * MIB, 9);
            int sent = 0;
            while (pub.droppedMessages() == 0 && sent < MAX_MESSAGES_TO_A_STALLED_PEER)
            {
                assertTrue(pub.send(message), "send " + sent);
                assertArrayEquals(message, received(healthy)[0], "message " + sent);
                sent++;
            }
            assertTrue(pub.droppedMessages() > 0, "large messages dropped for the stalled subscriber after " + sent);
            assertTrue(pub.send(message), "a publish after the drops");
            assertArrayEquals(message, received(healthy)[0], "the healthy subscriber still gets every message");
        }
    }

    @Test
    void shouldRefuseToOfferAMessageThePublisherRingCanNeverHoldAtOnce()
    {
        final PubSocket pub = publisher();
        pub.pubRingBytes(MIB);
        final String endpoint = pub.bind("tcp://127.0.0.1:0");
        final SubSocket sub = PubSubSupport.subscriber(context, endpoint, TOPIC, "probe");
        sub.rcvTimeoutMs(TIMEOUT_MS);
        syncSubscription(pub, sub, "probe");

        final byte[] large = payload(2 * MIB, 10);
        assertEquals(SendResult.MESSAGE_EXCEEDS_HWM, pub.offer(large));
        final byte[] fits = payload(MIB / 2, 11);
        long result;
        while ((result = pub.offer(fits)) == SendResult.BACK_PRESSURED)
        {
            Thread.onSpinWait();
        }
        assertTrue(result > 0, "a message over an eighth of the ring is offered whole, as fragments");
        assertTrue(pub.send(large), "send streams what offer cannot take at once");
        assertArrayEquals(fits, received(sub)[0]);
        assertArrayEquals(large, received(sub)[0]);
    }

    private static byte[][] received(final Socket sub)
    {
        final byte[][] message = sub.recvMultipart();
        assertNotNull(message, "nothing received");
        return message;
    }

    /** A raw ZMTP subscriber to everything, with a small receive buffer, that never reads. */
    private static java.net.Socket stalledSubscriber(final String endpoint) throws Exception
    {
        final java.net.Socket raw = RawZmtp.connect(endpoint, 4096);
        final OutputStream out = raw.getOutputStream();
        out.write(RawZmtp.zmtp31Greeting());
        out.write(RawZmtp.readyCommand("SUB"));
        out.write(new byte[]{0, 1, 1}); // SUBSCRIBE to everything, as a 0x01 message
        out.flush();
        return raw;
    }

    private static void syncJeromq(final PubSocket pub, final ZMQ.Socket sub)
    {
        sub.setReceiveTimeOut(20);
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Await.WAIT_MS);
        while (true)
        {
            pub.send("probe");
            final byte[] got = sub.recv();
            if (got != null)
            {
                assertEquals("probe", new String(got, java.nio.charset.StandardCharsets.UTF_8));
                break;
            }
            if (System.nanoTime() - deadline > 0)
            {
                fail("the JeroMQ subscriber never received the probe");
            }
        }
        while (sub.recv() != null)
        {
            // drain further probes
        }
    }

    private static String digest(final byte[] frame)
    {
        try
        {
            return frame.length + ":" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(frame));
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new AssertionError(ex);
        }
    }
}
