package io.monocoque.engine.pattern;

import io.monocoque.codec.frame.FrameDescriptor;
import io.monocoque.engine.session.Connection;
import org.agrona.DirectBuffer;

/**
 * REQ's memory of where its outstanding request went, so that only that peer's reply is delivered (libzmq's REQ
 * drops replies from any other peer), and of the request id it carried when the socket has {@code reqCorrelate}
 * (libzmq's ZMQ_REQ_CORRELATE: the request starts with a 4-byte id frame, then the empty delimiter). The id is read
 * from the request itself, so the agent needs no option of its own. Set by {@link RoundRobinRouter} when it stages
 * a request, checked and cleared by {@link ReplyDelivery}, forgotten when the connection is released. Owned by the
 * engine agent thread.
 */
public final class RequestCorrelation
{
    /** Encoded size of the id frame: short-frame flags, size, 4-byte id. */
    static final int ID_FRAME_LENGTH = 6;
    /** Size of a request id (libzmq: a {@code uint32_t}). */
    static final int ID_LENGTH = 4;
    /** Encoded bytes of a correlated request's id frame and delimiter. */
    private static final int CORRELATED_PREFIX_LENGTH = ID_FRAME_LENGTH + 2;

    private Connection requested;
    private boolean correlated;
    private int requestId;

    /**
     * A request was staged on a connection.
     *
     * @param connection where it went.
     */
    void requestSentTo(final Connection connection)
    {
        requested = connection;
    }

    /**
     * Read whether the request being staged carries a request id, and which.
     *
     * @param buffer       holds the request's first encoded bytes.
     * @param framesOffset where its first frame header is.
     * @param available    how many encoded bytes are there.
     */
    void requestBegins(final DirectBuffer buffer, final int framesOffset, final int available)
    {
        correlated = available >= CORRELATED_PREFIX_LENGTH &&
            buffer.getByte(framesOffset) == FrameDescriptor.FLAG_MORE &&
            buffer.getByte(framesOffset + 1) == ID_LENGTH &&
            buffer.getByte(framesOffset + ID_FRAME_LENGTH) == FrameDescriptor.FLAG_MORE &&
            buffer.getByte(framesOffset + ID_FRAME_LENGTH + 1) == 0;
        if (correlated)
        {
            requestId = buffer.getInt(framesOffset + 2);
        }
    }

    /**
     * Whether the outstanding request carried an id (the socket has {@code reqCorrelate}).
     *
     * @return true if its reply must echo {@link #requestId()}.
     */
    boolean isCorrelated()
    {
        return correlated;
    }

    /**
     * The outstanding request's id, as its bytes read in this buffer order.
     *
     * @return the id.
     */
    int requestId()
    {
        return requestId;
    }

    /**
     * Whether a connection is the one the outstanding request went to.
     *
     * @param connection a connection a reply came from.
     * @return true if its reply is awaited.
     */
    boolean awaitsReplyFrom(final Connection connection)
    {
        return requested == connection;
    }

    /**
     * The reply was delivered: nothing is outstanding.
     */
    void replyDelivered()
    {
        requested = null;
    }

    /**
     * A connection is being released: a request outstanding on it can never be answered.
     *
     * @param connection the connection.
     */
    void forget(final Connection connection)
    {
        if (requested == connection)
        {
            requested = null;
        }
    }
}
