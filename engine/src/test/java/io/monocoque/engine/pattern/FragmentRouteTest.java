package io.monocoque.engine.pattern;

import io.monocoque.codec.socket.SocketType;
import io.monocoque.engine.session.ScriptedPeer;
import io.monocoque.engine.shared.FragmentWriter;
import io.monocoque.engine.shared.MessageRecord;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A large outbound message's fragments through the routers that use {@link FragmentRoute}: the peer is chosen when
 * the begin record is drained, every later fragment goes to that same peer, nothing else is staged on it between
 * them, and if that peer goes away part-way the rest of the message is discarded and counted as one drop.
 * The message (several times a send-ring record, and larger than the ring) is written by the application side's
 * {@link FragmentWriter} while the agent side drains, as in the real socket.
 */
class FragmentRouteTest
{
    private static final long ANY = MessageRecord.ANY_PEER;
    /** Larger than the fixture's 64 KiB send ring, so the writer has to wait for the drain. */
    private static final int LARGE = 150_000;
    /** Bytes the kernel takes of a peer in the tests where it leaves part-way: less than one fragment. */
    private static final int PART_OF_A_FRAGMENT = 1000;
    private static final int ROUNDS = 10_000;

    private PatternFixture socket;
    private FragmentWriter writer;

    @AfterEach
    void close()
    {
        socket.close();
    }

    @Test
    void shouldSendEveryFragmentToThePeerChosenAtTheBeginRecord()
    {
        dealer();
        final PatternFixture.Peer a = socket.connect(SocketType.ROUTER);
        final PatternFixture.Peer b = socket.connect(SocketType.ROUTER);
        final String large = "L".repeat(LARGE);

        writeLarge(ANY, List.of(a, b), large, "tail");
        drainAll(a, b);
        socket.send(ANY, "next");
        drainAll(a, b);

        assertEquals(List.of(List.of(large, "tail")), a.sent(), "the whole message on the peer its begin went to");
        assertEquals(List.of(List.of("next")), b.sent(), "the turn moves on after the message, not per fragment");
        assertEquals(0, socket.status.droppedMessages());
    }

    @Test
    void shouldStageNothingElseOnThePeerBetweenTheFragments()
    {
        dealer();
        final PatternFixture.Peer a = socket.connect(SocketType.ROUTER);
        final String first = "1".repeat(LARGE);
        final String second = "2".repeat(LARGE / 3);

        socket.send(ANY, "before");
        writeLarge(ANY, List.of(a), first);
        socket.send(ANY, "between");
        writeLarge(ANY, List.of(a), second, "x");
        socket.send(ANY, "after");
        drainAll(a);

        // The peer parses the stream: a message cut into by another one would not come out as these.
        assertEquals(List.of(List.of("before"), List.of(first), List.of("between"), List.of(second, "x"),
            List.of("after")), a.sent());
    }

    @Test
    void shouldWaitForTheChosenPeerRatherThanMoveAFragmentToAnother()
    {
        dealer();
        final PatternFixture.Peer a = socket.connect(SocketType.ROUTER);
        final PatternFixture.Peer b = socket.connect(SocketType.ROUTER);
        final String large = "W".repeat(LARGE / 3);
        writeLarge(ANY, List.of(), large);
        socket.drain(); // the begin goes to a, the next fragment waits for a's staging buffer to empty
        final long waiting = socket.outbound.size();

        for (int i = 0; i < 3; i++)
        {
            b.flush();
            socket.drain();
        }

        assertEquals(waiting, socket.outbound.size(), "b may not take the rest while a has not sent its fragment");
        assertEquals(List.of(), b.sent());
        drainAll(a, b);
        assertEquals(List.of(List.of(large)), a.sent());
    }

    @Test
    void shouldWriteAFragmentStraightFromTheRingAndStageOnlyWhatTheKernelDidNotTake()
    {
        dealer();
        final PatternFixture.Peer a = socket.connect(SocketType.ROUTER);
        final int before = a.remote.channel().written().length;
        a.remote.channel().sendRoom(PART_OF_A_FRAGMENT);
        final String large = "W".repeat(LARGE / 3);
        writeLarge(ANY, List.of(), large);

        socket.drain(); // no flush: the bytes the kernel took went out during the drain itself

        final int firstFragment = socket.outbound.maxMsgLength() - MessageRecord.BEGIN_FRAMES_OFFSET;
        assertEquals(PART_OF_A_FRAGMENT, a.remote.channel().written().length - before, "written from the ring");
        assertEquals(firstFragment - PART_OF_A_FRAGMENT, a.connection.staging().fill(), "only the rest staged");
        a.remote.channel().sendRoom(Long.MAX_VALUE);
        drainAll(a);
        assertEquals(List.of(List.of(large)), a.sent(), "the peer gets the message whole, in order");
        assertEquals(0, socket.status.droppedMessages());
    }

    @Test
    void shouldDropTheRestOfTheMessageAndCountItWhenItsPeerDisconnectsPartWay()
    {
        dealer();
        final PatternFixture.Peer a = socket.connect(SocketType.ROUTER);
        final PatternFixture.Peer b = socket.connect(SocketType.ROUTER);
        a.remote.channel().sendRoom(PART_OF_A_FRAGMENT); // a fragment is written from the ring as far as this goes
        writeLarge(ANY, List.of(), "D".repeat(LARGE / 3));
        socket.drain(); // the begin is partly written, partly staged on a
        a.flush();
        socket.drain(); // and the next fragment

        a.leave();
        drainAll(b);
        socket.send(ANY, "after");
        drainAll(b);

        assertEquals(List.of(List.of("after")), b.sent(), "b gets none of the fragments, then the next message");
        assertEquals(1, socket.status.droppedMessages(), "the message counts as one drop");
        assertEquals(0, socket.outbound.size());
    }

    @Test
    void shouldDiscardTheRestOfTheMessageWhenItsOnlyPeerLeavesPartWay()
    {
        dealer();
        final PatternFixture.Peer a = socket.connect(SocketType.ROUTER);
        a.remote.channel().sendRoom(PART_OF_A_FRAGMENT);
        writeLarge(ANY, List.of(), "O".repeat(LARGE / 3));
        socket.drain(); // the begin is partly written, partly staged on a

        a.leave();
        socket.drain(); // no peer at all: whole messages would wait, the rest of this one has nowhere to go

        assertEquals(0, socket.outbound.size(), "its sender waits for the last fragment to go in: it must not hang");
        assertEquals(1, socket.status.droppedMessages());
    }

    @Test
    void shouldDropTheRestWhenThePeerReconnectsPartWayUnderTheSameRoutingId()
    {
        socket = new PatternFixture(SocketType.ROUTER);
        writer = new FragmentWriter(socket.outbound);
        final PatternFixture.Peer first = socket.connect(SocketType.DEALER, "peer-A");
        // A ROUTER admits a large message whole at its begin (its peer's HWM decides), so the kernel must hold it
        // back for the message to be part-way when the peer goes.
        first.remote.channel().sendRoom(100);
        writeLarge(first.id(), List.of(), "R".repeat(LARGE / 3));
        socket.drain();
        first.flush();
        socket.drain();

        first.leave();
        final PatternFixture.Peer again = socket.connect(SocketType.DEALER, "peer-A");
        assertNotEquals(first.id(), again.id());
        drainAll(again);
        socket.send(again.id(), "after");
        drainAll(again);

        assertEquals(List.of(List.of("after")), again.sent(), "the new session never sees the old message's end");
    }

    @Test
    void shouldCloseThePeerAndCountADropWhenTheSenderAbandonsTheMessagePartWay()
    {
        dealer();
        final PatternFixture.Peer a = socket.connect(SocketType.ROUTER);
        final PatternFixture.Peer b = socket.connect(SocketType.ROUTER);
        final UnsafeBuffer message = new UnsafeBuffer(ScriptedPeer.encode("A".repeat(LARGE)));
        assertEquals(FragmentWriter.INCOMPLETE, writer.write(ANY, message, 0, 0, message, 0, message.capacity()),
            "the ring holds only part of it");
        writer.reset(); // the sender gave up (its socket closed mid-send): no end fragment will come
        socket.send(ANY, "next");

        drainAll(a, b);

        assertTrue(!a.connection.isActive(), "a has part of a message: it must not read the next as the rest");
        assertEquals(1, socket.status.droppedMessages());
        assertEquals(List.of(List.of("next")), b.sent());
    }

    @Test
    void shouldSendAnAddressedLargeMessageWholeToItsPeerOnly()
    {
        socket = new PatternFixture(SocketType.ROUTER);
        writer = new FragmentWriter(socket.outbound);
        final PatternFixture.Peer a = socket.connect(SocketType.DEALER, "peer-A");
        final PatternFixture.Peer b = socket.connect(SocketType.DEALER, "peer-B");
        final String large = "B".repeat(LARGE);

        writeLarge(b.id(), List.of(a, b), large);
        socket.send(a.id(), "small");
        drainAll(a, b);

        assertEquals(List.of(List.of(large)), b.sent());
        assertEquals(List.of(List.of("small")), a.sent());
        assertEquals(0, socket.status.droppedMessages());
    }

    private void dealer()
    {
        socket = new PatternFixture(SocketType.DEALER);
        writer = new FragmentWriter(socket.outbound);
    }

    /**
     * The application writes a large message as fragments; while the ring is full the agent drains it to the peers
     * given, as a blocking send would wait for it.
     */
    private void writeLarge(final long peerId, final List<PatternFixture.Peer> draining, final String... frames)
    {
        final byte[] encoded = ScriptedPeer.encode(frames);
        assertTrue(encoded.length > socket.outbound.maxMsgLength(), "larger than a record: it goes in fragments");
        final UnsafeBuffer message = new UnsafeBuffer(encoded);
        for (int round = 0; round < ROUNDS; round++)
        {
            if (writer.write(peerId, message, 0, 0, message, 0, encoded.length) != FragmentWriter.INCOMPLETE)
            {
                return;
            }
            assertTrue(!draining.isEmpty(), "the ring is full and nothing drains it");
            drainOnce(draining);
        }
        throw new AssertionError("the message never got into the ring");
    }

    /** The agent's cycles: drain the ring, each connection writes what it staged, until the ring is empty. */
    private void drainAll(final PatternFixture.Peer... peers)
    {
        for (int round = 0; round < ROUNDS && socket.outbound.size() > 0; round++)
        {
            drainOnce(List.of(peers));
        }
        assertEquals(0, socket.outbound.size(), "the send ring drains");
    }

    private void drainOnce(final List<PatternFixture.Peer> peers)
    {
        socket.drain();
        peers.forEach(PatternFixture.Peer::flush);
    }
}
