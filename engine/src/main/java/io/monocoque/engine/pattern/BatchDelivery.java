package io.monocoque.engine.pattern;

import io.monocoque.engine.session.Connection;
import io.monocoque.engine.shared.InboundWriter;
import org.agrona.DirectBuffer;

/**
 * DEALER, PULL, PAIR, REP, SUB and XSUB inbound: messages go to the application untouched, everything one read
 * brought from a connection in one ring record ({@link InboundWriter}'s batch protocol). SUB first drops what its
 * subscriptions do not match ({@link Subscriber#accepts}). REP's envelope handling happens on the application
 * side, which reads the envelope from the record. A message larger than a record is written on its own, in
 * fragments ({@link InboundWriter#deliver}). Owned by the engine agent thread.
 */
public final class BatchDelivery implements InboundDelivery
{
    private final InboundWriter writer;
    private final Subscriber filter;
    private final int largest;

    /**
     * Create the delivery.
     *
     * @param writer the socket's receive-ring writer.
     * @param filter SUB/XSUB's subscriber side (filters for SUB), or null to deliver everything.
     */
    public BatchDelivery(final InboundWriter writer, final Subscriber filter)
    {
        this.writer = writer;
        this.filter = filter;
        this.largest = writer.maxMessageLength(0);
    }

    @Override
    public boolean onMessage(final Connection connection, final DirectBuffer buffer, final int offset, final int length)
    {
        if (filter != null && !filter.accepts(buffer, offset, length))
        {
            if (writer.hasOpenBatch())
            {
                return false; // with a batch open, stop so the batch stays contiguous first, then drop it
            }
            writer.abandon(connection.peerId()); // its fragments, if any were written, are never finished
            return true;
        }
        if (length > largest)
        {
            // Never batched; with a batch open, end it first so the message is written after it.
            return !writer.hasOpenBatch() &&
                writer.deliver(connection.peerId(), null, buffer, offset, length) == InboundWriter.DELIVERED;
        }
        return writer.addToBatch(buffer, offset, length);
    }

    @Override
    public int messageRunLimit()
    {
        return filter == null ? writer.batchRoom() : 0; // SUB looks at every message's topic
    }

    @Override
    public boolean onMessageRun(final Connection connection, final DirectBuffer buffer, final int offset,
        final int length)
    {
        return writer.addToBatch(buffer, offset, length);
    }
}
