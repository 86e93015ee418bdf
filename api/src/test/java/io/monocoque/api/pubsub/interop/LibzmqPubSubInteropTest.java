package io.monocoque.api.pubsub.interop;

import io.monocoque.api.Context;
import io.monocoque.api.PubSocket;
import io.monocoque.api.Socket;
import io.monocoque.api.SubSocket;
import io.monocoque.api.XPubSocket;
import io.monocoque.api.XSubSocket;
import io.monocoque.api.interop.libzmq.RequiresLibzmq;
import io.monocoque.api.pubsub.PubSubSupport;
import io.monocoque.api.testing.Await;
import io.monocoque.api.testing.TestMessages;
import io.monocoque.api.testing.TestResources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.monocoque.api.pubsub.PubSubSupport.assertNothingReceived;
import static io.monocoque.api.pubsub.PubSubSupport.syncSubscription;
import static io.monocoque.api.testing.Await.awaitPeers;
import static io.monocoque.api.testing.Loopback.endpoint;
import static io.monocoque.api.testing.Loopback.reservePort;
import static io.monocoque.api.testing.TestMessages.recvText;
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
    @RegisterExtension
    final TestResources resources = new TestResources();
    private final Context context = resources.context();

    /** A peer killed after the test, before the context closes. */
    private LibzmqPubSubPeer peer(final String... args)
    {
        return resources.closeAfterTest(LibzmqPubSubPeer.start(args));
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
        final String endpoint = endpoint(reservePort());
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
        pub.send(TestMessages.bytes("A1"), TestMessages.bytes("more"));
        assertEquals(List.of("A1", "more"), sub.recv(5_000));
    }

    // ------------------------------------------------------------------ libzmq publishes, Monocoque subscribes

    @Test
    void shouldSubscribeToALibzmqPublisherByPrefixAndUnsubscribe()
    {
        final LibzmqPubSubPeer pub = peer("--type", "PUB", "--bind", "tcp://127.0.0.1:*");
        final SubSocket sub = PubSubSupport.subscriber(context, pub.endpoint(), "A", "BB", "probe");
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
    void shouldSubscribeALibzmqXpubThroughAnXsub()
    {
        final LibzmqPubSubPeer xpub = peer("--type", "XPUB", "--bind", "tcp://127.0.0.1:*");
        final XSubSocket xsub = PubSubSupport.xsub(context);
        xsub.connect(xpub.endpoint());
        xsub.subscribe("A");
        assertEquals("\u0001A", xpub.recvText(), "our SUBSCRIBE command, as libzmq hands it to its application");
        xsub.subscribe("B");
        assertEquals("\u0001B", xpub.recvText());

        syncSubscription(xpub::send, xsub, "A-probe");
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
        final String endpoint = endpoint(reservePort());
        final SubSocket sub = PubSubSupport.sub(context);
        sub.reconnectIvlMs(20);
        sub.subscribe("A");
        sub.connect(endpoint);

        final LibzmqPubSubPeer first = peer("--type", "PUB", "--bind", endpoint);
        syncSubscription(first::send, sub, "A-first");
        first.close(); // killed: no orderly goodbye

        final LibzmqPubSubPeer second = startWithRetry("--type", "PUB", "--bind", endpoint);
        syncSubscription(second::send, sub, "A-second");
        second.send("B");
        second.send("A-after-restart");
        assertEquals("A-after-restart", recvText(sub));
    }

    @Test
    void shouldShowEverySubscriptionToAVerboseLibzmqXpub()
    {
        final LibzmqPubSubPeer xpub = peer("--type", "XPUB", "--bind", "tcp://127.0.0.1:*", "--verbose");
        final SubSocket sub = PubSubSupport.subscriber(context, xpub.endpoint());
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
    static void syncLibzmqSubscriber(final Socket pub, final LibzmqPubSubPeer sub, final String probe)
    {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Await.WAIT_MS);
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
                Await.sleep(50); // the killed publisher's port is being released
            }
        }
    }
}
