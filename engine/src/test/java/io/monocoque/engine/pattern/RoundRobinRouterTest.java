package io.monocoque.engine.pattern;

import io.monocoque.codec.socket.SocketType;
import io.monocoque.engine.shared.MessageRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DEALER/PUSH/REQ/PAIR outbound over a real send ring and real connections: messages take turns over the active
 * peers, a peer whose staging buffer is full is skipped, a message no peer can take stays in the ring (back-pressure)
 * until one can, and REQ's correlation learns which peer each request went to.
 */
class RoundRobinRouterTest
{
    private static final long ANY = MessageRecord.ANY_PEER;

    private PatternFixture socket = new PatternFixture(SocketType.DEALER);
    private final RoundRobinRouter router = new RoundRobinRouter(socket.peers, null);

    @AfterEach
    void close()
    {
        socket.close();
    }

    @Test
    void shouldTakeTurnsOverTheActivePeers()
    {
        final PatternFixture.Peer a = socket.connect(SocketType.ROUTER);
        final PatternFixture.Peer b = socket.connect(SocketType.ROUTER);
        final PatternFixture.Peer c = socket.connect(SocketType.DEALER);
        for (int i = 0; i < 6; i++)
        {
            socket.send(ANY, "m" + i);
        }

        assertEquals(6, router.drain(socket.outbound));

        assertEquals(List.of(List.of("m0"), List.of("m3")), a.sent());
        assertEquals(List.of(List.of("m1"), List.of("m4")), b.sent());
        assertEquals(List.of(List.of("m2"), List.of("m5")), c.sent());
        assertEquals(0, socket.outbound.size());
    }

    @Test
    void shouldContinueTheTurnFromOneDrainToTheNext()
    {
        final PatternFixture.Peer a = socket.connect(SocketType.ROUTER);
        final PatternFixture.Peer b = socket.connect(SocketType.ROUTER);

        for (int i = 0; i < 3; i++)
        {
            socket.send(ANY, "m" + i);
            assertEquals(1, router.drain(socket.outbound));
        }

        assertEquals(List.of(List.of("m0"), List.of("m2")), a.sent());
        assertEquals(List.of(List.of("m1")), b.sent());
    }

    @Test
    void shouldSkipAFullPeerAndStageOnTheNext()
    {
        final PatternFixture.Peer a = socket.connect(SocketType.ROUTER);
        final PatternFixture.Peer b = socket.connect(SocketType.ROUTER);
        final PatternFixture.Peer c = socket.connect(SocketType.ROUTER);
        final List<String> filler = b.stall();
        for (int i = 0; i < 4; i++)
        {
            socket.send(ANY, "m" + i);
        }

        assertEquals(4, router.drain(socket.outbound));

        assertEquals(List.of(List.of("m0"), List.of("m2")), a.sent());
        assertEquals(List.of(List.of("m1"), List.of("m3")), c.sent());
        b.unstall();
        assertEquals(List.of(filler), b.sent(), "the full peer got nothing more");
    }

    @Test
    void shouldLeaveTheRecordInTheRingWhenNoPeerCanTakeIt()
    {
        final PatternFixture.Peer a = socket.connect(SocketType.ROUTER);
        final PatternFixture.Peer b = socket.connect(SocketType.ROUTER);
        final List<String> fillerA = a.stall();
        final List<String> fillerB = b.stall();
        socket.send(ANY, "first");
        socket.send(ANY, "second");
        final int queued = socket.outbound.size();

        assertEquals(0, router.drain(socket.outbound));
        assertEquals(queued, socket.outbound.size(), "both records wait in the ring");

        b.unstall();
        assertEquals(2, router.drain(socket.outbound));

        assertEquals(0, socket.outbound.size());
        assertEquals(List.of(fillerB, List.of("first"), List.of("second")), b.sent(), "in order, on the free peer");
        a.unstall();
        assertEquals(List.of(fillerA), a.sent());
    }

    @Test
    void shouldKeepMessagesInTheRingWhileNoPeerIsConnected()
    {
        final PatternFixture.Peer handshaking = socket.join();
        socket.send(ANY, "queued");

        assertEquals(0, router.drain(socket.outbound));
        assertTrue(socket.outbound.size() > 0);

        handshaking.remote.handshake(handshaking.connection, "ROUTER", new byte[0]);
        assertEquals(1, router.drain(socket.outbound));
        assertEquals(List.of(List.of("queued")), handshaking.sent());
    }

    @Test
    void shouldPassOverAPeerThatLeft()
    {
        final PatternFixture.Peer a = socket.connect(SocketType.ROUTER);
        final PatternFixture.Peer b = socket.connect(SocketType.ROUTER);
        a.leave();
        socket.send(ANY, "m0");
        socket.send(ANY, "m1");

        assertEquals(2, router.drain(socket.outbound));

        assertEquals(List.of(List.of("m0"), List.of("m1")), b.sent());
        assertEquals(1, socket.status.activePeers());
    }

    @Test
    void shouldRememberWhichPeerEachRequestWentTo()
    {
        socket.close();
        socket = new PatternFixture(SocketType.REQ);
        final RequestCorrelation correlation = new RequestCorrelation();
        final RoundRobinRouter requests = new RoundRobinRouter(socket.peers, correlation);
        final PatternFixture.Peer a = socket.connect(SocketType.REP);
        final PatternFixture.Peer b = socket.connect(SocketType.REP);
        assertFalse(correlation.awaitsReplyFrom(a.connection));

        socket.send(ANY, "", "first request");
        requests.drain(socket.outbound);
        assertTrue(correlation.awaitsReplyFrom(a.connection));
        assertFalse(correlation.awaitsReplyFrom(b.connection));

        socket.send(ANY, "", "second request");
        requests.drain(socket.outbound);
        assertTrue(correlation.awaitsReplyFrom(b.connection));
        assertFalse(correlation.awaitsReplyFrom(a.connection));
    }

    @Test
    void shouldNotTouchTheCorrelationForARequestNoPeerCouldTake()
    {
        socket.close();
        socket = new PatternFixture(SocketType.REQ);
        final RequestCorrelation correlation = new RequestCorrelation();
        final RoundRobinRouter requests = new RoundRobinRouter(socket.peers, correlation);
        final PatternFixture.Peer a = socket.connect(SocketType.REP);
        socket.send(ANY, "", "first request");
        requests.drain(socket.outbound);
        final PatternFixture.Peer b = socket.connect(SocketType.REP);
        a.stall();
        b.stall();

        socket.send(ANY, "", "second request");
        assertEquals(0, requests.drain(socket.outbound));

        assertTrue(correlation.awaitsReplyFrom(a.connection), "still the request that went out");
    }
}
