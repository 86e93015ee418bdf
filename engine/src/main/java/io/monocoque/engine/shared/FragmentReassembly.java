package io.monocoque.engine.pattern;

import io.monocoque.engine.shared.MessageRecord;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Puts a large outbound message back together from its fragment records (begin, middle..., end; see
 * {@link MessageRecord}), for a router that sends one message to several peers and so cannot hand each fragment to
 * one connection as it comes ({@link FragmentRoute}): XSUB's upstream messages, which go to every publisher. The
 * bytes are copied into a heap buffer that grows only when a message needs more than it has (to the largest so far)
 * and is reused after; once the end fragment is in, the whole message is {@link #message()}. A begin that arrives
 * while a message is still missing its end, or a record that is no fragment, means its sender abandoned that message
 * (it closed mid-send): the partial message is dropped, and {@link #takeDropped()} tells the caller to count it.
 * <p>
 * Owned by the engine agent thread. Allocates only to grow its buffer.
 */
final class FragmentReassembly
{
    /** Largest byte array the JVM allocates. */
    private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

    /** Heap memory: only the agent touches it, so it needs no freeing. */
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[0]);
    private boolean inProgress;
    private long total;
    private long filled;
    /** A partial message was given up and not yet reported ({@link #takeDropped()}). */
    private boolean droppedPending;

    /**
     * Take one fragment record.
     *
     * @param msgTypeId the record's type: a fragment type ({@link FragmentRoute#isFragment}).
     * @param record    the ring's buffer.
     * @param index     the record.
     * @param length    the record's length.
     * @return true if this was the end of a message now whole in {@link #message()}; false otherwise (including a
     * fragment of a message already given up, and a message that cannot be whole: check {@link #takeDropped()}).
     */
    boolean onFragment(final int msgTypeId, final DirectBuffer record, final int index, final int length)
    {
        if (msgTypeId == MessageRecord.MSG_TYPE_FRAGMENT_BEGIN)
        {
            droppedPending |= inProgress; // the one before never ended: abandoned by its sender
            final long messageLength = record.getLong(index + MessageRecord.TOTAL_LENGTH_OFFSET);
            final int bytes = length - MessageRecord.BEGIN_FRAMES_OFFSET;
            if (messageLength > MAX_ARRAY || bytes > messageLength)
            {
                inProgress = false;
                droppedPending = true; // no such message can come from the socket: refuse it rather than overrun
                return false;
            }
            if (buffer.capacity() < messageLength)
            {
                // At least double, so slowly rising sizes do not allocate for every message.
                buffer.wrap(new byte[(int)Math.max(messageLength, Math.min(2L * buffer.capacity(), MAX_ARRAY))]);
            }
            buffer.putBytes(0, record, index + MessageRecord.BEGIN_FRAMES_OFFSET, bytes);
            inProgress = true;
            total = messageLength;
            filled = bytes;
            return false;
        }
        if (!inProgress)
        {
            return false; // the rest of a message given up at its begin
        }
        final int bytes = length - MessageRecord.FRAMES_OFFSET;
        if (filled + bytes > total)
        {
            inProgress = false;
            droppedPending = true;
            return false;
        }
        buffer.putBytes((int)filled, record, index + MessageRecord.FRAMES_OFFSET, bytes);
        filled += bytes;
        if (msgTypeId != MessageRecord.MSG_TYPE_FRAGMENT_END)
        {
            return false;
        }
        inProgress = false;
        if (filled != total)
        {
            droppedPending = true;
            return false;
        }
        return true;
    }

    /** A record that is no fragment arrived: a message still missing its end was abandoned by its sender. */
    void onWholeRecord()
    {
        droppedPending |= inProgress;
        inProgress = false;
    }

    /**
     * Whether a partial message was dropped since the last call (the caller counts it), and forget it.
     *
     * @return true once per dropped message.
     */
    boolean takeDropped()
    {
        final boolean dropped = droppedPending;
        droppedPending = false;
        return dropped;
    }

    /**
     * The message the last end fragment completed: its frames, encoded, from offset 0.
     *
     * @return the buffer; valid until the next fragment.
     */
    MutableDirectBuffer message()
    {
        return buffer;
    }

    /**
     * Length of the {@link #message()}.
     *
     * @return encoded bytes.
     */
    int messageLength()
    {
        return (int)total;
    }
}
