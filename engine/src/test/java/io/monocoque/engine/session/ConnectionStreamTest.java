package io.monocoque.engine.session;

import io.monocoque.codec.socket.SocketType;
import io.monocoque.engine.shared.EndpointConfig;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A connection's byte stream over an in-memory channel whose kernel is awkward: a handshake and messages that arrive
 * a byte at a time are decoded whole, staged messages cut by short writes arrive whole, a peer that closes or resets
 * ends the session ordinarily, and a socket that refuses a message holds it (TCP back-pressure) until it retries.
 */
class ConnectionStreamTest
{
    private static final long NOW_NS = 1_000_000_000L;
    private static final int BUFFER = 4096;

    private final RecordingOwner owner = new RecordingOwner(SocketType.PULL);
    private final ScriptedPeer peer = new ScriptedPeer();
    private final Connection connection = new Connection(owner, EndpointConfig.defaults(SocketType.PULL),
        "tcp://127.0.0.1:5555", BUFFER, BUFFER, new StagingBuffer(BUFFER));

    @BeforeEach
    void start()
    {
        connection.start(peer.channel(), 1, NOW_NS);
    }

    @AfterEach
    void free()
    {
        connection.close("test over");
        connection.free();
    }

    @Test
    void shouldDecodeAHandshakeAndMessagesThatArriveOneByteAtATime()
    {
        peer.channel().maxBytesPerRead(1);
        peer.greeting().ready("PUSH").message("a", "multipart", "message").message("x".repeat(300));

        final int bytes = peer.channel().unread();
        for (int i = 0; i < bytes; i++)
        {
            assertEquals(1, connection.onReadable(), "byte " + i);
        }

        assertTrue(connection.isActive());
        assertEquals(List.of(List.of("a", "multipart", "message"), List.of("x".repeat(300))), owner.messages);
    }

    @Test
    void shouldWriteStagedMessagesWholeAcrossShortWrites()
    {
        peer.handshake(connection, "PUSH", new byte[0]);
        peer.channel().maxBytesPerWrite(5);
        final List<List<String>> sent = List.of(List.of("first"), List.of("second", "part"), List.of("y".repeat(400)));
        for (final List<String> message : sent)
        {
            final byte[] encoded = ScriptedPeer.encode(message.toArray(new String[0]));
            assertTrue(connection.canStage(encoded.length));
            connection.stage(new UnsafeBuffer(encoded), 0, encoded.length);
        }

        int flushes = 0;
        while (connection.staging().hasPending() && flushes++ < BUFFER)
        {
            connection.flush();
        }

        assertFalse(connection.staging().hasPending());
        assertEquals(sent, peer.receivedMessages());
        assertEquals(List.of("READY"), peer.receivedCommandNames());
    }

    @Test
    void shouldDeliverWhatArrivedBeforeThePeerClosedThenCloseOrdinarily()
    {
        peer.handshake(connection, "PUSH", new byte[0]);
        peer.message("last words").channel().endOfStream();

        connection.onReadable();
        assertEquals(-1, connection.onReadable());

        assertEquals(List.of(List.of("last words")), owner.messages);
        assertEquals(Connection.State.CLOSED, connection.state());
        assertEquals(Connection.PEER_CLOSED, connection.closeReason());
        assertTrue(connection.closedOrdinarily());
        assertEquals(1, owner.lostCount);
    }

    @Test
    void shouldCloseOrdinarilyWhenAReadFails()
    {
        peer.handshake(connection, "PUSH", new byte[0]);
        peer.channel().failReadsWith(new IOException("Connection reset by peer"));

        assertEquals(-1, connection.onReadable());

        assertEquals("read failed: Connection reset by peer", connection.closeReason());
        assertTrue(connection.closedOrdinarily());
        assertEquals(1, owner.lostCount);
    }

    @Test
    void shouldHoldAMessageTheSocketRefusesAndDeliverItOnceOnRetry()
    {
        peer.handshake(connection, "PUSH", new byte[0]);
        owner.refuseMessages(true);
        peer.message("one").message("two");

        connection.onReadable();

        assertTrue(connection.isInboundBlocked());
        assertEquals(List.of(), owner.messages);
        assertEquals(0, connection.retryBlockedInbound(), "still refused");

        owner.refuseMessages(false);
        assertEquals(1, connection.retryBlockedInbound());

        assertFalse(connection.isInboundBlocked());
        assertEquals(List.of(List.of("one"), List.of("two")), owner.messages);
        peer.message("three");
        connection.onReadable();
        assertEquals(List.of(List.of("one"), List.of("two"), List.of("three")), owner.messages);
    }

    @Test
    void shouldStartANewSessionWithoutRoomReservedForTheLastSessionsUnfinishedFrame()
    {
        final int readBuffer = 1024;
        final Connection small = new Connection(owner, EndpointConfig.defaults(SocketType.PULL), "tcp://127.0.0.1:5555",
            64 * 1024, readBuffer, new StagingBuffer(BUFFER));
        try
        {
            small.start(peer.channel(), 1, NOW_NS);
            peer.handshake(small, "PUSH", new byte[0]);
            final byte[] large = ScriptedPeer.encode("L".repeat(3000));
            peer.send(Arrays.copyOf(large, 20)); // the header of a 3000-byte frame and a little of its body
            small.onReadable();
            assertEquals(readBuffer, small.readBufferCapacity(), "nothing grows before more of the frame is read");
            small.close("disconnected"); // the session ends (say a write failed) before the frame came

            final ScriptedPeer next = new ScriptedPeer();
            small.start(next.channel(), 2, NOW_NS);
            next.greeting();
            small.onReadable();

            assertEquals(Connection.State.HANDSHAKE, small.state());
            assertEquals(readBuffer, small.readBufferCapacity(), "a greeting needs no room for the old frame");
        }
        finally
        {
            small.close("test over");
            small.free();
        }
    }

    @Test
    void shouldCloseOnAProtocolErrorAfterTheHandshake()
    {
        peer.handshake(connection, "PUSH", new byte[0]);
        peer.ready("PUSH");

        connection.onReadable();

        assertEquals(Connection.State.CLOSED, connection.state());
        assertTrue(connection.closeReason().contains("second READY after the handshake"), connection.closeReason());
        assertFalse(connection.closedOrdinarily());
    }
}
