package io.monocoque.api.pubsub;

import io.monocoque.api.Context;
import io.monocoque.api.Proxy;
import io.monocoque.api.PubSocket;
import io.monocoque.api.Socket;
import io.monocoque.api.SubSocket;
import io.monocoque.api.XPubSocket;
import io.monocoque.api.XSubSocket;
import io.monocoque.api.SocketType;
import io.monocoque.api.testing.TestResources;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.concurrent.atomic.AtomicReference;

import static io.monocoque.api.pubsub.PubSubSupport.assertNothingReceived;
import static io.monocoque.api.pubsub.PubSubSupport.pub;
import static io.monocoque.api.pubsub.PubSubSupport.subscriber;
import static io.monocoque.api.pubsub.PubSubSupport.syncSubscription;
import static io.monocoque.api.pubsub.PubSubSupport.xpub;
import static io.monocoque.api.pubsub.PubSubSupport.xsub;
import static io.monocoque.api.testing.Await.awaitPeers;
import static io.monocoque.api.testing.TestMessages.recvText;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * {@link Proxy} as a pub-sub forwarder (XSUB frontend, XPUB backend), like zmq_proxy: publications flow down,
 * subscriptions flow up, filtering works end to end, a capture socket sees every message, and interrupting the
 * proxy's thread stops it.
 */
class ProxyTest
{
    @RegisterExtension
    final TestResources resources = new TestResources();
    private final Context upstream = resources.context();
    private final Context forwarder = resources.context();
    private final Context downstream = resources.context();
    private Thread proxyThread;
    private final AtomicReference<Throwable> proxyFailure = new AtomicReference<>();

    @AfterEach
    void tearDown() throws InterruptedException
    {
        stopProxy(); // before the contexts close under it
    }

    /** The proxy's sockets in the forwarder context: an XSUB towards the publisher, an XPUB for subscribers. */
    private record Forwarder(XSubSocket frontend, XPubSocket backend, String endpoint)
    {
    }

    /** Connect a frontend to the publisher and bind a backend; the proxy is not started yet. */
    private Forwarder forwarderOf(final String pubEndpoint)
    {
        final XSubSocket frontend = xsub(forwarder);
        frontend.connect(pubEndpoint);
        final XPubSocket backend = xpub(forwarder);
        return new Forwarder(frontend, backend, backend.bind("tcp://127.0.0.1:0"));
    }

    private void startProxy(final Socket frontend, final Socket backend, final Socket capture)
    {
        proxyThread = new Thread(() ->
        {
            try
            {
                Proxy.run(frontend, backend, capture);
            }
            catch (final Throwable ex)
            {
                proxyFailure.set(ex);
            }
        }, "proxy");
        proxyThread.setDaemon(true);
        proxyThread.start();
    }

    private void stopProxy() throws InterruptedException
    {
        if (proxyThread != null)
        {
            proxyThread.interrupt();
            proxyThread.join(10_000);
            assertFalse(proxyThread.isAlive(), "the proxy thread stops when interrupted");
            proxyThread = null;
            assertNull(proxyFailure.get(), "the proxy failed");
        }
    }

    @Test
    void shouldForwardPublicationsDownAndSubscriptionsUp() throws InterruptedException
    {
        final PubSocket pub = pub(upstream);
        final Forwarder proxy = forwarderOf(pub.bind("tcp://127.0.0.1:0"));
        final String proxyEndpoint = proxy.endpoint();
        awaitPeers(pub, 1);
        startProxy(proxy.frontend(), proxy.backend(), null);

        final SubSocket subA = subscriber(downstream, proxyEndpoint, "A");
        final SubSocket subB = subscriber(downstream, proxyEndpoint, "B");
        syncSubscription(pub, subA, "A-probe");
        syncSubscription(pub, subB, "B-probe");

        pub.send("A1");
        pub.send("B1");
        pub.send("C1");
        pub.send("A2");
        assertEquals("A1", recvText(subA));
        assertEquals("A2", recvText(subA));
        assertEquals("B1", recvText(subB));
        assertNothingReceived(subA);
        assertNothingReceived(subB);

        // Unsubscribing downstream cancels upstream: the publisher stops sending B through the proxy at all.
        subB.unsubscribe("B");
        subB.subscribe("S");
        syncSubscription(pub, subB, "S-probe");
        pub.send("B2");
        pub.send("S-end");
        assertEquals("S-end", recvText(subB));
        stopProxy();
    }

    @Test
    void shouldSendACopyOfEveryMessageToTheCaptureSocket() throws InterruptedException
    {
        final PubSocket pub = pub(upstream);
        final Forwarder proxy = forwarderOf(pub.bind("tcp://127.0.0.1:0"));
        final String proxyEndpoint = proxy.endpoint();
        final Socket capture = forwarder.socket(SocketType.PUSH);
        capture.lingerMs(0);
        final String captureEndpoint = capture.bind("tcp://127.0.0.1:0");
        final Socket captured = downstream.socket(SocketType.PULL);
        captured.rcvTimeoutMs(5_000);
        captured.connect(captureEndpoint);
        awaitPeers(capture, 1);
        startProxy(proxy.frontend(), proxy.backend(), capture);

        final SubSocket sub = subscriber(downstream, proxyEndpoint, "A");
        syncSubscription(pub, sub, "A-probe");
        assertEquals("\u0001A", recvText(captured), "the subscription went up through the capture");
        pub.send("A-data");
        assertEquals("A-data", recvText(sub));
        String got;
        do
        {
            got = recvText(captured);
        }
        while (got.equals("A-probe")); // the probes that got through come first
        assertEquals("A-data", got);
        assertNothingReceived(captured);
        stopProxy();
    }
}
