package io.monocoque.api.testing;

import io.monocoque.api.Socket;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Waits for a JeroMQ socket that has just connected to finish its handshake, working around a JeroMQ 0.6.0 bug on
 * the connecting side (zeromq/jeromq PR #1022, "connect hand-off race"): when the TCP connect completes, JeroMQ's
 * I/O thread cancels the connecter's selection key and adds the stream engine's handle for the same channel in one
 * pass; the cancelled key is still returned by {@code keyFor} in that pass, so the new handle is never registered
 * with the selector, and JeroMQ neither sends its greeting nor reads ours until some other registration makes its
 * poller walk its handles again (or its 30 s handshake timer fires). Seen in 2-13 % of fresh connections here,
 * JeroMQ-to-JeroMQ too. The workaround keeps the very same connection: while the handshake has not finished, every
 * {@link #POKE_MS} bind and close a throwaway socket in the same JeroMQ context, whose listener registration makes
 * the poller register the forgotten handle. Test threads only.
 */
public final class JeroMqConnect
{
    /** How long a JeroMQ connect may take to finish its handshake before its I/O thread is poked. */
    public static final int POKE_MS = 500;

    private JeroMqConnect()
    {
    }

    /**
     * Connect a JeroMQ socket to a bound Monocoque socket and wait until the Monocoque side counts one more
     * handshaken peer, poking JeroMQ's I/O thread while it does not; fail after {@code timeoutMs}.
     *
     * @param context   the JeroMQ socket's context.
     * @param socket    the JeroMQ socket.
     * @param endpoint  the Monocoque socket's bound endpoint.
     * @param bound     the Monocoque socket.
     * @param timeoutMs how long in all.
     */
    public static void connect(
        final ZContext context, final ZMQ.Socket socket, final String endpoint, final Socket bound,
        final long timeoutMs)
    {
        final int expected = bound.connectedPeers() + 1;
        assertTrue(socket.connect(endpoint), "JeroMQ connect to " + endpoint);
        awaitHandshake(context, () -> bound.connectedPeers() >= expected, "JeroMQ " + socket.getSocketType() +
            "'s handshake with Monocoque " + bound.type() + " at " + endpoint, timeoutMs);
    }

    /**
     * Wait until {@code handshaken} holds (e.g. the Monocoque side counts one more peer), poking the JeroMQ
     * context's I/O thread while it does not; fail after {@code timeoutMs}.
     *
     * @param context    the JeroMQ context of the socket that connected.
     * @param handshaken true once the handshake finished.
     * @param what       what is awaited, for the failure message.
     * @param timeoutMs  how long in all.
     */
    public static void awaitHandshake(
        final ZContext context, final BooleanSupplier handshaken, final String what, final long timeoutMs)
    {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (!Await.poll(handshaken, POKE_MS))
        {
            if (System.nanoTime() - deadline > 0)
            {
                fail(what + " did not complete within " + timeoutMs + " ms");
            }
            final ZMQ.Socket poke = context.createSocket(SocketType.PAIR);
            try
            {
                poke.bindToRandomPort("tcp://127.0.0.1");
            }
            finally
            {
                context.destroySocket(poke);
            }
        }
    }
}
