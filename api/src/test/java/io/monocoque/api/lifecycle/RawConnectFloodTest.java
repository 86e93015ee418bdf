package io.monocoque.api.lifecycle;

import io.monocoque.api.Context;
import io.monocoque.api.Socket;
import io.monocoque.api.SocketType;
import io.monocoque.api.SubSocket;
import io.monocoque.api.XSubSocket;
import io.monocoque.api.testing.Await;
import io.monocoque.api.testing.DirectMemory;
import io.monocoque.api.testing.RawZmtp;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Resources follow the handshake: raw TCP connects that never finish a ZMTP handshake (closed at once, half a
 * greeting, or idle) cost a few KiB each, not a connection's real buffers (513 KiB on a DEALER, 6 MiB on a PUB
 * before), so a flood of them neither exhausts direct memory nor stops the socket serving its legitimate peer,
 * and direct memory returns to where it was once they are gone. Default suite: a few hundred per socket type;
 * the {@code soak} tag: 10,000.
 */
@Timeout(value = 600, unit = TimeUnit.SECONDS)
class RawConnectFloodTest
{
    private static final int SHORT_FLOOD = 150;
    private static final int SOAK_FLOOD = 10_000;
    /** Most direct memory one raw connection may hold: its handshake buffers, with room to spare. */
    private static final long MAX_BYTES_PER_RAW_CONNECTION = 16 * 1024;
    /** What may stay allocated after the flood (buffers the engine keeps for reuse, rounding). */
    private static final long SLACK_BYTES = 1024 * 1024;

    @ParameterizedTest(name = "{0}")
    @EnumSource(SocketType.class)
    void shouldServeItsPeerAndHoldOnlyHandshakeBuffersForRawConnects(final SocketType type) throws Exception
    {
        flood(type, SHORT_FLOOD);
    }

    @Tag("soak")
    @Test
    void shouldSurviveTenThousandRawConnectsOnEverySocketType() throws Exception
    {
        for (final SocketType type : SocketType.values())
        {
            flood(type, SOAK_FLOOD);
        }
    }

    private static void flood(final SocketType type, final int connects) throws Exception
    {
        try (Context context = Context.create())
        {
            final Socket socket = open(context, type);
            final String endpoint = socket.bind("tcp://127.0.0.1:0");
            final Socket peer = open(context, PeerTypes.peerOf(type));
            peer.connect(endpoint);
            Await.awaitPeers(socket, 1);
            exchange(socket, peer);
            final long baseline = DirectMemory.used();

            // Open and close at once, and half greetings, then a batch left open and idle.
            for (int i = 0; i < connects; i++)
            {
                try (java.net.Socket raw = RawZmtp.connect(endpoint, 0))
                {
                    if ((i & 1) == 0)
                    {
                        raw.getOutputStream().write(Arrays.copyOf(RawZmtp.zmtp31Greeting(), 20));
                    }
                }
            }
            final List<java.net.Socket> idle = new ArrayList<>();
            try
            {
                for (int i = 0; i < connects; i++)
                {
                    idle.add(RawZmtp.connect(endpoint, 0));
                }
                Await.await("the idle raw connections accepted", () -> DirectMemory.used() > baseline);
                exchange(socket, peer);
                final long held = DirectMemory.used() - baseline;
                assertTrue(held < connects * MAX_BYTES_PER_RAW_CONNECTION, type + ": " + connects +
                    " raw connections hold " + held + " bytes of direct memory");
            }
            finally
            {
                for (final java.net.Socket raw : idle)
                {
                    raw.close();
                }
            }
            Await.await(type + ": direct memory back to its baseline " + baseline + " (now " + DirectMemory.used() +
                ")", () -> DirectMemory.used() <= baseline + SLACK_BYTES);
            exchange(socket, peer);
        }
    }

    private static Socket open(final Context context, final SocketType type)
    {
        final Socket socket = context.socket(type);
        socket.lingerMs(0).rcvTimeoutMs(20).sndTimeoutMs(Await.WAIT_MS);
        if (socket instanceof SubSocket)
        {
            ((SubSocket)socket).subscribe("");
        }
        return socket;
    }

    /** One message between the socket and its legitimate peer, whichever way the pattern allows. */
    private static void exchange(final Socket socket, final Socket peer)
    {
        final boolean socketReceives = socket.type() != SocketType.PUSH && socket.type() != SocketType.PUB &&
            socket.type() != SocketType.XPUB && socket.type() != SocketType.REQ && socket.type() != SocketType.DEALER;
        final Socket sender = socketReceives ? peer : socket;
        final Socket receiver = socketReceives ? socket : peer;
        if (receiver instanceof XSubSocket)
        {
            receiver.send(new byte[]{1}); // subscribe to everything upstream
        }
        final boolean repeat = sender.type() == SocketType.PUB || sender.type() == SocketType.XPUB;
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Await.WAIT_MS);
        byte[][] received = null;
        boolean sent = false;
        while (received == null && System.nanoTime() - deadline < 0)
        {
            if (!sent || repeat)
            {
                assertTrue(sender.send("ping"));
                sent = true;
            }
            received = receiver.recvMultipart();
        }
        assertNotNull(received, receiver.type() + " got nothing from " + sender.type());
        if (receiver.type() == SocketType.REP)
        {
            receiver.send("pong"); // back to its receiving state
            assertNotNull(recvWithin(sender), "REQ got its reply");
        }
    }

    private static byte[][] recvWithin(final Socket socket)
    {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Await.WAIT_MS);
        byte[][] received = null;
        while (received == null && System.nanoTime() - deadline < 0)
        {
            received = socket.recvMultipart();
        }
        return received;
    }
}
