package io.monocoque.api.pubsub;

import io.monocoque.api.Context;
import io.monocoque.api.PubSocket;
import io.monocoque.api.PublisherSocket;
import io.monocoque.api.Socket;
import io.monocoque.api.SubSocket;
import io.monocoque.api.XPubSocket;
import io.monocoque.api.XSubSocket;
import io.monocoque.api.SocketType;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Helpers of the publish-subscribe tests: sockets with test timeouts, waiting with generous deadlines (never timing
 * assertions), and the "probe until subscribed" handshake that pub-sub tests need because a subscription reaches
 * the publisher asynchronously (libzmq's tests sleep instead; here the test publishes a probe until it arrives).
 */
public final class PubSubSupport
{
    /** How long to wait for something that should happen. */
    public static final long WAIT_MS = 10_000;
    /** Receive timeout of sockets in these tests. */
    public static final long RECV_TIMEOUT_MS = 5_000;
    /** How long to wait to be reasonably sure something does NOT arrive. */
    public static final long QUIET_MS = 300;

    private PubSubSupport()
    {
    }

    public static PubSocket pub(final Context context)
    {
        final PubSocket socket = (PubSocket)context.socket(SocketType.PUB);
        socket.lingerMs(0);
        return socket;
    }

    public static XPubSocket xpub(final Context context)
    {
        final XPubSocket socket = (XPubSocket)context.socket(SocketType.XPUB);
        socket.lingerMs(0);
        socket.rcvTimeoutMs(RECV_TIMEOUT_MS);
        return socket;
    }

    public static SubSocket sub(final Context context)
    {
        final SubSocket socket = (SubSocket)context.socket(SocketType.SUB);
        socket.lingerMs(0);
        socket.rcvTimeoutMs(RECV_TIMEOUT_MS);
        return socket;
    }

    public static XSubSocket xsub(final Context context)
    {
        final XSubSocket socket = (XSubSocket)context.socket(SocketType.XSUB);
        socket.lingerMs(0);
        socket.rcvTimeoutMs(RECV_TIMEOUT_MS);
        return socket;
    }

    public static void await(final String what, final BooleanSupplier condition)
    {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS);
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() - deadline > 0)
            {
                fail("timed out after " + WAIT_MS + " ms waiting for: " + what);
            }
            sleep(2);
        }
    }

    public static void awaitPeers(final Socket socket, final int peers)
    {
        await(socket + " to have " + peers + " connected peer(s), has " + socket.connectedPeers(),
            () -> socket.connectedPeers() == peers);
    }

    public static void sleep(final long ms)
    {
        try
        {
            Thread.sleep(ms);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    public static byte[] bytes(final String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    public static String text(final byte[] bytes)
    {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    public static List<String> texts(final byte[][] frames)
    {
        final List<String> result = new ArrayList<>();
        for (final byte[] frame : frames)
        {
            result.add(text(frame));
        }
        return result;
    }

    /** Receive one message (within the socket's receive timeout) as text frames, failing if none arrives. */
    public static List<String> recvTexts(final Socket socket)
    {
        final byte[][] frames = socket.recvMultipart();
        assertNotNull(frames, socket + ": no message within " + socket.rcvTimeoutMs() + " ms");
        return texts(frames);
    }

    /** Receive one single-frame message as text. */
    public static String recvText(final Socket socket)
    {
        final List<String> frames = recvTexts(socket);
        assertEquals(1, frames.size(), "frames of " + frames);
        return frames.get(0);
    }

    /** Check that nothing arrives for a short while; restores the receive timeout. */
    public static void assertNothingReceived(final Socket socket)
    {
        final long timeout = socket.rcvTimeoutMs();
        socket.rcvTimeoutMs(QUIET_MS);
        try
        {
            final byte[][] frames = socket.recvMultipart();
            assertNull(frames, () -> socket + " received an unexpected message " + texts(frames));
        }
        finally
        {
            socket.rcvTimeoutMs(timeout);
        }
    }

    /**
     * Publish {@code probe} every few milliseconds until {@code sub} receives it, then drain any further copies:
     * afterwards the publisher has applied every subscription the subscriber made before this call (a
     * subscriber's subscriptions travel in order). The probe topic must match one of those subscriptions.
     */
    public static void syncSubscription(final PublisherSocket pub, final Socket sub, final String probe)
    {
        final long timeout = sub.rcvTimeoutMs();
        sub.rcvTimeoutMs(20);
        try
        {
            final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS);
            while (true)
            {
                pub.send(probe);
                final byte[][] got = sub.recvMultipart();
                if (got != null)
                {
                    assertEquals(List.of(probe), texts(got), "probe");
                    break;
                }
                if (System.nanoTime() - deadline > 0)
                {
                    fail("the publisher never delivered probe '" + probe + "' (subscription not applied)");
                }
            }
            sub.rcvTimeoutMs(QUIET_MS);
            byte[][] more;
            while ((more = sub.recvMultipart()) != null)
            {
                assertEquals(List.of(probe), texts(more), "only probes may be pending after a probe");
            }
        }
        finally
        {
            sub.rcvTimeoutMs(timeout);
        }
    }
}
