package io.monocoque.api;

import io.monocoque.codec.frame.FrameCursor;
import io.monocoque.engine.Engine;
import io.monocoque.engine.SocketProxy;
import io.monocoque.engine.SocketSpec;
import io.monocoque.engine.shared.MessageRecord;
import io.monocoque.engine.shared.RoomWait;
import io.monocoque.engine.shared.SocketStatus;
import org.agrona.DirectBuffer;

import java.nio.charset.StandardCharsets;
import java.util.List;

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
public abstract class Socket extends SocketOptionAccessors<Socket> implements AutoCloseable
{
    /** Default high-water mark of each ring: 4 MiB, about 4,000 messages of 1 KiB; largest message 512 KiB. */
    public static final long DEFAULT_HWM_BYTES = SocketOptions.DEFAULT_HWM_BYTES;
    /** Default linger: try to flush for up to 30 s after close, then drop. */
    public static final long DEFAULT_LINGER_MS = SocketOptions.DEFAULT_LINGER_MS;

    private final Context context;
    private final SocketType type;
    private final Engine engine;
    private final BlockingWait wait;
    private final SocketOptions options = new SocketOptions();
    private final OwnerGuard guard;
    /** The receive calls' copy target for {@link #recvMultipart()} and {@link #recvString()}. */
    private final Message scratch = new Message();
    final FrameCursor cursor = new FrameCursor();

    private SocketProxy proxy;
    private SendRing sendRing;
    private final OutboundWriter writer;
    private final BatchWriter batches;
    private final ClaimWriter claims;
    /** {@link #tryClaim(MessageClaim, int)}'s lengths, reused. */
    private final int[] singleFrame = new int[1];
    /** {@code tryClaim}'s target on DEALER, PUSH and PAIR: a record the engine routes. */
    private final RingClaim framesAsGivenClaim = new RingClaim(this);
    /** {@link #send(String)}'s one frame, reused. */
    private final byte[][] textFrame = new byte[1][];
    private final SocketEndpoints endpoints;
    private final InboundReader reader = new InboundReader(this);
    private final SocketReadiness readiness;
    /** Written by whichever thread closes the socket (or its context), read by every call. */
    private volatile boolean closed;
    /** Ring record type of what this socket sends (SUB: subscription records). */
    int sendRecordType = MessageRecord.MSG_TYPE_MESSAGE;

    Socket(final Context context, final SocketType type)
    {
        this.context = context;
        this.type = type;
        this.engine = context.engine();
        this.wait = new BlockingWait(engine, context.newWaitStrategy(), type);
        this.guard = new OwnerGuard(type);
        this.writer = new OutboundWriter(this, guard, options, wait);
        this.batches = new BatchWriter(this, guard, options, wait, writer);
        this.claims = new ClaimWriter(guard, writer);
        this.endpoints = new SocketEndpoints(this, guard);
        this.readiness = new SocketReadiness(this, guard);
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
        return endpoints.bind(endpoint);
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
        endpoints.connect(endpoint);
    }

    /**
     * Stop listening on a bound endpoint.
     *
     * @param endpoint as given to or returned by {@link #bind(String)}.
     * @return true if it was bound.
     */
    public boolean unbind(final String endpoint)
    {
        return endpoints.remove(endpoint, false);
    }

    /**
     * Close the connection to a connected endpoint and stop reconnecting to it.
     *
     * @param endpoint as given to {@link #connect(String)}.
     * @return true if it was connected.
     */
    public boolean disconnect(final String endpoint)
    {
        return endpoints.remove(endpoint, true);
    }

    /**
     * Pattern hook: adjust the socket's specification before it starts (PUB/XPUB: a minimal send ring, since they
     * publish through the fan-out, and the fan-out's options; SUB: a small send ring for subscriptions).
     * Application thread, once.
     */
    void configure(final SocketSpec spec)
    {
    }

    /**
     * Pattern hook: the socket has started with this handle. Application thread, once.
     */
    void started(final SocketProxy proxy)
    {
    }

    /**
     * Start the socket's engine half at its first bind or connect: make its rings, then let the pattern see the
     * handle. Application thread, inside a call.
     *
     * @return the socket's engine handle.
     * @throws SocketClosedException if the socket is closed.
     */
    final SocketProxy start()
    {
        checkOpen();
        if (proxy != null)
        {
            return proxy;
        }
        final SocketSpec spec = new SocketSpec(type.wire())
            .sendRingBytes(options.sndHwmBytes())
            .receiveRingBytes(options.rcvHwmBytes());
        configure(spec);
        final SocketProxy started = SocketProxy.open(engine, spec);
        sendRing = new SendRing(started.sendRing(), sendRecordType, engine.wake());
        reader.attach(started.receiveRing(), started.handOffSlots());
        proxy = started;
        guard.attach(started.status().callGate(), this::checkRingsRefused);
        readiness.started(started.status());
        wait.attach(started.status());
        started(started);
        return started;
    }

    /**
     * The socket's engine handle once it has started. Application thread.
     *
     * @return the handle, or null before the first bind or connect.
     */
    final SocketProxy startedProxy()
    {
        return proxy;
    }

    // ------------------------------------------------------------------ sending

    /**
     * Append a message to the send ring without blocking. All or nothing: a message larger than a ring record goes
     * in fragments, all of them or none.
     *
     * @param message the message (at least one frame).
     * @return bytes taken in the ring (&gt; 0), or {@link SendResult#BACK_PRESSURED},
     * {@link SendResult#NOT_CONNECTED}, {@link SendResult#CLOSED}, {@link SendResult#HOST_UNREACHABLE}, or
     * {@link SendResult#MESSAGE_EXCEEDS_HWM} for a message the send ring can never hold at once (use {@link #send}).
     * @throws MessageTooLargeException if the message is over {@code maxMsgSize}.
     * @throws SocketStateException     if the socket's pattern forbids sending now (REQ, REP), or on concurrent use.
     */
    public long offer(final Message message)
    {
        return writer.offer(message);
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
        return writer.offer(buffer, offset, length);
    }

    /**
     * Append a message made of byte-array frames without blocking.
     *
     * @param frames the frames (at least one).
     * @return as {@link #offer(Message)}.
     */
    public long offer(final byte[]... frames)
    {
        return writer.offer(frames);
    }

    /**
     * Append whole messages from the front of a batch without blocking, as many as the send ring takes now. A
     * DEALER, PUSH or PAIR socket with at most one connected peer packs consecutive messages into one ring record
     * (one claim, one commit, one copy of each byte); see {@link MessageBatch}. Each message taken is all or
     * nothing; the ones taken are removed from the batch, so offering it again continues with the rest.
     *
     * @param batch the messages; their bytes must stay unchanged until this returns.
     * @return the number of messages taken (&gt; 0), 0 if the batch holds no whole message, or, if none was taken,
     * a code as {@link #offer(Message)} returns.
     * @throws MessageTooLargeException if the first message is over {@code maxMsgSize} (after messages were taken,
     *                                  the offer stops before it and the next offer throws).
     */
    public long offer(final MessageBatch batch)
    {
        return batches.offer(batch);
    }

    /**
     * Send every whole message of a batch, waiting up to {@link #sndTimeoutMs()} each time the send ring is full.
     *
     * @param batch the messages; their bytes must stay unchanged until this returns.
     * @return true if all were taken, false if the timeout passed first: the batch then holds the ones not taken.
     */
    public boolean send(final MessageBatch batch)
    {
        return batches.send(batch);
    }

    /**
     * Claim space for a single-frame message whose body the caller writes in place (zero copy; Aeron's
     * {@code tryClaim}): write {@code length} bytes at {@link MessageClaim#offset()} in
     * {@link MessageClaim#buffer()}, then {@link MessageClaim#commit()} or {@link MessageClaim#abort()}. Until then
     * the socket is inside a call (no other thread may use it; see {@link MessageClaim}). The message takes the
     * socket's usual path: DEALER, PUSH and PAIR a send-ring record the engine routes; REQ one after its delimiter
     * (the request counts as sent at the commit); REP one on the request's envelope (the reply counts as sent at the
     * commit); PUB and XPUB a slot of the fan-out ring (the topic is the first frame; with no subscriber the commit
     * drops it, as an offer would). ROUTER names the peer: {@link RouterSocket#tryClaim(MessageClaim, DirectBuffer,
     * int, int, int)}.
     *
     * @param claim  receives the claimed space; not already holding a claim.
     * @param length the body's length.
     * @return the message's encoded length (&gt; 0), {@link SendResult#BACK_PRESSURED},
     * {@link SendResult#NOT_CONNECTED}, {@link SendResult#CLOSED}, or {@link SendResult#MESSAGE_EXCEEDS_HWM} for a
     * message larger than one ring record (an eighth of {@code sndHwmBytes}, of {@code pubRingBytes} on PUB and XPUB:
     * offer or send it instead).
     * @throws UnsupportedOperationException on ROUTER (see above), SUB, XSUB and PULL.
     * @throws SocketStateException          on REQ awaiting a reply (unless {@code reqRelaxed}), REP before a request.
     * @throws IllegalStateException         if a claim on this socket is not committed or aborted yet.
     * @throws MessageTooLargeException      if over {@code maxMsgSize}.
     */
    public long tryClaim(final MessageClaim claim, final int length)
    {
        singleFrame[0] = length;
        return claims.tryClaim(claim, singleFrame, 1, claimTarget());
    }

    /**
     * {@link #tryClaim(MessageClaim, int)} for a multipart message: {@code frameCount} frames of the given body
     * lengths, each written at {@link MessageClaim#frameOffset(int)}.
     *
     * @param claim        receives the claimed space; describes at least {@code frameCount} frames.
     * @param frameLengths the frames' body lengths (a reused array: nothing is allocated).
     * @param frameCount   how many of {@code frameLengths} to use, at least 1.
     * @return as {@link #tryClaim(MessageClaim, int)}.
     */
    public long tryClaim(final MessageClaim claim, final int[] frameLengths, final int frameCount)
    {
        return claims.tryClaim(claim, frameLengths, frameCount, claimTarget());
    }

    /**
     * Claim one send-ring record for {@code count} single-frame messages whose bodies the caller writes in place: the
     * zero-copy form of {@code offer(MessageBatch)} (one claim, one commit, one wake of the engine for all of them,
     * and no reference table to fill). Message {@code i}'s body goes at {@link MessageClaim#frameOffset(int)
     * frameOffset(i)}, {@code lengths[i]} bytes; then {@link MessageClaim#commit()} or {@link MessageClaim#abort()}.
     * The messages of one claimed batch go to one peer, in order, like the frames of one message (round-robin is per
     * batch here, where {@code offer(MessageBatch)} keeps it per message with several peers). DEALER, PUSH and PAIR.
     *
     * @param claim   receives the claimed space; describes at least {@code count} frames.
     * @param lengths the messages' body lengths (a reused array: nothing is allocated).
     * @param count   how many of {@code lengths} to use, at least 1.
     * @return as {@link #tryClaim(MessageClaim, int)}: one record holds the whole batch (an eighth of
     * {@code sndHwmBytes}), else {@link SendResult#MESSAGE_EXCEEDS_HWM}.
     * @throws UnsupportedOperationException on the other socket types.
     * @throws MessageTooLargeException      if a message is over {@code maxMsgSize}.
     */
    public long tryClaimBatch(final MessageClaim claim, final int[] lengths, final int count)
    {
        if (!sendsFramesAsGiven())
        {
            throw new UnsupportedOperationException("tryClaimBatch is for DEALER, PUSH and PAIR sockets, not " +
                type() + ": claim or offer each message");
        }
        return claims.tryClaim(claim, lengths, count, framesAsGivenClaim, true);
    }

    /**
     * A claim into a target the pattern chose ({@link RouterSocket}'s claims to one peer). Application thread.
     *
     * @return as {@link #tryClaim(MessageClaim, int[], int)}.
     */
    final long tryClaim(final MessageClaim claim, final int[] frameLengths, final int frameCount,
        final ClaimTarget target)
    {
        return claims.tryClaim(claim, frameLengths, frameCount, target);
    }

    /**
     * Pattern hook: where {@code tryClaim} puts a message. Sockets that send frames as given claim a record the
     * engine routes; REQ, REP and PUB/XPUB override it; the others cannot claim.
     *
     * @return the target.
     * @throws UnsupportedOperationException if this socket type cannot claim, or must name a peer first.
     */
    ClaimTarget claimTarget()
    {
        if (!sendsFramesAsGiven())
        {
            throw new UnsupportedOperationException("tryClaim is for DEALER, PUSH, PAIR, REQ, REP, ROUTER, PUB and " +
                "XPUB sockets, not " + type() + ": offer or send the message");
        }
        return framesAsGivenClaim;
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
        return writer.send(message);
    }

    /**
     * Send a message made of byte-array frames, waiting while the send ring is full.
     *
     * @param frames the frames (at least one).
     * @return true if sent, false on timeout.
     */
    public boolean send(final byte[]... frames)
    {
        return writer.send(frames);
    }

    /**
     * Send a single-frame message holding a string in UTF-8, waiting while the send ring is full.
     *
     * @param text the text.
     * @return true if sent, false on timeout.
     */
    public boolean send(final String text)
    {
        textFrame[0] = text.getBytes(StandardCharsets.UTF_8); // the string's bytes; no frames array per call
        try
        {
            return send(textFrame);
        }
        finally
        {
            textFrame[0] = null;
        }
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
     * Pattern hook: whether the socket sends a message as the caller gave it, to any peer, adding and inspecting no
     * frame (DEALER, PUSH, PAIR): its {@code offer} of a buffer or of byte arrays then encodes the frames straight
     * into the send ring, one copy of the caller's bytes, instead of through a {@link Message} first. Application
     * thread.
     *
     * @return true if the message goes into the ring as given.
     */
    boolean sendsFramesAsGiven()
    {
        return false;
    }

    /**
     * Whether a batch's consecutive messages may share one ring record: the pattern sends frames as given and the
     * socket has at most one connected peer, so packing them costs no round-robin fairness. Application thread.
     *
     * @return true to pack.
     */
    final boolean batchesInOneRecord()
    {
        return sendsFramesAsGiven() && connectedPeers() <= 1;
    }

    /**
     * The send ring's producer side. Application thread, inside a call, after start.
     *
     * @return the ring.
     */
    final SendRing sendRing()
    {
        return sendRing;
    }

    /**
     * Append a single-frame message given as its body straight into the send ring, if this socket's pattern lets it
     * ({@link #sendsFramesAsGiven()}). Application thread, inside a call, after start, the message checked.
     *
     * @return as {@link #offer(Message)}, or {@link SendRing#NEEDS_FRAGMENTS}: take the encoded path.
     */
    long offerFrame(final DirectBuffer body, final int offset, final int length)
    {
        return sendsFramesAsGiven() ? sendRing.writeFrame(MessageRecord.ANY_PEER, body, offset, length) :
            SendRing.NEEDS_FRAGMENTS;
    }

    /**
     * Pattern hook: append a message given as byte-array frames straight into the send ring, one copy of the
     * caller's bytes (a socket that {@link #sendsFramesAsGiven()}; ROUTER routes by the first frame). The others,
     * whose {@link #offerMessage} inspects or adds frames, answer "take the encoded path". Application thread,
     * inside a call, after start, the message checked.
     *
     * @return as {@link #offer(Message)}, or {@link SendRing#NEEDS_FRAGMENTS}: take the encoded path.
     */
    long offerFrames(final byte[][] frames)
    {
        return sendsFramesAsGiven() ? sendRing.writeFrames(MessageRecord.ANY_PEER, frames) : SendRing.NEEDS_FRAGMENTS;
    }

    /**
     * {@link SendRing#writeFrame(long, DirectBuffer, int, DirectBuffer, int, int)} for a pattern's
     * {@link #offerFrame}: a single frame after encoded prefix frames (REQ's delimiter, REP's envelope). Application
     * thread, inside a call, after start.
     */
    final long writeFrameRecord(final long peerId, final DirectBuffer prefix, final int prefixLength,
        final DirectBuffer body, final int offset, final int length)
    {
        return sendRing.writeFrame(peerId, prefix, prefixLength, body, offset, length);
    }

    /**
     * {@link SendRing#writeFrames(long, DirectBuffer, int, byte[][], int)} for a pattern's {@link #offerFrames}: the
     * frames from {@code first} on (ROUTER: after the routing id), after encoded prefix frames (REQ's delimiter,
     * REP's envelope; null and 0 for none). Application thread, inside a call, after start.
     */
    final long writeFramesRecord(final long peerId, final DirectBuffer prefix, final int prefixLength,
        final byte[][] frames, final int first)
    {
        return sendRing.writeFrames(peerId, prefix, prefixLength, frames, first);
    }

    /**
     * Append one record to the send ring; see {@link SendRing#write}.
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
        return sendRing.write(
            peerId, prefix, prefixOffset, prefixLength, buffer, offset, length, writer.streamingWait());
    }

    /**
     * How the send in progress waits for room between the fragments of a message larger than its ring: set while a
     * blocking {@code send} runs, null during an all-or-nothing {@code offer}. Application thread.
     *
     * @return the wait, or null.
     */
    final RoomWait streamingWait()
    {
        return writer.streamingWait();
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
            if (closed || !reader.isAttached())
            {
                return 0;
            }
            checkCanReceive();
            return reader.poll(handler, receiveLimit(limit));
        }
        finally
        {
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
        return reader.receive(into, wait, options.rcvTimeoutMs());
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

    // ------------------------------------------------------------------ readiness

    /**
     * What the socket could do now without blocking, libzmq's {@code ZMQ_EVENTS}: {@link Poller#POLLIN} if a
     * message can be received (and the pattern's state allows receiving: a REQ awaiting its reply, a REP between
     * replies), {@link Poller#POLLOUT} if a message can be sent (the state allows it and the send ring has room for
     * any message up to an eighth of the send HWM; a PUB with no subscriber or with room in its fan-out ring).
     * Messages a pattern would drop (a REQ's stale reply, a REP's request without an envelope) are discarded here,
     * so POLLIN means a receive will hand out a message. The socket's thread; allocates nothing.
     *
     * @return a bit set of {@link Poller#POLLIN} and {@link Poller#POLLOUT}; 0 before the first bind or connect.
     * @throws SocketClosedException if the socket is closed.
     */
    public int events()
    {
        return readiness.events(Poller.POLLIN | Poller.POLLOUT);
    }

    /**
     * What a poller looks at and how it watches this socket. The socket's thread.
     *
     * @return the socket's readiness.
     */
    final SocketReadiness readiness()
    {
        return readiness;
    }

    /**
     * Whether a receive would hand out a message now (the receive ring's side of {@link #events()}). The socket's
     * thread, inside a call, after start.
     *
     * @return true if a message waits.
     */
    final boolean hasMessage()
    {
        return reader.hasMessage();
    }

    /**
     * Pattern hook for {@link #events()}: whether the pattern's state lets the socket receive now (PUB and PUSH never
     * do; REQ only while awaiting a reply; REP only between replies). Application thread, inside a call.
     *
     * @return true if a waiting message could be received.
     */
    boolean receivesNow()
    {
        return true;
    }

    /**
     * Pattern hook for {@link #events()}: whether the pattern's state lets the socket send now (PULL and SUB never
     * do; REQ only between requests, unless relaxed; REP only with a request to answer). Application thread, inside
     * a call.
     *
     * @return true if a message could be sent were there room.
     */
    boolean sendsNow()
    {
        return true;
    }

    /**
     * Pattern hook for {@link #events()}: whether an offer of a message up to one ring record would be taken now
     * (PUB and XPUB look at their fan-out ring instead). Application thread, inside a call, after start.
     *
     * @return true if there is room.
     */
    boolean hasRoomToSend()
    {
        return sendRing.hasRoomForRecord();
    }

    /**
     * Pattern hook for {@link #events()}: whether a message waiting in the receive ring would be delivered, without
     * any of the effects delivering it has ({@link #acceptIncoming} has them). Application thread, inside a call.
     *
     * @param peerId       the connection it came from.
     * @param buffer       holds the frames.
     * @param framesOffset first frame header.
     * @param framesLength encoded length.
     * @return false for a message the pattern would drop.
     */
    boolean deliverable(final long peerId, final DirectBuffer buffer, final int framesOffset, final int framesLength)
    {
        return true;
    }

    /**
     * The engine this socket's context runs (a poller drives it in INVOKER mode and waits on it).
     *
     * @return the engine.
     */
    final Engine engine()
    {
        return engine;
    }

    /**
     * The socket's shared status once it has started (a poller arms its waiter there), else null. Socket's thread.
     *
     * @return the status, or null.
     */
    final SocketStatus startedStatus()
    {
        return proxy == null ? null : proxy.status();
    }

    // ------------------------------------------------------------------ state and threading

    /**
     * A call found the rings retired although this socket is open: the engine stopped on a failure and freed them.
     * Fail the call naming the failure. Application thread, inside {@link OwnerGuard#enter()}.
     *
     * @throws io.monocoque.engine.EngineFailedException naming why the engine stopped.
     * @throws SocketClosedException                     if the engine was closed without a failure.
     */
    private void checkRingsRefused()
    {
        if (!closed)
        {
            engine.checkAlive();
            throw new SocketClosedException(type + " socket's engine has stopped (its context is closed)");
        }
    }

    final void enter()
    {
        guard.enter();
    }

    final void exit()
    {
        guard.exit();
    }

    @Override
    final void checkOpen()
    {
        if (closed)
        {
            throw new SocketClosedException(type + " socket is closed");
        }
    }

    @Override
    final void checkNotStarted(final String option)
    {
        checkOpen();
        if (proxy != null)
        {
            throw new SocketStateException(option + " must be set before the first bind or connect");
        }
    }

    final SocketStatus status()
    {
        return proxy.status();
    }

    final Context context()
    {
        return context;
    }

    final boolean isStarted()
    {
        return proxy != null;
    }

    @Override
    final SocketOptions options()
    {
        return options;
    }

    @Override
    final Socket self()
    {
        return this;
    }

    @Override
    final long startedSendRingBytes()
    {
        return proxy == null ? -1 : sendRing.capacity();
    }

    @Override
    final long startedReceiveRingBytes()
    {
        return proxy == null ? -1 : proxy.receiveRing().capacity();
    }

    /**
     * Messages the engine dropped for this socket (routed to a peer that had gone, or staged on a connection
     * that closed for good, or a large message whose connection closed before all of it arrived).
     *
     * @return the count.
     */
    public long droppedMessages()
    {
        return (proxy == null ? 0 : proxy.droppedMessages()) + reader.abandonedMessages();
    }

    /**
     * Number of peers connected now (handshake done).
     *
     * @return the count.
     */
    public int connectedPeers()
    {
        return proxy == null ? 0 : proxy.connectedPeers();
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
        readiness.closed();
        context.onClosed(this);
        if (proxy != null)
        {
            proxy.close(options.lingerMs());
        }
    }

    /**
     * Whether the calling thread is inside a call on this socket (a poll handler). Any thread.
     */
    final boolean isInCallOnCurrentThread()
    {
        return guard.isHeldByCurrentThread();
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
        return proxy == null || proxy.isReleased();
    }

    /**
     * Set an option by its name, as the command-line tools do ({@code --option NAME=VALUE}).
     *
     * @param name  option name, e.g. {@code sndHwmBytes}, {@code reconnectIvlMs}, {@code identity}, or one of the
     *              socket type's ({@code routerMandatory}, {@code subscribe}, {@code pubWorkers}...).
     * @param value its value as text.
     * @return this.
     * @throws IllegalArgumentException naming the option if it is unknown or the value is malformed.
     */
    public Socket option(final String name, final String value)
    {
        SocketOptions.set(this, name, value);
        return this;
    }

    /**
     * Endpoints bound (as returned by bind) or connected.
     *
     * @return a copy of the list.
     */
    public List<String> endpoints()
    {
        return endpoints.list();
    }

    /**
     * The last endpoint bound, with its real port (libzmq's ZMQ_LAST_ENDPOINT).
     *
     * @return the endpoint, or null if none was bound or connected.
     */
    public String lastEndpoint()
    {
        return endpoints.last();
    }

    @Override
    public String toString()
    {
        return type + "Socket" + endpoints;
    }
}
