package io.monocoque.api.pubsub.interop;

import io.monocoque.api.Context;
import io.monocoque.api.PubSocket;
import io.monocoque.api.Socket;
import io.monocoque.api.SubSocket;
import io.monocoque.api.XPubSocket;
import io.monocoque.api.XSubSocket;
import io.monocoque.api.pubsub.PubSubSupport;
import io.monocoque.api.testing.Await;
import io.monocoque.api.testing.JeroMqConnect;
import io.monocoque.api.testing.TestResources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.monocoque.api.pubsub.PubSubSupport.assertNothingReceived;
import static io.monocoque.api.pubsub.PubSubSupport.syncSubscription;
import static io.monocoque.api.testing.Loopback.endpoint;
import static io.monocoque.api.testing.Loopback.reservePort;
import static io.monocoque.api.testing.TestMessages.bytes;
import static io.monocoque.api.testing.TestMessages.recvText;
import static io.monocoque.api.testing.TestMessages.recvTexts;
import static io.monocoque.api.testing.TestMessages.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * PUB-SUB and XPUB-XSUB against JeroMQ 0.6.0 in the same JVM (a ZMTP 3.0 peer: subscriptions travel as
 * {@code 0x01}/{@code 0x00} messages), each library in each role: several prefixes, unsubscribe, XPUB
 * notifications, XSUB upstream subscriptions, and a publisher restarting on the same port. Every JeroMQ socket
 * stays on the test thread.
 */
class JeroMqPubSubInteropTest
{
    private static final int TIMEOUT_MS = 5_000;

    @RegisterExtension
    final TestResources resources = new TestResources();
    private final Context context = resources.context();
    private final ZContext jeromq = resources.closeAfterTest(withoutLinger(new ZContext()));

    private static ZContext withoutLinger(final ZContext context)
    {
        context.setLinger(0);
        return context;
    }

    private ZMQ.Socket jeromqSocket(final SocketType type)
    {
        final ZMQ.Socket socket = jeromq.createSocket(type);
        socket.setReceiveTimeOut(TIMEOUT_MS);
        socket.setLinger(0);
        return socket;
    }

    // ------------------------------------------------------------------ Monocoque publishes, JeroMQ subscribes

    @Test
    void shouldFilterForAJeromqSubscriberByPrefixAndHonourItsUnsubscribe()
    {
        final PubSocket pub = PubSubSupport.pub(context);
        final String endpoint = pub.bind("tcp://127.0.0.1:0");
        final ZMQ.Socket sub = jeromqSocket(SocketType.SUB);
        sub.subscribe(bytes("A"));
        sub.subscribe(bytes("BB"));
        sub.subscribe(bytes("probe"));
        sub.connect(endpoint);
        syncJeromqSubscriber(pub, sub, "probe1");

        for (final String topic : List.of("A1", "C1", "B1", "BB1", "AB"))
        {
            pub.send(topic);
        }
        assertEquals("A1", recv(sub));
        assertEquals("BB1", recv(sub));
        assertEquals("AB", recv(sub));

        sub.unsubscribe(bytes("A"));
        sub.subscribe(bytes("sync"));
        syncJeromqSubscriber(pub, sub, "sync1");
        pub.send("A2");
        pub.send("BB2");
        assertEquals("BB2", recv(sub), "A2 is no longer sent");
        assertNoJeromqMessage(sub);
    }

    @Test
    void shouldDeliverJeromqXsubSubscriptionsToAnXpubAndUpstreamMessages()
    {
        final XPubSocket xpub = PubSubSupport.xpub(context);
        final String endpoint = xpub.bind("tcp://127.0.0.1:0");
        final ZMQ.Socket xsub = jeromqSocket(SocketType.XSUB);
        JeroMqConnect.connect(jeromq, xsub, endpoint, xpub, TIMEOUT_MS);

        xsub.send(new byte[]{1, 'A'});
        assertEquals("\u0001A", recvText(xpub));
        xsub.send(new byte[]{1, 'B'});
        assertEquals("\u0001B", recvText(xpub));
        xsub.send("upstream");
        assertEquals("upstream", recvText(xpub));

        syncJeromqSubscriber(xpub, xsub, "A-probe");
        xpub.send("C1");
        xpub.send("B1");
        assertEquals("B1", recv(xsub));
        xsub.send(new byte[]{0, 'A'});
        assertEquals("\u0000A", recvText(xpub));
    }

    @Test
    void shouldBeResubscribedByAJeromqSubscriberAfterRestartingOnTheSamePort() throws Exception
    {
        final String endpoint = endpoint(reservePort());
        final ZMQ.Socket sub = jeromqSocket(SocketType.SUB);
        sub.setReconnectIVL(20);
        sub.subscribe(bytes("A"));
        try (Context first = Context.create())
        {
            final PubSocket pub = PubSubSupport.pub(first);
            pub.bind(endpoint);
            JeroMqConnect.connect(jeromq, sub, endpoint, pub, TIMEOUT_MS);
            syncJeromqSubscriber(pub, sub, "A-first");
        }
        try (Context second = Context.create())
        {
            final PubSocket pub = PubSubSupport.pub(second);
            pub.bind(endpoint);
            // JeroMQ reconnects (a connect, with the same hand-off race as the first) and subscribes again.
            JeroMqConnect.awaitHandshake(jeromq, () -> pub.connectedPeers() == 1, "JeroMQ's reconnect to the " +
                "restarted publisher", TIMEOUT_MS);
            syncJeromqSubscriber(pub, sub, "A-second");
            pub.send("B");
            pub.send("A-after-restart");
            assertEquals("A-after-restart", recv(sub));
        }
    }

    // ------------------------------------------------------------------ JeroMQ publishes, Monocoque subscribes

    @Test
    void shouldSubscribeToAJeromqPublisherByPrefixAndUnsubscribe()
    {
        final ZMQ.Socket pub = jeromqSocket(SocketType.PUB);
        final String endpoint = "tcp://127.0.0.1:" + pub.bindToRandomPort("tcp://127.0.0.1");
        final SubSocket sub = PubSubSupport.subscriber(context, endpoint, "A", "BB", "probe");
        syncSubscription(pub::send, sub, "probe1");

        for (final String topic : List.of("A1", "C1", "B1", "BB1", "AB"))
        {
            pub.send(topic);
        }
        assertEquals("A1", recvText(sub));
        assertEquals("BB1", recvText(sub));
        assertEquals("AB", recvText(sub));

        sub.unsubscribe("A");
        sub.subscribe("sync");
        syncSubscription(pub::send, sub, "sync1");
        pub.send("A2");
        pub.send("BB2");
        assertEquals("BB2", recvText(sub));
        assertNothingReceived(sub);
    }

    @Test
    void shouldSubscribeAJeromqXpubThroughAnXsub()
    {
        final ZMQ.Socket xpub = jeromqSocket(SocketType.XPUB);
        final String endpoint = "tcp://127.0.0.1:" + xpub.bindToRandomPort("tcp://127.0.0.1");
        final XSubSocket xsub = PubSubSupport.xsub(context);
        xsub.connect(endpoint);
        xsub.subscribe("A");
        assertEquals("\u0001A", recv(xpub));
        xsub.subscribe("B");
        assertEquals("\u0001B", recv(xpub));

        syncSubscription(xpub::send, xsub, "A-probe");
        xpub.send("C1");
        xpub.send("B1");
        assertEquals("B1", recvText(xsub), "the JeroMQ XPUB filters for us");
        xsub.unsubscribe("B");
        assertEquals("\u0000B", recv(xpub));
    }

    @Test
    void shouldResubscribeToAJeromqPublisherRestartedOnTheSamePort() throws Exception
    {
        final String endpoint = endpoint(reservePort());
        final SubSocket sub = PubSubSupport.sub(context);
        sub.reconnectIvlMs(20);
        sub.subscribe("A");
        sub.connect(endpoint);

        final ZMQ.Socket first = jeromqSocket(SocketType.PUB);
        first.bind(endpoint);
        syncSubscription(first::send, sub, "A-first");
        first.close();

        final ZMQ.Socket second = jeromqSocket(SocketType.PUB);
        bindWithRetry(second, endpoint);
        syncSubscription(second::send, sub, "A-second");
        second.send("B");
        second.send("A-after-restart");
        assertEquals("A-after-restart", recvText(sub));
    }

    @Test
    void shouldSubscribeWhenMonocoqueBindsAndJeromqPublisherConnects()
    {
        final SubSocket sub = PubSubSupport.sub(context);
        sub.subscribe("A");
        final String endpoint = sub.bind("tcp://127.0.0.1:0");
        final ZMQ.Socket pub = jeromqSocket(SocketType.PUB);
        JeroMqConnect.connect(jeromq, pub, endpoint, sub, TIMEOUT_MS);
        syncSubscription(pub::send, sub, "A-probe");
        pub.send(bytes("A1"), ZMQ.SNDMORE);
        pub.send("second frame");
        pub.send("B1");
        assertEquals(List.of("A1", "second frame"), recvTexts(sub));
        assertNothingReceived(sub);
    }

    // ------------------------------------------------------------------ helpers

    private static void syncJeromqSubscriber(final Socket pub, final ZMQ.Socket sub, final String probe)
    {
        sub.setReceiveTimeOut(20);
        try
        {
            final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Await.WAIT_MS);
            while (true)
            {
                pub.send(probe);
                final String got = sub.recvStr();
                if (got != null)
                {
                    assertEquals(probe, got);
                    break;
                }
                if (System.nanoTime() - deadline > 0)
                {
                    fail("the JeroMQ subscriber never received probe " + probe);
                }
            }
            sub.setReceiveTimeOut((int)PubSubSupport.QUIET_MS);
            String more;
            while ((more = sub.recvStr()) != null)
            {
                assertEquals(probe, more);
            }
        }
        finally
        {
            sub.setReceiveTimeOut(TIMEOUT_MS);
        }
    }

    private static void bindWithRetry(final ZMQ.Socket socket, final String endpoint)
    {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MS);
        while (true)
        {
            try
            {
                socket.bind(endpoint);
                return;
            }
            catch (final RuntimeException ex)
            {
                if (System.nanoTime() - deadline > 0)
                {
                    throw ex;
                }
                Await.sleep(20); // the previous publisher's port is being released
            }
        }
    }

    private static String recv(final ZMQ.Socket socket)
    {
        final byte[] frame = socket.recv();
        if (frame == null)
        {
            fail("JeroMQ " + socket.getSocketType() + ": no message within " + socket.getReceiveTimeOut() + " ms");
        }
        return text(frame);
    }

    private static void assertNoJeromqMessage(final ZMQ.Socket socket)
    {
        socket.setReceiveTimeOut((int)PubSubSupport.QUIET_MS);
        try
        {
            assertNull(socket.recvStr(), "unexpected message");
        }
        finally
        {
            socket.setReceiveTimeOut(TIMEOUT_MS);
        }
    }
}
