package io.monocoque.api;

import io.monocoque.codec.frame.FrameCursor;
import io.monocoque.codec.frame.FrameDescriptor;
import io.monocoque.engine.shared.MessageRecord;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.concurrent.ThreadLocalRandom;

/**
 * The client of synchronous request/reply (RFC 28): strictly send, receive, send, receive... (anything else is a
 * {@link SocketStateException}, libzmq's EFSM). Each request goes round-robin to one connected REP or ROUTER with
 * an empty delimiter frame in front; only that peer's reply is accepted, its delimiter stripped.
 * <p>
 * libzmq's two escape hatches for a reply that never comes: {@link #reqRelaxed(boolean)} (ZMQ_REQ_RELAXED) lets a
 * request follow a request; the new one goes to the next peer in turn, the old request is abandoned and replies to
 * it that are already waiting are discarded. {@link #reqCorrelate(boolean)} (ZMQ_REQ_CORRELATE) puts a 4-byte
 * request id frame before the delimiter and accepts only the reply that echoes the id of the last request, so a
 * late reply to an abandoned request is dropped even when it comes from the same peer; use both together.
 * Created by {@link Context#socket(SocketType)}; used by one application thread at a time.
 */
public final class ReqSocket extends Socket
{
    /** An empty frame with MORE set: the delimiter between envelope and body. */
    private static final UnsafeBuffer DELIMITER =
        new UnsafeBuffer(new byte[]{FrameDescriptor.FLAG_MORE, 0});
    /** Size of a request id (libzmq: a {@code uint32_t} in the host's byte order). */
    private static final int ID_LENGTH = 4;
    /** Where the id's bytes start in {@link #correlatedPrefix}: after the frame's flags and size. */
    private static final int ID_OFFSET = 2;
    private static final MessageHandler DISCARD = message ->
    {
    };

    /** The id frame (MORE, size 4, id) then the delimiter; the id is written before each correlated request. */
    private final UnsafeBuffer correlatedPrefix = new UnsafeBuffer(new byte[]{
        FrameDescriptor.FLAG_MORE, ID_LENGTH, 0, 0, 0, 0, FrameDescriptor.FLAG_MORE, 0});
    private final FrameCursor cursor = new FrameCursor();
    private boolean relaxed;
    private boolean correlate;
    private boolean awaitingReply;
    /** Whether the outstanding request carried {@link #requestId}: its reply must echo it. */
    private boolean requestCorrelated;
    /** libzmq starts from a random id, so a restarted client does not take replies meant for its predecessor. */
    private int requestId = ThreadLocalRandom.current().nextInt();
    private boolean discarding;

    ReqSocket(final Context context)
    {
        super(context, SocketType.REQ);
    }

    /**
     * Whether a request may follow a request without its reply (libzmq's ZMQ_REQ_RELAXED).
     *
     * @return the option's value; false by default.
     */
    public boolean reqRelaxed()
    {
        return relaxed;
    }

    /**
     * Set reqRelaxed (libzmq's ZMQ_REQ_RELAXED): when true, sending while a reply is awaited abandons the old
     * request (replies to it that are already waiting are discarded) and sends the new one to the next peer in
     * turn, instead of failing with {@link SocketStateException}. Without {@link #reqCorrelate(boolean)} a reply to
     * the abandoned request that arrives later from the peer the new one went to is taken as the new reply.
     * Application thread; any time.
     *
     * @param relaxed true to allow a request after a request.
     * @return this.
     */
    public ReqSocket reqRelaxed(final boolean relaxed)
    {
        enter(); // a call like any other: it changes whether the socket may send, which a poller must hear of
        try
        {
            checkOpen();
            this.relaxed = relaxed;
            return this;
        }
        finally
        {
            exit();
        }
    }

    /**
     * Whether requests carry an id that the reply must echo (libzmq's ZMQ_REQ_CORRELATE).
     *
     * @return the option's value; false by default.
     */
    public boolean reqCorrelate()
    {
        return correlate;
    }

    /**
     * Set reqCorrelate (libzmq's ZMQ_REQ_CORRELATE): when true, each request starts with a 4-byte request id frame
     * (before the empty delimiter), and only a reply that starts with the same id is delivered; others are dropped.
     * The peer must echo the envelope, as REP and a well-behaved ROUTER do. Application thread; takes effect from the
     * next request.
     *
     * @param correlate true to tag requests with ids.
     * @return this.
     */
    public ReqSocket reqCorrelate(final boolean correlate)
    {
        enter(); // a call like any other (see reqRelaxed)
        try
        {
            checkOpen();
            this.correlate = correlate;
            return this;
        }
        finally
        {
            exit();
        }
    }

    @Override
    long offerMessage(final DirectBuffer buffer, final int offset, final int length)
    {
        final UnsafeBuffer prefix = beginRequest();
        return endRequest(writeRecord(MessageRecord.ANY_PEER, prefix, 0, prefix.capacity(), buffer, offset, length));
    }

    @Override
    long offerFrame(final DirectBuffer body, final int offset, final int length)
    {
        final UnsafeBuffer prefix = beginRequest();
        return endRequest(writeFrameRecord(MessageRecord.ANY_PEER, prefix, prefix.capacity(), body, offset, length));
    }

    @Override
    long offerFrames(final byte[][] frames)
    {
        final UnsafeBuffer prefix = beginRequest();
        return endRequest(writeFramesRecord(MessageRecord.ANY_PEER, prefix, prefix.capacity(), frames, 0));
    }

    /** {@code tryClaim}: a request after its delimiter (and id), sent, and a reply awaited, only once committed. */
    private final RingClaim requestClaim = new RingClaim(this)
    {
        @Override
        long claim(final int[] frameLengths, final int frameCount, final int encoded)
        {
            final UnsafeBuffer prefix = beginRequest();
            head(MessageRecord.ANY_PEER, prefix, prefix.capacity());
            return super.claim(frameLengths, frameCount, encoded);
        }

        @Override
        void committed(final int recordLength)
        {
            endRequest(recordLength);
        }
    };

    @Override
    ClaimTarget claimTarget()
    {
        return requestClaim;
    }

    /** Check the state (or abandon the old request, relaxed) and return the frames the next request starts with. */
    private UnsafeBuffer beginRequest()
    {
        if (awaitingReply)
        {
            if (!relaxed)
            {
                throw new SocketStateException("REQ must receive the reply before sending another request" +
                    " (or set reqRelaxed)");
            }
            discardWaitingReplies();
        }
        if (correlate)
        {
            correlatedPrefix.putInt(ID_OFFSET, requestId + 1);
            return correlatedPrefix;
        }
        return DELIMITER;
    }

    /** A request went into the ring (result &gt; 0): a reply is awaited now; otherwise nothing changed. */
    private long endRequest(final long result)
    {
        if (result > 0)
        {
            awaitingReply = true;
            requestCorrelated = correlate;
            if (correlate)
            {
                requestId++;
            }
        }
        return result;
    }

    /** libzmq's REQ eats every reply already waiting when it sends a new request: none answers the new one. */
    private void discardWaitingReplies()
    {
        discarding = true;
        try
        {
            poll(DISCARD, Integer.MAX_VALUE); // every record is refused by acceptIncoming, so all are read
        }
        finally
        {
            discarding = false;
        }
    }

    @Override
    void checkCanReceive()
    {
        if (!awaitingReply)
        {
            throw new SocketStateException("REQ must send a request before receiving");
        }
    }

    @Override
    int receiveLimit(final int limit)
    {
        return 1;
    }

    @Override
    boolean receivesNow()
    {
        return awaitingReply;
    }

    @Override
    boolean sendsNow()
    {
        return !awaitingReply || relaxed;
    }

    @Override
    boolean deliverable(final long peerId, final DirectBuffer buffer, final int framesOffset, final int framesLength)
    {
        return replyBodyOffset(buffer, framesOffset, framesLength) >= 0;
    }

    @Override
    int acceptIncoming(final long peerId, final DirectBuffer buffer, final int framesOffset, final int framesLength)
    {
        final int bodyOffset = replyBodyOffset(buffer, framesOffset, framesLength);
        if (bodyOffset >= 0)
        {
            awaitingReply = false;
        }
        return bodyOffset;
    }

    /** Where the reply's body starts, or -1 for a message that answers no request of ours. No side effects. */
    private int replyBodyOffset(final DirectBuffer buffer, final int framesOffset, final int framesLength)
    {
        if (discarding)
        {
            return -1;
        }
        if (!requestCorrelated)
        {
            return framesOffset;
        }
        // The agent checked the id against the request it staged; this request may be newer than that one.
        cursor.wrap(buffer, framesOffset, framesLength);
        final boolean idMatches = cursor.next() && cursor.bodyLength() == ID_LENGTH &&
            buffer.getInt(cursor.bodyOffset()) == requestId;
        if (!idMatches || !cursor.next() || !cursor.hasMore())
        {
            return -1;
        }
        return cursor.nextFrameOffset();
    }
}
