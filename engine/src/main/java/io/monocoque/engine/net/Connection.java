package io.monocoque.engine.net;

import io.monocoque.codec.ZmtpError;
import io.monocoque.codec.ZmtpProtocolException;
import io.monocoque.codec.command.CommandEncoder;
import io.monocoque.codec.command.CommandFlyweight;
import io.monocoque.codec.command.CommandType;
import io.monocoque.codec.command.MetadataEncoder;
import io.monocoque.codec.command.MetadataReader;
import io.monocoque.codec.command.SubscriptionMessage;
import io.monocoque.codec.frame.FrameCursor;
import io.monocoque.codec.frame.FrameDecoder;
import io.monocoque.codec.frame.FrameHandler;
import io.monocoque.codec.greeting.GreetingDecoder;
import io.monocoque.codec.greeting.GreetingDescriptor;
import io.monocoque.codec.greeting.GreetingEncoder;
import io.monocoque.codec.greeting.Mechanism;
import io.monocoque.codec.socket.SocketType;
import io.monocoque.engine.socket.EndpointConfig;
import org.agrona.BitUtil;
import org.agrona.BufferUtil;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * One ZMTP session over a TCP channel: the NULL-mechanism handshake (greeting, READY with Socket-Type and
 * Identity, socket-type check), then decoding of inbound messages and commands into the owning socket, and
 * batched writes of staged outbound messages.
 * <p>
 * A connection made by {@code connect} lives as long as its endpoint: when the channel dies it keeps the messages
 * the kernel had not taken whole and resumes with a new channel after reconnect. An accepted connection lives as
 * long as its channel.
 * <p>
 * Owned by one thread at a time, which calls every method: the engine agent thread, or, for a PUB or XPUB
 * subscriber connection after its handshake, the fan-out worker it was handed to (ownership moves through a
 * queue). Allocates on handshake and when a single message outgrows its buffers, never per message. The buffers
 * start at the sizes its creator chose ({@link ConnectionBufferSizing}).
 */
public final class Connection implements FrameHandler
{
    private static final int HANDSHAKE_BUFFER_CAPACITY = 1024;
    private static final int PONG_CONTEXT_CAPACITY = CommandFlyweight.MAX_PING_CONTEXT_LENGTH;
    /** Close reason when the peer ends the TCP connection in an orderly way. */
    public static final String PEER_CLOSED = "peer closed the connection";

    /** Life-cycle states. */
    public enum State
    {
        /** Waiting for TCP connect to complete. */
        CONNECTING,
        /** Greeting exchange. */
        GREETING,
        /** Waiting for the peer's READY. */
        READY,
        /** Carrying messages. */
        ACTIVE,
        /** Channel gone; may reconnect if it was connected by us. */
        CLOSED
    }

    private final ConnectionOwner owner;
    private final EndpointConfig config;
    private final String endpoint;
    private final int maxRecordLength;
    private final GreetingDecoder greetingDecoder = new GreetingDecoder();
    private final FrameDecoder frameDecoder;
    private final CommandFlyweight command = new CommandFlyweight();
    private final MetadataReader metadata = new MetadataReader();
    private final FrameCursor cursor = new FrameCursor();
    private final StagingBuffer staging;
    private final ByteBuffer handshakeOut = ByteBuffer.allocateDirect(HANDSHAKE_BUFFER_CAPACITY);
    private final UnsafeBuffer handshakeView = new UnsafeBuffer(handshakeOut);
    private final UnsafeBuffer identityView = new UnsafeBuffer(0, 0);
    private final UnsafeBuffer readView = new UnsafeBuffer(0, 0);
    private ByteBuffer readBuffer;
    private int readStart;
    private int readEnd;
    private boolean inboundBlocked;

    private SocketChannel channel;
    private SelectionKey key;
    private boolean polledDirectly;
    private State state = State.CLOSED;
    private long peerId;
    private long handshakeDeadlineNs;
    private SocketType peerType;
    private byte[] peerIdentity = new byte[0];
    private boolean peerZmtp30;
    private String closeReason;
    private boolean closedWhileConnecting;
    private byte[] routingId;
    private final byte[] pongContext = new byte[PONG_CONTEXT_CAPACITY];
    private int pongContextLength = -1;
    private final UnsafeBuffer pongContextView = new UnsafeBuffer(pongContext);

    /**
     * Create a connection (not yet attached to a channel). Engine agent thread (the socket's engine half or its
     * PUB fan-out).
     *
     * @param owner              the socket it belongs to.
     * @param config             options of the endpoint it serves.
     * @param endpoint           the endpoint, for diagnostics.
     * @param maxRecordLength    largest message the owner's inbound ring holds; with maxMsgSize it bounds what the
     *                           decoder accepts, and so how far the read buffer can grow.
     * @param readBufferCapacity starting capacity of the inbound buffer in bytes; it grows to hold a single message
     *                           larger than it.
     * @param staging            the outbound staging buffer ({@link StagingBuffer#withHwm} for a PUB subscriber,
     *                           whose HWM it is); it grows, while empty, to take a single message larger than it.
     */
    public Connection(
        final ConnectionOwner owner,
        final EndpointConfig config,
        final String endpoint,
        final int maxRecordLength,
        final int readBufferCapacity,
        final StagingBuffer staging)
    {
        if (readBufferCapacity <= 0)
        {
            throw new IllegalArgumentException("read buffer capacity must be positive: " + readBufferCapacity);
        }
        this.staging = staging;
        this.owner = owner;
        this.config = config;
        this.endpoint = endpoint;
        this.maxRecordLength = maxRecordLength;
        // Bodies are limited by maxMsgSize (libzmq's rule), the encoded message by what one ring record holds.
        this.frameDecoder = new FrameDecoder(
            config.maxMsgSize() < 0 ? FrameDecoder.UNLIMITED : config.maxMsgSize(), maxRecordLength);
        this.readBuffer = ByteBuffer.allocateDirect(readBufferCapacity);
        this.readView.wrap(readBuffer);
    }

    /**
     * Attach a channel whose TCP connect is still in progress.
     *
     * @param channel the channel.
     * @param peerId  the id this session will carry.
     * @param nowNs   current time.
     */
    public void connecting(final SocketChannel channel, final long peerId, final long nowNs)
    {
        this.channel = channel;
        this.peerId = peerId;
        this.state = State.CONNECTING;
        this.handshakeDeadlineNs = nowNs + handshakeTimeoutNs();
        this.closeReason = null;
    }

    /**
     * Start the handshake on a connected channel: queue our greeting.
     *
     * @param channel the connected channel.
     * @param peerId  the id this session carries.
     * @param nowNs   current time.
     */
    public void start(final SocketChannel channel, final long peerId, final long nowNs)
    {
        this.channel = channel;
        this.peerId = peerId;
        this.state = State.GREETING;
        this.handshakeDeadlineNs = nowNs + handshakeTimeoutNs();
        this.closeReason = null;
        this.readStart = 0;
        this.readEnd = 0;
        this.inboundBlocked = false;
        this.pongContextLength = -1;
        greetingDecoder.reset();
        handshakeOut.clear();
        final int length = GreetingEncoder.encode(handshakeView, 0, Mechanism.NULL, false);
        handshakeOut.limit(length);
    }

    /**
     * Attach the selector key of the current session's channel, keeping the current polling mode.
     *
     * @param key the key the channel was registered with.
     */
    public void attachKey(final SelectionKey key)
    {
        this.key = key;
        applyInterest();
    }

    /**
     * Choose how inbound data is noticed: by the agent's selector (many connections), or by reading the channel
     * directly every duty cycle (few connections: one {@code read} instead of {@code epoll_wait} plus
     * {@code read}, which is what a spinning raw-NIO loop does).
     *
     * @param directly true to be read directly every cycle.
     */
    public void pollDirectly(final boolean directly)
    {
        if (polledDirectly != directly)
        {
            polledDirectly = directly;
            applyInterest();
        }
    }

    private void applyInterest()
    {
        if (key != null && key.isValid() && state != State.CONNECTING)
        {
            key.interestOps(polledDirectly ? 0 : SelectionKey.OP_READ);
        }
    }

    /**
     * Whether the connection is read directly every duty cycle rather than through the selector.
     *
     * @return true when polled directly.
     */
    public boolean isPolledDirectly()
    {
        return polledDirectly;
    }

    private long handshakeTimeoutNs()
    {
        return config.handshakeIvlMs() <= 0 ? Long.MAX_VALUE / 2 : config.handshakeIvlMs() * 1_000_000L;
    }

    /**
     * Read what the kernel has and process it.
     *
     * @return bytes read (work done), or -1 if the connection was closed.
     */
    public int onReadable()
    {
        if (state == State.CLOSED || state == State.CONNECTING)
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
            ensureReadRoom();
            readBuffer.limit(readBuffer.capacity()).position(readEnd);
            final int bytes = channel.read(readBuffer);
            if (bytes < 0)
            {
                close(PEER_CLOSED);
                return -1;
            }
            if (bytes == 0)
            {
                return 0;
            }
            readEnd += bytes;
            process();
            return state == State.CLOSED ? -1 : bytes;
        }
        catch (final IOException ex)
        {
            close("read failed: " + ex.getMessage());
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

    private void ensureReadRoom()
    {
        if (readStart == readEnd)
        {
            readStart = 0;
            readEnd = 0;
        }
        final int required = Math.max(frameDecoder.requiredLength(), 1);
        if (readBuffer.capacity() - readStart >= required + 1 && readEnd < readBuffer.capacity())
        {
            return;
        }
        if (readStart > 0)
        {
            readView.putBytes(0, readView, readStart, readEnd - readStart);
            readEnd -= readStart;
            readStart = 0;
        }
        if (readBuffer.capacity() < required)
        {
            // A single message larger than the buffer, already checked against maxMsgSize by the decoder.
            final ByteBuffer bigger = ByteBuffer.allocateDirect(BitUtil.findNextPositivePowerOfTwo(required));
            bigger.put(readBuffer.duplicate().position(0).limit(readEnd));
            BufferUtil.free(readBuffer);
            readBuffer = bigger;
            readView.wrap(readBuffer);
        }
    }

    /** @return true if all complete input was processed, false if blocked or closed. */
    private boolean process()
    {
        try
        {
            if (state == State.GREETING)
            {
                readStart += greetingDecoder.decode(readView, readStart, readEnd - readStart);
                if (!greetingDecoder.isComplete())
                {
                    return true;
                }
                onGreeting();
            }

            while (true)
            {
                final int consumed = frameDecoder.decode(readView, readStart, readEnd - readStart, this);
                if (state == State.CLOSED)
                {
                    return false;
                }
                final int givenBack = owner.endBatch(this);
                readStart += consumed - givenBack;
                if (givenBack > 0)
                {
                    // The receive ring had no room for the batch: offer the same bytes again later.
                    frameDecoder.rewind(givenBack);
                    inboundBlocked = true;
                    return false;
                }
                final boolean stopped = frameDecoder.requiredLength() == 0 && readStart < readEnd;
                if (!stopped || state != State.ACTIVE)
                {
                    inboundBlocked = false;
                    return true;
                }
                if (consumed == 0)
                {
                    // The owner refused a message outright (ring full): TCP back-pressure until it has room.
                    inboundBlocked = true;
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
        if (greetingDecoder.mechanism() != Mechanism.NULL)
        {
            throw new ZmtpProtocolException(ZmtpError.UNSUPPORTED_MECHANISM, GreetingDescriptor.MECHANISM_OFFSET,
                "peer proposes " + greetingDecoder.mechanismName() + ", this socket runs NULL");
        }
        peerZmtp30 = greetingDecoder.isZmtp30();
        frameDecoder.reset(GreetingDescriptor.GREETING_LENGTH);

        final byte[] identity = config.identity();
        identityView.wrap(identity);
        final int readyLength = MetadataEncoder.readyLength(owner.socketType().name(), identity.length);
        final int position = handshakeOut.limit();
        if (handshakeOut.capacity() - position < readyLength)
        {
            throw new IllegalStateException("READY does not fit the handshake buffer: " + readyLength);
        }
        final int written = MetadataEncoder.encodeReady(
            handshakeView, position, owner.socketType().name(), identityView, 0, identity.length);
        handshakeOut.limit(position + written);
        state = State.READY;
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
        if (state == State.READY)
        {
            if (type == CommandType.ERROR)
            {
                close("peer refused the handshake: " + command.errorReason());
                return false;
            }
            if (type != CommandType.READY)
            {
                throw new ZmtpProtocolException(ZmtpError.UNEXPECTED_COMMAND, frameDecoder.streamPosition(),
                    "expected READY, got " + command.name());
            }
            onReady();
            return state == State.ACTIVE;
        }

        switch (type)
        {
            case PING:
                return onPing();
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

    private boolean onPing()
    {
        final int contextLength = command.pingContextLength();
        final int pongLength = CommandEncoder.commandLength(CommandType.PONG, contextLength);
        if (!staging.ensureRoom(pongLength))
        {
            // Answer later: keep at most the latest unanswered PING, as a peer only needs one PONG.
            command.buffer().getBytes(command.pingContextOffset(), pongContext, 0, contextLength);
            pongContextLength = contextLength;
            return true;
        }
        final int written = CommandEncoder.encode(staging.buffer(), staging.fill(), CommandType.PONG,
            command.buffer(), command.pingContextOffset(), contextLength);
        staging.commit(written);
        return true;
    }

    private void onReady()
    {
        metadata.wrap(command.buffer(), command.dataOffset(), command.dataLength());
        if (!metadata.find(MetadataEncoder.SOCKET_TYPE))
        {
            throw new ZmtpProtocolException(ZmtpError.INCOMPATIBLE_SOCKET_TYPE, ZmtpProtocolException.NO_OFFSET,
                "READY has no Socket-Type property");
        }
        final SocketType type = SocketType.fromWireName(metadata.buffer(), metadata.valueOffset(),
            metadata.valueLength());
        if (type == null)
        {
            throw new ZmtpProtocolException(ZmtpError.INCOMPATIBLE_SOCKET_TYPE, ZmtpProtocolException.NO_OFFSET,
                "unknown peer socket type '" + metadata.valueAsString() + "'");
        }
        if (!owner.socketType().isCompatibleWith(type))
        {
            throw new ZmtpProtocolException(ZmtpError.INCOMPATIBLE_SOCKET_TYPE, ZmtpProtocolException.NO_OFFSET,
                owner.socketType() + " cannot talk to " + type);
        }
        peerType = type;
        if (metadata.find(MetadataEncoder.IDENTITY) && metadata.valueLength() > 0)
        {
            peerIdentity = new byte[metadata.valueLength()];
            metadata.buffer().getBytes(metadata.valueOffset(), peerIdentity);
        }
        else
        {
            peerIdentity = new byte[0];
        }

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
        if (peerZmtp30 && frameCount == 1 && isSubscriptionPeer())
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

    private boolean isSubscriptionPeer()
    {
        return peerType == SocketType.SUB || peerType == SocketType.XSUB;
    }

    /**
     * Write pending handshake bytes, then staged messages.
     *
     * @return bytes written (work done), -1 if the connection was closed.
     */
    public int flush()
    {
        if (state == State.CLOSED || state == State.CONNECTING)
        {
            return 0;
        }
        try
        {
            int bytes = 0;
            if (handshakeOut.hasRemaining())
            {
                bytes += channel.write(handshakeOut);
                if (handshakeOut.hasRemaining())
                {
                    return bytes;
                }
            }
            if (state == State.ACTIVE)
            {
                if (pongContextLength >= 0 &&
                    staging.ensureRoom(CommandEncoder.commandLength(CommandType.PONG, pongContextLength)))
                {
                    staging.commit(CommandEncoder.encode(staging.buffer(), staging.fill(), CommandType.PONG,
                        pongContextView, 0, pongContextLength));
                    pongContextLength = -1;
                }
                if (staging.hasPending())
                {
                    bytes += staging.writeTo(channel);
                }
            }
            return bytes;
        }
        catch (final IOException ex)
        {
            close("write failed: " + ex.getMessage());
            return -1;
        }
    }

    /**
     * Whether the handshake deadline passed.
     *
     * @param nowNs current time.
     * @return true if the handshake is late.
     */
    public boolean isHandshakeExpired(final long nowNs)
    {
        return (state == State.CONNECTING || state == State.GREETING || state == State.READY) &&
            handshakeDeadlineNs - nowNs <= 0;
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
        closedWhileConnecting = state == State.CONNECTING;
        state = State.CLOSED;
        closeReason = reason;
        inboundBlocked = false;
        readStart = 0;
        readEnd = 0;
        handshakeOut.clear().limit(0);
        if (wasActive)
        {
            staging.keepUnsentMessages();
        }
        if (channel != null)
        {
            try
            {
                channel.close();
            }
            catch (final IOException ignore)
            {
                // Closing a broken channel: nothing left to do with it.
            }
            channel = null;
        }
        key = null;
        owner.onConnectionLost(this);
    }

    /**
     * Free the off-heap buffers; the connection must not be used afterwards.
     *
     * @return the number of staged messages dropped.
     */
    public int free()
    {
        final int dropped = staging.clear();
        staging.free();
        BufferUtil.free(readBuffer);
        BufferUtil.free(handshakeOut);
        return dropped;
    }

    /**
     * Room for a message of a given encoded length in the outbound staging buffer.
     *
     * @param length encoded length.
     * @return true if it can be staged now.
     */
    public boolean canStage(final int length)
    {
        return state == State.ACTIVE && staging.ensureRoom(length);
    }

    /**
     * Whether {@code length} bytes (several messages staged at once) fit the staging buffer without growing it.
     *
     * @param length bytes.
     * @return true if the connection is active and has the room.
     */
    public boolean canStageWithoutGrowing(final int length)
    {
        return state == State.ACTIVE && staging.hasRoom(length);
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
        return channel;
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
        return peerType;
    }

    /**
     * The peer's Identity from READY, empty if none.
     *
     * @return identity bytes (do not modify).
     */
    public byte[] peerIdentity()
    {
        return peerIdentity;
    }

    /**
     * Whether the peer speaks ZMTP 3.0 (subscriptions as messages).
     *
     * @return true for a 3.0 peer.
     */
    public boolean isPeerZmtp30()
    {
        return peerZmtp30;
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
     * Whether the last close happened before TCP connected (a failed connect attempt, retried quietly).
     *
     * @return true if the channel never connected.
     */
    public boolean closedWhileConnecting()
    {
        return closedWhileConnecting;
    }

    /**
     * Whether the last close was an ordinary end of a session (the peer closed or reset the connection, or this
     * side closed it), as opposed to a protocol error, a refusal or a timeout worth reporting.
     *
     * @return true for an ordinary close.
     */
    public boolean closedOrdinarily()
    {
        return closedWhileConnecting || PEER_CLOSED.equals(closeReason) ||
            (closeReason != null && (closeReason.startsWith("read failed") || closeReason.startsWith("write failed")));
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
     * arrived. Owning thread.
     *
     * @return bytes.
     */
    public int readBufferCapacity()
    {
        return readBuffer.capacity();
    }

    /**
     * Largest inbound message record the owner's ring accepts.
     *
     * @return bytes.
     */
    public int maxRecordLength()
    {
        return maxRecordLength;
    }
}
