package io.monocoque.engine.session;

import io.monocoque.codec.ZmtpError;
import io.monocoque.codec.ZmtpProtocolException;
import io.monocoque.codec.command.CommandFlyweight;
import io.monocoque.codec.command.CommandType;
import io.monocoque.codec.command.MetadataReader;
import io.monocoque.codec.command.SubscriptionMessage;
import io.monocoque.codec.frame.FrameCursor;
import io.monocoque.codec.frame.FrameDecoder;
import io.monocoque.codec.frame.FrameHandler;
import io.monocoque.codec.greeting.GreetingDecoder;
import io.monocoque.codec.greeting.GreetingDescriptor;
import io.monocoque.codec.socket.SocketType;
import io.monocoque.engine.net.BufferIdleTimer;
import io.monocoque.engine.net.Transport;
import io.monocoque.engine.shared.EndpointConfig;
import org.agrona.DirectBuffer;

import java.io.IOException;
import java.nio.channels.SocketChannel;

/**
 * One ZMTP session over a {@link Transport}: the greeting, the security mechanism's handshake ({@link Handshake}),
 * the peer's socket-type check, then decoding of inbound messages and commands into the owning socket
 * ({@link ConnectionOwner}), answers to PING, and batched writes of staged outbound messages through the
 * mechanism's {@link FrameTransform}.
 * <p>
 * A connection made by {@code connect} lives as long as its endpoint: when the channel dies it keeps the messages
 * the kernel had not taken whole and resumes with a new channel after reconnect. An accepted connection lives as
 * long as its channel.
 * <p>
 * Owned by one thread at a time, which calls every method: the engine agent thread, or, for a PUB or XPUB
 * subscriber connection after its handshake, the fan-out worker it was handed to (ownership moves through a
 * queue). Whoever owns it calls {@link #onTimer(long)} every duty cycle. Allocates on handshake and when a single
 * message outgrows its buffers, never per message. The buffers start at the sizes its creator chose
 * ({@link ConnectionBufferSizing}).
 */
public final class Connection implements FrameHandler
{
    /** Close reason when the peer ends the connection in an orderly way. */
    public static final String PEER_CLOSED = "peer closed the connection";
    private static final String READ_FAILED = "read failed: ";
    private static final String WRITE_FAILED = "write failed: ";

    /** Life-cycle states. */
    public enum State
    {
        /** Greeting exchange. */
        GREETING,
        /** The mechanism's handshake (for NULL: waiting for the peer's READY). */
        HANDSHAKE,
        /** Carrying messages. */
        ACTIVE,
        /** No channel; a connected endpoint's connection starts again after reconnect. */
        CLOSED
    }

    private final ConnectionOwner owner;
    private final EndpointConfig config;
    private final String endpoint;
    private final Transport transport;
    private final HandshakeExchange handshake;
    private final GreetingDecoder greetingDecoder = new GreetingDecoder();
    private final FrameDecoder frameDecoder;
    private final CommandFlyweight command = new CommandFlyweight();
    private final FrameCursor cursor = new FrameCursor();
    private final StagingBuffer staging;
    private final PongResponder pong = new PongResponder();
    /**
     * Send-ring records at least this long are written from the ring ({@link #stageFromRing}): below it, copying a
     * record so that one {@code write} carries it with its neighbours costs less than naming it in a gathering write.
     */
    public static final int DIRECT_WRITE_MIN_BYTES = 16 * 1024;
    private final RingWriter ringWriter = new RingWriter();
    private final PeerProperties peer = new PeerProperties();
    private FrameTransform transform = FrameTransform.IDENTITY;
    private boolean inboundBlocked;
    private State state = State.CLOSED;
    private long peerId;
    /** Its memory went back (free()): a second release is a bug in the owner's bookkeeping. */
    private boolean freed;
    private String closeReason;
    private byte[] routingId;

    /**
     * Create a connection (not yet attached to a channel), running the NULL mechanism. Engine agent thread (the
     * socket's engine half or its PUB fan-out).
     *
     * @param owner              the socket it belongs to.
     * @param config             options of the endpoint it serves.
     * @param endpoint           the endpoint, for diagnostics.
     * @param maxRecordLength    largest message one record of the owner's inbound ring holds; with maxMsgSize it
     *                           bounds the frame headers a message may add (larger messages travel in fragments).
     * @param readBufferCapacity starting capacity of the inbound buffer in bytes; it grows to hold a single message
     *                           larger than it.
     * @param staging            the outbound staging buffer ({@link StagingBuffer#withPeerHwm} for a ROUTER's or
     *                           REP's peer and a PUB subscriber, whose HWM it is); it grows, while empty, to take a
     *                           single message larger than it.
     */
    public Connection(
        final ConnectionOwner owner,
        final EndpointConfig config,
        final String endpoint,
        final int maxRecordLength,
        final int readBufferCapacity,
        final StagingBuffer staging)
    {
        this.transport = new Transport(readBufferCapacity);
        this.staging = staging;
        this.owner = owner;
        this.config = config;
        this.endpoint = endpoint;
        this.handshake = new HandshakeExchange(
            new NullHandshake(owner.socketType().name(), config.identity()), config.handshakeIvlMs());
        this.frameDecoder = newFrameDecoder(config.maxMsgSize(), maxRecordLength);
    }

    /**
     * Bodies are limited by maxMsgSize (libzmq's rule; none by default: larger messages travel the receive ring in
     * fragments). With a limit, frame headers may add at most one record's worth, so a run of empty frames cannot
     * make the read buffer grow unbounded; without one, only the 2 GiB of a buffer bounds a message.
     */
    private static FrameDecoder newFrameDecoder(final long maxMsgSize, final int maxRecordLength)
    {
        if (maxMsgSize < 0)
        {
            return new FrameDecoder(FrameDecoder.UNLIMITED);
        }
        final long encoded = Math.min(Integer.MAX_VALUE - 1L, maxMsgSize + maxRecordLength);
        return new FrameDecoder(maxMsgSize, (int)encoded);
    }

    /**
     * Start a session on a connected channel: queue our greeting.
     *
     * @param channel the connected channel.
     * @param peerId  the id this session carries.
     * @param nowNs   current time.
     */
    public void start(final SocketChannel channel, final long peerId, final long nowNs)
    {
        transport.open(channel);
        this.peerId = peerId;
        this.state = State.GREETING;
        this.closeReason = null;
        this.inboundBlocked = false;
        pong.reset();
        this.transform = FrameTransform.IDENTITY;
        greetingDecoder.reset();
        // The last session may have ended inside a frame: its length must not size the new session's reads.
        frameDecoder.reset(0);
        handshake.start(nowNs);
    }

    /**
     * The byte side of this connection: its channel, selection key and how inbound data is noticed (the owner
     * attaches the key, chooses direct polling, asks for writability through it).
     *
     * @return the transport.
     */
    public Transport transport()
    {
        return transport;
    }

    /**
     * Read what the kernel has and process it.
     *
     * @return bytes read (work done), or -1 if the connection was closed.
     */
    public int onReadable()
    {
        if (state == State.CLOSED)
        {
            return 0;
        }
        if (inboundBlocked)
        {
            // The socket's inbound ring was full: retry delivery before reading more (TCP back-pressure).
            if (!process())
            {
                return state == State.CLOSED ? -1 : 0;
            }
        }
        try
        {
            final int bytes = transport.read(frameDecoder.requiredLength());
            if (bytes < 0)
            {
                close(PEER_CLOSED);
                return -1;
            }
            if (bytes == 0)
            {
                return 0;
            }
            process();
            return state == State.CLOSED ? -1 : bytes;
        }
        catch (final IOException ex)
        {
            close(READ_FAILED + ex.getMessage());
            return -1;
        }
    }

    /**
     * Retry delivering messages that the owner could not take earlier.
     *
     * @return work done.
     */
    public int retryBlockedInbound()
    {
        if (!inboundBlocked || state != State.ACTIVE)
        {
            return 0;
        }
        return process() ? 1 : 0;
    }

    /**
     * Whether inbound delivery is waiting for room in the owner's ring.
     *
     * @return true while back-pressured.
     */
    public boolean isInboundBlocked()
    {
        return inboundBlocked;
    }

    private void inboundBlocked(final boolean blocked)
    {
        if (inboundBlocked != blocked)
        {
            inboundBlocked = blocked;
            // A readable channel whose bytes cannot be delivered would end every sleep of its owner at once.
            transport.pauseReading(blocked);
        }
    }

    /** @return true if all complete input was processed, false if blocked or closed. */
    private boolean process()
    {
        try
        {
            if (state == State.GREETING)
            {
                final int consumed = greetingDecoder.decode(
                    transport.readView(), transport.readStart(), transport.unconsumed());
                transport.consume(consumed);
                if (!greetingDecoder.isComplete())
                {
                    return true;
                }
                onGreeting();
            }

            while (true)
            {
                final int consumed = frameDecoder.decode(
                    transport.readView(), transport.readStart(), transport.unconsumed(), this);
                if (state == State.CLOSED)
                {
                    return false;
                }
                final int givenBack = owner.endBatch(this);
                transport.consume(consumed - givenBack);
                if (givenBack > 0)
                {
                    // The receive ring had no room for the batch: offer the same bytes again later.
                    frameDecoder.rewind(givenBack);
                    inboundBlocked(true);
                    return false;
                }
                final boolean stopped = frameDecoder.requiredLength() == 0 && transport.unconsumed() > 0;
                if (!stopped || state != State.ACTIVE)
                {
                    inboundBlocked(false);
                    return true;
                }
                if (consumed == 0)
                {
                    // The owner refused a message outright (ring full): TCP back-pressure until it has room.
                    inboundBlocked(true);
                    return false;
                }
                // Stopped at a batch boundary (a command, or the batch was full): go on with the rest.
            }
        }
        catch (final ZmtpProtocolException ex)
        {
            owner.endBatch(this);
            close(ex.getMessage());
            return false;
        }
    }

    private void onGreeting()
    {
        handshake.onPeerGreeting(greetingDecoder);
        peer.onGreeting(greetingDecoder.isZmtp30());
        frameDecoder.reset(GreetingDescriptor.GREETING_LENGTH);
        state = State.HANDSHAKE;
    }

    @Override
    public boolean onCommand(final DirectBuffer buffer, final int offset, final int length)
    {
        if (owner.hasOpenBatch())
        {
            return false; // deliver the messages before it first, so the batch stays contiguous
        }
        command.wrap(buffer, offset, length);
        final CommandType type = command.type();
        if (state == State.HANDSHAKE)
        {
            if (type == CommandType.ERROR)
            {
                close("peer refused the handshake: " + command.errorReason());
                return false;
            }
            if (handshake.onCommand(command, frameDecoder.streamPosition()))
            {
                onHandshakeComplete(handshake.peerMetadata());
            }
            return state != State.CLOSED;
        }

        switch (type)
        {
            case PING:
                pong.onPing(command, staging);
                return true;
            case SUBSCRIBE:
            case CANCEL:
                return owner.onSubscription(
                    this, type == CommandType.SUBSCRIBE, buffer, command.dataOffset(), command.dataLength());
            case ERROR:
                close("peer sent ERROR: " + command.errorReason());
                return false;
            case READY:
                throw new ZmtpProtocolException(ZmtpError.UNEXPECTED_COMMAND, frameDecoder.streamPosition(),
                    "second READY after the handshake");
            default:
                return true; // PONG and unknown commands are ignored, as RFC 37 asks.
        }
    }

    private void onHandshakeComplete(final MetadataReader metadata)
    {
        // The connection's real buffers only now (an OutOfMemoryError here refuses this connection alone).
        transport.onHandshakeComplete();
        staging.reserve();
        peer.accept(metadata, owner.socketType());
        transform = handshake.transform();
        state = State.ACTIVE;
        final String refusal = owner.onConnectionReady(this);
        if (refusal != null)
        {
            close(refusal);
        }
    }

    @Override
    public boolean onMessage(final DirectBuffer buffer, final int offset, final int length, final int frameCount)
    {
        if (state != State.ACTIVE)
        {
            throw new ZmtpProtocolException(ZmtpError.UNEXPECTED_COMMAND, frameDecoder.streamPosition(),
                "message before the handshake finished");
        }
        if (frameCount == 1 && peer.isZmtp30() && peer.isSubscriber())
        {
            cursor.wrap(buffer, offset, length).next();
            if (SubscriptionMessage.isSubscription(buffer, cursor.bodyOffset(), cursor.bodyLength()))
            {
                return owner.onSubscription(this, SubscriptionMessage.isSubscribe(buffer, cursor.bodyOffset()),
                    buffer, cursor.bodyOffset() + 1, cursor.bodyLength() - 1);
            }
        }
        return owner.onMessage(this, buffer, offset, length, frameCount);
    }

    @Override
    public int messageRunLimit()
    {
        // A ZMTP 3.0 subscriber's subscriptions are messages: each must be looked at (onMessage).
        return state == State.ACTIVE && !(peer.isZmtp30() && peer.isSubscriber()) ? owner.messageRunLimit() : 0;
    }

    @Override
    public boolean onMessageRun(final DirectBuffer buffer, final int offset, final int length)
    {
        return owner.onMessageRun(this, buffer, offset, length);
    }

    /**
     * Write pending handshake bytes, then staged messages through the mechanism's transform.
     *
     * @return bytes written (work done), -1 if the connection was closed.
     */
    public int flush()
    {
        if (state == State.CLOSED)
        {
            return 0;
        }
        try
        {
            int bytes = handshake.write(transport);
            if (handshake.hasUnsent())
            {
                return bytes;
            }
            if (state == State.ACTIVE)
            {
                pong.stagePending(staging);
                if (staging.hasPending())
                {
                    bytes += transform.write(staging, transport);
                }
            }
            return bytes;
        }
        catch (final IOException ex)
        {
            close(WRITE_FAILED + ex.getMessage());
            return -1;
        }
    }

    /**
     * Time-driven work, called by the connection's owner every duty cycle: closes a session whose handshake did
     * not complete within {@code handshakeIvlMs}. (Heartbeats will be driven from here too.)
     *
     * @param nowNs the owner's time for this cycle.
     * @return work done.
     */
    public int onTimer(final long nowNs)
    {
        if ((state == State.GREETING || state == State.HANDSHAKE) && handshake.isOverdue(nowNs))
        {
            close("handshake did not complete within " + config.handshakeIvlMs() + " ms");
            return 1;
        }
        if (state == State.ACTIVE && (transport.isGrown() || staging.isGrown()))
        {
            // Buffers sized by need: what a burst grew them to goes back once they have been idle a while.
            final boolean readShrank = transport.shrinkIfIdle(nowNs);
            final boolean stagingShrank = staging.shrinkIfIdle(nowNs);
            return readShrank || stagingShrank ? 1 : 0;
        }
        return 0;
    }

    /**
     * Whether bytes wait for the kernel to take them (handshake or staged frames). An owner about to sleep asks the
     * selector to wake it when the channel becomes writable ({@code Transport.writeInterest}).
     *
     * @return true if a flush has something to write.
     */
    public boolean hasUnsent()
    {
        return state != State.CLOSED && (handshake.hasUnsent() || staging.hasPending() || pong.hasPending());
    }

    /**
     * How long the owner may sleep before this connection's next timer ({@link #onTimer(long)}) is due.
     *
     * @param nowNs current time.
     * @return nanoseconds (0 or less: due now), {@link Long#MAX_VALUE} if it has no timer running.
     */
    public long nsUntilTimer(final long nowNs)
    {
        if (state == State.GREETING || state == State.HANDSHAKE)
        {
            return handshake.nsUntilOverdue(nowNs);
        }
        // A sleeping owner wakes to give back what a burst grew the buffers to (at most once a second, and only
        // while a buffer is grown).
        return state == State.ACTIVE && (transport.isGrown() || staging.isGrown()) ?
            BufferIdleTimer.SHRINK_AFTER_NS : Long.MAX_VALUE;
    }

    /**
     * Close the channel and tell the owner. Keeps unsent messages for a reconnect; see
     * {@link StagingBuffer#keepUnsentMessages()}.
     *
     * @param reason why, for the log and {@link #closeReason()}.
     */
    public void close(final String reason)
    {
        if (state == State.CLOSED)
        {
            return;
        }
        final boolean wasActive = state == State.ACTIVE;
        state = State.CLOSED;
        closeReason = reason;
        inboundBlocked(false);
        handshake.discardUnsent();
        ringWriter.clear(); // nothing is gathered outside a ring read, the only time a write can meet its records
        if (wasActive)
        {
            staging.keepUnsentMessages();
        }
        transport.close();
        owner.onConnectionLost(this);
    }

    /**
     * Free the off-heap buffers; the connection must not be used afterwards.
     *
     * @return the number of staged messages dropped.
     */
    public int free()
    {
        if (freed)
        {
            throw new IllegalStateException("connection " + endpoint + " released twice");
        }
        freed = true;
        final int dropped = staging.clear();
        staging.free();
        transport.free();
        handshake.free();
        return dropped;
    }

    /**
     * Room for a message of a given encoded length in the outbound staging buffer, or to be written from the ring
     * ({@link #stageFromRing}). Records gathered for one write go out first when this one cannot join them, so the
     * bytes keep their order.
     *
     * @param length encoded length.
     * @return true if it can be staged now.
     */
    public boolean canStage(final int length)
    {
        if (state != State.ACTIVE)
        {
            return false;
        }
        if (ringWriter.hasGathered() && !(writesStraightFromRing(length) && ringWriter.hasRoomFor(length)))
        {
            writeGathered();
        }
        return writesStraightFromRing(length) || staging.ensureRoom(length);
    }

    /**
     * Whether {@link #stageFromRing} writes these bytes to the kernel from where they lie (the send ring) instead of
     * copying them first: they are at least {@link #DIRECT_WRITE_MIN_BYTES} (a record of many batched messages, or
     * one large one), nothing staged waits to be written ahead of them, the frames go out unchanged, and the staging
     * buffer batches rather than enforcing a peer's HWM (ROUTER, REP and PUB subscribers count what they stage
     * against it).
     */
    private boolean writesStraightFromRing(final int length)
    {
        return length >= DIRECT_WRITE_MIN_BYTES && staging.isEmpty() && staging.isBatching() &&
            transform == FrameTransform.IDENTITY && !handshake.hasUnsent() && !pong.hasPending();
    }

    /**
     * Whether {@code length} bytes (several messages staged at once) fit the staging buffer without growing it.
     *
     * @param length bytes.
     * @return true if the connection is active and has the room.
     */
    public boolean canStageWithoutGrowing(final int length)
    {
        writeGathered();
        return state == State.ACTIVE && staging.hasRoom(length);
    }

    /**
     * Copy a whole encoded message (or several back to back) into the staging buffer, after
     * {@link #canStage(int)} or {@link #canStageWithoutGrowing(int)} said yes.
     *
     * @param buffer holds the encoded bytes.
     * @param offset first byte.
     * @param length bytes.
     */
    public void stage(final DirectBuffer buffer, final int offset, final int length)
    {
        writeGathered();
        if (writesStraightFromRing(length) && !staging.ensureRoom(length))
        {
            // canStage said yes for the ring's route, which this copy does not take: an empty buffer grows for it.
            throw new IllegalStateException("no room to stage " + length + " bytes");
        }
        staging.buffer().putBytes(staging.fill(), buffer, offset, length);
        staging.commit(length);
    }

    /**
     * Stage a send-ring record of whole messages, after {@link #canStage(int)} said yes: a large one is gathered to
     * be written from where it lies, with the records after it, by {@link #writeGathered()}, which the caller must
     * call before the ring read that handed out the record releases it; a small one is copied as {@link #stage}
     * does.
     *
     * @param ring   the send ring's buffer.
     * @param offset first byte of the record's messages.
     * @param length bytes.
     * @return true if the record was gathered: {@link #writeGathered()} is owed before the read releases it.
     */
    public boolean stageFromRing(final DirectBuffer ring, final int offset, final int length)
    {
        if (writesStraightFromRing(length) && ringWriter.hasRoomFor(length) && ringWriter.canGatherFrom(ring))
        {
            ringWriter.gather(ring, offset, length);
            return true;
        }
        stage(ring, offset, length);
        return false;
    }

    /**
     * Write the records {@link #stageFromRing} gathered, if any, in one gathering write; what the kernel does not take
     * is staged. The connection's owner, while the ring read that handed out the records has not released them.
     */
    public void writeGathered()
    {
        ringWriter.writeGathered(transport, staging);
    }

    private int writeFromRing(final DirectBuffer buffer, final int offset, final int length)
    {
        try
        {
            return ringWriter.write(transport, buffer, offset, length);
        }
        catch (final IOException ex)
        {
            // Not closed here, inside the owner's drain: the staged bytes meet the same error at the next flush,
            // which closes the session the usual way (and keeps the unsent messages for a reconnect).
            return 0;
        }
    }

    /**
     * Whether one fragment of a large message may be staged now: the connection is active and nothing is staged
     * (a fragment travels alone; see {@link StagingBuffer}).
     *
     * @return true if {@link #stageFragment} may be called.
     */
    public boolean canStageFragment()
    {
        writeGathered(); // the records gathered before it go first
        return state == State.ACTIVE && staging.isEmpty();
    }

    /**
     * Send one fragment of a large message, after {@link #canStageFragment()} said yes: written to the kernel
     * straight from {@code buffer} (the send ring) when nothing else waits to go first, and only what the kernel does
     * not take now is staged.
     *
     * @param buffer holds the fragment's bytes.
     * @param offset first byte.
     * @param length bytes.
     */
    public void stageFragment(final DirectBuffer buffer, final int offset, final int length)
    {
        int written = 0;
        if (transform == FrameTransform.IDENTITY && !handshake.hasUnsent() && !pong.hasPending())
        {
            written = writeFromRing(buffer, offset, length);
        }
        if (written < length)
        {
            staging.stageFragment(buffer, offset + written, length - written);
        }
    }

    /**
     * The staging buffer (after {@link #canStage(int)} said yes, copy at {@code fill()} and {@code commit}).
     *
     * @return the staging buffer.
     */
    public StagingBuffer staging()
    {
        return staging;
    }

    /**
     * The channel of the current session.
     *
     * @return the channel, null when closed.
     */
    public SocketChannel channel()
    {
        return transport.channel();
    }

    /**
     * Current state.
     *
     * @return the state.
     */
    public State state()
    {
        return state;
    }

    /**
     * Whether the connection carries messages.
     *
     * @return true when ACTIVE.
     */
    public boolean isActive()
    {
        return state == State.ACTIVE;
    }

    /**
     * Id of the current session, unique within the engine, never reused.
     *
     * @return the peer id.
     */
    public long peerId()
    {
        return peerId;
    }

    /**
     * The peer's socket type, known once ACTIVE.
     *
     * @return the peer's socket type.
     */
    public SocketType peerType()
    {
        return peer.type();
    }

    /**
     * The peer's Identity from READY, empty if none.
     *
     * @return identity bytes (do not modify).
     */
    public byte[] peerIdentity()
    {
        return peer.identity();
    }

    /**
     * Whether the peer speaks ZMTP 3.0 (subscriptions as messages).
     *
     * @return true for a 3.0 peer.
     */
    public boolean isPeerZmtp30()
    {
        return peer.isZmtp30();
    }

    /**
     * The endpoint this connection serves.
     *
     * @return the endpoint string.
     */
    public String endpoint()
    {
        return endpoint;
    }

    /**
     * Why the connection last closed.
     *
     * @return the reason, or null if it has not closed.
     */
    public String closeReason()
    {
        return closeReason;
    }

    /**
     * Whether the last close was an ordinary end of a session (the peer closed or reset the connection, or this
     * side closed it), as opposed to a protocol error, a refusal or a timeout worth reporting.
     *
     * @return true for an ordinary close.
     */
    public boolean closedOrdinarily()
    {
        return PEER_CLOSED.equals(closeReason) ||
            (closeReason != null && (closeReason.startsWith(READ_FAILED) || closeReason.startsWith(WRITE_FAILED)));
    }

    /**
     * Routing id the owning socket gave this peer (ROUTER), null if none.
     *
     * @return the routing id bytes (do not modify).
     */
    public byte[] routingId()
    {
        return routingId;
    }

    /**
     * Set the routing id the owning socket uses for this peer.
     *
     * @param routingId the routing id.
     */
    public void routingId(final byte[] routingId)
    {
        this.routingId = routingId;
    }

    /**
     * The endpoint options.
     *
     * @return the configuration.
     */
    public EndpointConfig config()
    {
        return config;
    }

    /**
     * Current capacity of the inbound buffer: the starting capacity, or more once a message larger than it
     * arrived.
     *
     * @return bytes.
     */
    public int readBufferCapacity()
    {
        return transport.readBufferCapacity();
    }
}
