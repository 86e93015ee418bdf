package io.monocoque.engine.pattern;

import io.monocoque.engine.session.Connection;
import io.monocoque.engine.shared.InboundWriter;
import org.agrona.DirectBuffer;

/**
 * DEALER, PULL, PAIR, REP, SUB and XSUB inbound: messages go to the application untouched, everything one read
 * brought from a connection in one ring record ({@link InboundWriter}'s batch protocol). SUB first drops what its
 * subscriptions do not match ({@link Subscriber#accepts}). REP's envelope handling happens on the application
 * side, which reads the envelope from the record. Owned by the engine agent thread.
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
            return !writer.hasOpenBatch(); // drop it; with a batch open, stop so the batch stays contiguous first
        }
        if (!writer.hasOpenBatch() && length > largest)
        {
            Oversize.close(connection, length, largest);
            return false;
        }
        return writer.addToBatch(buffer, offset, length);
    }
}
