package io.monocoque.api.interop.jeromq;

import io.monocoque.api.Context;
import io.monocoque.api.Socket;
import io.monocoque.api.SocketType;
import io.monocoque.api.testing.JeroMqConnect;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Helpers of the JeroMQ interop tests: one {@link Peer} abstraction over a Monocoque socket and a JeroMQ socket,
 * the socket patterns under test, the scenarios (which side is Monocoque, which side binds) and a {@link Link}
 * that connects the two sides of a scenario and moves messages across it with the pattern's envelope handled.
 * Every JeroMQ socket stays on the thread that created it (the test thread).
 */
final class JeroMqInterop
{
    /** Receive/send timeout of both sides: a broken interop fails within seconds instead of hanging. */
    static final int TIMEOUT_MS = 5_000;
    /** Monocoque ring size needed for a 1 MiB message (a ring holds messages up to capacity/8). */
    static final long BIG_HWM_BYTES = 16L * 1024 * 1024;

    private JeroMqInterop()
    {
    }

    /** Which library binds; the other connects. */
    enum Binder
    {
        MONOCOQUE, JEROMQ
    }

    /** A socket pattern: the {@code first} type sends first; the {@code second} type receives first. */
    enum Pattern
    {
        REQ_REP(SocketType.REQ, SocketType.REP, true),
        DEALER_ROUTER(SocketType.DEALER, SocketType.ROUTER, true),
        DEALER_DEALER(SocketType.DEALER, SocketType.DEALER, true),
        PUSH_PULL(SocketType.PUSH, SocketType.PULL, false),
        PAIR_PAIR(SocketType.PAIR, SocketType.PAIR, true);

        final SocketType first;
        final SocketType second;
        final boolean bidirectional;

        Pattern(final SocketType first, final SocketType second, final boolean bidirectional)
        {
            this.first = first;
            this.second = second;
            this.bidirectional = bidirectional;
        }

        boolean lockStep()
        {
            return this == REQ_REP;
        }
    }

    /**
     * One interop arrangement.
     *
     * @param pattern          the socket pattern.
     * @param monocoqueIsFirst true: Monocoque is the first (sending) type and JeroMQ the second; false: reversed.
     * @param binder           which library binds.
     */
    record Scenario(Pattern pattern, boolean monocoqueIsFirst, Binder binder)
    {
        static List<Scenario> all()
        {
            final List<Scenario> scenarios = new ArrayList<>();
            for (final Pattern pattern : Pattern.values())
            {
                for (final boolean monocoqueIsFirst : new boolean[]{true, false})
                {
                    for (final Binder binder : Binder.values())
                    {
                        scenarios.add(new Scenario(pattern, monocoqueIsFirst, binder));
                    }
                }
            }
            return scenarios;
        }

        @Override
        public String toString()
        {
            final String firstLib = monocoqueIsFirst ? "Monocoque" : "JeroMQ";
            final String secondLib = monocoqueIsFirst ? "JeroMQ" : "Monocoque";
            return pattern.first + "(" + firstLib + ") -> " + pattern.second + "(" + secondLib + "), " +
                (binder == Binder.MONOCOQUE ? "Monocoque" : "JeroMQ") + " binds";
        }
    }

    /** One side of a connection, whichever library it is. */
    interface Peer
    {
        String bind();

        void connect(String endpoint);

        /** Send a whole message; fails the test if it cannot be sent within the timeout. */
        void send(byte[]... frames);

        /** Receive a whole message; fails the test if none arrives within the timeout. */
        byte[][] recv();
    }

    /** A Monocoque socket with test timeouts. */
    static final class MonocoquePeer implements Peer
    {
        final Socket socket;

        MonocoquePeer(final Socket socket)
        {
            this.socket = socket;
            socket.rcvTimeoutMs(TIMEOUT_MS).sndTimeoutMs(TIMEOUT_MS).lingerMs(0);
        }

        @Override
        public String bind()
        {
            return socket.bind("tcp://127.0.0.1:0");
        }

        @Override
        public void connect(final String endpoint)
        {
            socket.connect(endpoint);
        }

        @Override
        public void send(final byte[]... frames)
        {
            assertTrue(socket.send(frames), "Monocoque " + socket.type() + " send timed out");
        }

        @Override
        public byte[][] recv()
        {
            final byte[][] frames = socket.recvMultipart();
            assertNotNull(frames, "Monocoque " + socket.type() + " received nothing within " + TIMEOUT_MS + " ms");
            return frames;
        }

        /** Wait until {@code count} peers finished the handshake; fails the test after {@code timeoutMs}. */
        void awaitPeers(final int count, final long timeoutMs)
        {
            if (!waitForPeers(count, timeoutMs))
            {
                fail("Monocoque " + socket.type() + " has " + socket.connectedPeers() + " peers after " +
                    timeoutMs + " ms, expected " + count);
            }
        }

        boolean waitForPeers(final int count, final long timeoutMs)
        {
            final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
            while (socket.connectedPeers() < count)
            {
                if (System.nanoTime() - deadline > 0)
                {
                    return false;
                }
                sleepQuietly();
            }
            return true;
        }
    }

    /** A JeroMQ socket with test timeouts and unlimited HWMs (so a test may send everything, then receive). */
    static final class JeroMqPeer implements Peer
    {
        final ZContext context;
        final ZMQ.Socket socket;

        JeroMqPeer(final ZContext context, final SocketType type)
        {
            this.context = context;
            this.socket = context.createSocket(org.zeromq.SocketType.valueOf(type.name()));
            socket.setReceiveTimeOut(TIMEOUT_MS);
            socket.setSendTimeOut(TIMEOUT_MS);
            socket.setSndHWM(0);
            socket.setRcvHWM(0);
            socket.setLinger(0);
        }

        @Override
        public String bind()
        {
            final int port = socket.bindToRandomPort("tcp://127.0.0.1");
            return "tcp://127.0.0.1:" + port;
        }

        @Override
        public void connect(final String endpoint)
        {
            assertTrue(socket.connect(endpoint), "JeroMQ connect to " + endpoint);
        }

        @Override
        public void send(final byte[]... frames)
        {
            for (int i = 0; i < frames.length; i++)
            {
                final int flags = i < frames.length - 1 ? ZMQ.SNDMORE : 0;
                assertTrue(socket.send(frames[i], flags), "JeroMQ send of frame " + i + " timed out");
            }
        }

        @Override
        public byte[][] recv()
        {
            final List<byte[]> frames = new ArrayList<>();
            final byte[] first = socket.recv(0);
            assertNotNull(first, "JeroMQ received nothing within " + TIMEOUT_MS + " ms");
            frames.add(first);
            while (socket.hasReceiveMore())
            {
                final byte[] next = socket.recv(0);
                assertNotNull(next, "JeroMQ: a frame of a multipart message went missing");
                frames.add(next);
            }
            return frames.toArray(new byte[0][]);
        }
    }

    /**
     * The two connected sides of a scenario, each in its own library and context. Moves messages with the
     * pattern's envelopes handled: a ROUTER's routing id frame is stripped on receive (and remembered) and put
     * back in front on send.
     */
    static final class Link implements AutoCloseable
    {
        final Scenario scenario;
        final Context monocoqueContext = Context.create();
        final ZContext jeromqContext = new ZContext();
        final Peer first;
        final Peer second;
        final MonocoquePeer monocoque;
        final JeroMqPeer jeromq;
        private byte[] routingId;

        private Link(final Scenario scenario, final Consumer<Socket> monocoqueOptions)
        {
            this.scenario = scenario;
            final Pattern pattern = scenario.pattern();
            final SocketType monocoqueType = scenario.monocoqueIsFirst() ? pattern.first : pattern.second;
            final SocketType jeromqType = scenario.monocoqueIsFirst() ? pattern.second : pattern.first;
            try
            {
                final Socket socket = monocoqueContext.socket(monocoqueType);
                monocoqueOptions.accept(socket);
                monocoque = new MonocoquePeer(socket);
                jeromq = new JeroMqPeer(jeromqContext, jeromqType);
                first = scenario.monocoqueIsFirst() ? monocoque : jeromq;
                second = scenario.monocoqueIsFirst() ? jeromq : monocoque;
                connect(scenario.binder(), monocoque, jeromq);
            }
            catch (final RuntimeException | Error ex)
            {
                close();
                throw ex;
            }
        }

        static Link open(final Scenario scenario)
        {
            return new Link(scenario, socket -> { });
        }

        static Link open(final Scenario scenario, final Consumer<Socket> monocoqueOptions)
        {
            return new Link(scenario, monocoqueOptions);
        }

        boolean secondIsRouter()
        {
            return scenario.pattern().second == SocketType.ROUTER;
        }

        /** The routing id under which the ROUTER side last received from its peer. */
        byte[] routingId()
        {
            return routingId;
        }

        void sendForward(final byte[]... frames)
        {
            first.send(frames);
        }

        /** Receive on the second side; for a ROUTER, strip and remember the routing id frame. */
        byte[][] receiveForward()
        {
            final byte[][] received = second.recv();
            if (!secondIsRouter())
            {
                return received;
            }
            assertTrue(received.length >= 2, "a ROUTER message must have a routing id frame and a body");
            assertTrue(received[0].length > 0, "routing id frame must not be empty");
            if (routingId != null)
            {
                assertArrayEquals(routingId, received[0], "routing id changed between messages of one peer");
            }
            routingId = received[0];
            return Arrays.copyOfRange(received, 1, received.length);
        }

        /** Send from the second side back to the first; a ROUTER addresses the peer it last received from. */
        void sendBackward(final byte[]... frames)
        {
            assertTrue(scenario.pattern().bidirectional, scenario.pattern() + " is one-way");
            if (secondIsRouter())
            {
                assertNotNull(routingId, "ROUTER must receive before it can reply");
                final byte[][] routed = new byte[frames.length + 1][];
                routed[0] = routingId;
                System.arraycopy(frames, 0, routed, 1, frames.length);
                second.send(routed);
            }
            else
            {
                second.send(frames);
            }
        }

        byte[][] receiveBackward()
        {
            return first.recv();
        }

        /** Send forward and check what arrives is exactly what was sent. */
        void forward(final byte[]... frames)
        {
            sendForward(frames);
            assertFrames(frames, receiveForward());
        }

        /** Send backward and check what arrives is exactly what was sent. */
        void backward(final byte[]... frames)
        {
            sendBackward(frames);
            assertFrames(frames, receiveBackward());
        }

        @Override
        public void close()
        {
            try
            {
                monocoqueContext.close();
            }
            finally
            {
                jeromqContext.close();
            }
        }
    }

    /**
     * Bind one side, connect the other to it, and wait until the Monocoque side counts one more handshaken peer.
     */
    static void connect(final Binder binder, final MonocoquePeer monocoque, final JeroMqPeer jeromq)
    {
        if (binder == Binder.MONOCOQUE)
        {
            connectJeroMq(jeromq, monocoque.bind(), monocoque);
        }
        else
        {
            final int expected = monocoque.socket.connectedPeers() + 1;
            monocoque.connect(jeromq.bind());
            monocoque.awaitPeers(expected, TIMEOUT_MS);
        }
    }

    /**
     * Connect a JeroMQ socket to a bound Monocoque socket and wait until the Monocoque side counts one more
     * handshaken peer, working around JeroMQ's connect hand-off race ({@link JeroMqConnect}). A Monocoque side that
     * never completes the handshake still fails after {@link #TIMEOUT_MS}.
     */
    static void connectJeroMq(final JeroMqPeer jeromq, final String endpoint, final MonocoquePeer bound)
    {
        JeroMqConnect.connect(jeromq.context, jeromq.socket, endpoint, bound.socket, TIMEOUT_MS);
    }

    static byte[] bytes(final String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static byte[][] frames(final String... texts)
    {
        final byte[][] frames = new byte[texts.length][];
        for (int i = 0; i < texts.length; i++)
        {
            frames[i] = bytes(texts[i]);
        }
        return frames;
    }

    /** Exact comparison, frame by frame, with a readable message for small frames. */
    static void assertFrames(final byte[][] expected, final byte[][] actual)
    {
        assertNotNull(actual, "no message");
        assertEquals(expected.length, actual.length, () -> "frame count; expected " + describe(expected) +
            " but got " + describe(actual));
        for (int i = 0; i < expected.length; i++)
        {
            final int index = i;
            assertArrayEquals(expected[i], actual[i], () -> "frame " + index + "; expected " + describe(expected) +
                " but got " + describe(actual));
        }
    }

    static String describe(final byte[][] frames)
    {
        final StringBuilder text = new StringBuilder("[");
        for (int i = 0; i < frames.length; i++)
        {
            if (i > 0)
            {
                text.append(", ");
            }
            text.append(frames[i].length <= 64 ?
                "\"" + new String(frames[i], StandardCharsets.UTF_8) + "\"" : "<" + frames[i].length + " bytes>");
        }
        return text.append(']').toString();
    }

    private static void sleepQuietly()
    {
        try
        {
            Thread.sleep(1);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", ex);
        }
    }
}
