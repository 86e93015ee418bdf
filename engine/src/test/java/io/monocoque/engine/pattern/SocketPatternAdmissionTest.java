package io.monocoque.engine.pattern;

import io.monocoque.codec.socket.SocketType;
import io.monocoque.engine.session.Connection;
import io.monocoque.engine.shared.RoutingDirectory;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a peer's arrival means per socket type, through real handshakes: PAIR admits one active peer and refuses a
 * second with its reason; ROUTER refuses an identity that starts with a zero byte or that a connected peer holds,
 * gives peers without one distinct generated ids starting with a zero byte, and publishes a routing directory that
 * resolves every active peer's id, and forgets one that left.
 */
class SocketPatternAdmissionTest
{
    private PatternFixture socket;

    @AfterEach
    void close()
    {
        socket.close();
    }

    @Test
    void shouldAdmitOnePairPeerAndRefuseASecondWithItsReason()
    {
        socket = new PatternFixture(SocketType.PAIR);
        final PatternFixture.Peer first = socket.connect(SocketType.PAIR);

        final PatternFixture.Peer second = socket.connect(SocketType.PAIR);

        assertTrue(first.connection.isActive());
        assertEquals(Connection.State.CLOSED, second.connection.state());
        assertEquals("PAIR socket already has a peer", second.connection.closeReason());
        assertEquals(1, socket.status.activePeers());
        assertEquals(1, socket.peers.active().length);
    }

    @Test
    void shouldAdmitANewPairPeerOnceTheFirstLeft()
    {
        socket = new PatternFixture(SocketType.PAIR);
        socket.connect(SocketType.PAIR).leave();

        final PatternFixture.Peer next = socket.connect(SocketType.PAIR);

        assertTrue(next.connection.isActive(), next.connection.closeReason());
        assertEquals(1, socket.status.activePeers());
    }

    @Test
    void shouldRefuseAnIdentityStartingWithAZeroByte()
    {
        socket = new PatternFixture(SocketType.ROUTER);

        final PatternFixture.Peer peer = socket.connect(SocketType.DEALER, "\0abc");

        assertEquals(Connection.State.CLOSED, peer.connection.state());
        assertEquals("peer identity may not start with a zero byte (reserved for generated ids)",
            peer.connection.closeReason());
        assertEquals(0, socket.status.directory().size());
        assertEquals(0, socket.status.activePeers());
    }

    @Test
    void shouldRefuseAnIdentityAConnectedPeerHolds()
    {
        socket = new PatternFixture(SocketType.ROUTER);
        final PatternFixture.Peer alice = socket.connect(SocketType.DEALER, "alice");

        final PatternFixture.Peer impostor = socket.connect(SocketType.DEALER, "alice");

        assertEquals(Connection.State.CLOSED, impostor.connection.state());
        assertEquals("identity already in use by another peer", impostor.connection.closeReason());
        assertTrue(alice.connection.isActive());
        assertEquals(alice.id(), lookup("alice"), "the directory still names the first holder");
        assertEquals(1, socket.status.directory().size());
    }

    @Test
    void shouldAdmitAnIdentityAgainOnceItsHolderLeft()
    {
        socket = new PatternFixture(SocketType.ROUTER);
        socket.connect(SocketType.DEALER, "alice").leave();

        final PatternFixture.Peer again = socket.connect(SocketType.DEALER, "alice");

        assertTrue(again.connection.isActive(), again.connection.closeReason());
        assertEquals(again.id(), lookup("alice"));
    }

    @Test
    void shouldGenerateDistinctIdsStartingWithAZeroByteAndPublishThemWithChosenOnes()
    {
        socket = new PatternFixture(SocketType.ROUTER);
        final PatternFixture.Peer a = socket.connect(SocketType.DEALER);
        final PatternFixture.Peer b = socket.connect(SocketType.REQ);
        final PatternFixture.Peer carol = socket.connect(SocketType.DEALER, "carol");

        final byte[] idA = a.connection.routingId();
        final byte[] idB = b.connection.routingId();
        assertEquals(0, idA[0]);
        assertEquals(0, idB[0]);
        assertFalse(java.util.Arrays.equals(idA, idB), "generated ids differ");

        final RoutingDirectory directory = socket.status.directory();
        assertEquals(3, directory.size());
        assertEquals(a.id(), directory.lookup(new UnsafeBuffer(idA), 0, idA.length));
        assertEquals(b.id(), directory.lookup(new UnsafeBuffer(idB), 0, idB.length));
        assertEquals(carol.id(), lookup("carol"));
        assertNotEquals(a.id(), b.id());
        assertEquals(RoutingDirectory.UNKNOWN, lookup("dave"));
    }

    @Test
    void shouldForgetTheRoutingIdOfAPeerThatLeft()
    {
        socket = new PatternFixture(SocketType.ROUTER);
        final PatternFixture.Peer alice = socket.connect(SocketType.DEALER, "alice");
        final PatternFixture.Peer bob = socket.connect(SocketType.DEALER, "bob");

        alice.leave();

        assertEquals(RoutingDirectory.UNKNOWN, lookup("alice"));
        assertEquals(bob.id(), lookup("bob"));
        assertEquals(1, socket.status.directory().size());
    }

    private long lookup(final String routingId)
    {
        final byte[] bytes = routingId.getBytes(StandardCharsets.ISO_8859_1);
        return socket.status.directory().lookup(new UnsafeBuffer(bytes), 0, bytes.length);
    }
}
