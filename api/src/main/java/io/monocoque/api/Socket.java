package io.monocoque.api;

import io.monocoque.codec.frame.FrameCursor;
import io.monocoque.codec.frame.FrameDescriptor;
import io.monocoque.engine.Engine;
import io.monocoque.engine.agent.EngineCommand;
import io.monocoque.engine.agent.EngineAgent;
import io.monocoque.engine.net.TcpEndpoint;
import io.monocoque.engine.ring.MessageRecord;
import io.monocoque.engine.ring.Rings;
import io.monocoque.engine.socket.EndpointConfig;
import io.monocoque.engine.socket.SocketEngine;
import io.monocoque.engine.socket.SocketShared;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.ControlledMessageHandler;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A ZeroMQ socket: what every socket type shares. Messages go through two off-heap rings shared with the engine
 * agent: {@code offer}/{@code send} append a whole message (all frames) to the send ring as one record,
 * {@code poll}/{@code recv} read whole messages from the receive ring. The rings' capacities are the high-water
 * marks, in bytes ({@link #sndHwmBytes(long)}, {@link #rcvHwmBytes(long)}).
 * <p>
 * Threading: like a libzmq socket, a socket is used by one application thread at a time; it may move between
 * threads with a happens-before hand-off. Concurrent use is detected cheaply and refused with a
 * {@link SocketStateException}. In INVOKER mode all sockets of the context belong to the thread that drives it.
 * <p>
 * Non-blocking calls ({@code offer}, {@code poll}) return codes ({@link SendResult}) and never allocate. Blocking
 * calls ({@code send}, {@code recv}) wait up to {@link #sndTimeoutMs(long)} / {@link #rcvTimeoutMs(long)}
 * (-1 = forever); a timed-out or interrupted call leaves nothing partial behind.
 */
public abstract class Socket implements AutoCloseable
{
    /** Default high-water mark of each ring: 4 MiB, about 4,000 messages of 1 KiB; largest message 512 KiB. */
    public static final long DEFAULT_HWM_BYTES = 4L * 1024 * 1024;
    /** Default linger: try to flush for up to 30 s after close, then drop. */
    public static final long DEFAULT_LINGER_MS = 30_000;

    private static final VarHandle OWNER;
    private static final int INFINITE = -1;

    static
    {
        try
        {
            OWNER = MethodHandles.lookup().findVarHandle(Socket.class, "owner", Thread.class);
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new ExceptionInInitializerError(ex);
        }
    }

    private final Context context;
    private final SocketType type;
    private final Engine engine;
    private final IdleStrategy waitStrategy;
    private final ArrayList<String> endpoints = new ArrayList<>();
    private final ControlledMessageHandler dispatcher = this::onRecord;
    private final Message scratch = new Message();
    private final MessageView view = new MessageView();
    final FrameCursor cursor = new FrameCursor();

    private long sndHwmBytes = DEFAULT_HWM_BYTES;
    private boolean sndHwmBytesSet;
    private long rcvHwmBytes = DEFAULT_HWM_BYTES;
    private long lingerMs = DEFAULT_LINGER_MS;
    private long reconnectIvlMs = EndpointConfig.DEFAULT_RECONNECT_IVL_MS;
    private long reconnectIvlMaxMs = 0;
    private long maxMsgSize = -1;
    private long handshakeIvlMs = EndpointConfig.DEFAULT_HANDSHAKE_IVL_MS;
    private long sndTimeoutMs = INFINITE;
    private long rcvTimeoutMs = INFINITE;
    private byte[] identity = new byte[0];

    private OneToOneRingBuffer outbound;
    private OneToOneRingBuffer inbound;
    private SocketShared shared;
    private SocketEngine core;
    private int maxRecordLength;
    private boolean closed;
    @SuppressWarnings("unused") // accessed through OWNER
    private Thread owner;
    private int depth;
    /** Ring record type of what this socket sends (SUB: subscription records). */
    int sendRecordType = MessageRecord.MSG_TYPE_MESSAGE;

    private MessageHandler userHandler;
    private Message copyTarget;
    private int delivered;
    private int deliverLimit;
    private int resumeOffset;

    Socket(final Context context, final SocketType type)
    {
        this.context = context;
        this.type = type;
        this.engine = context.engine();
        this.waitStrategy = context.newWaitStrategy();
    }

    /**
     * This socket's type.
     *
     * @return the type.
     */
    public SocketType type()
    {
        return type;
    }

    // ------------------------------------------------------------------ endpoints

    /**
     * Bind to an endpoint and start accepting peers. Blocks until the engine has bound it.
     *
     * @param endpoint e.g. {@code tcp://*:5555}, {@code tcp://127.0.0.1:0} (ephemeral port).
     * @return the bound endpoint with the real port, e.g. {@code tcp://127.0.0.1:40123}.
     * @throws InvalidEndpointException if the endpoint is malformed or of an unknown scheme.
     * @throws EndpointInUseException   if the address is in use.
     */
    public String bind(final String endpoint)
    {
        enter();
        try
        {
            TcpEndpoint.parse(endpoint);
            start();
            final EndpointConfig config = endpointConfig();
            final SocketEngine core = this.core;
            final String bound = engine.execute(new EngineCommand<String>()
            {
                @Override
                protected String run(final EngineAgent agent)
                {
                    return core.bind(endpoint, config);
                }
            });
            endpoints.add(bound);
            return bound;
        }
        catch (final io.monocoque.engine.net.InvalidEndpointException ex)
        {
            throw new InvalidEndpointException(ex.endpoint(), ex.getMessage());
        }
        catch (final io.monocoque.engine.net.EndpointInUseException ex)
        {
            throw new EndpointInUseException(endpoint, ex.getMessage());
        }
        finally
        {
            exit();
        }
    }

    /**
     * Connect to an endpoint. Returns at once: the TCP connection and the handshake happen in the engine, and are
     * retried (every {@link #reconnectIvlMs(long)}, backing off to {@link #reconnectIvlMaxMs(long)}) until the
     * peer is up, as in libzmq. Messages sent meanwhile wait in the send ring.
     *
     * @param endpoint e.g. {@code tcp://127.0.0.1:5555}.
     * @throws InvalidEndpointException if the endpoint is malformed, of an unknown scheme, or names a wildcard host
     *                                  or port 0.
     */
    public void connect(final String endpoint)
    {
        enter();
        try
        {
            TcpEndpoint.parse(endpoint).connectAddress();
            start();
            final EndpointConfig config = endpointConfig();
            final SocketEngine core = this.core;
            engine.execute(new EngineCommand<Void>()
            {
                @Override
                protected Void run(final EngineAgent agent)
                {
                    core.connect(endpoint, config);
                    return null;
                }
            });
            endpoints.add(endpoint);
        }
        catch (final io.monocoque.engine.net.InvalidEndpointException ex)
        {
            throw new InvalidEndpointException(ex.endpoint(), ex.getMessage());
        }
        finally
        {
            exit();
        }
    }

    /**
     * Stop listening on a bound endpoint.
     *
     * @param endpoint as given to or returned by {@link #bind(String)}.
     * @return true if it was bound.
     */
    public boolean unbind(final String endpoint)
    {
        enter();
        try
        {
            checkOpen();
            if (core == null)
            {
                return false;
            }
            final SocketEngine core = this.core;
            final boolean removed = engine.execute(new EngineCommand<Boolean>()
            {
                @Override
                protected Boolean run(final EngineAgent agent)
                {
                    return core.unbind(endpoint);
                }
            });
            endpoints.remove(endpoint);
            return removed;
        }
        finally
        {
            exit();
        }
    }

    /**
     * Close the connection to a connected endpoint and stop reconnecting to it.
     *
     * @param endpoint as given to {@link #connect(String)}.
     * @return true if it was connected.
     */
    public boolean disconnect(final String endpoint)
    {
        enter();
        try
        {
            checkOpen();
            if (core == null)
            {
                return false;
            }
            final SocketEngine core = this.core;
            final boolean removed = engine.execute(new EngineCommand<Boolean>()
            {
                @Override
                protected Boolean run(final EngineAgent agent)
                {
                    return core.disconnect(endpoint);
                }
            });
            endpoints.remove(endpoint);
            return removed;
        }
        finally
        {
            exit();
        }
    }

    private EndpointConfig endpointConfig()
    {
        return new EndpointConfig(type.wire(), identity, reconnectIvlMs, reconnectIvlMaxMs, maxMsgSize, handshakeIvlMs);
    }

    /**
     * Whether the application chose {@link #sndHwmBytes(long)} (a pattern may default to another size).
     *
     * @return true once set.
     */
    final boolean sndHwmBytesSet()
    {
        return sndHwmBytesSet;
    }

    /**
     * Pattern hook: capacity of the send ring for a given sndHwmBytes (PUB/XPUB publish elsewhere and keep a
     * minimal one). Application thread, once.
     */
    long sendRingBytes(final long sndHwmBytes)
    {
        return sndHwmBytes;
    }

    /**
     * Pattern hook: configure the engine half before it is added to the agent (PUB/XPUB attach their fan-out).
     * Application thread, once.
     */
    void configureEngine(final SocketEngine core, final OneToOneRingBuffer inbound, final SocketShared shared)
    {
    }

    private void start()
    {
        checkOpen();
        if (core != null)
        {
            return;
        }
        outbound = Rings.allocate(sendRingBytes(sndHwmBytes));
        inbound = Rings.allocate(rcvHwmBytes);
        maxRecordLength = outbound.maxMsgLength();
        shared = new SocketShared();
        final SocketEngine core = new SocketEngine(type.wire(), outbound, inbound, shared);
        configureEngine(core, inbound, shared);
        engine.execute(new EngineCommand<Void>()
        {
            @Override
            protected Void run(final EngineAgent agent)
            {
                agent.addSocket(core);
                return null;
            }
        });
        this.core = core;
    }

    // ------------------------------------------------------------------ sending

    /**
     * Append a message to the send ring without blocking.
     *
     * @param message the message (at least one frame).
     * @return bytes taken in the ring (&gt; 0), or {@link SendResult#BACK_PRESSURED},
     * {@link SendResult#NOT_CONNECTED}, {@link SendResult#CLOSED}, {@link SendResult#HOST_UNREACHABLE}.
     * @throws MessageTooLargeException if the message can never fit.
     * @throws SocketStateException     if the socket's pattern forbids sending now (REQ, REP), or on concurrent use.
     */
    public long offer(final Message message)
    {
        enter();
        try
        {
            return offerChecked(message.buffer(), 0, message.encodedLength(), message.frameCount(), message.size());
        }
        finally
        {
            exit();
        }
    }

    /**
     * Append a single-frame message without blocking.
     *
     * @param buffer holds the frame body.
     * @param offset first byte.
     * @param length body length.
     * @return as {@link #offer(Message)}.
     */
    public long offer(final DirectBuffer buffer, final int offset, final int length)
    {
        enter();
        try
        {
            scratch.clear().add(buffer, offset, length);
            return offerChecked(scratch.buffer(), 0, scratch.encodedLength(), 1, length);
        }
        finally
        {
            exit();
        }
    }

    /**
     * Append a message made of byte-array frames without blocking.
     *
     * @param frames the frames (at least one).
     * @return as {@link #offer(Message)}.
     */
    public long offer(final byte[]... frames)
    {
        enter();
        try
        {
            fillScratch(frames);
            return offerChecked(scratch.buffer(), 0, scratch.encodedLength(), frames.length, scratch.size());
        }
        finally
        {
            exit();
        }
    }

    private void fillScratch(final byte[][] frames)
    {
        scratch.clear();
        for (final byte[] frame : frames)
        {
            scratch.add(frame);
        }
    }

    /**
     * Send a message, waiting up to {@link #sndTimeoutMs()} while the send ring is full.
     *
     * @param message the message.
     * @return true if sent, false if the timeout passed first.
     * @throws SocketInterruptedException if the thread was interrupted while waiting (nothing was sent).
     * @throws SocketClosedException      if the socket is closed.
     * @throws HostUnreachableException   ROUTER with routerMandatory, unknown routing id.
     */
    public boolean send(final Message message)
    {
        enter();
        try
        {
            return sendBlocking(message.buffer(), message.encodedLength(), message.frameCount(), message.size());
        }
        finally
        {
            exit();
        }
    }

    /**
     * Send a message made of byte-array frames, waiting while the send ring is full.
     *
     * @param frames the frames (at least one).
     * @return true if sent, false on timeout.
     */
    public boolean send(final byte[]... frames)
    {
        enter();
        try
        {
            fillScratch(frames);
            return sendBlocking(scratch.buffer(), scratch.encodedLength(), frames.length, scratch.size());
        }
        finally
        {
            exit();
        }
    }

    /**
     * Send a single-frame message holding a string in UTF-8, waiting while the send ring is full.
     *
     * @param text the text.
     * @return true if sent, false on timeout.
     */
    public boolean send(final String text)
    {
        return send(text.getBytes(StandardCharsets.UTF_8));
    }

    private boolean sendBlocking(final DirectBuffer buffer, final int length, final int frameCount, final long size)
    {
        long deadlineNs = 0;
        waitStrategy.reset();
        while (true)
        {
            final long result = offerChecked(buffer, 0, length, frameCount, size);
            if (result > 0)
            {
                return true;
            }
            if (result == SendResult.CLOSED)
            {
                throw new SocketClosedException("socket is closed");
            }
            if (result == SendResult.HOST_UNREACHABLE)
            {
                throw new HostUnreachableException("no connected peer has this routing id (routerMandatory)");
            }
            if (result == SendResult.NOT_CONNECTED)
            {
                throw new SocketStateException("cannot send: the socket has no endpoint (bind or connect first)");
            }
            if (sndTimeoutMs == 0)
            {
                return false;
            }
            if (deadlineNs == 0 && sndTimeoutMs > 0)
            {
                deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(sndTimeoutMs);
            }
            if (!waitOnce(deadlineNs))
            {
                return false;
            }
        }
    }

    /** @return false if the deadline passed. */
    private boolean waitOnce(final long deadlineNs)
    {
        if (Thread.interrupted())
        {
            Thread.currentThread().interrupt();
            throw new SocketInterruptedException("interrupted while waiting on a " + type + " socket");
        }
        if (deadlineNs != 0 && deadlineNs - System.nanoTime() <= 0)
        {
            return false;
        }
        if (engine.isInvokerMode())
        {
            engine.idleWhileWaiting();
        }
        else
        {
            waitStrategy.idle();
        }
        return true;
    }

    private long offerChecked(
        final DirectBuffer buffer, final int offset, final int length, final int frameCount, final long size)
    {
        if (closed)
        {
            return SendResult.CLOSED;
        }
        if (frameCount == 0)
        {
            throw new IllegalArgumentException("a message needs at least one frame");
        }
        if (maxMsgSize >= 0 && size > maxMsgSize)
        {
            throw new MessageTooLargeException("message of " + size + " bytes exceeds maxMsgSize " + maxMsgSize);
        }
        if (core == null)
        {
            return SendResult.NOT_CONNECTED;
        }
        return offerMessage(buffer, offset, length);
    }

    /**
     * Route one message into the send ring; socket types that add or strip envelope frames override this.
     * Application thread.
     *
     * @param buffer holds the encoded message.
     * @param offset first frame header.
     * @param length encoded length.
     * @return as {@link #offer(Message)}.
     */
    long offerMessage(final DirectBuffer buffer, final int offset, final int length)
    {
        return writeRecord(MessageRecord.ANY_PEER, null, 0, 0, buffer, offset, length);
    }

    /**
     * Append one record: peer id, optional prefix frames (delimiter, envelope), then the message frames.
     */
    final long writeRecord(
        final long peerId,
        final DirectBuffer prefix,
        final int prefixOffset,
        final int prefixLength,
        final DirectBuffer buffer,
        final int offset,
        final int length)
    {
        final int recordLength = MessageRecord.FRAMES_OFFSET + prefixLength + length;
        if (recordLength > maxRecordLength)
        {
            throw new MessageTooLargeException("message of " + length + " encoded bytes exceeds the largest " +
                "message the send ring holds (" + (maxRecordLength - MessageRecord.FRAMES_OFFSET) +
                " bytes = sndHwmBytes/8 less record overhead); raise sndHwmBytes");
        }
        final int index = outbound.tryClaim(sendRecordType, recordLength);
        if (index == RingBuffer.INSUFFICIENT_CAPACITY)
        {
            return SendResult.BACK_PRESSURED;
        }
        final MutableDirectBuffer ring = outbound.buffer();
        ring.putLong(index + MessageRecord.PEER_ID_OFFSET, peerId);
        int position = index + MessageRecord.FRAMES_OFFSET;
        if (prefixLength > 0)
        {
            ring.putBytes(position, prefix, prefixOffset, prefixLength);
            position += prefixLength;
        }
        ring.putBytes(position, buffer, offset, length);
        outbound.commit(index);
        return recordLength;
    }

    // ------------------------------------------------------------------ receiving

    /**
     * Hand up to {@code limit} waiting messages to a handler, without copying and without blocking.
     *
     * @param handler receives each message as a view into the receive ring.
     * @param limit   most messages to hand over.
     * @return the number of messages handed over, 0 if none was waiting (or the socket is closed).
     */
    public int poll(final MessageHandler handler, final int limit)
    {
        enter();
        try
        {
            if (closed || inbound == null)
            {
                return 0;
            }
            checkCanReceive();
            userHandler = handler;
            readMessages(receiveLimit(limit));
            return delivered;
        }
        finally
        {
            userHandler = null;
            exit();
        }
    }

    /**
     * Receive one message into a reusable {@link Message}, waiting up to {@link #rcvTimeoutMs()}.
     *
     * @param into receives the message (its previous contents are replaced).
     * @return true if a message arrived, false on timeout.
     * @throws SocketInterruptedException if interrupted while waiting (nothing was consumed).
     * @throws SocketClosedException      if the socket is closed.
     */
    public boolean recv(final Message into)
    {
        enter();
        try
        {
            return recvBlocking(into);
        }
        finally
        {
            exit();
        }
    }

    private boolean recvBlocking(final Message into)
    {
        if (closed)
        {
            throw new SocketClosedException("socket is closed");
        }
        checkCanReceive();
        long deadlineNs = 0;
        waitStrategy.reset();
        while (true)
        {
            if (inbound != null)
            {
                copyTarget = into;
                final int read = readMessages(1);
                copyTarget = null;
                if (delivered > 0)
                {
                    return true;
                }
                if (read > 0)
                {
                    continue; // a message the pattern dropped (e.g. REP without envelope): look again at once
                }
            }
            if (rcvTimeoutMs == 0)
            {
                return false;
            }
            if (deadlineNs == 0 && rcvTimeoutMs > 0)
            {
                deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(rcvTimeoutMs);
            }
            if (!waitOnce(deadlineNs))
            {
                return false;
            }
            if (closed)
            {
                throw new SocketClosedException("socket is closed");
            }
        }
    }

    /**
     * Receive one message and return its frames (allocates; a convenience).
     *
     * @return the frames, or null on timeout.
     */
    public byte[][] recvMultipart()
    {
        enter();
        try
        {
            return recvBlocking(scratch) ? scratch.frames() : null;
        }
        finally
        {
            exit();
        }
    }

    /**
     * Receive one message and return its first frame as UTF-8 text (allocates; a convenience for single-frame
     * messages: further frames are discarded, and on a ROUTER the first frame is the routing id).
     *
     * @return the text, or null on timeout.
     */
    public String recvString()
    {
        enter();
        try
        {
            return recvBlocking(scratch) ? scratch.frameString(0) : null;
        }
        finally
        {
            exit();
        }
    }

    /** @return records touched (0 when the ring was empty). */
    private int readMessages(final int limit)
    {
        delivered = 0;
        deliverLimit = limit;
        return inbound.controlledRead(dispatcher, limit);
    }

    /**
     * One ring record: one or more whole messages from one peer. Hands them out up to the limit; a record cut short
     * by the limit stays in the ring and the next read resumes at the first message not yet handed out.
     */
    private ControlledMessageHandler.Action onRecord(
        final int msgTypeId, final MutableDirectBuffer buffer, final int index, final int length)
    {
        final long peerId = buffer.getLong(index + MessageRecord.PEER_ID_OFFSET);
        final int end = index + length;
        int position = index + (resumeOffset > 0 ? resumeOffset : MessageRecord.FRAMES_OFFSET);
        resumeOffset = 0;
        while (position < end)
        {
            if (delivered >= deliverLimit)
            {
                final int offset = position - index;
                resumeOffset = offset == MessageRecord.FRAMES_OFFSET ? 0 : offset;
                return ControlledMessageHandler.Action.ABORT;
            }
            final int messageLength = FrameDescriptor.messageLength(buffer, position);
            final int framesOffset = acceptIncoming(peerId, buffer, position, messageLength);
            if (framesOffset >= 0)
            {
                delivered++;
                final int viewLength = position + messageLength - framesOffset;
                if (copyTarget != null)
                {
                    copyTarget.setEncoded(buffer, framesOffset, viewLength, cursor);
                }
                else
                {
                    view.wrap(buffer, framesOffset, viewLength);
                    userHandler.onMessage(view);
                }
            }
            position += messageLength;
        }
        return ControlledMessageHandler.Action.CONTINUE;
    }

    /**
     * Pattern hook for an incoming message (REP keeps the envelope, REQ flips its state). Application thread.
     *
     * @param peerId       the connection it came from.
     * @param buffer       holds the frames.
     * @param framesOffset first frame header.
     * @param framesLength encoded length.
     * @return the offset of the first frame the application sees, or -1 to drop the message.
     */
    int acceptIncoming(final long peerId, final DirectBuffer buffer, final int framesOffset, final int framesLength)
    {
        return framesOffset;
    }

    /**
     * Pattern hook: refuse to receive in the wrong state (REQ before sending, REP before replying).
     */
    void checkCanReceive()
    {
    }

    /**
     * Pattern hook: how many messages one poll may hand over (REQ/REP: one, since each flips the state).
     *
     * @param limit what the caller asked for.
     * @return the limit to apply.
     */
    int receiveLimit(final int limit)
    {
        return limit;
    }

    // ------------------------------------------------------------------ state and threading

    final void enter()
    {
        // Re-entry from the owning thread is fine (e.g. replying from inside a poll handler); another thread is not.
        final Thread current = Thread.currentThread();
        final Object owner = OWNER.getOpaque(this);
        if (owner == null)
        {
            OWNER.setOpaque(this, current);
        }
        else if (owner != current)
        {
            throw new SocketStateException(type + " socket used by threads '" + ((Thread)owner).getName() +
                "' and '" + current.getName() + "' at once; a socket belongs to one thread at a time");
        }
        depth++;
    }

    final void exit()
    {
        if (--depth == 0)
        {
            OWNER.setOpaque(this, null);
        }
    }

    final void checkOpen()
    {
        if (closed)
        {
            throw new SocketClosedException(type + " socket is closed");
        }
    }

    final SocketShared shared()
    {
        return shared;
    }

    final Context context()
    {
        return context;
    }

    final boolean isStarted()
    {
        return core != null;
    }

    /**
     * Messages the engine dropped for this socket (routed to a peer that had gone, or staged on a connection
     * that closed for good).
     *
     * @return the count.
     */
    public long droppedMessages()
    {
        return shared == null ? 0 : shared.droppedMessages();
    }

    /**
     * Number of peers connected now (handshake done).
     *
     * @return the count.
     */
    public int connectedPeers()
    {
        return shared == null ? 0 : shared.activePeers();
    }

    /**
     * Close the socket. Returns at once; the engine keeps flushing queued messages for up to
     * {@link #lingerMs()} in the background, then frees the rings. Idempotent.
     */
    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        context.onClosed(this);
        if (core != null)
        {
            final SocketEngine core = this.core;
            final long linger = lingerMs;
            engine.execute(new EngineCommand<Void>()
            {
                @Override
                protected Void run(final EngineAgent agent)
                {
                    core.close(linger, agent.nowNs());
                    return null;
                }
            });
        }
    }

    /**
     * Whether {@link #close()} was called.
     *
     * @return true once closed.
     */
    public boolean isClosed()
    {
        return closed;
    }

    /**
     * Whether the engine has finished with this socket after close (flushed or linger expired) and freed it.
     *
     * @return true once released (always true for a socket that never bound, connected or sent).
     */
    boolean isReleased()
    {
        return core == null || shared.isReleased();
    }

    // ------------------------------------------------------------------ options

    private void checkNotStarted(final String option)
    {
        checkOpen();
        if (core != null)
        {
            throw new SocketStateException(option + " must be set before the first bind or connect");
        }
    }

    /**
     * Send high-water mark: capacity of the send ring in bytes (rounded up to a power of two).
     *
     * @return the configured value.
     */
    public long sndHwmBytes()
    {
        return core == null ? sndHwmBytes : outbound.capacity();
    }

    /**
     * Set the send high-water mark in bytes; before the first bind/connect.
     *
     * @param bytes capacity; rounded up to a power of two, at least 4 KiB.
     * @return this.
     */
    public Socket sndHwmBytes(final long bytes)
    {
        checkNotStarted("sndHwmBytes");
        Rings.effectiveCapacity(bytes);
        sndHwmBytes = bytes;
        sndHwmBytesSet = true;
        return this;
    }

    /**
     * Receive high-water mark: capacity of the receive ring in bytes.
     *
     * @return the configured value.
     */
    public long rcvHwmBytes()
    {
        return core == null ? rcvHwmBytes : inbound.capacity();
    }

    /**
     * Set the receive high-water mark in bytes; before the first bind/connect.
     *
     * @param bytes capacity; rounded up to a power of two, at least 4 KiB.
     * @return this.
     */
    public Socket rcvHwmBytes(final long bytes)
    {
        checkNotStarted("rcvHwmBytes");
        Rings.effectiveCapacity(bytes);
        rcvHwmBytes = bytes;
        return this;
    }

    /**
     * Linger period for close.
     *
     * @return milliseconds; -1 = until everything is sent, 0 = drop at once.
     */
    public long lingerMs()
    {
        return lingerMs;
    }

    /**
     * Set the linger period.
     *
     * @param ms milliseconds; -1 = until everything is sent, 0 = drop at once.
     * @return this.
     */
    public Socket lingerMs(final long ms)
    {
        checkOpen();
        checkAtLeast("lingerMs", ms, -1);
        lingerMs = ms;
        return this;
    }

    /**
     * First reconnect delay.
     *
     * @return milliseconds; -1 = no reconnection.
     */
    public long reconnectIvlMs()
    {
        return reconnectIvlMs;
    }

    /**
     * Set the first reconnect delay (applies to later connects).
     *
     * @param ms milliseconds; -1 disables reconnection.
     * @return this.
     */
    public Socket reconnectIvlMs(final long ms)
    {
        checkOpen();
        checkAtLeast("reconnectIvlMs", ms, -1);
        reconnectIvlMs = ms;
        return this;
    }

    /**
     * Largest reconnect delay of the exponential back-off.
     *
     * @return milliseconds; 0 = constant delay.
     */
    public long reconnectIvlMaxMs()
    {
        return reconnectIvlMaxMs;
    }

    /**
     * Set the largest reconnect delay (applies to later connects).
     *
     * @param ms milliseconds; 0 keeps the delay constant.
     * @return this.
     */
    public Socket reconnectIvlMaxMs(final long ms)
    {
        checkOpen();
        checkAtLeast("reconnectIvlMaxMs", ms, 0);
        reconnectIvlMaxMs = ms;
        return this;
    }

    /**
     * Largest message accepted, in bytes of frame bodies (libzmq's ZMQ_MAXMSGSIZE), both ways.
     *
     * @return bytes; -1 = only the rings' limit.
     */
    public long maxMsgSize()
    {
        return maxMsgSize;
    }

    /**
     * Set the largest message (applies to later binds/connects for inbound; at once for outbound). A peer that
     * sends a larger one is disconnected, as in libzmq.
     *
     * @param bytes limit; -1 = only the rings' limit.
     * @return this.
     */
    public Socket maxMsgSize(final long bytes)
    {
        checkOpen();
        checkAtLeast("maxMsgSize", bytes, -1);
        maxMsgSize = bytes;
        return this;
    }

    /**
     * Time allowed for a ZMTP handshake.
     *
     * @return milliseconds; 0 = no limit.
     */
    public long handshakeIvlMs()
    {
        return handshakeIvlMs;
    }

    /**
     * Set the time allowed for a handshake (applies to later binds/connects).
     *
     * @param ms milliseconds; 0 = no limit.
     * @return this.
     */
    public Socket handshakeIvlMs(final long ms)
    {
        checkOpen();
        checkAtLeast("handshakeIvlMs", ms, 0);
        handshakeIvlMs = ms;
        return this;
    }

    /**
     * Send timeout of the blocking send calls.
     *
     * @return milliseconds; -1 = forever, 0 = do not wait.
     */
    public long sndTimeoutMs()
    {
        return sndTimeoutMs;
    }

    /**
     * Set the send timeout.
     *
     * @param ms milliseconds; -1 = forever, 0 = do not wait.
     * @return this.
     */
    public Socket sndTimeoutMs(final long ms)
    {
        checkOpen();
        checkAtLeast("sndTimeoutMs", ms, -1);
        sndTimeoutMs = ms;
        return this;
    }

    /**
     * Receive timeout of the blocking receive calls.
     *
     * @return milliseconds; -1 = forever, 0 = do not wait.
     */
    public long rcvTimeoutMs()
    {
        return rcvTimeoutMs;
    }

    /**
     * Set the receive timeout.
     *
     * @param ms milliseconds; -1 = forever, 0 = do not wait.
     * @return this.
     */
    public Socket rcvTimeoutMs(final long ms)
    {
        checkOpen();
        checkAtLeast("rcvTimeoutMs", ms, -1);
        rcvTimeoutMs = ms;
        return this;
    }

    /**
     * The routing identity sent to peers in READY (a ROUTER peer uses it as this socket's routing id).
     *
     * @return a copy of the identity, empty if none.
     */
    public byte[] identity()
    {
        return identity.clone();
    }

    /**
     * Set the routing identity (applies to later binds/connects).
     *
     * @param identity 1..255 bytes, not starting with a zero byte (reserved by ZeroMQ), or empty for none.
     * @return this.
     */
    public Socket identity(final byte[] identity)
    {
        checkOpen();
        if (identity.length > 255)
        {
            throw new IllegalArgumentException("identity must be at most 255 bytes: " + identity.length);
        }
        if (identity.length > 0 && identity[0] == 0)
        {
            throw new IllegalArgumentException("identity may not start with a zero byte (reserved by ZeroMQ)");
        }
        this.identity = identity.clone();
        return this;
    }

    /**
     * Set the routing identity from a string (UTF-8).
     *
     * @param identity the identity.
     * @return this.
     */
    public Socket identity(final String identity)
    {
        return identity(identity.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Set an option by its name, as the command-line tools do ({@code --option NAME=VALUE}).
     *
     * @param name  option name, e.g. {@code sndHwmBytes}, {@code reconnectIvlMs}, {@code identity}.
     * @param value its value as text.
     * @return this.
     * @throws IllegalArgumentException naming the option if it is unknown or the value is malformed.
     */
    public Socket option(final String name, final String value)
    {
        try
        {
            switch (name)
            {
                case "sndHwmBytes":
                    return sndHwmBytes(Long.parseLong(value));
                case "rcvHwmBytes":
                    return rcvHwmBytes(Long.parseLong(value));
                case "lingerMs":
                    return lingerMs(Long.parseLong(value));
                case "reconnectIvlMs":
                case "reconnectIvl":
                    return reconnectIvlMs(Long.parseLong(value));
                case "reconnectIvlMaxMs":
                case "reconnectIvlMax":
                    return reconnectIvlMaxMs(Long.parseLong(value));
                case "maxMsgSize":
                    return maxMsgSize(Long.parseLong(value));
                case "handshakeIvlMs":
                    return handshakeIvlMs(Long.parseLong(value));
                case "sndTimeoutMs":
                    return sndTimeoutMs(Long.parseLong(value));
                case "rcvTimeoutMs":
                    return rcvTimeoutMs(Long.parseLong(value));
                case "identity":
                    return identity(value);
                default:
                    return typeOption(name, value);
            }
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("option " + name + ": '" + value + "' is not a number");
        }
    }

    /**
     * Options specific to a socket type (e.g. ROUTER's routerMandatory).
     *
     * @param name  option name.
     * @param value value text.
     * @return this.
     */
    Socket typeOption(final String name, final String value)
    {
        throw new IllegalArgumentException("unknown option '" + name + "' for a " + type + " socket");
    }

    private static void checkAtLeast(final String option, final long value, final long minimum)
    {
        if (value < minimum)
        {
            throw new IllegalArgumentException(option + " must be >= " + minimum + ": " + value);
        }
    }

    static boolean parseBoolean(final String name, final String value)
    {
        if ("true".equalsIgnoreCase(value) || "1".equals(value))
        {
            return true;
        }
        if ("false".equalsIgnoreCase(value) || "0".equals(value))
        {
            return false;
        }
        throw new IllegalArgumentException("option " + name + ": '" + value + "' is not a boolean");
    }

    /**
     * Endpoints bound (as returned by bind) or connected.
     *
     * @return a copy of the list.
     */
    public java.util.List<String> endpoints()
    {
        return new ArrayList<>(endpoints);
    }

    /**
     * The last endpoint bound, with its real port (libzmq's ZMQ_LAST_ENDPOINT).
     *
     * @return the endpoint, or null if none was bound or connected.
     */
    public String lastEndpoint()
    {
        return endpoints.isEmpty() ? null : endpoints.get(endpoints.size() - 1);
    }

    @Override
    public String toString()
    {
        return type + "Socket" + endpoints;
    }
}
