package io.monocoque.engine.shared;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Puts a large message back together from its fragment records (begin, middle..., end; see {@link MessageRecord}),
 * for a ring reader that needs it whole: the application reading its receive ring ({@code InboundReader}), and
 * XSUB's router, which sends an upstream message to every publisher and so cannot hand each fragment to one
 * connection as it comes. The bytes are copied into a heap buffer that grows only when a message needs more than it
 * has (to the largest so far) and is reused after; once the end fragment is in, the whole message is
 * {@link #message()}, from {@link #messagePeerId()}. A begin that arrives while a message is still missing its end, a
 * continuation from another peer, or a record that is no fragment, means the message was abandoned (its connection
 * closed, or its sender did, mid-way): the partial message is dropped, and {@link #takeDropped()} tells the caller to
 * count it.
 * <p>
 * Owned by the ring's one reader thread. Allocates only to grow its buffer; heap memory, so it needs no freeing and a
 * close from another thread cannot free it under its reader.
 */
public final class FragmentReassembly
{
    /** Largest byte array the JVM allocates. */
    private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[0]);
    private boolean inProgress;
    private long peerId;
    private long total;
    private long filled;
    /** Partial messages given up and not yet reported ({@link #takeDropped()}). */
    private int droppedPending;

    /**
     * Take one fragment record.
     *
     * @param msgTypeId the record's type: {@link MessageRecord#MSG_TYPE_FRAGMENT_BEGIN}, {@code _MIDDLE} or
     *                  {@code _END}.
     * @param record    the ring's buffer.
     * @param index     the record.
     * @param length    the record's length.
     * @return true if this was the end of a message now whole in {@link #message()}; false otherwise (including a
     * fragment of a message already given up, and a message that cannot be whole: check {@link #takeDropped()}).
     */
    public boolean onFragment(final int msgTypeId, final DirectBuffer record, final int index, final int length)
    {
        if (msgTypeId == MessageRecord.MSG_TYPE_FRAGMENT_BEGIN)
        {
            droppedPending += inProgress ? 1 : 0; // the one before never ended: abandoned by its sender
            final long messageLength = record.getLong(index + MessageRecord.TOTAL_LENGTH_OFFSET);
            final int bytes = length - MessageRecord.BEGIN_FRAMES_OFFSET;
            if (messageLength > MAX_ARRAY || bytes > messageLength)
            {
                inProgress = false;
                droppedPending++; // no such message can come from the socket: refuse it rather than overrun
                return false;
            }
            if (buffer.capacity() < messageLength)
            {
                // At least double, so slowly rising sizes do not allocate for every message.
                buffer.wrap(new byte[(int)Math.max(messageLength, Math.min(2L * buffer.capacity(), MAX_ARRAY))]);
            }
            buffer.putBytes(0, record, index + MessageRecord.BEGIN_FRAMES_OFFSET, bytes);
            inProgress = true;
            peerId = record.getLong(index + MessageRecord.PEER_ID_OFFSET);
            total = messageLength;
            filled = bytes;
            return false;
        }
        if (!inProgress)
        {
            return false; // the rest of a message given up at its begin
        }
        final int bytes = length - MessageRecord.FRAMES_OFFSET;
        if (filled + bytes > total || record.getLong(index + MessageRecord.PEER_ID_OFFSET) != peerId)
        {
            inProgress = false;
            droppedPending++;
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
            droppedPending++;
            return false;
        }
        return true;
    }

    /** A record that is no fragment arrived: a message still missing its end was abandoned by its sender. */
    public void onWholeRecord()
    {
        droppedPending += inProgress ? 1 : 0;
        inProgress = false;
    }

    /**
     * Partial messages dropped since the last call (the caller counts them), and forget them.
     *
     * @return how many.
     */
    public int takeDropped()
    {
        final int dropped = droppedPending;
        droppedPending = 0;
        return dropped;
    }

    /**
     * The message the last end fragment completed: its frames, encoded, from offset 0.
     *
     * @return the buffer; valid until the next fragment.
     */
    public MutableDirectBuffer message()
    {
        return buffer;
    }

    /**
     * Length of the {@link #message()}.
     *
     * @return encoded bytes.
     */
    public int messageLength()
    {
        return (int)total;
    }

    /**
     * The peer the {@link #message()} came from (the peer id of its records).
     *
     * @return the peer id.
     */
    public long messagePeerId()
    {
        return peerId;
    }
}
