package io.monocoque.api.interop.libzmq;

import io.monocoque.api.Context;
import io.monocoque.api.Socket;
import io.monocoque.api.SocketType;
import io.monocoque.api.testing.TestResources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Wire interop with libzmq 4.3 (Debian's python3-zmq, run as a child process: see {@link LibzmqPeer} and
 * {@code interop/zmq_peer.py}). Every pairing of socket types is run with Monocoque binding and libzmq
 * connecting, and the reverse, for each message scenario. Both directions of each exchange are checked
 * independently: Monocoque asserts what it received from libzmq, and the libzmq peer reports each message it
 * received from Monocoque (inline hex, or a SHA-256 for large ones), which is asserted here — so a bug that
 * mangles messages symmetrically cannot hide behind an echo.
 * <p>
 * REQ-REP is strictly one round trip at a time; its "many in order" scenario uses {@value #LOCKSTEP_COUNT} round
 * trips instead of 10,000 to keep the class fast (the other pairings use 10,000 messages).
 * <p>
 * Skipped when {@code /usr/bin/python3} cannot import zmq, except with {@code CI=true}, where it fails
 * ({@link RequiresLibzmq}).
 */
@RequiresLibzmq
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LibzmqInteropTest
{
    private static final String LOOPBACK = "tcp://127.0.0.1:0";
    /** Send and receive timeout on both sides: a broken exchange fails within seconds. */
    private static final int IO_TIMEOUT_MS = 5_000;
    private static final long LARGE_HWM_BYTES = 16L * 1024 * 1024;
    private static final int ONE_MIB = 1024 * 1024;
    private static final int MANY = 10_000;
    private static final int LOCKSTEP_COUNT = 2_000;
    private static final int SEQUENCED_SIZE = 16;

    private static final byte[] MONOCOQUE_DEALER_ID = utf8("monocoque-dealer");
    private static final byte[] LIBZMQ_DEALER_ID = utf8("libzmq-dealer");

    /** What the libzmq peer does. */
    private enum Mode
    {
        /** libzmq receives and sends each message back; Monocoque sends first. */
        ECHO,
        /** libzmq only receives. */
        SINK,
        /** libzmq only sends. */
        SOURCE,
        /** libzmq sends and expects one reply for each; Monocoque echoes. */
        CLIENT
    }

    /** Which socket type is on each side, and who drives the exchange. */
    enum Pairing
    {
        MONOCOQUE_REQ_LIBZMQ_REP(SocketType.REQ, "REP", Mode.ECHO),
        MONOCOQUE_REP_LIBZMQ_REQ(SocketType.REP, "REQ", Mode.CLIENT),
        MONOCOQUE_DEALER_LIBZMQ_ROUTER(SocketType.DEALER, "ROUTER", Mode.ECHO),
        MONOCOQUE_ROUTER_LIBZMQ_DEALER(SocketType.ROUTER, "DEALER", Mode.CLIENT),
        MONOCOQUE_DEALER_LIBZMQ_DEALER(SocketType.DEALER, "DEALER", Mode.ECHO),
        MONOCOQUE_PUSH_LIBZMQ_PULL(SocketType.PUSH, "PULL", Mode.SINK),
        MONOCOQUE_PULL_LIBZMQ_PUSH(SocketType.PULL, "PUSH", Mode.SOURCE),
        MONOCOQUE_PAIR_LIBZMQ_PAIR(SocketType.PAIR, "PAIR", Mode.ECHO);

        final SocketType monocoque;
        final String libzmq;
        final Mode mode;

        Pairing(final SocketType monocoque, final String libzmq, final Mode mode)
        {
            this.monocoque = monocoque;
            this.libzmq = libzmq;
            this.mode = mode;
        }

        boolean lockstep()
        {
            return monocoque == SocketType.REQ || monocoque == SocketType.REP;
        }
    }

    enum Binder
    {
        MONOCOQUE_BINDS,
        LIBZMQ_BINDS
    }

    /** The messages exchanged. */
    enum Scenario
    {
        /** Single-frame messages around the short/long frame boundary (255/256 bytes) and binary content. */
        SINGLE_FRAME
        {
            @Override
            List<byte[][]> messages(final Pairing pairing)
            {
                return List.of(
                    frames(utf8("hello libzmq")),
                    frames(bytesUpTo(255)),
                    frames(bytesUpTo(256)),
                    frames(utf8("last")));
            }
        },
        /** Multipart messages, including a long frame among short ones. */
        MULTIPART
        {
            @Override
            List<byte[][]> messages(final Pairing pairing)
            {
                return List.of(
                    frames(utf8("a"), utf8("bb"), utf8("ccc")),
                    frames(utf8("header"), bytesUpTo(300), utf8("trailer"), utf8("x"), utf8("y")),
                    frames(utf8("k"), utf8("v")));
            }
        },
        /** Empty frames first, last, alone and in a row (on REQ/REP an empty first frame is inside the body). */
        EMPTY_FRAMES
        {
            @Override
            List<byte[][]> messages(final Pairing pairing)
            {
                return List.of(
                    frames(new byte[0]),
                    frames(new byte[0], utf8("after-empty")),
                    frames(utf8("before-empty"), new byte[0]),
                    frames(new byte[0], new byte[0], new byte[0]),
                    frames(utf8("a"), new byte[0], utf8("b")));
            }
        },
        /** Two 1 MiB messages (the second checks the stream is still aligned after the first). */
        ONE_MIB_MESSAGE
        {
            @Override
            List<byte[][]> messages(final Pairing pairing)
            {
                return generatedMessages(2, ONE_MIB);
            }

            @Override
            List<String> peerArgs(final Pairing pairing)
            {
                return List.of("--gen", "2", "--size", Integer.toString(ONE_MIB));
            }
        },
        /**
         * 10,000 sequence-numbered messages (REQ-REP: {@link LibzmqInteropTest#LOCKSTEP_COUNT} round trips), in
         * order.
         */
        MANY_IN_ORDER
        {
            @Override
            List<byte[][]> messages(final Pairing pairing)
            {
                return generatedMessages(count(pairing), SEQUENCED_SIZE);
            }

            @Override
            List<String> peerArgs(final Pairing pairing)
            {
                return List.of("--gen", Integer.toString(count(pairing)), "--size", Integer.toString(SEQUENCED_SIZE));
            }

            private int count(final Pairing pairing)
            {
                return pairing.lockstep() ? LOCKSTEP_COUNT : MANY;
            }
        };

        abstract List<byte[][]> messages(Pairing pairing);

        /** How the libzmq peer makes the same messages when it sends them. */
        List<String> peerArgs(final Pairing pairing)
        {
            final List<String> args = new ArrayList<>();
            for (final byte[][] message : messages(pairing))
            {
                args.add("--msg");
                args.add(FrameSpec.of(message));
            }
            return args;
        }
    }

    @RegisterExtension
    final TestResources resources = new TestResources();
    private final Context context = resources.context();

    static Stream<Arguments> matrix()
    {
        final List<Arguments> cases = new ArrayList<>();
        for (final Pairing pairing : Pairing.values())
        {
            for (final Binder binder : Binder.values())
            {
                for (final Scenario scenario : Scenario.values())
                {
                    cases.add(Arguments.of(pairing, binder, scenario));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}, {1}, {2}")
    @MethodSource("matrix")
    void shouldExchangeMessagesWithLibzmq(final Pairing pairing, final Binder binder, final Scenario scenario)
    {
        final List<byte[][]> messages = scenario.messages(pairing);
        final Socket socket = monocoqueSocket(pairing.monocoque, scenario == Scenario.ONE_MIB_MESSAGE);
        if (pairing.monocoque == SocketType.DEALER && "ROUTER".equals(pairing.libzmq))
        {
            socket.identity(MONOCOQUE_DEALER_ID);
        }

        final List<String> args = new ArrayList<>(List.of(
            "--type", pairing.libzmq,
            "--mode", pairing.mode.name().toLowerCase(java.util.Locale.ROOT),
            "--timeout-ms", Integer.toString(IO_TIMEOUT_MS)));
        switch (pairing.mode)
        {
            case ECHO:
            case SINK:
                args.addAll(List.of("--count", Integer.toString(messages.size())));
                break;
            case SOURCE:
            case CLIENT:
                args.addAll(scenario.peerArgs(pairing));
                break;
            default:
                throw new IllegalStateException();
        }
        if (pairing.libzmq.equals("DEALER") && pairing.mode == Mode.CLIENT)
        {
            args.addAll(List.of("--identity", FrameSpec.hex(LIBZMQ_DEALER_ID)));
        }
        final LibzmqPeer peer = connectPair(socket, binder, args);

        switch (pairing.mode)
        {
            case ECHO:
                exchangeAsClient(socket, pairing, messages);
                if ("ROUTER".equals(pairing.libzmq))
                {
                    peer.expectLine("PEER " + FrameSpec.hex(MONOCOQUE_DEALER_ID),
                        "routing id of the Monocoque DEALER on the libzmq ROUTER");
                }
                peer.expectReceived(messages);
                break;
            case SINK:
                for (final byte[][] message : messages)
                {
                    assertTrue(socket.send(message), "send timed out");
                }
                peer.expectReceived(messages);
                break;
            case SOURCE:
                for (int i = 0; i < messages.size(); i++)
                {
                    assertMessage(messages.get(i), socket.recvMultipart(), i);
                }
                break;
            case CLIENT:
                serveAsEcho(socket, pairing, messages);
                peer.expectReceived(messages);
                break;
            default:
                throw new IllegalStateException();
        }
        peer.expectDone(messages.size());
    }

    /** Monocoque sends the messages to a libzmq echo and checks each reply. */
    private static void exchangeAsClient(final Socket socket, final Pairing pairing, final List<byte[][]> messages)
    {
        if (pairing.lockstep())
        {
            for (int i = 0; i < messages.size(); i++)
            {
                assertTrue(socket.send(messages.get(i)), "send timed out at request " + i);
                assertMessage(messages.get(i), socket.recvMultipart(), i);
            }
            return;
        }
        for (int i = 0; i < messages.size(); i++)
        {
            assertTrue(socket.send(messages.get(i)), "send timed out at message " + i);
        }
        for (int i = 0; i < messages.size(); i++)
        {
            assertMessage(messages.get(i), socket.recvMultipart(), i);
        }
    }

    /** A libzmq client sends the messages; Monocoque checks each and sends it back. */
    private static void serveAsEcho(final Socket socket, final Pairing pairing, final List<byte[][]> messages)
    {
        for (int i = 0; i < messages.size(); i++)
        {
            final byte[][] received = socket.recvMultipart();
            if (pairing.monocoque == SocketType.ROUTER)
            {
                assertNotNull(received, "nothing received at message " + i);
                assertTrue(received.length >= 2, "no routing frame at message " + i);
                assertEquals(FrameSpec.hex(LIBZMQ_DEALER_ID), FrameSpec.hex(received[0]),
                    "routing frame of the libzmq DEALER (its identity) at message " + i);
                assertMessage(messages.get(i), Arrays.copyOfRange(received, 1, received.length), i);
            }
            else
            {
                assertMessage(messages.get(i), received, i);
            }
            assertTrue(socket.send(received), "send timed out at reply " + i);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Binder.class)
    void shouldGiveAnonymousLibzmqDealerAGeneratedRoutingId(final Binder binder)
    {
        final Socket router = monocoqueSocket(SocketType.ROUTER, false);
        final LibzmqPeer peer = connectPair(router, binder, List.of(
            "--type", "DEALER", "--mode", "client", "--timeout-ms", Integer.toString(IO_TIMEOUT_MS),
            "--msg", FrameSpec.hex(utf8("anonymous"))));

        final byte[][] received = router.recvMultipart();
        assertNotNull(received, "nothing received from the anonymous libzmq DEALER");
        assertEquals(2, received.length, "routing frame + body");
        assertEquals(5, received[0].length, "generated routing id length (libzmq makes 5 bytes)");
        assertEquals(0, received[0][0], "a generated routing id starts with a zero byte");
        assertEquals("anonymous", new String(received[1], StandardCharsets.UTF_8));
        assertTrue(router.send(received[0], utf8("reply")));
        peer.expectLine("MSG " + FrameSpec.hex(utf8("reply")), "reply routed by the generated id");
        peer.expectDone(1);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Binder.class)
    void shouldAppearWithGeneratedRoutingIdOnLibzmqRouterWhenAnonymous(final Binder binder)
    {
        final Socket dealer = monocoqueSocket(SocketType.DEALER, false);
        final LibzmqPeer peer = connectPair(dealer, binder, List.of(
            "--type", "ROUTER", "--mode", "echo", "--count", "1", "--timeout-ms", Integer.toString(IO_TIMEOUT_MS)));

        assertTrue(dealer.send(utf8("who am i")));
        assertMessage(frames(utf8("who am i")), dealer.recvMultipart(), 0);
        final String peerLine = peer.nextLine();
        assertTrue(peerLine.matches("PEER 00[0-9a-f]{8}"),
            "libzmq generates a 5-byte routing id starting with 0 for a peer without identity: " + peerLine);
        peer.expectLine("MSG " + FrameSpec.hex(utf8("who am i")), "message seen by the libzmq ROUTER");
        peer.expectDone(1);
    }

    @Test
    void shouldRouteRepliesByIdentityToEachOfTwoLibzmqDealers()
    {
        final Socket router = monocoqueSocket(SocketType.ROUTER, false);
        final String endpoint = router.bind(LOOPBACK);
        final String[] names = {"alpha", "beta"};
        final int perPeer = 20;
        final List<LibzmqPeer> dealers = new ArrayList<>();
        for (final String name : names)
        {
            final List<String> args = new ArrayList<>(List.of("--type", "DEALER", "--connect", endpoint,
                "--mode", "client", "--timeout-ms", Integer.toString(IO_TIMEOUT_MS),
                "--identity", FrameSpec.hex(utf8(name))));
            for (int i = 0; i < perPeer; i++)
            {
                args.addAll(List.of("--msg", FrameSpec.hex(utf8(name + "-" + i))));
            }
            dealers.add(peer(args));
        }

        final int[] next = new int[names.length];
        for (int n = 0; n < names.length * perPeer; n++)
        {
            final byte[][] received = router.recvMultipart();
            assertNotNull(received, "nothing received at message " + n);
            assertEquals(2, received.length, "routing frame + body at message " + n);
            final String id = new String(received[0], StandardCharsets.UTF_8);
            final int which = Arrays.asList(names).indexOf(id);
            assertTrue(which >= 0, "unexpected routing id " + FrameSpec.hex(received[0]));
            assertEquals(id + "-" + next[which], new String(received[1], StandardCharsets.UTF_8),
                "per-peer order from " + id);
            next[which]++;
            // The reply names its addressee: each peer must get exactly its own replies, in order.
            assertTrue(router.send(received[0], utf8("to-" + id + "-" + (next[which] - 1))));
        }
        for (int p = 0; p < names.length; p++)
        {
            for (int i = 0; i < perPeer; i++)
            {
                dealers.get(p).expectLine("MSG " + FrameSpec.hex(utf8("to-" + names[p] + "-" + i)),
                    "reply " + i + " to " + names[p]);
            }
            dealers.get(p).expectDone(perPeer);
        }
    }

    // ------------------------------------------------------------------ helpers

    /** Start a libzmq peer, killed after the test (before the context closes, whatever happened). */
    private LibzmqPeer peer(final List<String> args)
    {
        return resources.closeAfterTest(LibzmqPeer.start(args));
    }

    private Socket monocoqueSocket(final SocketType type, final boolean large)
    {
        final Socket socket = context.socket(type);
        socket.sndTimeoutMs(IO_TIMEOUT_MS).rcvTimeoutMs(IO_TIMEOUT_MS).lingerMs(1_000);
        if (large)
        {
            socket.sndHwmBytes(LARGE_HWM_BYTES).rcvHwmBytes(LARGE_HWM_BYTES);
        }
        return socket;
    }

    /** Bind one side and connect the other; returns the started libzmq peer. */
    private LibzmqPeer connectPair(final Socket socket, final Binder binder, final List<String> peerArgs)
    {
        final List<String> args = new ArrayList<>(peerArgs);
        if (binder == Binder.MONOCOQUE_BINDS)
        {
            final String endpoint = socket.bind(LOOPBACK);
            args.addAll(List.of("--connect", endpoint));
            final LibzmqPeer peer = peer(args);
            assertEquals(endpoint, peer.endpoint(), "libzmq's last endpoint after connecting");
            return peer;
        }
        args.addAll(List.of("--bind", LOOPBACK));
        final LibzmqPeer peer = peer(args);
        assertTrue(peer.endpoint().matches("tcp://127\\.0\\.0\\.1:\\d+"), peer.endpoint());
        assertFalse(peer.endpoint().endsWith(":0"), "libzmq reports the real port: " + peer.endpoint());
        socket.connect(peer.endpoint());
        return peer;
    }

    private static void assertMessage(final byte[][] expected, final byte[][] actual, final int index)
    {
        if (actual == null)
        {
            fail("message " + index + " did not arrive within " + IO_TIMEOUT_MS + " ms");
        }
        if (!Arrays.deepEquals(expected, actual))
        {
            fail("message " + index + " differs:\n  expected " + LibzmqPeer.describeFrames(expected) +
                "\n  actual   " + LibzmqPeer.describeFrames(actual));
        }
    }

    private static List<byte[][]> generatedMessages(final int count, final int size)
    {
        final List<byte[][]> messages = new ArrayList<>(count);
        for (int i = 0; i < count; i++)
        {
            messages.add(frames(LibzmqPeer.generated(i, size)));
        }
        return messages;
    }

    private static byte[][] frames(final byte[]... frames)
    {
        return frames;
    }

    private static byte[] bytesUpTo(final int length)
    {
        final byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++)
        {
            bytes[i] = (byte)(length - i);
        }
        return bytes;
    }

    private static byte[] utf8(final String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
