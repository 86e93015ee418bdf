package io.monocoque.engine.pattern;

import io.monocoque.codec.socket.SocketType;
import io.monocoque.engine.session.ScriptedPeer;
import io.monocoque.engine.shared.MessageRecord;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Messages many times larger than a receive-ring record (and than the ring: 4 KiB here), through real connections:
 * DEALER and ROUTER deliver them whole, in fragments the application reassembles, while the connection keeps
 * offering the same message as the application makes room; another peer waits (back-pressure) rather than cutting
 * in between the fragments, and goes on when the large message is done or its connection closes part-way.
 */
class LargeInboundDeliveryTest
{
    private static final int SMALL_RING = 4096;
    private static final int LARGE = 20_000;

    private PatternFixture socket;
    private final List<List<String>> whole = new ArrayList<>();
    private final List<Long> wholeFrom = new ArrayList<>();
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private int abandoned;

    @AfterEach
    void close()
    {
        socket.close();
    }

    @Test
    void shouldDeliverAMessageLargerThanTheRingWholeToADealer()
    {
        socket = new PatternFixture(SocketType.DEALER, SMALL_RING);
        final PatternFixture.Peer peer = socket.connect(SocketType.ROUTER);

        peer.remote.message("a".repeat(LARGE), "tail");
        pumpUntil(peer, () -> whole.size() == 1);

        assertEquals(List.of(List.of("a".repeat(LARGE), "tail")), whole);
        assertTrue(peer.connection.isActive());
    }

    @Test
    void shouldDeliverALargeMessageBehindItsRoutingIdToARouter()
    {
        socket = new PatternFixture(SocketType.ROUTER, SMALL_RING);
        final PatternFixture.Peer peer = socket.connect(SocketType.DEALER, "peer-A");

        peer.remote.message("b".repeat(LARGE));
        pumpUntil(peer, () -> whole.size() == 1);

        assertEquals(List.of(List.of("peer-A", "b".repeat(LARGE))), whole);
    }

    @Test
    void shouldHoldBackAnotherPeerUntilTheLargeMessageIsWhole()
    {
        socket = new PatternFixture(SocketType.DEALER, SMALL_RING);
        final PatternFixture.Peer large = socket.connect(SocketType.ROUTER);
        final PatternFixture.Peer small = socket.connect(SocketType.ROUTER);
        large.remote.message("c".repeat(LARGE));
        readUntilFragmenting(large);

        small.receive("small");
        assertTrue(small.connection.isInboundBlocked(), "it may not land between the fragments");
        pumpUntil(large, () -> whole.size() == 1);
        pumpUntil(small, () -> whole.size() == 2);

        assertEquals(List.of(List.of("c".repeat(LARGE)), List.of("small")), whole);
        assertEquals(List.of(large.id(), small.id()), wholeFrom);
    }

    @Test
    void shouldLetOthersOnAndDropThePartialMessageWhenItsConnectionClosesPartWay()
    {
        socket = new PatternFixture(SocketType.DEALER, SMALL_RING);
        final PatternFixture.Peer large = socket.connect(SocketType.ROUTER);
        final PatternFixture.Peer small = socket.connect(SocketType.ROUTER);
        large.remote.message("d".repeat(LARGE));
        readUntilFragmenting(large);
        read();
        large.connection.retryBlockedInbound();
        assertTrue(socket.writer.isFragmenting(), "still part-way: the message is larger than the ring");

        large.connection.close("peer reset"); // blocked on the ring, it would not read the end of the stream
        small.receive("after");
        pumpUntil(small, () -> whole.size() == 1);

        assertEquals(List.of(List.of("after")), whole);
        assertEquals(1, abandoned, "the reader dropped the partial message when a whole record followed it");
    }

    /** The connection reads (its read buffer growing) until the whole message is there and fills the ring. */
    private void readUntilFragmenting(final PatternFixture.Peer peer)
    {
        for (int round = 0; round < 100 && !socket.writer.isFragmenting(); round++)
        {
            peer.connection.onReadable();
        }
        assertTrue(socket.writer.isFragmenting(), "the large message is part-way into the ring");
        assertTrue(peer.connection.isInboundBlocked(), "and its connection waits for room");
    }

    /** The connection reads and retries, the application reads the ring, until the condition holds. */
    private void pumpUntil(final PatternFixture.Peer peer, final java.util.function.BooleanSupplier done)
    {
        for (int round = 0; round < 10_000 && !done.getAsBoolean(); round++)
        {
            peer.connection.retryBlockedInbound();
            peer.connection.onReadable();
            read();
        }
        assertTrue(done.getAsBoolean(), "not done after 10,000 rounds");
    }

    /** What the application's reader does: whole records as they are, fragments joined. */
    private void read()
    {
        while (socket.inbound.size() > 0) // a read stops where the ring wraps
        {
            readOnce();
        }
    }

    private void readOnce()
    {
        socket.inbound.read((type, buffer, index, length) ->
        {
            switch (type)
            {
                case MessageRecord.MSG_TYPE_FRAGMENT_BEGIN:
                    dropPartial();
                    append(buffer, index + MessageRecord.BEGIN_FRAMES_OFFSET,
                        length - MessageRecord.BEGIN_FRAMES_OFFSET);
                    break;
                case MessageRecord.MSG_TYPE_FRAGMENT_MIDDLE:
                    append(buffer, index + MessageRecord.FRAMES_OFFSET, length - MessageRecord.FRAMES_OFFSET);
                    break;
                case MessageRecord.MSG_TYPE_FRAGMENT_END:
                    append(buffer, index + MessageRecord.FRAMES_OFFSET, length - MessageRecord.FRAMES_OFFSET);
                    final byte[] bytes = partial.toByteArray();
                    partial.reset();
                    whole.addAll(ScriptedPeer.decode(new UnsafeBuffer(bytes), 0, bytes.length));
                    wholeFrom.add(buffer.getLong(index + MessageRecord.PEER_ID_OFFSET));
                    break;
                default:
                    dropPartial();
                    final List<List<String>> messages = ScriptedPeer.decode(buffer,
                        index + MessageRecord.FRAMES_OFFSET, length - MessageRecord.FRAMES_OFFSET);
                    whole.addAll(messages);
                    messages.forEach(m -> wholeFrom.add(buffer.getLong(index + MessageRecord.PEER_ID_OFFSET)));
            }
        });
    }

    private void append(final org.agrona.DirectBuffer buffer, final int offset, final int length)
    {
        final byte[] bytes = new byte[length];
        buffer.getBytes(offset, bytes);
        partial.writeBytes(bytes);
    }

    private void dropPartial()
    {
        if (partial.size() > 0)
        {
            partial.reset();
            abandoned++;
        }
    }
}
