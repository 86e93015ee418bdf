package io.monocoque.api.semantics;

import io.monocoque.api.Context;
import io.monocoque.api.Message;
import io.monocoque.api.MessageTooLargeException;
import io.monocoque.api.RouterSocket;
import io.monocoque.api.SendResult;
import io.monocoque.api.Socket;
import io.monocoque.api.SocketClosedException;
import io.monocoque.api.SocketStateException;
import io.monocoque.api.SocketType;
import io.monocoque.api.EndpointInUseException;
import io.monocoque.api.InvalidEndpointException;
import io.monocoque.api.testing.RawZmtp;
import io.monocoque.api.testing.Loopback;
import io.monocoque.api.testing.TestMessages;
import io.monocoque.api.testing.TestResources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.List;

import static io.monocoque.api.semantics.SemanticsSupport.anyEventContains;
import static io.monocoque.api.semantics.SemanticsSupport.assertNothingReceived;
import static io.monocoque.api.semantics.SemanticsSupport.readUntilClosed;
import static io.monocoque.api.semantics.SemanticsSupport.socket;
import static io.monocoque.api.testing.Await.await;
import static io.monocoque.api.testing.Await.awaitPeers;
import static io.monocoque.api.testing.Loopback.endpoint;
import static io.monocoque.api.testing.TestMessages.assertReceives;
import static io.monocoque.api.testing.TestMessages.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad input and misuse: each gets a specific exception whose message names the cause; bad peers (garbage, old
 * protocol versions, incompatible socket types, silence) are disconnected without disturbing healthy ones.
 */
class BadInputSemanticsTest
{
    @RegisterExtension
    final TestResources resources = new TestResources();
    private final List<String> events = SemanticsSupport.newEventList();
    private final Context context = resources.contextRecordingErrors(events);

    private static <T extends Throwable> void assertThrowsNaming(
        final Class<T> type, final String fragment, final Executable executable)
    {
        final T thrown = assertThrows(type, executable);
        assertTrue(thrown.getMessage() != null && thrown.getMessage().contains(fragment),
            "expected a message containing \"" + fragment + "\", got: " + thrown.getMessage());
    }

    // ------------------------------------------------------------------ endpoints

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "ipc2://x                 | unsupported transport 'ipc2'",
        "udp://127.0.0.1:5555     | unsupported transport 'udp'",
        "ipc:///tmp/monocoque     | unsupported transport 'ipc'",
        "inproc://name            | unsupported transport 'inproc'",
        "127.0.0.1:5555           | expected scheme://address",
        "tcp://127.0.0.1          | missing ':port'",
        "tcp://:5                 | empty host",
        "tcp://127.0.0.1:99999    | port 99999 is out of range",
        "tcp://127.0.0.1:123456   | bad port '123456'",
        "tcp://127.0.0.1:abc      | bad port 'abc'",
        "tcp://127.0.0.1:         | bad port ''",
        "tcp://[::1               | malformed IPv6 address",
        "tcp://[]:5555            | malformed IPv6 address",
        "tcp://::1:5555           | IPv6 addresses must be in brackets",
    })
    void shouldRefuseMalformedEndpointsOnBindAndConnect(final String endpoint, final String cause)
    {
        final Socket socket = socket(context, SocketType.DEALER);
        assertThrowsNaming(InvalidEndpointException.class, cause, () -> socket.bind(endpoint));
        assertThrowsNaming(InvalidEndpointException.class, cause, () -> socket.connect(endpoint));
        final InvalidEndpointException thrown =
            assertThrows(InvalidEndpointException.class, () -> socket.connect(endpoint));
        assertTrue(thrown.getMessage().contains(endpoint), "the message should quote the endpoint: " +
            thrown.getMessage());
        assertTrue(socket.endpoints().isEmpty(), "nothing should be bound or connected: " + socket.endpoints());
        assertEquals(SendResult.NOT_CONNECTED, socket.offer(bytes("x")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "tcp://*:5555          | cannot connect to the wildcard host",
        "tcp://127.0.0.1:0     | cannot connect to port 0",
        "tcp://127.0.0.1:*     | cannot connect to port 0",
    })
    void shouldRefuseToConnectToBindOnlyAddresses(final String endpoint, final String cause)
    {
        final Socket socket = socket(context, SocketType.DEALER);
        assertThrowsNaming(InvalidEndpointException.class, cause, () -> socket.connect(endpoint));
        assertTrue(socket.endpoints().isEmpty());
    }

    @Test
    void shouldRefuseToBindAnAddressInUse() throws IOException
    {
        final Socket first = socket(context, SocketType.ROUTER);
        final String endpoint = first.bind("tcp://127.0.0.1:0");
        final Socket second = socket(context, SocketType.ROUTER);
        assertThrowsNaming(EndpointInUseException.class, "address already in use", () -> second.bind(endpoint));

        // A port another program holds.
        try (ServerSocket holder = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()))
        {
            final String held = endpoint(holder.getLocalPort());
            assertThrowsNaming(EndpointInUseException.class, held, () -> second.bind(held));
        }

        // The socket that failed to bind is still usable, and the first still works.
        final String other = second.bind("tcp://127.0.0.1:0");
        final Socket dealer = socket(context, SocketType.DEALER);
        dealer.identity("d");
        dealer.connect(other);
        dealer.connect(endpoint);
        awaitPeers(dealer, 2);
        assertTrue(dealer.send("one"));
        assertTrue(dealer.send("two"));
        final String a = TestMessages.recvTexts(first).get(1);
        final String b = TestMessages.recvTexts(second).get(1);
        assertEquals(java.util.Set.of("one", "two"), java.util.Set.of(a, b));
        assertEquals(URI.create(endpoint).getPort(), URI.create(first.lastEndpoint()).getPort());
    }

    // ------------------------------------------------------------------ closed sockets and contexts

    @Test
    void shouldRefuseToUseAClosedSocket()
    {
        final Socket socket = socket(context, SocketType.DEALER);
        socket.connect(endpoint(Loopback.reservePort()));
        socket.close();

        assertThrowsNaming(SocketClosedException.class, "socket is closed", () -> socket.send("x"));
        assertThrowsNaming(SocketClosedException.class, "socket is closed", () -> socket.send(Message.of("x")));
        assertEquals(SendResult.CLOSED, socket.offer(bytes("x")));
        assertThrowsNaming(SocketClosedException.class, "socket is closed", socket::recvMultipart);
        assertThrowsNaming(SocketClosedException.class, "socket is closed", () -> socket.bind("tcp://127.0.0.1:0"));
        assertThrowsNaming(SocketClosedException.class, "socket is closed",
            () -> socket.connect("tcp://127.0.0.1:5555"));
        assertThrowsNaming(SocketClosedException.class, "socket is closed", () -> socket.rcvTimeoutMs(1));
        assertEquals(0, socket.poll(view -> { }, 10));
        socket.close(); // idempotent
    }

    @Test
    void shouldRefuseNewSocketsOnAClosedContext()
    {
        final Context closed = Context.create();
        final Socket socket = closed.socket(SocketType.PUSH);
        closed.close();
        assertTrue(socket.isClosed());
        assertThrowsNaming(SocketClosedException.class, "context is closed", () -> closed.socket(SocketType.PULL));
        assertThrowsNaming(SocketClosedException.class, "socket is closed", () -> socket.send("x"));
    }

    // ------------------------------------------------------------------ message size

    @Test
    void shouldRefuseMessagesOverMaxMsgSize()
    {
        final Socket socket = socket(context, SocketType.DEALER);
        socket.maxMsgSize(100);
        socket.connect(endpoint(Loopback.reservePort()));

        assertThrowsNaming(MessageTooLargeException.class, "exceeds maxMsgSize 100",
            () -> socket.send(new byte[101]));
        assertThrowsNaming(MessageTooLargeException.class, "message of 101 bytes",
            () -> socket.offer(new byte[60], new byte[41]));
        assertTrue(socket.offer(new byte[100]) > 0, "exactly maxMsgSize is allowed");
        assertTrue(socket.offer(new byte[50], new byte[50]) > 0);
    }

    @Test
    void shouldRefuseToOfferAMessageTheSendRingCanNeverHoldAtOnceAndQueueOneLargerThanARecord()
    {
        final Socket socket = socket(context, SocketType.DEALER);
        socket.sndHwmBytes(4096);
        socket.connect(endpoint(Loopback.reservePort()));
        assertEquals(SendResult.MESSAGE_EXCEEDS_HWM, socket.offer(new byte[8000]), "use send: it streams");
        assertTrue(socket.offer(new byte[600]) > 0, "larger than a record: queued whole, as fragments");
        assertTrue(socket.offer(new byte[400]) > 0);
    }

    @Test
    void shouldDisconnectAPeerThatSendsMoreThanMaxMsgSize()
    {
        final Socket pull = socket(context, SocketType.PULL);
        pull.maxMsgSize(100);
        final String endpoint = pull.bind("tcp://127.0.0.1:0");
        final Context senderContext = Context.create();
        try
        {
            final Socket push = socket(senderContext, SocketType.PUSH);
            push.connect(endpoint);
            awaitPeers(push, 1);
            assertTrue(push.send(new byte[100]));
            assertEquals(100, TestMessages.recv(pull)[0].length);
            assertTrue(push.send(new byte[101]));
            await("the PULL to drop the peer that sent 101 bytes",
                () -> anyEventContains(events, "exceeds maxMsgSize 100"));
            assertNothingReceived(pull);
        }
        finally
        {
            senderContext.close();
        }
    }

    // ------------------------------------------------------------------ options

    @Test
    void shouldRefuseUnknownOrMalformedOptions()
    {
        final Socket dealer = socket(context, SocketType.DEALER);
        assertThrowsNaming(IllegalArgumentException.class, "unknown option 'nope'", () -> dealer.option("nope", "1"));
        assertThrowsNaming(IllegalArgumentException.class, "unknown option 'routerMandatory' for a DEALER",
            () -> dealer.option("routerMandatory", "true"));
        assertThrowsNaming(IllegalArgumentException.class, "option sndHwmBytes: 'lots' is not a number",
            () -> dealer.option("sndHwmBytes", "lots"));
        assertThrowsNaming(IllegalArgumentException.class, "HWM must be", () -> dealer.sndHwmBytes(0));
        assertThrowsNaming(IllegalArgumentException.class, "HWM must be", () -> dealer.rcvHwmBytes(1L << 31));
        assertThrowsNaming(IllegalArgumentException.class, "lingerMs must be >= -1", () -> dealer.lingerMs(-2));
        assertThrowsNaming(IllegalArgumentException.class, "zero byte", () -> dealer.identity(new byte[]{0, 1}));
        assertThrowsNaming(IllegalArgumentException.class, "at most 255 bytes",
            () -> dealer.identity(new byte[256]));

        final RouterSocket router = (RouterSocket)socket(context, SocketType.ROUTER);
        assertThrowsNaming(IllegalArgumentException.class, "option routerMandatory: 'maybe' is not a boolean",
            () -> router.option("routerMandatory", "maybe"));

        dealer.option("sndHwmBytes", "8192");
        dealer.connect(endpoint(Loopback.reservePort()));
        assertEquals(8192, dealer.sndHwmBytes());
        assertThrowsNaming(SocketStateException.class, "sndHwmBytes must be set before the first bind or connect",
            () -> dealer.sndHwmBytes(16384));
        assertThrowsNaming(SocketStateException.class, "rcvHwmBytes must be set before the first bind or connect",
            () -> dealer.option("rcvHwmBytes", "16384"));
    }

    @Test
    void shouldRefuseUnknownSocketTypeNames()
    {
        assertThrowsNaming(IllegalArgumentException.class, "unknown socket type 'nope'", () -> context.socket("nope"));
        assertEquals(SocketType.PUB, context.socket("pub").type());
        assertEquals(SocketType.DEALER, context.socket("dealer").type());
    }

    @Test
    void shouldRefuseOperationsTheSocketTypeDoesNotHave()
    {
        final Socket pull = socket(context, SocketType.PULL);
        final Socket push = socket(context, SocketType.PUSH);
        push.connect(pull.bind("tcp://127.0.0.1:0"));
        assertThrowsNaming(UnsupportedOperationException.class, "a PULL socket cannot send", () -> pull.send("x"));
        assertThrowsNaming(UnsupportedOperationException.class, "a PUSH socket cannot receive", push::recvMultipart);

        final Socket router = socket(context, SocketType.ROUTER);
        router.bind("tcp://127.0.0.1:0");
        assertThrowsNaming(IllegalArgumentException.class, "routing id frame", () -> router.send("no-id"));

        final Socket dealer = socket(context, SocketType.DEALER);
        assertThrowsNaming(SocketStateException.class, "bind or connect first", () -> dealer.send("x"));
        assertEquals(SendResult.NOT_CONNECTED, dealer.offer(bytes("x")));
        dealer.connect(endpoint(Loopback.reservePort()));
        assertThrowsNaming(IllegalArgumentException.class, "at least one frame", () -> dealer.send(new Message()));
        assertThrowsNaming(IllegalArgumentException.class, "at least one frame", () -> dealer.offer(new byte[0][]));
    }

    // ------------------------------------------------------------------ bad peers

    private static java.net.Socket rawClient(final String endpoint) throws IOException
    {
        final URI uri = URI.create(endpoint);
        final java.net.Socket client = new java.net.Socket(InetAddress.getLoopbackAddress(), uri.getPort());
        client.setTcpNoDelay(true);
        return client;
    }

    /** A ROUTER with one healthy DEALER peer exchanging messages. */
    private final class HealthyPair
    {
        final Socket router = socket(context, SocketType.ROUTER);
        final String endpoint = router.bind("tcp://127.0.0.1:0");
        final Socket dealer = socket(context, SocketType.DEALER);
        int sequence;

        HealthyPair()
        {
            dealer.identity("healthy");
            dealer.connect(endpoint);
            awaitPeers(router, 1);
            exchange();
        }

        void exchange()
        {
            for (int i = 0; i < 10; i++, sequence++)
            {
                assertTrue(dealer.send("up-" + sequence));
                assertReceives(router, "healthy", "up-" + sequence);
                assertTrue(router.send(bytes("healthy"), bytes("down-" + sequence)));
                assertReceives(dealer, "down-" + sequence);
            }
        }
    }

    @Test
    void shouldDisconnectAClientSendingGarbageWithoutDisturbingOthers() throws IOException
    {
        final HealthyPair pair = new HealthyPair();
        try (java.net.Socket client = rawClient(pair.endpoint))
        {
            final OutputStream out = client.getOutputStream();
            out.write(bytes("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n"));
            out.flush();
            pair.exchange();
            readUntilClosed(client);
        }
        await("the ROUTER to explain why it dropped the client",
            () -> anyEventContains(events, "first byte is 0x47, expected 0xff"));
        pair.exchange();
        assertEquals(1, pair.router.connectedPeers());
        assertNothingReceived(pair.router);
    }

    @Test
    void shouldDisconnectAZmtp20PeerWithoutDisturbingOthers() throws IOException
    {
        final HealthyPair pair = new HealthyPair();
        try (java.net.Socket client = rawClient(pair.endpoint))
        {
            client.getOutputStream().write(RawZmtp.zmtp20Greeting());
            client.getOutputStream().flush();
            final byte[] received = readUntilClosed(client);
            assertTrue(received.length >= 11, "the ROUTER's greeting should come first: " + received.length);
            assertEquals((byte)0xFF, received[0]);
            assertEquals(3, received[10], "major version of the ROUTER's greeting");
        }
        await("the ROUTER to explain why it dropped the client",
            () -> anyEventContains(events, "peer speaks ZMTP 2.0"));
        pair.exchange();
        assertEquals(1, pair.router.connectedPeers());
        assertNothingReceived(pair.router);
    }

    @Test
    void shouldDisconnectAPeerProposingAnotherMechanism() throws IOException
    {
        final HealthyPair pair = new HealthyPair();
        try (java.net.Socket client = rawClient(pair.endpoint))
        {
            final byte[] greeting = RawZmtp.zmtp31Greeting();
            System.arraycopy(bytes("PLAIN"), 0, greeting, 12, 5);
            client.getOutputStream().write(greeting);
            client.getOutputStream().flush();
            readUntilClosed(client);
        }
        await("the ROUTER to explain why it dropped the client",
            () -> anyEventContains(events, "peer proposes PLAIN"));
        pair.exchange();
    }

    @Test
    void shouldDisconnectAPeerThatNeverCompletesTheHandshake() throws IOException
    {
        final Socket router = socket(context, SocketType.ROUTER);
        router.handshakeIvlMs(200);
        final String endpoint = router.bind("tcp://127.0.0.1:0");
        try (java.net.Socket client = rawClient(endpoint))
        {
            client.getOutputStream().write(RawZmtp.zmtp31Greeting()); // and then nothing: no READY
            client.getOutputStream().flush();
            readUntilClosed(client);
        }
        await("the ROUTER to report the handshake timeout",
            () -> anyEventContains(events, "handshake did not complete within 200 ms"));
        assertEquals(0, router.connectedPeers());
    }

    @Test
    void shouldRefuseAPeerOfAnIncompatibleSocketType() throws IOException
    {
        final Socket dealer = socket(context, SocketType.DEALER);
        final String endpoint = dealer.bind("tcp://127.0.0.1:0");
        try (java.net.Socket client = rawClient(endpoint))
        {
            final OutputStream out = client.getOutputStream();
            out.write(RawZmtp.zmtp31Greeting());
            out.write(RawZmtp.readyCommand("PUB"));
            out.flush();
            final byte[] received = readUntilClosed(client);
            assertTrue(received.length >= 64, "the DEALER's greeting should come first: " + received.length);
        }
        await("the DEALER to refuse the PUB peer", () -> anyEventContains(events, "DEALER cannot talk to PUB"));
        assertEquals(0, dealer.connectedPeers());

        // Same for a type name ZeroMQ does not know.
        try (java.net.Socket client = rawClient(endpoint))
        {
            client.getOutputStream().write(RawZmtp.zmtp31Greeting());
            client.getOutputStream().write(RawZmtp.readyCommand("TEAPOT"));
            client.getOutputStream().flush();
            readUntilClosed(client);
        }
        await("the DEALER to refuse the unknown type",
            () -> anyEventContains(events, "unknown peer socket type 'TEAPOT'"));
        assertEquals(0, dealer.connectedPeers());

        // A compatible peer is still welcome, and queued messages were not lost to the refused ones.
        assertTrue(dealer.send("kept"));
        final Socket good = socket(context, SocketType.DEALER);
        good.connect(endpoint);
        assertReceives(good, "kept");
        assertTrue(good.send("hello"));
        assertReceives(dealer, "hello");
    }

    @Test
    void shouldRefuseAMonocoquePeerOfAnIncompatibleSocketType()
    {
        final Socket pull = socket(context, SocketType.PULL);
        final String endpoint = pull.bind("tcp://127.0.0.1:0");
        final Socket dealer = socket(context, SocketType.DEALER);
        dealer.connect(endpoint);
        await("the PULL to refuse the DEALER", () -> anyEventContains(events, "PULL cannot talk to DEALER"));
        assertEquals(0, pull.connectedPeers());
        assertNothingReceived(pull);
    }
}
