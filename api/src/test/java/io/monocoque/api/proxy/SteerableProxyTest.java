package io.monocoque.api.proxy;

import io.monocoque.api.Context;
import io.monocoque.api.Message;
import io.monocoque.api.Proxy;
import io.monocoque.api.ProxyStatistics;
import io.monocoque.api.RouterSocket;
import io.monocoque.api.Socket;
import io.monocoque.api.SocketType;
import io.monocoque.api.interop.libzmq.PythonPeerProcess;
import io.monocoque.api.interop.libzmq.RequiresLibzmq;
import io.monocoque.api.testing.TestResources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

import static io.monocoque.api.testing.Await.await;
import static io.monocoque.api.testing.Await.awaitPeers;
import static io.monocoque.api.testing.TestMessages.assertNothingReceived;
import static io.monocoque.api.testing.TestMessages.assertReceives;
import static io.monocoque.api.testing.TestMessages.recv;
import static io.monocoque.api.testing.TestMessages.recvTexts;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The proxy's counters and its control socket, as libzmq's {@code zmq_proxy_steerable}: PAUSE holds messages back,
 * RESUME lets them go, STATISTICS answers with the eight counters as uint64 frames, TERMINATE makes the proxy
 * return; messages the other side can never take are counted, not reported as forwarded. Also steered from a
 * libzmq REQ.
 */
class SteerableProxyTest
{
    private static final long TIMEOUT_MS = 5_000;
    private static final long QUIET_MS = 300;

    @RegisterExtension
    final TestResources resources = new TestResources();
    private final Context outside = resources.context();
    private final Context forwarder = resources.context();

    private Socket socket(final Context context, final SocketType type)
    {
        final Socket socket = context.socket(type);
        socket.lingerMs(0);
        socket.rcvTimeoutMs(TIMEOUT_MS);
        socket.sndTimeoutMs(TIMEOUT_MS);
        return socket;
    }

    /** A PULL-to-PUSH stream through the proxy: the producer and consumer outside, connected. */
    private record Stream(Socket frontend, Socket backend, Socket producer, Socket consumer)
    {
    }

    private Stream stream()
    {
        final Socket frontend = socket(forwarder, SocketType.PULL);
        final Socket backend = socket(forwarder, SocketType.PUSH);
        final Socket producer = socket(outside, SocketType.PUSH);
        final Socket consumer = socket(outside, SocketType.PULL);
        producer.connect(frontend.bind("tcp://127.0.0.1:0"));
        consumer.connect(backend.bind("tcp://127.0.0.1:0"));
        awaitPeers(backend, 1);
        return new Stream(frontend, backend, producer, consumer);
    }

    @Test
    void shouldCountMessagesTheBackendCanNeverTakeAndCopiesTheCaptureCannotTake()
    {
        final Socket frontend = socket(forwarder, SocketType.PULL);
        final Socket backend = socket(forwarder, SocketType.PUSH); // never bound nor connected: NOT_CONNECTED
        final Socket producer = socket(outside, SocketType.PUSH);
        producer.connect(frontend.bind("tcp://127.0.0.1:0"));
        final Socket capture = socket(forwarder, SocketType.PUSH); // no endpoint either: copies are dropped
        final Proxy proxy = Proxy.of(frontend, backend).capture(capture);
        final ProxyStatistics statistics = proxy.statistics();
        resources.closeAfterTest(ProxyThread.start(proxy::run));

        producer.send("one");
        producer.send(Message.of("two", "parts"));

        await("two unforwarded messages, counted: " + statistics, () -> statistics.unforwardedToBackend() == 2);
        assertEquals(2, statistics.frontendMessagesIn());
        assertEquals(3 + 3 + 5, statistics.frontendBytesIn());
        assertEquals(0, statistics.backendMessagesOut(), "nothing was sent on the backend");
        assertEquals(0, statistics.backendBytesOut());
        assertEquals(2, statistics.captureDropped(), "the capture could take neither copy");
    }

    @Test
    void shouldCountUnknownRoutingIdsAndOversizeMessagesAndGoOnForwarding()
    {
        final Socket frontend = socket(forwarder, SocketType.PULL);
        final RouterSocket backend = (RouterSocket)socket(forwarder, SocketType.ROUTER);
        backend.routerMandatory(true);
        backend.maxMsgSize(64);
        final Socket producer = socket(outside, SocketType.PUSH);
        producer.connect(frontend.bind("tcp://127.0.0.1:0"));
        final Socket worker = socket(outside, SocketType.DEALER);
        worker.identity("worker");
        worker.connect(backend.bind("tcp://127.0.0.1:0"));
        awaitPeers(backend, 1);
        final Proxy proxy = Proxy.of(frontend, backend);
        final ProxyStatistics statistics = proxy.statistics();
        resources.closeAfterTest(ProxyThread.start(proxy::run));

        producer.send(Message.of("nobody", "lost"));                 // HOST_UNREACHABLE with routerMandatory
        producer.send(Message.of("worker", "x".repeat(100)));        // over the backend's maxMsgSize
        producer.send(Message.of("worker", "delivered"));

        assertReceives(worker, "delivered");
        await("two unforwarded messages, counted: " + statistics, () -> statistics.unforwardedToBackend() == 2);
        // The proxy thread counts a message after its send returns, which may be after the worker has it.
        await("the delivered message counted: " + statistics, () -> statistics.backendBytesOut() > 0);
        assertEquals(3, statistics.frontendMessagesIn());
        assertEquals(1, statistics.backendMessagesOut());
        assertEquals("worker".length() + "delivered".length(), statistics.backendBytesOut());
    }

    @Test
    void shouldPauseResumeReportStatisticsAndTerminateOnCommandsFromAReqPeer()
    {
        final Stream stream = stream();
        final Socket control = socket(forwarder, SocketType.REP);
        final Socket controller = socket(outside, SocketType.REQ);
        controller.connect(control.bind("tcp://127.0.0.1:0"));
        final Proxy proxy = Proxy.of(stream.frontend(), stream.backend()).control(control);
        final ProxyThread thread = resources.closeAfterTest(ProxyThread.start(proxy::run));

        stream.producer().send("before");
        assertReceives(stream.consumer(), "before");

        assertEquals(List.of(""), ask(controller, "PAUSE"), "REP control: an empty reply");
        stream.producer().send("while paused");
        assertNothingReceived(stream.consumer(), QUIET_MS);
        assertEquals(List.of(""), ask(controller, "RESUME"));
        assertReceives(stream.consumer(), "while paused");

        assertEquals(List.of(""), ask(controller, "BOGUS"), "an unknown command is ignored");
        controller.send("STATISTICS");
        final byte[][] reply = recv(controller);
        assertEquals(ProxyStatistics.LIBZMQ_COUNTERS, reply.length, "eight frames");
        final long[] values = new long[reply.length];
        for (int i = 0; i < reply.length; i++)
        {
            assertEquals(Long.BYTES, reply[i].length, "a uint64 per frame");
            values[i] = ByteBuffer.wrap(reply[i]).order(ByteOrder.nativeOrder()).getLong();
        }
        final long bytes = "before".length() + "while paused".length();
        assertArrayEquals(new long[]{2, bytes, 0, 0, 0, 0, 2, bytes}, values,
            "frontend in, bytes in, out, bytes out; the same for the backend");

        assertEquals(List.of(""), ask(controller, "TERMINATE"));
        assertEquals(Proxy.Stop.TERMINATED, thread.awaitStopped());
    }

    @Test
    void shouldTakeCommandsWithoutRepliesOnAPairControlSocketButStillAnswerStatistics()
    {
        final Stream stream = stream();
        final Socket control = socket(forwarder, SocketType.PAIR);
        final Socket controller = socket(outside, SocketType.PAIR);
        controller.connect(control.bind("tcp://127.0.0.1:0"));
        awaitPeers(control, 1);
        final ProxyThread thread = resources.closeAfterTest(ProxyThread.start(
            () -> Proxy.steerable(stream.frontend(), stream.backend(), null, control)));

        controller.send("PAUSE");
        controller.send("STATISTICS");
        assertEquals(ProxyStatistics.LIBZMQ_COUNTERS, recv(controller).length, "only STATISTICS is answered");
        stream.producer().send("held");
        assertNothingReceived(stream.consumer(), QUIET_MS);
        controller.send("RESUME");
        assertReceives(stream.consumer(), "held");
        controller.send("TERMINATE");
        assertEquals(Proxy.Stop.TERMINATED, thread.awaitStopped());
        assertNothingReceived(controller, QUIET_MS);
    }

    @Test
    @RequiresLibzmq
    void shouldBeSteeredByALibzmqReqAsZmqProxySteerableIs()
    {
        final Stream stream = stream();
        final Socket control = socket(forwarder, SocketType.REP);
        final String controlEndpoint = control.bind("tcp://127.0.0.1:0");
        final ProxyThread thread = resources.closeAfterTest(ProxyThread.start(
            () -> Proxy.steerable(stream.frontend(), stream.backend(), null, control)));
        final PythonPeerProcess libzmq = resources.closeAfterTest(
            PythonPeerProcess.start("interop/proxy_control.py", List.of("--connect", controlEndpoint)));
        libzmq.awaitReady("tcp://");

        stream.producer().send(Message.of("abc", "de"));
        assertReceives(stream.consumer(), "abc", "de");
        assertEquals("REPLY ", libzmq.ask("ASK PAUSE"), "an empty reply frame");
        assertEquals("STATS 8 1 5 0 0 0 0 1 5", libzmq.ask("STATS"));
        assertEquals("REPLY ", libzmq.ask("ASK RESUME"));
        assertEquals("REPLY ", libzmq.ask("ASK TERMINATE"));
        assertEquals(Proxy.Stop.TERMINATED, thread.awaitStopped());
    }

    private static List<String> ask(final Socket controller, final String command)
    {
        controller.send(command);
        return recvTexts(controller);
    }
}
