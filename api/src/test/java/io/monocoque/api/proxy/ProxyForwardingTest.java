package io.monocoque.api.proxy;

import io.monocoque.api.Context;
import io.monocoque.api.Message;
import io.monocoque.api.Proxy;
import io.monocoque.api.PubSocket;
import io.monocoque.api.Socket;
import io.monocoque.api.SocketType;
import io.monocoque.api.SubSocket;
import io.monocoque.api.testing.TestResources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static io.monocoque.api.pubsub.PubSubSupport.pub;
import static io.monocoque.api.pubsub.PubSubSupport.sub;
import static io.monocoque.api.pubsub.PubSubSupport.subscriber;
import static io.monocoque.api.pubsub.PubSubSupport.syncSubscription;
import static io.monocoque.api.testing.Await.awaitPeers;
import static io.monocoque.api.testing.TestMessages.assertReceives;
import static io.monocoque.api.testing.TestMessages.recvTexts;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * {@link Proxy} between every kind of pair libzmq's {@code zmq_proxy} accepts: one-directional pairs (PULL to PUSH,
 * SUB to PUB) as well as the two-way ROUTER-DEALER broker, with multipart messages kept whole.
 */
class ProxyForwardingTest
{
    private static final long RECV_TIMEOUT_MS = 5_000;

    @RegisterExtension
    final TestResources resources = new TestResources();
    private final Context outside = resources.context();
    private final Context forwarder = resources.context();

    private Socket socket(final Context context, final SocketType type)
    {
        final Socket socket = context.socket(type);
        socket.lingerMs(0);
        socket.rcvTimeoutMs(RECV_TIMEOUT_MS);
        socket.sndTimeoutMs(RECV_TIMEOUT_MS);
        return socket;
    }

    @Test
    void shouldStreamFromAPullFrontendToAPushBackendKeepingMultipartMessagesWhole()
    {
        final Socket frontend = socket(forwarder, SocketType.PULL);
        final Socket backend = socket(forwarder, SocketType.PUSH);
        final Socket producer = socket(outside, SocketType.PUSH);
        final Socket consumer = socket(outside, SocketType.PULL);
        producer.connect(frontend.bind("tcp://127.0.0.1:0"));
        consumer.connect(backend.bind("tcp://127.0.0.1:0"));
        awaitPeers(backend, 1);

        try (ProxyThread proxy = resources.closeAfterTest(ProxyThread.start(() ->
        {
            Proxy.run(frontend, backend);
            return null;
        })))
        {
            producer.send("one");
            producer.send(Message.of("two", "parts"));
            producer.send(Message.of("a", "", "three-part"));

            assertReceives(consumer, "one");
            assertReceives(consumer, "two", "parts");
            assertReceives(consumer, "a", "", "three-part");
        }
    }

    @Test
    void shouldForwardPublicationsFromASubFrontendToAPubBackend()
    {
        final PubSocket publisher = pub(outside);
        final String publisherEndpoint = publisher.bind("tcp://127.0.0.1:0");
        final SubSocket frontend = sub(forwarder);
        frontend.subscribe("");
        frontend.connect(publisherEndpoint);
        final PubSocket backend = pub(forwarder);
        final String backendEndpoint = backend.bind("tcp://127.0.0.1:0");
        awaitPeers(publisher, 1);

        try (ProxyThread proxy = resources.closeAfterTest(ProxyThread.start(() ->
        {
            Proxy.run(frontend, backend);
            return null;
        })))
        {
            final SubSocket subscriber = subscriber(outside, backendEndpoint, "A");
            syncSubscription(publisher, subscriber, "A-probe");

            publisher.send("B-filtered-by-the-backend");
            publisher.send(Message.of("A-multipart", "second"));
            publisher.send("A-last");

            assertReceives(subscriber, "A-multipart", "second");
            assertReceives(subscriber, "A-last");
        }
    }

    @Test
    void shouldBrokerRequestsFromReqClientsThroughARouterFrontendAndADealerBackendToRepWorkers()
    {
        final Socket frontend = socket(forwarder, SocketType.ROUTER);
        final Socket backend = socket(forwarder, SocketType.DEALER);
        final String clients = frontend.bind("tcp://127.0.0.1:0");
        final String workers = backend.bind("tcp://127.0.0.1:0");
        final Socket worker = socket(outside, SocketType.REP);
        worker.connect(workers);
        final Socket clientA = socket(outside, SocketType.REQ);
        final Socket clientB = socket(outside, SocketType.REQ);
        clientA.connect(clients);
        clientB.connect(clients);
        awaitPeers(backend, 1);
        awaitPeers(frontend, 2);

        try (ProxyThread proxy = resources.closeAfterTest(ProxyThread.start(() ->
        {
            Proxy.run(frontend, backend);
            return null;
        })))
        {
            for (int round = 0; round < 3; round++)
            {
                clientA.send("A" + round);
                clientB.send(Message.of("B" + round, "two frames"));
                for (int i = 0; i < 2; i++)
                {
                    final List<String> request = recvTexts(worker);
                    final String reply = request.get(0).startsWith("A") ? "for A" : "for B";
                    worker.send(Message.of(reply, String.valueOf(request.size())));
                }
                assertReceives(clientA, "for A", "1");
                assertReceives(clientB, "for B", "2");
            }
        }
    }

    @Test
    void shouldRefuseAPairWithNoDirectionToForward()
    {
        final Socket push = socket(forwarder, SocketType.PUSH);
        final Socket pub = socket(forwarder, SocketType.PUB);
        assertThrows(IllegalArgumentException.class, () -> Proxy.run(push, pub),
            "neither can receive, so nothing could ever be forwarded");
    }
}
