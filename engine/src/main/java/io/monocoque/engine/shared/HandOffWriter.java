package io.monocoque.engine.shared;

import io.monocoque.codec.frame.FrameEncoder;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;

import java.nio.ByteBuffer;

/**
 * Delivers a message too large for one ring record by lending the connection's read buffer that holds it (see
 * {@link HandOffSlots} and {@link MessageRecord#MSG_TYPE_HAND_OFF}) instead of copying it into fragments: the one
 * copy left on the way from the kernel to the application is the kernel's own.
 * <p>
 * The connection's owner offers the buffer once per read ({@link #offer}); a successful {@link #deliver} takes it,
 * and the owner then hands the connection the buffer to read into from now on ({@link #takeReplacement}): the
 * buffer the slot held, or, the first time a slot is used, a new one of the same capacity. A buffer is lent at most
 * once, so each lent buffer holds exactly one message, or one batch of them, that the application is reading (a
 * batch is lent like a message with no prefix: {@link InboundWriter#endBatch}); what follows that message in the
 * buffer is still read by the connection, but never written, until the connection moves to the replacement.
 * <p>
 * Owned by the engine agent thread (the receive ring's producer). Allocates only the first time each slot is used.
 */
final class HandOffWriter
{
    /** {@link #deliver} result: no hand-off possible; fragment the message instead. */
    static final int NOT_LENT = -1;

    private final OneToOneRingBuffer ring;
    private final HandOffSlots slots;
    private final UnsafeBuffer prefixView = new UnsafeBuffer(0, 0);
    private MutableDirectBuffer offered;
    private ByteBuffer replacement;
    /** A buffer made for a loan the ring had no room for, kept for the next one. */
    private ByteBuffer spare;

    /**
     * Lend through {@code slots}, announcing each loan in {@code ring}.
     *
     * @param ring  the socket's receive ring.
     * @param slots its hand-off slots.
     */
    HandOffWriter(final OneToOneRingBuffer ring, final HandOffSlots slots)
    {
        this.ring = ring;
        this.slots = slots;
    }

    /**
     * The read buffer the next messages are decoded from may be lent, or (null) may not: it is already lent, or it
     * is no connection's own read buffer.
     *
     * @param readView a view over the whole of a direct read buffer (no wrap adjustment), or null.
     */
    void offer(final MutableDirectBuffer readView)
    {
        offered = readView != null && readView.byteBuffer() != null && readView.byteBuffer().isDirect() &&
            readView.wrapAdjustment() == 0 ? readView : null;
    }

    /**
     * Lend the offered buffer holding the message, with a prefix frame written in front of it.
     *
     * @param peerId the connection it came from.
     * @param prefix body of a frame to put in front (ROUTER's routing id), or null.
     * @param prefixLength encoded length of that frame, 0 for none.
     * @param buffer the buffer holding the message.
     * @param offset first frame header.
     * @param length encoded length.
     * @return {@link InboundWriter#DELIVERED}, {@link InboundWriter#RING_FULL} (nothing lent: offer it again), or
     * {@link #NOT_LENT} (this message cannot be lent: fragment it).
     */
    int deliver(
        final long peerId,
        final byte[] prefix,
        final int prefixLength,
        final DirectBuffer buffer,
        final int offset,
        final int length)
    {
        if (offered == null || buffer != offered || offset < prefixLength)
        {
            return NOT_LENT;
        }
        final int slot = slots.freeSlot();
        if (slot == HandOffSlots.NO_SLOT)
        {
            return NOT_LENT;
        }
        final ByteBuffer lent = offered.byteBuffer();
        final ByteBuffer next = replacementFor(slot, lent.capacity());
        if (next == null)
        {
            return NOT_LENT;
        }
        final int index = ring.tryClaim(MessageRecord.MSG_TYPE_HAND_OFF, MessageRecord.HAND_OFF_RECORD_LENGTH);
        if (index == RingBuffer.INSUFFICIENT_CAPACITY)
        {
            spare = slots.buffer(slot) == null ? next : spare; // a new buffer is kept for the next try
            return InboundWriter.RING_FULL;
        }
        final int start = offset - prefixLength;
        if (prefix != null)
        {
            // The bytes in front are consumed ones of this buffer: nothing else reads them any more.
            prefixView.wrap(prefix);
            FrameEncoder.encodeFrame(offered, start, true, prefixView, 0, prefix.length);
        }
        slots.lend(slot, lent);
        if (next == spare)
        {
            spare = null;
        }
        replacement = next;
        offered = null;
        final AtomicBuffer record = ring.buffer();
        record.putLong(index + MessageRecord.PEER_ID_OFFSET, peerId);
        record.putInt(index + MessageRecord.HAND_OFF_SLOT_OFFSET, slot);
        record.putInt(index + MessageRecord.HAND_OFF_MESSAGE_OFFSET, start);
        record.putInt(index + MessageRecord.HAND_OFF_LENGTH_OFFSET, prefixLength + length);
        ring.commit(index);
        return InboundWriter.DELIVERED;
    }

    /**
     * The buffer a connection moves to when it lends its own through {@code slot}: the one the slot holds (the
     * application handed it back), or a new one the first time. Null if direct memory is exhausted: the message is
     * fragmented instead, and the connection keeps its buffer.
     */
    private ByteBuffer replacementFor(final int slot, final int capacity)
    {
        final ByteBuffer held = slots.buffer(slot); // the agent's own write: the slot is free
        if (held != null)
        {
            return held;
        }
        if (spare != null && spare.capacity() >= capacity)
        {
            return spare;
        }
        try
        {
            return ByteBuffer.allocateDirect(capacity);
        }
        catch (final OutOfMemoryError ex)
        {
            return null;
        }
    }

    /**
     * After a {@link #deliver} lent a buffer: the buffer its connection reads into from now on.
     *
     * @return the replacement, once; null if nothing was lent since the last call.
     */
    ByteBuffer takeReplacement()
    {
        final ByteBuffer taken = replacement;
        replacement = null;
        return taken;
    }
}
