package io.monocoque.api.pubsub;

import io.monocoque.api.Context;
import io.monocoque.api.PubSocket;
import io.monocoque.api.PublisherSocket;
import io.monocoque.api.Socket;
import io.monocoque.api.SocketType;
import io.monocoque.api.SubSocket;
import io.monocoque.api.XPubSocket;
import io.monocoque.api.XSubSocket;
import io.monocoque.api.testing.Await;
import io.monocoque.api.testing.TestMessages;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Helpers of the publish-subscribe tests: sockets with test timeouts, subscribers connected in one call, and the
 * "probe until subscribed" handshake that pub-sub tests need because a subscription reaches the publisher
 * asynchronously (libzmq's tests sleep instead; here the test publishes a probe until it arrives). Waiting and
 * receiving are {@link Await} and {@link TestMessages}.
 */
public final class PubSubSupport
{
    /** Receive timeout of sockets in these tests. */
    public static final long RECV_TIMEOUT_MS = 5_000;
    /** How long to wait to be reasonably sure something does NOT arrive. */
    public static final long QUIET_MS = 300;

    private PubSubSupport()
    {
    }

    /**
     * A PUB with linger 0.
     *
     * @param context its context.
     * @return the socket.
     */
    public static PubSocket pub(final Context context)
    {
        final PubSocket socket = (PubSocket)context.socket(SocketType.PUB);
        socket.lingerMs(0);
        return socket;
    }

    /**
     * An XPUB with linger 0 and the tests' receive timeout.
     *
     * @param context its context.
     * @return the socket.
     */
    public static XPubSocket xpub(final Context context)
    {
        return receiving((XPubSocket)context.socket(SocketType.XPUB));
    }

    /**
     * A SUB with linger 0 and the tests' receive timeout.
     *
     * @param context its context.
     * @return the socket.
     */
    public static SubSocket sub(final Context context)
    {
        return receiving((SubSocket)context.socket(SocketType.SUB));
    }

    /**
     * A {@link #sub(Context)} subscribed to the prefixes, in order, then connected to a publisher. The
     * subscriptions are on their way, not yet applied: follow with {@link #syncSubscription} where it matters.
     *
     * @param context  its context.
     * @param endpoint the publisher's endpoint.
     * @param prefixes the subscriptions; none for a subscriber that receives nothing yet.
     * @return the socket.
     */
    public static SubSocket subscriber(final Context context, final String endpoint, final String... prefixes)
    {
        final SubSocket socket = sub(context);
        for (final String prefix : prefixes)
        {
            socket.subscribe(prefix);
        }
        socket.connect(endpoint);
        return socket;
    }

    /**
     * An XSUB with linger 0 and the tests' receive timeout.
     *
     * @param context its context.
     * @return the socket.
     */
    public static XSubSocket xsub(final Context context)
    {
        return receiving((XSubSocket)context.socket(SocketType.XSUB));
    }

    private static <T extends Socket> T receiving(final T socket)
    {
        socket.lingerMs(0);
        socket.rcvTimeoutMs(RECV_TIMEOUT_MS);
        return socket;
    }

    /**
     * Check that nothing arrives for {@link #QUIET_MS}; restores the receive timeout.
     *
     * @param socket the socket.
     */
    public static void assertNothingReceived(final Socket socket)
    {
        TestMessages.assertNothingReceived(socket, QUIET_MS);
    }

    /**
     * Publish {@code probe} every few milliseconds until {@code sub} receives it, then drain any further copies:
     * afterwards the publisher has applied every subscription the subscriber made before this call (a
     * subscriber's subscriptions travel in order). The probe topic must match one of those subscriptions.
     *
     * @param pub   the publisher.
     * @param sub   the subscriber (a SUB or an XSUB).
     * @param probe the probe message's text.
     */
    public static void syncSubscription(final PublisherSocket pub, final Socket sub, final String probe)
    {
        syncSubscription(pub::send, sub, probe);
    }

    /**
     * {@link #syncSubscription(PublisherSocket, Socket, String)} for any publisher, e.g. one of another library.
     *
     * @param publish sends a single-frame message with the given text.
     * @param sub     the Monocoque subscriber.
     * @param probe   the probe message's text.
     */
    public static void syncSubscription(final Consumer<String> publish, final Socket sub, final String probe)
    {
        final long timeout = sub.rcvTimeoutMs();
        sub.rcvTimeoutMs(20);
        try
        {
            final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Await.WAIT_MS);
            while (true)
            {
                publish.accept(probe);
                final byte[][] got = sub.recvMultipart();
                if (got != null)
                {
                    assertEquals(List.of(probe), TestMessages.texts(got), "probe");
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
                assertEquals(List.of(probe), TestMessages.texts(more), "only probes may be pending after a probe");
            }
        }
        finally
        {
            sub.rcvTimeoutMs(timeout);
        }
    }
}
