package io.monocoque.engine.pattern;

import io.monocoque.codec.socket.SocketType;
import io.monocoque.engine.session.ScriptedPeer;
import io.monocoque.engine.shared.PeerOutbound;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ROUTER/REP outbound over a real send ring and real connections: each record is staged on the peer it names; a
 * record for a peer that has gone, or whose peer's staging buffer is full (the peer's HWM), is dropped and counted,
 * and the records behind it go on; each ROUTER peer's outbound account tells the application how full it is.
 */
class AddressedRouterTest
{
    private static final long NEVER_CONNECTED = 999;
    private static final int MESSAGE_BYTES = 16;

    private final PatternFixture socket = new PatternFixture(SocketType.ROUTER);
    private final AddressedRouter router = new AddressedRouter(socket.peers, socket.status, false);

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
    void shouldDropAndCountARecordWhosePeerIsFull()
    {
        final PatternFixture.Peer a = socket.connect(SocketType.DEALER);
        final List<String> filler = a.stall();
        socket.send(a.id(), "dropped at the peer's HWM");

        assertEquals(1, router.drain(socket.outbound));
        assertEquals(0, socket.outbound.size(), "a full peer's record does not wait in the ring");
        assertEquals(1, socket.status.droppedMessages());

        a.unstall();
        socket.send(a.id(), "after the peer read");
        router.drain(socket.outbound);
        assertEquals(List.of(filler, List.of("after the peer read")), a.sent());
        assertEquals(1, socket.status.droppedMessages());
    }

    @Test
    void shouldNotLetAStalledPeerHoldUpRecordsForOtherPeers()
    {
        final PatternFixture.Peer stalled = socket.connect(SocketType.DEALER);
        final PatternFixture.Peer healthy = socket.connect(SocketType.DEALER);
        stalled.stall();
        socket.send(stalled.id(), "for the stalled peer");
        socket.send(healthy.id(), "for the healthy peer");

        router.drain(socket.outbound);

        assertEquals(List.of(List.of("for the healthy peer")), healthy.sent());
        assertEquals(1, socket.status.droppedMessages(), "the stalled peer's record is dropped, counted");
    }

    @Test
    void shouldPublishEachRouterPeersOutstandingBytesForTheApplication()
    {
        final PatternFixture.Peer stalled = socket.connect(SocketType.DEALER);
        final PatternFixture.Peer healthy = socket.connect(SocketType.DEALER);
        final PeerOutbound stalledAccount = account(stalled);
        final PeerOutbound healthyAccount = account(healthy);
        assertEquals(PatternFixture.STAGING, stalledAccount.hwmBytes(), "a peer's HWM is its staging limit");
        assertTrue(stalledAccount.hasRoomFor(MESSAGE_BYTES));

        stalled.stall();
        socket.drain();
        assertFalse(stalledAccount.hasRoomFor(MESSAGE_BYTES), "staged bytes the kernel has not taken count");
        assertTrue(healthyAccount.hasRoomFor(MESSAGE_BYTES), "per peer");

        // What the application queued and the engine has not taken yet counts too.
        final int queued = PatternFixture.STAGING - PeerOutbound.COMMAND_SLACK_BYTES;
        healthyAccount.onQueued(queued);
        assertFalse(healthyAccount.hasRoomFor(MESSAGE_BYTES));

        stalled.unstall();
        socket.drain();
        assertTrue(stalledAccount.hasRoomFor(MESSAGE_BYTES), "room again once the kernel took the bytes");
        assertEquals(0, stalledAccount.outstandingBytes());
    }

    @Test
    void shouldCountDroppedAndStagedRecordsOutOfThePeersAccount()
    {
        final PatternFixture.Peer peer = socket.connect(SocketType.DEALER);
        final PeerOutbound account = account(peer);
        final int length = ScriptedPeer.encode("one").length;
        account.onQueued(length);
        socket.send(peer.id(), "one");
        socket.drain();
        peer.flush();
        socket.drain();
        assertEquals(0, account.outstandingBytes(), "staged and written");

        final List<String> filler = peer.stall();
        account.onQueued(length);
        socket.send(peer.id(), "one");
        socket.drain();
        final int fillerLength = ScriptedPeer.encode(filler.toArray(new String[0])).length;
        assertEquals(fillerLength, account.outstandingBytes(), "the dropped record left the account");
    }

    @Test
    void shouldAdmitALargeMessageWholeBehindStagedMessagesAndServeTheNextRecordsAtOnce()
    {
        final PatternFixture.Peer peer = socket.connect(SocketType.DEALER);
        final PatternFixture.Peer other = socket.connect(SocketType.DEALER);
        peer.remote.channel().sendRoom(0); // the kernel takes nothing for now: everything waits in staging
        socket.send(peer.id(), "small");
        final String large = "L".repeat(PatternFixture.STAGING / 2);
        socket.sendFragmented(peer.id(), 100, large);
        socket.send(other.id(), "for the other peer");

        router.drain(socket.outbound);

        assertEquals(0, socket.outbound.size(), "the large message waited for nothing: it was admitted whole");
        assertEquals(List.of(List.of("for the other peer")), other.sent());
        peer.unstall();
        assertEquals(List.of(List.of("small"), List.of(large)), peer.sent());
        assertEquals(0, socket.status.droppedMessages());
    }

    @Test
    void shouldDropALargeMessageWholeWhenItsPeerIsAtItsHwm()
    {
        final PatternFixture.Peer peer = socket.connect(SocketType.DEALER);
        final PatternFixture.Peer other = socket.connect(SocketType.DEALER);
        final List<String> filler = peer.stall();
        socket.sendFragmented(peer.id(), 100, "L".repeat(PatternFixture.STAGING / 2));
        socket.send(other.id(), "for the other peer");

        router.drain(socket.outbound);

        assertEquals(0, socket.outbound.size(), "dropped whole, not waiting in the ring");
        assertEquals(1, socket.status.droppedMessages());
        assertEquals(List.of(List.of("for the other peer")), other.sent());
        peer.unstall();
        assertEquals(List.of(filler), peer.sent(), "no part of the dropped message reached the peer");
    }

    @Test
    void shouldAdmitAMessageLargerThanThePeersHwmWholeWhileThePeerIsBelowItAndDropItAbove()
    {
        final PatternFixture.Peer peer = socket.connect(SocketType.DEALER);
        final PatternFixture.Peer other = socket.connect(SocketType.DEALER);
        peer.remote.channel().sendRoom(0);
        final String huge = "H".repeat(PatternFixture.STAGING * 3);
        socket.sendFragmented(peer.id(), PatternFixture.STAGING / 2, huge);
        socket.sendFragmented(peer.id(), PatternFixture.STAGING / 2, huge);
        socket.send(other.id(), "for the other peer");

        router.drain(socket.outbound);

        assertEquals(0, socket.outbound.size(), "neither waited in the ring");
        assertEquals(List.of(List.of("for the other peer")), other.sent());
        assertEquals(1, socket.status.droppedMessages(), "the second: the peer is over its HWM with the first");
        peer.unstall();
        assertEquals(List.of(List.of(huge)), peer.sent());
    }

    private PeerOutbound account(final PatternFixture.Peer peer)
    {
        final byte[] id = peer.connection.routingId();
        final PeerOutbound account = socket.status.directory().peer(new UnsafeBuffer(id), 0, id.length);
        assertNotNull(account);
        assertEquals(peer.id(), account.peerId());
        return account;
    }
}
