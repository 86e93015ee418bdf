package io.monocoque.api;

import io.monocoque.codec.frame.FrameDescriptor;
import io.monocoque.engine.shared.MessageRecord;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The client of synchronous request/reply (RFC 28): strictly send, receive, send, receive... (anything else is a
 * {@link SocketStateException}, libzmq's EFSM). Each request goes round-robin to one connected REP or ROUTER with
 * an empty delimiter frame in front; only that peer's reply is accepted, its delimiter stripped.
 * Created by {@link Context#socket(SocketType)}; used by one application thread at a time.
 */
public final class ReqSocket extends Socket
{
    /** An empty frame with MORE set: the delimiter between envelope and body. */
    private static final UnsafeBuffer DELIMITER =
        new UnsafeBuffer(new byte[]{FrameDescriptor.FLAG_MORE, 0});

    private boolean awaitingReply;

    ReqSocket(final Context context)
    {
        super(context, SocketType.REQ);
    }

    @Override
    long offerMessage(final DirectBuffer buffer, final int offset, final int length)
    {
        if (awaitingReply)
        {
            throw new SocketStateException("REQ must receive the reply before sending another request");
        }
        final long result = writeRecord(
            MessageRecord.ANY_PEER, DELIMITER, 0, DELIMITER.capacity(), buffer, offset, length);
        if (result > 0)
        {
            awaitingReply = true;
        }
        return result;
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
    int acceptIncoming(final long peerId, final DirectBuffer buffer, final int framesOffset, final int framesLength)
    {
        awaitingReply = false;
        return framesOffset;
    }
}
