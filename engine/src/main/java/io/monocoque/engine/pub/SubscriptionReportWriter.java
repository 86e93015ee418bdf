package io.monocoque.engine.pub;

import org.agrona.DirectBuffer;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;

/**
 * Writes an XPUB worker's reports (subscription changes, upstream messages) into its event ring as
 * {@link SubscriptionEventDescriptor} records, for the engine agent to turn into what the application receives.
 * <p>
 * Owned by the worker's thread (the ring's only producer). Allocates nothing, except to report a payload no
 * record can carry.
 */
final class SubscriptionReportWriter
{
    private final OneToOneRingBuffer events;
    private final ErrorHandler errorHandler;

    SubscriptionReportWriter(final OneToOneRingBuffer events, final ErrorHandler errorHandler)
    {
        this.events = events;
        this.errorHandler = errorHandler;
    }

    /**
     * Queue one report. A payload longer than a record can carry is reported to the error handler and skipped (the
     * connection must not retry it forever).
     *
     * @param type    a {@code SubscriptionEventDescriptor.TYPE_*}.
     * @param peerId  the subscriber's connection.
     * @param changed whether the connection's own subscription set changed.
     * @param buffer  holds the payload.
     * @param offset  first payload byte.
     * @param length  payload bytes.
     * @return false if the event ring is full (the connection offers it again later).
     */
    boolean write(
        final int type,
        final long peerId,
        final boolean changed,
        final DirectBuffer buffer,
        final int offset,
        final int length)
    {
        final int recordLength = SubscriptionEventDescriptor.PAYLOAD_OFFSET + length;
        if (recordLength > events.maxMsgLength())
        {
            errorHandler.onError(new IllegalStateException("XPUB: a subscription or upstream message of " +
                length + " bytes is longer than a report can carry; not delivered to the application"));
            return true;
        }
        final int at = events.tryClaim(type, recordLength);
        if (at == RingBuffer.INSUFFICIENT_CAPACITY)
        {
            return false;
        }
        final AtomicBuffer record = events.buffer();
        record.putLong(at + SubscriptionEventDescriptor.PEER_ID_OFFSET, peerId);
        record.putInt(at + SubscriptionEventDescriptor.FLAGS_OFFSET,
            changed ? SubscriptionEventDescriptor.FLAG_CHANGED : 0);
        record.putBytes(at + SubscriptionEventDescriptor.PAYLOAD_OFFSET, buffer, offset, length);
        events.commit(at);
        return true;
    }
}
