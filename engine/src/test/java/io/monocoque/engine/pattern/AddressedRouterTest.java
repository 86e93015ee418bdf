package io.monocoque.engine.pattern;

import io.monocoque.codec.socket.SocketType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * ROUTER/REP outbound over a real send ring and real connections: each record is staged on the peer it names; a
 * record for a peer that has gone is dropped and counted; a record whose peer's staging buffer is full waits in the
 * ring until the peer has room.
 */
class AddressedRouterTest
{
    private static final long NEVER_CONNECTED = 999;

    private final PatternFixture socket = new PatternFixture(SocketType.ROUTER);
    private final AddressedRouter router = new AddressedRouter(socket.peers, socket.status);

    @AfterEach
    void close()
    {
        socket.close();
    }

    @Test
    void shouldStageEachRecordOnThePeerItNames()
    {
        final PatternFixture.Peer a = socket.connect(SocketType.DEALER);
        final PatternFixture.Peer b = socket.connect(SocketType.DEALER);
        socket.send(b.id(), "to b");
        socket.send(a.id(), "to a");
        socket.send(b.id(), "to b", "again");

        assertEquals(3, router.drain(socket.outbound));

        assertEquals(List.of(List.of("to a")), a.sent());
        assertEquals(List.of(List.of("to b"), List.of("to b", "again")), b.sent());
        assertEquals(0, socket.status.droppedMessages());
    }

    @Test
    void shouldDropAndCountARecordForAPeerThatIsGone()
    {
        final PatternFixture.Peer a = socket.connect(SocketType.DEALER);
        final PatternFixture.Peer b = socket.connect(SocketType.DEALER);
        socket.send(a.id(), "for a, who leaves");
        socket.send(NEVER_CONNECTED, "for nobody");
        socket.send(b.id(), "for b");
        a.leave();

        router.drain(socket.outbound);

        assertEquals(0, socket.outbound.size(), "dropped records do not wait");
        assertEquals(2, socket.status.droppedMessages());
        assertEquals(List.of(List.of("for b")), b.sent());
    }

    @Test
    void shouldLeaveARecordInTheRingWhileItsPeerIsFull()
    {
        final PatternFixture.Peer a = socket.connect(SocketType.DEALER);
        final List<String> filler = a.stall();
        socket.send(a.id(), "waits");
        final int queued = socket.outbound.size();

        assertEquals(0, router.drain(socket.outbound));
        assertEquals(queued, socket.outbound.size());
        assertEquals(0, socket.status.droppedMessages(), "waiting, not dropped");

        a.unstall();
        assertEquals(1, router.drain(socket.outbound));
        assertEquals(List.of(filler, List.of("waits")), a.sent());
    }

    @Test
    @Disabled("bug: a record for a full peer stops the whole send ring (AddressedRouter returns ABORT), so records " +
        "for other peers behind it wait too; ARCHITECTURE.md says ROUTER/REP drop at the addressed peer's HWM, " +
        "counted, 'so one stalled peer never stops the others'")
    void shouldNotLetAStalledPeerHoldUpRecordsForOtherPeers()
    {
        final PatternFixture.Peer stalled = socket.connect(SocketType.DEALER);
        final PatternFixture.Peer healthy = socket.connect(SocketType.DEALER);
        stalled.stall();
        socket.send(stalled.id(), "for the stalled peer");
        socket.send(healthy.id(), "for the healthy peer");

        router.drain(socket.outbound);

        assertEquals(List.of(List.of("for the healthy peer")), healthy.sent());
    }
}
