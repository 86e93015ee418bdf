package io.monocoque.api.interop.jeromq;

import io.monocoque.api.Context;
import io.monocoque.api.Message;
import io.monocoque.api.Socket;
import io.monocoque.api.SocketType;
import io.monocoque.api.SubSocket;
import io.monocoque.api.XSubSocket;
import io.monocoque.api.testing.JeroMqConnect;
import io.monocoque.api.testing.TestResources;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Messages far larger than a receive-ring record (an eighth of the default 4 MiB rcvHwmBytes), sent by JeroMQ INTO
 * Monocoque sockets with default HWMs, for every receiving type: single frames of 1 MiB and 16 MiB, and a multipart
 * message with large frames among small ones, each received whole and intact, then a small message after it (the
 * stream is still aligned). 256 MiB is one soak case.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LargeInboundJeroMqTest
{
    private static final int ONE_MIB = 1024 * 1024;
    private static final int TIMEOUT_MS = 20_000;
    private static final byte[] JEROMQ_ID = "jeromq".getBytes(StandardCharsets.UTF_8);

    @RegisterExtension
    final TestResources resources = new TestResources();
    private final Context context = resources.context();
    private final ZContext jeromq = resources.closeAfterTest(new ZContext());

    /** A receiving Monocoque type and the JeroMQ type that sends to it. */
    enum Pairing
    {
        PULL_FROM_PUSH(SocketType.PULL, org.zeromq.SocketType.PUSH),
        DEALER_FROM_DEALER(SocketType.DEALER, org.zeromq.SocketType.DEALER),
        PAIR_FROM_PAIR(SocketType.PAIR, org.zeromq.SocketType.PAIR),
        REP_FROM_REQ(SocketType.REP, org.zeromq.SocketType.REQ),
        ROUTER_FROM_DEALER(SocketType.ROUTER, org.zeromq.SocketType.DEALER),
        SUB_FROM_PUB(SocketType.SUB, org.zeromq.SocketType.PUB),
        XSUB_FROM_PUB(SocketType.XSUB, org.zeromq.SocketType.PUB);

        final SocketType monocoque;
        final org.zeromq.SocketType sender;

        Pairing(final SocketType monocoque, final org.zeromq.SocketType sender)
        {
            this.monocoque = monocoque;
            this.sender = sender;
        }
    }

    static Stream<Arguments> cases()
    {
        final List<Arguments> cases = new ArrayList<>();
        for (final Pairing pairing : Pairing.values())
        {
            cases.add(Arguments.of(pairing, "1 MiB", frames(body(ONE_MIB, 1))));
            cases.add(Arguments.of(pairing, "16 MiB", frames(body(16 * ONE_MIB, 2))));
            cases.add(Arguments.of(pairing, "multipart", frames(
                utf8("header"), body(3 * ONE_MIB, 3), utf8("middle"), body(5 * ONE_MIB + 7, 4), new byte[0])));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("cases")
    void shouldReceiveALargeMessageFromJeroMqWithDefaultHwms(
        final Pairing pairing, final String size, final byte[][] message)
    {
        final Socket socket = context.socket(pairing.monocoque);
        socket.rcvTimeoutMs(TIMEOUT_MS).sndTimeoutMs(TIMEOUT_MS).lingerMs(0);
        final ZMQ.Socket sender = jeromq.createSocket(pairing.sender);
        sender.setSendTimeOut(TIMEOUT_MS);
        sender.setReceiveTimeOut(TIMEOUT_MS);
        if (pairing.sender == org.zeromq.SocketType.DEALER)
        {
            sender.setIdentity(JEROMQ_ID);
        }
        connect(sender, socket.bind("tcp://127.0.0.1:0"), socket);
        final boolean subscriber = pairing.monocoque == SocketType.SUB || pairing.monocoque == SocketType.XSUB;
        if (subscriber)
        {
            subscribeToEverything(socket, sender);
        }

        for (final byte[][] each : List.of(message, frames(utf8("after"))))
        {
            send(sender, each);
            assertFramesEqual(expected(pairing, each), socket.recvMultipart());
            if (pairing == Pairing.REP_FROM_REQ)
            {
                assertTrue(socket.send(utf8("got it")));
                assertEquals("got it", sender.recvStr(), "the REQ gets its reply");
            }
        }
    }

    @Test
    void shouldReceiveALargeMessageFromJeroMqIntoAReusableMessage()
    {
        final Socket pull = context.socket(SocketType.PULL);
        pull.rcvTimeoutMs(TIMEOUT_MS).lingerMs(0);
        final ZMQ.Socket push = jeromq.createSocket(org.zeromq.SocketType.PUSH);
        connect(push, pull.bind("tcp://127.0.0.1:0"), pull);
        final byte[] large = body(4 * ONE_MIB, 9);

        send(push, frames(large, utf8("tail")));
        send(push, frames(utf8("small")));
        final Message into = new Message();

        assertTrue(pull.recv(into));
        assertEquals(2, into.frameCount());
        assertArrayEquals(large, into.frame(0));
        assertTrue(pull.recv(into));
        assertEquals("small", new String(into.frame(0), StandardCharsets.UTF_8));
    }

    @Test
    @Tag("soak")
    void shouldReceiveA256MibFrameFromJeroMq()
    {
        final Socket pull = context.socket(SocketType.PULL);
        pull.rcvTimeoutMs(60_000).lingerMs(0);
        final ZMQ.Socket push = jeromq.createSocket(org.zeromq.SocketType.PUSH);
        connect(push, pull.bind("tcp://127.0.0.1:0"), pull);
        final byte[] large = body(256 * ONE_MIB, 5);

        send(push, frames(large));
        send(push, frames(utf8("after")));

        final byte[][] received = pull.recvMultipart();
        assertNotNull(received);
        assertTrue(Arrays.equals(large, received[0]), "256 MiB intact");
        assertEquals("after", pull.recvString());
    }

    /**
     * Connect a JeroMQ socket and wait for its handshake, working around JeroMQ's connect hand-off race (the cause of
     * the intermittent stalls that kept this class disabled: see {@link JeroMqConnect}).
     */
    private void connect(final ZMQ.Socket socket, final String endpoint, final Socket bound)
    {
        JeroMqConnect.connect(jeromq, socket, endpoint, bound, TIMEOUT_MS);
    }

    /** The publisher drops messages until the subscription has reached it: send probes until one arrives. */
    private static void subscribeToEverything(final Socket socket, final ZMQ.Socket publisher)
    {
        if (socket instanceof SubSocket sub)
        {
            sub.subscribe("");
        }
        else
        {
            assertTrue(((XSubSocket)socket).subscribe(""));
        }
        socket.rcvTimeoutMs(50);
        byte[][] probe = null;
        for (int attempt = 0; attempt < 400 && probe == null; attempt++)
        {
            publisher.send("probe");
            probe = socket.recvMultipart();
        }
        assertNotNull(probe, "the subscription never reached the JeroMQ PUB");
        while (socket.recvMultipart() != null)
        {
            // drain the probes still on their way
        }
        socket.rcvTimeoutMs(TIMEOUT_MS);
    }

    private static byte[][] expected(final Pairing pairing, final byte[][] message)
    {
        if (pairing != Pairing.ROUTER_FROM_DEALER)
        {
            return message;
        }
        final byte[][] routed = new byte[message.length + 1][];
        routed[0] = JEROMQ_ID;
        System.arraycopy(message, 0, routed, 1, message.length);
        return routed;
    }

    private static void send(final ZMQ.Socket sender, final byte[][] message)
    {
        for (int i = 0; i < message.length; i++)
        {
            assertTrue(sender.send(message[i], i < message.length - 1 ? ZMQ.SNDMORE : 0), "JeroMQ send");
        }
    }

    private static void assertFramesEqual(final byte[][] expected, final byte[][] actual)
    {
        assertNotNull(actual, () -> "nothing received; threads:\n" + threadDump());
        assertEquals(expected.length, actual.length, "frames");
        for (int i = 0; i < expected.length; i++)
        {
            assertTrue(Arrays.equals(expected[i], actual[i]), "frame " + i + " of " + expected[i].length + " bytes");
        }
    }

    private static String threadDump()
    {
        final StringBuilder dump = new StringBuilder();
        Thread.getAllStackTraces().forEach((thread, stack) ->
        {
            dump.append(thread.getName()).append(' ').append(thread.getState()).append('\n');
            for (int i = 0; i < Math.min(12, stack.length); i++)
            {
                dump.append("    ").append(stack[i]).append('\n');
            }
        });
        return dump.toString();
    }

    /** A frame whose bytes depend on their position and a seed, so a misplaced fragment shows. */
    static byte[] body(final int size, final int seed)
    {
        final byte[] body = new byte[size];
        for (int i = 0; i < size; i++)
        {
            body[i] = (byte)(i * 31 + seed + (i >>> 16));
        }
        return body;
    }

    private static byte[][] frames(final byte[]... frames)
    {
        return frames;
    }

    private static byte[] utf8(final String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
