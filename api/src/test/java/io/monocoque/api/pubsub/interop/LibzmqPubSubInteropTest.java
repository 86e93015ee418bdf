package io.monocoque.api.pubsub.interop;

import io.monocoque.api.Context;
import io.monocoque.api.PubSocket;
import io.monocoque.api.Socket;
import io.monocoque.api.SubSocket;
import io.monocoque.api.XPubSocket;
import io.monocoque.api.XSubSocket;
import io.monocoque.api.interop.libzmq.RequiresLibzmq;
import io.monocoque.api.pubsub.PubSubSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.monocoque.api.pubsub.PubSubSupport.assertNothingReceived;
import static io.monocoque.api.pubsub.PubSubSupport.awaitPeers;
import static io.monocoque.api.pubsub.PubSubSupport.recvText;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * PUB-SUB and XPUB-XSUB against libzmq 4.3 (Debian's python3-zmq in a child process; a ZMTP 3.1 peer: SUBSCRIBE and
 * CANCEL commands from SUB, {@code 0x01}/{@code 0x00} messages from XSUB), each library in each role: several
 * prefixes, unsubscribe, XPUB notifications, upstream XSUB messages, and a publisher restarting on the same port.
 * Skipped without python3-zmq, except under CI=true where that fails.
 */
@RequiresLibzmq
class LibzmqPubSubInteropTest
{
    private Context context;
    private final List<LibzmqPubSubPeer> peers = new ArrayList<>();

    @BeforeEach
    void setUp()
    {
        context = Context.create();
    }

    @AfterEach
    void tearDown()
    {
        for (final LibzmqPubSubPeer peer : peers)
        {
            peer.close();
        }
        context.close();
    }

    private LibzmqPubSubPeer peer(final String... args)
    {
        final LibzmqPubSubPeer peer = LibzmqPubSubPeer.start(args);
        peers.add(peer);
        return peer;
    }

    // ------------------------------------------------------------------ Monocoque publishes, libzmq subscribes

    @Test
    void shouldFilterForALibzmqSubscriberByPrefixAndHonourItsUnsubscribe()
    {
        final PubSocket pub = PubSubSupport.pub(context);
        final String endpoint = pub.bind("tcp://127.0.0.1:0");
        final LibzmqPubSubPeer sub = peer("--type", "SUB", "--connect", endpoint);
        sub.subscribe("A");
        sub.subscribe("BB");
        sub.subscribe("probe");
        syncLibzmqSubscriber(pub, sub, "probe1");

        for (final String topic : List.of("A1", "C1", "B1", "BB1", "AB"))
        {
            pub.send(topic);
        }
        assertEquals("A1", sub.recvText());
        assertEquals("BB1", sub.recvText());
        assertEquals("AB", sub.recvText());

        sub.unsubscribe("A");
        sub.subscribe("sync");
        syncLibzmqSubscriber(pub, sub, "sync1");
        pub.send("A2");
        pub.send("BB2");
        assertEquals("BB2", sub.recvText(), "A2 is no longer sent");
        assertNull(sub.recv(PubSubSupport.QUIET_MS));
    }

    @Test
    void shouldNeedTwoLibzmqUnsubscribesForTwoSubscribes()
    {
        final PubSocket pub = PubSubSupport.pub(context);
        final String endpoint = pub.bind("tcp://127.0.0.1:0");
        final LibzmqPubSubPeer sub = peer("--type", "SUB", "--connect", endpoint);
        sub.subscribe("A");
        sub.subscribe("A");
        syncLibzmqSubscriber(pub, sub, "A-probe1");
        sub.unsubscribe("A"); // libzmq's SUB counts: nothing is sent yet
        sub.subscribe("S");
        syncLibzmqSubscriber(pub, sub, "S-probe");
        pub.send("A-still");
        assertEquals("A-still", sub.recvText());
        sub.unsubscribe("A"); // now libzmq sends CANCEL
        sub.subscribe("T");
        syncLibzmqSubscriber(pub, sub, "T-probe");
        pub.send("A-gone");
        pub.send("S-end");
        assertEquals("S-end", sub.recvText());
    }

    @Test
    void shouldDeliverLibzmqXsubSubscriptionsAndUpstreamMessagesToAnXpub()
    {
        final XPubSocket xpub = PubSubSupport.xpub(context);
        final String endpoint = xpub.bind("tcp://127.0.0.1:0");
        final LibzmqPubSubPeer xsub = peer("--type", "XSUB", "--connect", endpoint);
        awaitPeers(xpub, 1);

        xsub.sendBytes(new byte[]{1, 'A'}); // libzmq 4.3 sends this as a message even over ZMTP 3.1
        assertEquals("\u0001A", recvText(xpub));
        xsub.sendBytes(new byte[]{1, 'B'});
        assertEquals("\u0001B", recvText(xpub));
        xsub.send("upstream");
        assertEquals("upstream", recvText(xpub));

        syncLibzmqSubscriber(xpub, xsub, "A-probe");
        xpub.send("C1");
        xpub.send("B1");
        assertEquals("B1", xsub.recvText(), "filtered on our side: the XSUB does not filter");
        xsub.sendBytes(new byte[]{0, 'B'});
        assertEquals("\u0000B", recvText(xpub));
    }

    @Test
    void shouldBeResubscribedByALibzmqSubscriberAfterRestartingOnTheSamePort() throws Exception
    {
        final String endpoint = "tcp://127.0.0.1:" + freePort();
        final LibzmqPubSubPeer sub = peer("--type", "SUB", "--connect", endpoint, "--reconnect-ivl", "20");
        sub.subscribe("A");
        try (Context first = Context.create())
        {
            final PubSocket pub = PubSubSupport.pub(first);
            pub.bind(endpoint);
            syncLibzmqSubscriber(pub, sub, "A-first");
        }
        try (Context second = Context.create())
        {
            final PubSocket pub = PubSubSupport.pub(second);
            pub.bind(endpoint);
            syncLibzmqSubscriber(pub, sub, "A-second");
            pub.send("B");
            pub.send("A-after-restart");
            assertEquals("A-after-restart", sub.recvText());
        }
    }

    @Test
    void shouldPublishToALibzmqSubscriberThatBinds()
    {
        final LibzmqPubSubPeer sub = peer("--type", "SUB", "--bind", "tcp://127.0.0.1:*");
        sub.subscribe("A");
        final PubSocket pub = PubSubSupport.pub(context);
        pub.connect(sub.endpoint());
        syncLibzmqSubscriber(pub, sub, "A-probe");
        pub.send("B1");
        pub.send(PubSubSupport.bytes("A1"), PubSubSupport.bytes("more"));
        assertEquals(List.of("A1", "more"), sub.recv(5_000));
    }

    // ------------------------------------------------------------------ libzmq publishes, Monocoque subscribes

    @Test
    void shouldSubscribeToALibzmqPublisherByPrefixAndUnsubscribe()
    {
        final LibzmqPubSubPeer pub = peer("--type", "PUB", "--bind", "tcp://127.0.0.1:*");
        final SubSocket sub = PubSubSupport.sub(context);
        sub.subscribe("A").subscribe("BB").subscribe("probe");
        sub.connect(pub.endpoint());
        syncMonocoqueSubscriber(pub, sub, "probe1");

        for (final String topic : List.of("A1", "C1", "B1", "BB1", "AB"))
        {
            pub.send(topic);
        }
        assertEquals("A1", recvText(sub));
        assertEquals("BB1", recvText(sub));
        assertEquals("AB", recvText(sub));

        sub.unsubscribe("A");
        sub.subscribe("sync");
        syncMonocoqueSubscriber(pub, sub, "sync1");
        pub.send("A2");
        pub.send("BB2");
        assertEquals("BB2", recvText(sub));
        assertNothingReceived(sub);
    }

    @Test
    void shouldSubscribeALibzmqXpubThroughAnXsub()
    {
        final LibzmqPubSubPeer xpub = peer("--type", "XPUB", "--bind", "tcp://127.0.0.1:*");
        final XSubSocket xsub = PubSubSupport.xsub(context);
        xsub.connect(xpub.endpoint());
        xsub.subscribe("A");
        assertEquals("\u0001A", xpub.recvText(), "our SUBSCRIBE command, as libzmq hands it to its application");
        xsub.subscribe("B");
        assertEquals("\u0001B", xpub.recvText());

        syncMonocoqueSubscriber(xpub, xsub, "A-probe");
        xpub.send("C1");
        xpub.send("B1");
        assertEquals("B1", recvText(xsub), "libzmq filters for us");
        xsub.unsubscribe("B");
        assertEquals("\u0000B", xpub.recvText(), "our CANCEL command");
        xsub.send("upstream");
        assertEquals("upstream", xpub.recvText(), "an ordinary XSUB message reaches libzmq's XPUB application");
    }

    @Test
    void shouldResubscribeToALibzmqPublisherRestartedOnTheSamePort() throws Exception
    {
        final String endpoint = "tcp://127.0.0.1:" + freePort();
        final SubSocket sub = PubSubSupport.sub(context);
        sub.reconnectIvlMs(20);
        sub.subscribe("A");
        sub.connect(endpoint);

        final LibzmqPubSubPeer first = peer("--type", "PUB", "--bind", endpoint);
        syncMonocoqueSubscriber(first, sub, "A-first");
        first.close(); // killed: no orderly goodbye

        final LibzmqPubSubPeer second = startWithRetry("--type", "PUB", "--bind", endpoint);
        syncMonocoqueSubscriber(second, sub, "A-second");
        second.send("B");
        second.send("A-after-restart");
        assertEquals("A-after-restart", recvText(sub));
    }

    @Test
    void shouldShowEverySubscriptionToAVerboseLibzmqXpub()
    {
        final LibzmqPubSubPeer xpub = peer("--type", "XPUB", "--bind", "tcp://127.0.0.1:*", "--verbose");
        final SubSocket sub = PubSubSupport.sub(context);
        sub.connect(xpub.endpoint());
        awaitPeers(sub, 1); // subscriptions made before the handshake are sent once per prefix, as libzmq does
        sub.subscribe("A");
        sub.subscribe("A"); // every SUBSCRIBE travels, as libzmq's SUB does
        assertEquals("\u0001A", xpub.recvText());
        assertEquals("\u0001A", xpub.recvText());
        sub.unsubscribe("A");
        sub.unsubscribe("A"); // only the second cancels
        assertEquals("\u0000A", xpub.recvText());
        assertNull(xpub.recv(PubSubSupport.QUIET_MS));
    }

    // ------------------------------------------------------------------ helpers

    /** Publish probes until the libzmq subscriber receives one, then discard the rest of them. */
    private static void syncLibzmqSubscriber(final Socket pub, final LibzmqPubSubPeer sub, final String probe)
    {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(PubSubSupport.WAIT_MS);
        while (true)
        {
            pub.send(probe);
            final List<String> got = sub.recv(20);
            if (got != null)
            {
                assertEquals(List.of(probe), got);
                break;
            }
            if (System.nanoTime() - deadline > 0)
            {
                fail("the libzmq subscriber never received probe " + probe);
            }
        }
        List<String> more;
        while ((more = sub.recv(PubSubSupport.QUIET_MS)) != null)
        {
            assertEquals(List.of(probe), more);
        }
    }

    /** Have libzmq publish probes until the Monocoque subscriber receives one, then discard the rest. */
    private static void syncMonocoqueSubscriber(final LibzmqPubSubPeer pub, final Socket sub, final String probe)
    {
        final long timeout = sub.rcvTimeoutMs();
        sub.rcvTimeoutMs(20);
        try
        {
            final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(PubSubSupport.WAIT_MS);
            while (true)
            {
                pub.send(probe);
                final byte[][] got = sub.recvMultipart();
                if (got != null)
                {
                    assertEquals(List.of(probe), PubSubSupport.texts(got));
                    break;
                }
                if (System.nanoTime() - deadline > 0)
                {
                    fail("the Monocoque subscriber never received probe " + probe + " from libzmq");
                }
            }
            sub.rcvTimeoutMs(PubSubSupport.QUIET_MS);
            byte[][] more;
            while ((more = sub.recvMultipart()) != null)
            {
                assertEquals(List.of(probe), recvTextsOf(more));
            }
        }
        finally
        {
            sub.rcvTimeoutMs(timeout);
        }
    }

    private static List<String> recvTextsOf(final byte[][] frames)
    {
        return PubSubSupport.texts(frames);
    }

    private LibzmqPubSubPeer startWithRetry(final String... args)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (true)
        {
            try
            {
                return peer(args);
            }
            catch (final AssertionError ex)
            {
                if (System.nanoTime() - deadline > 0)
                {
                    throw ex;
                }
                PubSubSupport.sleep(50); // the killed publisher's port is being released
            }
        }
    }

    private static int freePort() throws Exception
    {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()))
        {
            return server.getLocalPort();
        }
    }
}
