package io.monocoque.api.pubsub;

import io.monocoque.api.Context;
import io.monocoque.api.SocketInterruptedException;
import io.monocoque.api.SocketType;
import io.monocoque.api.SubSocket;
import io.monocoque.api.ThreadingMode;
import io.monocoque.api.XPubSocket;
import io.monocoque.api.testing.TestResources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.HashSet;
import java.util.Set;

import static io.monocoque.api.pubsub.PubSubSupport.xpub;
import static io.monocoque.api.testing.Await.await;
import static io.monocoque.api.testing.TestMessages.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Subscriptions made before the first bind or connect are sent when the socket starts; a flush that an interrupt
 * cuts short (the send ring filled and the thread was interrupted while waiting for room) must resume where it
 * stopped, not send the subscriptions already sent a second time (which would count them twice, so one
 * unsubscribe would no longer cancel them).
 */
class EarlySubscriptionFlushTest
{
    /** Enough subscriptions of this size to overflow the smallest send ring (4 KiB) several times. */
    private static final int SUBSCRIPTIONS = 100;
    private static final String PADDING = "-".repeat(60);

    @RegisterExtension
    final TestResources resources = new TestResources();

    @Test
    void shouldNotCountEarlySubscriptionsTwiceWhenTheirFlushIsInterrupted()
    {
        final Context publisherContext = resources.context();
        // INVOKER: nothing drains the SUB's send ring while the flush writes, so the ring fills deterministically.
        final Context subscriberContext = resources.context(Context.builder().threadingMode(ThreadingMode.INVOKER));
        final XPubSocket xpub = xpub(publisherContext);
        final String endpoint = xpub.bind("tcp://127.0.0.1:0");

        final SubSocket sub = (SubSocket)subscriberContext.socket(SocketType.SUB);
        sub.lingerMs(0);
        sub.sndHwmBytes(4096);
        for (int i = 0; i < SUBSCRIPTIONS; i++)
        {
            sub.subscribe(prefix(i));
        }
        Thread.currentThread().interrupt();
        try
        {
            assertThrows(SocketInterruptedException.class, () -> sub.connect(endpoint),
                "the flush fills the ring and sees the interrupt");
        }
        finally
        {
            Thread.interrupted();
        }
        sub.bind("tcp://127.0.0.1:0"); // the next start of a flush sends the rest

        final Set<String> subscribed = new HashSet<>();
        awaitNotifications(subscriberContext, xpub, subscribed, '\u0001');
        for (int i = 0; i < SUBSCRIPTIONS; i++)
        {
            sub.unsubscribe(prefix(i)); // one unsubscribe per subscribe: every prefix is cancelled
        }
        final Set<String> cancelled = new HashSet<>();
        awaitNotifications(subscriberContext, xpub, cancelled, '\u0000');
        assertEquals(subscribed, cancelled);
    }

    private static String prefix(final int i)
    {
        return String.format("topic-%03d%s", i, PADDING);
    }

    /** Collect XPUB notifications of one kind until every prefix has one, driving the SUB's engine meanwhile. */
    private static void awaitNotifications(
        final Context subscriberContext, final XPubSocket xpub, final Set<String> seen, final char kind)
    {
        xpub.rcvTimeoutMs(1);
        await(SUBSCRIPTIONS + " notifications 0x0" + (int)kind + " at the XPUB", () ->
        {
            subscriberContext.invoke();
            final byte[][] message = xpub.recvMultipart();
            if (message != null)
            {
                final String notification = text(message[0]);
                assertTrue(notification.charAt(0) == kind, "unexpected notification " + notification);
                seen.add(notification.substring(1));
            }
            return seen.size() == SUBSCRIPTIONS;
        });
    }
}
