package io.monocoque.engine.pattern;

import io.monocoque.codec.frame.FrameCursor;
import io.monocoque.engine.session.Connection;
import io.monocoque.engine.shared.InboundWriter;
import org.agrona.DirectBuffer;

/**
 * REQ inbound (RFC 28): only a reply from the peer the outstanding request went to is delivered
 * ({@link RequestCorrelation}), with its empty delimiter frame stripped; anything else (another peer's message, a
 * reply without a delimiter) is dropped, as libzmq's REQ drops it. A correlated request's reply must start with the
 * same 4-byte id frame, then the delimiter; it is delivered with both, for the socket checks the id once more
 * against the request it sent last (a relaxed REQ may have sent a newer one this agent has not staged yet).
 * Owned by the engine agent thread.
 */
public final class ReplyDelivery implements InboundDelivery
{
    private final InboundWriter writer;
    private final RequestCorrelation correlation;
    private final FrameCursor cursor = new FrameCursor();

    /**
     * Create the delivery.
     *
     * @param writer      the socket's receive-ring writer.
     * @param correlation where the outstanding request went.
     */
    public ReplyDelivery(final InboundWriter writer, final RequestCorrelation correlation)
    {
        this.writer = writer;
        this.correlation = correlation;
    }

    @Override
    public boolean onMessage(final Connection connection, final DirectBuffer buffer, final int offset, final int length)
    {
        if (!correlation.awaitsReplyFrom(connection))
        {
            writer.abandon(connection.peerId()); // part of it may be in the ring already: it will not be finished
            return true; // not the peer the request went to: drop, as libzmq's REQ does
        }
        cursor.wrap(buffer, offset, length);
        final boolean correlated = correlation.isCorrelated();
        if (correlated)
        {
            if (!cursor.next() || cursor.bodyLength() != RequestCorrelation.ID_LENGTH || !cursor.hasMore() ||
                buffer.getInt(cursor.bodyOffset()) != correlation.requestId())
            {
                return true; // a reply to another (older) request, or none: drop, as libzmq's REQ_CORRELATE does
            }
        }
        if (!cursor.next() || cursor.bodyLength() != 0 || !cursor.hasMore())
        {
            return true; // a reply must have an empty delimiter; drop malformed ones
        }
        final int deliverFrom = correlated ? offset : cursor.nextFrameOffset();
        final int deliverLength = offset + length - deliverFrom;
        final int result = writer.deliver(connection.peerId(), null, buffer, deliverFrom, deliverLength);
        if (result == InboundWriter.RING_FULL)
        {
            return false;
        }
        correlation.replyDelivered();
        return true;
    }
}
