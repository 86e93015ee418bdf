package io.monocoque.engine.pattern;

import io.monocoque.codec.frame.FrameDescriptor;
import io.monocoque.codec.greeting.Mechanism;
import io.monocoque.codec.socket.SocketType;
import io.monocoque.engine.session.Connection;
import io.monocoque.engine.session.ConnectionOwner;
import io.monocoque.engine.session.ScriptedPeer;
import io.monocoque.engine.session.StagingBuffer;
import io.monocoque.engine.shared.EndpointConfig;
import io.monocoque.engine.shared.InboundWriter;
import io.monocoque.engine.shared.MessageRecord;
import io.monocoque.engine.shared.Rings;
import io.monocoque.engine.shared.SocketStatus;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One socket's agent side as the patterns see it, wired the way {@code SocketEngine} wires it (which needs a whole
 * agent to run): real send and receive rings, a {@link PeerSet}, an {@link InboundWriter}, the type's
 * {@link SocketPattern}, and real {@link Connection}s whose far ends are {@link ScriptedPeer}s over in-memory
 * channels. The fixture is each connection's owner and hands what they report to the pattern, as the socket engine
 * does. Tests drive it as the agent would: {@link #drain()} the send ring, {@link Peer#flush()} a connection, let a
 * connection read what its peer sent.
 */
final class PatternFixture implements ConnectionOwner, AutoCloseable
{
    static final int RING = 64 * 1024;
    static final int STAGING = 1024;
    private static final long NOW_NS = 1_000_000_000L;
    private static final int ZMTP_30_MINOR = 0;
    /** Body of the filler's second frame: with "filler" before it, the message leaves 2 bytes of staging free. */
    private static final int FILLER_BODY = STAGING - 2 - FrameDescriptor.frameLength("filler".length()) -
        FrameDescriptor.LONG_HEADER_LENGTH;

    final SocketType type;
    final SocketStatus status = new SocketStatus();
    final PeerSet peers = new PeerSet(status);
    final OneToOneRingBuffer outbound = Rings.allocate(RING);
    final OneToOneRingBuffer inbound;
    final InboundWriter writer;
    final SocketPattern pattern;
    private final List<Peer> all = new ArrayList<>();
    private long nextPeerId = 1;

    /**
     * A connection of the socket and the peer at its far end.
     */
    final class Peer
    {
        final Connection connection;
        final ScriptedPeer remote = new ScriptedPeer();

        private Peer(final Connection connection)
        {
            this.connection = connection;
        }

        long id()
        {
            return connection.peerId();
        }

        /** Let the connection write what it has staged, as the agent does each cycle. */
        void flush()
        {
            connection.flush();
        }

        /** Everything the connection has written to its peer so far, flushing first. */
        List<List<String>> sent()
        {
            flush();
            return remote.receivedMessages();
        }

        /** The peer sends a message, and the connection reads it. */
        void receive(final String... frames)
        {
            remote.message(frames);
            connection.onReadable();
        }

        /**
         * What is staged goes out, then the kernel stops taking bytes from this connection, and its staging buffer is
         * filled with one message up to two bytes from its end, so that no other message can be staged.
         *
         * @return the filler's frames, which the peer receives first once the kernel takes bytes again.
         */
        List<String> stall()
        {
            flush();
            remote.channel().sendRoom(0);
            final List<String> filler = List.of("filler", "f".repeat(FILLER_BODY));
            final byte[] encoded = ScriptedPeer.encode(filler.toArray(new String[0]));
            assertEquals(STAGING - 2, encoded.length);
            assertTrue(connection.canStage(encoded.length));
            connection.stage(new UnsafeBuffer(encoded), 0, encoded.length);
            assertFalse(connection.canStage(FrameDescriptor.frameLength(1)), "no room for another message");
            return filler;
        }

        /** The kernel takes bytes again; the staged ones go out. */
        void unstall()
        {
            remote.channel().sendRoom(Long.MAX_VALUE);
            flush();
        }

        /** The peer closes the connection; the connection reads the end of the stream. */
        void leave()
        {
            remote.channel().endOfStream();
            connection.onReadable();
            assertEquals(Connection.State.CLOSED, connection.state());
        }
    }

    /** A message the application would read from the receive ring: the peer id and the frames of each message. */
    record Received(long peerId, List<List<String>> messages)
    {
    }

    PatternFixture(final SocketType type)
    {
        this(type, RING);
    }

    PatternFixture(final SocketType type, final int inboundRing)
    {
        this.type = type;
        this.inbound = Rings.allocate(inboundRing);
        this.writer = new InboundWriter(inbound);
        this.pattern = SocketPattern.forType(type, peers, writer, status);
    }

    /**
     * A peer connects and completes its handshake (or is refused: check {@code connection.isActive()}).
     *
     * @param peerType the peer's socket type.
     * @param identity the identity in its READY ("" for none; ISO-8859-1, so "\0" is a zero byte).
     * @return the peer.
     */
    Peer connect(final SocketType peerType, final String identity)
    {
        final Peer peer = join();
        peer.remote.handshake(peer.connection, peerType.name(), identity.getBytes(StandardCharsets.ISO_8859_1));
        peer.flush();
        return peer;
    }

    Peer connect(final SocketType peerType)
    {
        return connect(peerType, "");
    }

    /**
     * A peer speaking ZMTP 3.0 (its greeting's minor version is 0) connects and completes its handshake: a
     * subscriber sends it subscriptions as {@code 0x01}/{@code 0x00} messages rather than commands.
     *
     * @param peerType the peer's socket type.
     * @return the peer.
     */
    Peer connectZmtp30(final SocketType peerType)
    {
        return handshake(join(), peerType, ZMTP_30_MINOR);
    }

    /**
     * The connection of a peer that left starts a new session with a new peer at its far end, as a connected
     * endpoint does when it reconnects, and completes the handshake.
     *
     * @param lost         the peer whose connection closed.
     * @param peerType     the new peer's socket type.
     * @param versionMinor the new peer's ZMTP minor version (1 for 3.1, 0 for 3.0).
     * @return the new peer on the same connection.
     */
    Peer reconnect(final Peer lost, final SocketType peerType, final int versionMinor)
    {
        assertEquals(Connection.State.CLOSED, lost.connection.state());
        final Peer peer = new Peer(lost.connection);
        all.set(all.indexOf(lost), peer);
        lost.connection.start(peer.remote.channel(), nextPeerId++, NOW_NS);
        return handshake(peer, peerType, versionMinor);
    }

    private Peer handshake(final Peer peer, final SocketType peerType, final int versionMinor)
    {
        peer.remote.greeting(Mechanism.NULL.wireName(), versionMinor).ready(peerType.name());
        peer.connection.onReadable();
        peer.flush();
        return peer;
    }

    /**
     * A peer connects and says nothing yet: its connection waits in the greeting.
     *
     * @return the peer.
     */
    Peer join()
    {
        final Connection connection = new Connection(this, EndpointConfig.defaults(type), "tcp://peer-" + nextPeerId,
            SocketPattern.maxInboundMessage(writer, type), 4096,
            SocketPattern.dropsAtPeerHwm(type) ? StagingBuffer.withPeerHwm(STAGING, STAGING) :
                new StagingBuffer(STAGING));
        final Peer peer = new Peer(connection);
        all.add(peer);
        peers.add(connection);
        connection.start(peer.remote.channel(), nextPeerId++, NOW_NS);
        return peer;
    }

    /**
     * The application sends a message: one record in the send ring.
     *
     * @param peerId the peer it is addressed to, or {@link MessageRecord#ANY_PEER}.
     * @param frames the frames.
     */
    void send(final long peerId, final String... frames)
    {
        final byte[] encoded = ScriptedPeer.encode(frames);
        final UnsafeBuffer record = new UnsafeBuffer(new byte[MessageRecord.FRAMES_OFFSET + encoded.length]);
        record.putLong(MessageRecord.PEER_ID_OFFSET, peerId);
        record.putBytes(MessageRecord.FRAMES_OFFSET, encoded);
        assertTrue(outbound.write(MessageRecord.MSG_TYPE_MESSAGE, record, 0, record.capacity()), "send ring full");
    }

    /**
     * The application sends a message too large for one record: begin, middle and end fragment records in the send
     * ring, cut every {@code fragmentBytes} of its encoding.
     *
     * @param peerId        the peer it is addressed to, or {@link MessageRecord#ANY_PEER}.
     * @param fragmentBytes encoded bytes per fragment.
     * @param frames        the frames.
     */
    void sendFragmented(final long peerId, final int fragmentBytes, final String... frames)
    {
        final byte[] encoded = ScriptedPeer.encode(frames);
        for (int offset = 0; offset < encoded.length; offset += fragmentBytes)
        {
            final int bytes = Math.min(fragmentBytes, encoded.length - offset);
            final boolean begin = offset == 0;
            final int header = begin ? MessageRecord.BEGIN_FRAMES_OFFSET : MessageRecord.FRAMES_OFFSET;
            final UnsafeBuffer record = new UnsafeBuffer(new byte[header + bytes]);
            record.putLong(MessageRecord.PEER_ID_OFFSET, peerId);
            if (begin)
            {
                record.putLong(MessageRecord.TOTAL_LENGTH_OFFSET, encoded.length);
            }
            record.putBytes(header, encoded, offset, bytes);
            final int typeId = begin ? MessageRecord.MSG_TYPE_FRAGMENT_BEGIN :
                offset + bytes == encoded.length ? MessageRecord.MSG_TYPE_FRAGMENT_END :
                MessageRecord.MSG_TYPE_FRAGMENT_MIDDLE;
            assertTrue(outbound.write(typeId, record, 0, record.capacity()), "send ring full");
        }
    }

    /**
     * The application subscribes or unsubscribes, as the API's SUB or XSUB socket writes it to the send ring: a
     * one-frame {@code 0x01}/{@code 0x00} body, in a subscription record for SUB and a message record for XSUB.
     *
     * @param subscribe true to subscribe, false to cancel.
     * @param prefix    the prefix (ISO-8859-1).
     */
    void subscription(final boolean subscribe, final String prefix)
    {
        final byte[] encoded = ScriptedPeer.encode((subscribe ? "\u0001" : "\u0000") + prefix);
        final UnsafeBuffer record = new UnsafeBuffer(new byte[MessageRecord.FRAMES_OFFSET + encoded.length]);
        record.putLong(MessageRecord.PEER_ID_OFFSET, MessageRecord.ANY_PEER);
        record.putBytes(MessageRecord.FRAMES_OFFSET, encoded);
        final int typeId = type == SocketType.SUB ? MessageRecord.MSG_TYPE_SUBSCRIPTION :
            MessageRecord.MSG_TYPE_MESSAGE;
        assertTrue(outbound.write(typeId, record, 0, record.capacity()), "send ring full");
    }

    /** The agent drains the send ring through the socket type's pattern. */
    int drain()
    {
        return pattern.drainOutbound(outbound);
    }

    /** The application reads everything in the receive ring. */
    List<Received> received()
    {
        final List<Received> received = new ArrayList<>();
        inbound.read((type, buffer, index, length) -> received.add(new Received(
            buffer.getLong(index + MessageRecord.PEER_ID_OFFSET),
            ScriptedPeer.decode(buffer, index + MessageRecord.FRAMES_OFFSET, length - MessageRecord.FRAMES_OFFSET))));
        return received;
    }

    @Override
    public SocketType socketType()
    {
        return type;
    }

    @Override
    public String onConnectionReady(final Connection connection)
    {
        return pattern.onConnectionReady(connection);
    }

    @Override
    public boolean onMessage(
        final Connection connection,
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final int frameCount)
    {
        return pattern.onMessage(connection, buffer, offset, length);
    }

    @Override
    public boolean hasOpenBatch()
    {
        return writer.hasOpenBatch();
    }

    @Override
    public int endBatch(final Connection connection)
    {
        return writer.endBatch(connection.peerId());
    }

    @Override
    public boolean onSubscription(
        final Connection connection,
        final boolean subscribe,
        final DirectBuffer buffer,
        final int offset,
        final int length)
    {
        return true;
    }

    @Override
    public void onConnectionLost(final Connection connection)
    {
        writer.abandon(connection.peerId()); // as the socket engine does
        pattern.onConnectionLost(connection);
    }

    @Override
    public void close()
    {
        for (final Peer peer : all)
        {
            peer.connection.close("test over");
            pattern.onReleased(peer.connection);
            peer.connection.free();
        }
        peers.clear();
        Rings.free(outbound);
        Rings.free(inbound);
    }
}
