package io.monocoque.api.semantics;

import io.monocoque.api.Context;
import io.monocoque.api.Socket;
import io.monocoque.api.SocketType;
import io.monocoque.api.testing.TestResources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static io.monocoque.api.semantics.SemanticsSupport.FAST_RECONNECT_MS;
import static io.monocoque.api.semantics.SemanticsSupport.anyEventContains;
import static io.monocoque.api.semantics.SemanticsSupport.assertNothingReceived;
import static io.monocoque.api.semantics.SemanticsSupport.socket;
import static io.monocoque.api.testing.Await.await;
import static io.monocoque.api.testing.Await.awaitPeers;
import static io.monocoque.api.testing.TestMessages.assertReceives;
import static io.monocoque.api.testing.TestMessages.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * PAIR semantics (RFC 31), both sides Monocoque: one peer at a time, a second one is refused.
 */
class PairSemanticsTest
{
    @RegisterExtension
    final TestResources resources = new TestResources();
    /** Connection events of the bound PAIR's context only. */
    private final List<String> events = SemanticsSupport.newEventList();
    private final Context boundContext = resources.contextRecordingErrors(events);
    private final Context context = resources.context();

    @Test
    void shouldExchangeMessagesBothWaysWithItsPeer()
    {
        final Socket bound = socket(boundContext, SocketType.PAIR);
        final Socket connected = socket(context, SocketType.PAIR);
        connected.connect(bound.bind("tcp://127.0.0.1:0"));

        for (int i = 0; i < 10; i++)
        {
            assertTrue(connected.send(bytes("ping-" + i), bytes("more")));
            assertReceives(bound, "ping-" + i, "more");
            assertTrue(bound.send("pong-" + i));
            assertReceives(connected, "pong-" + i);
        }
    }

    @Test
    void shouldRefuseASecondPeer()
    {
        final Socket bound = socket(boundContext, SocketType.PAIR);
        final String endpoint = bound.bind("tcp://127.0.0.1:0");
        final Socket first = socket(context, SocketType.PAIR);
        first.connect(endpoint);
        awaitPeers(bound, 1);
        awaitPeers(first, 1);

        final Socket second = socket(context, SocketType.PAIR);
        second.reconnectIvlMs(FAST_RECONNECT_MS);
        second.connect(endpoint);
        await("the bound PAIR to refuse the second peer",
            () -> anyEventContains(events, "PAIR socket already has a peer"));
        assertEquals(1, bound.connectedPeers());

        for (int i = 0; i < 5; i++)
        {
            assertTrue(bound.send("to-first-" + i));
        }
        for (int i = 0; i < 5; i++)
        {
            assertReceives(first, "to-first-" + i);
        }
        assertNothingReceived(second);
        assertTrue(first.send("from-first"));
        assertReceives(bound, "from-first");
        assertNothingReceived(bound);
        assertEquals(1, bound.connectedPeers());
    }

    @Test
    void shouldAcceptAnotherPeerOnceTheFirstHasLeft()
    {
        final Socket bound = socket(boundContext, SocketType.PAIR);
        final String endpoint = bound.bind("tcp://127.0.0.1:0");
        final Socket first = socket(context, SocketType.PAIR);
        first.connect(endpoint);
        awaitPeers(bound, 1);

        final Socket second = socket(context, SocketType.PAIR);
        second.reconnectIvlMs(FAST_RECONNECT_MS);
        second.connect(endpoint);
        await("the bound PAIR to refuse the second peer",
            () -> anyEventContains(events, "PAIR socket already has a peer"));

        first.close();
        await("the bound PAIR to see the first peer leave",
            () -> anyEventContains(events, "peer closed the connection"));
        // Waits in the ring until a peer is accepted: the second one, which keeps retrying.
        assertTrue(bound.send("to-second"));
        assertReceives(second, "to-second");
        assertTrue(second.send("from-second"));
        assertReceives(bound, "from-second");
        assertEquals(1, bound.connectedPeers());
    }
}
