package io.monocoque.engine.shared;

import org.agrona.BitUtil;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RecordDescriptor;
import org.agrona.concurrent.ringbuffer.RingBuffer;

/**
 * Tells a ring's consumer, inside the handler of {@link Rings#controlledRead(OneToOneRingBuffer,
 * org.agrona.concurrent.ControlledMessageHandler, int, ReadWindow)}, whether the record it is handed may be the last
 * one that read hands it: the read releases (zeroes) every record it handed out when it returns, so work that needs
 * their memory, such as a gathering write straight from the ring, must be finished at the last one.
 * <p>
 * The answer errs only towards "last": the window ends where the producer had got to when the read began (the read
 * itself may see further), at the end of the buffer, at the read's record limit, before a lap's padding record, and
 * before a record not yet committed. A record the read hands out after one that was called last is itself checked.
 * <p>
 * Owned by the ring's one consumer thread.
 */
public final class ReadWindow
{
    private AtomicBuffer buffer;
    private int endIndex;
    private int remaining;

    /**
     * Start a read of at most {@code limit} records. The consumer, just before the read.
     *
     * @param ring  the ring about to be read.
     * @param limit most records the read hands out.
     */
    public void open(final OneToOneRingBuffer ring, final int limit)
    {
        buffer = ring.buffer();
        final int capacity = ring.capacity();
        final long head = ring.consumerPosition();
        final long available = ring.producerPosition() - head;
        final int headIndex = (int)head & (capacity - 1);
        endIndex = (int)Math.min(capacity, headIndex + available);
        remaining = limit;
    }

    /**
     * Count a record the read handed out. Called once for each, whether or not {@link #isLast} is asked about it,
     * so that the read's record limit is known.
     */
    public void count()
    {
        remaining--;
    }

    /**
     * Whether the read may hand out no record after this one, the one last {@link #count() counted}. Asked only when
     * the answer matters (a consumer with records gathered for a write from the ring).
     *
     * @param index  the record's message offset, as the handler got it.
     * @param length the record's message length, as the handler got it.
     * @return true if the record's memory is released when the handler returns, as far as this window knows.
     */
    public boolean isLast(final int index, final int length)
    {
        final int next = index - RecordDescriptor.HEADER_LENGTH +
            BitUtil.align(length + RecordDescriptor.HEADER_LENGTH, RecordDescriptor.ALIGNMENT);
        return remaining <= 0 || next >= endIndex ||
            buffer.getIntVolatile(RecordDescriptor.lengthOffset(next)) <= 0 ||
            buffer.getInt(RecordDescriptor.typeOffset(next)) == RingBuffer.PADDING_MSG_TYPE_ID;
    }
}
