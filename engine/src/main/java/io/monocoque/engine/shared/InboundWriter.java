package io.monocoque.engine.shared;

import io.monocoque.codec.frame.FrameDescriptor;
import io.monocoque.codec.frame.FrameEncoder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;

/**
 * The producer side of a socket's receive ring: the one place that writes {@link MessageRecord}s for the
 * application to read, and the home of the inbound batch protocol.
 * <p>
 * <b>Batches.</b> Sockets that deliver messages untouched put everything one read brought from a connection into
 * one record, saving a claim and a commit per message. The protocol has three calls, all made while a connection
 * decodes one read's worth of bytes: {@link #addToBatch} for each message (the bytes stay in the connection's read
 * buffer, which is contiguous, so a batch is a start and a length); {@link #hasOpenBatch()}, which the connection
 * asks before acting on a command, so that the messages before it are delivered first and the batch stays one
 * contiguous run; and {@link #endBatch(long)} when the decode pass ends, which claims, copies and commits the
 * batch, or, if the ring has no room, gives the whole batch back for the connection to un-consume and offer again
 * (TCP back-pressure). The reader finds message boundaries from the frames' MORE flags.
 * <p>
 * <b>Single messages.</b> {@link #deliver} writes one message per record, with an optional frame in front (ROUTER's
 * routing id); REQ and ROUTER deliver this way.
 * <p>
 * Owned by the engine agent thread (the ring's only producer).
 */
public final class InboundWriter
{
    /** {@link #deliver} result: the message is in the ring. */
    public static final int DELIVERED = 0;
    /** {@link #deliver} result: no room now; offer it again later. */
    public static final int RING_FULL = 1;
    /** {@link #deliver} result: the message can never fit a record of this ring. */
    public static final int TOO_LARGE = 2;

    /** Ring record header plus worst-case alignment and the 8 bytes Agrona keeps free: not usable by a batch. */
    private static final int RECORD_OVERHEAD = 32;

    private final OneToOneRingBuffer ring;
    private final int maxRecord;
    private final UnsafeBuffer prefixView = new UnsafeBuffer(0, 0);
    private DirectBuffer batchBuffer;
    private int batchOffset;
    private int batchLength;
    private int batchLimit;

    /**
     * Write into a receive ring.
     *
     * @param ring the socket's receive ring.
     */
    public InboundWriter(final OneToOneRingBuffer ring)
    {
        this.ring = ring;
        this.maxRecord = ring.maxMsgLength();
    }

    /**
     * Largest encoded message one record holds after the peer id and a prefix frame of {@code prefixLength} bytes.
     *
     * @param prefixLength bytes of a frame written in front of each message (0 for none).
     * @return bytes.
     */
    public int maxMessageLength(final int prefixLength)
    {
        return maxRecord - MessageRecord.FRAMES_OFFSET - prefixLength;
    }

    /**
     * Add a message to the open batch, opening one if none is (a message that can never fit a record is not
     * batched: it is delivered on its own, which reports {@link #TOO_LARGE}).
     *
     * @param buffer the connection's read buffer.
     * @param offset first frame header; batched messages must be contiguous in the same buffer.
     * @param length encoded length.
     * @return true if the message joined the batch; false if the batch (or the ring's free space) is full: the
     * connection ends the batch and offers the message again.
     */
    public boolean addToBatch(final DirectBuffer buffer, final int offset, final int length)
    {
        if (batchLength == 0)
        {
            // Free bytes in the ring now: it can only grow until the batch is claimed, since only we produce.
            final int free = ring.capacity() - ring.size() - RECORD_OVERHEAD;
            batchLimit = Math.min(maxRecord, free) - MessageRecord.FRAMES_OFFSET;
            if (length > batchLimit)
            {
                return false; // not even this one message fits: back-pressure
            }
            batchBuffer = buffer;
            batchOffset = offset;
        }
        else if (batchLength + length > batchLimit)
        {
            return false; // batch full: the connection delivers it and goes on
        }
        batchLength += length;
        return true;
    }

    /**
     * Whether a batch is open (messages accepted by {@link #addToBatch} and not yet written).
     *
     * @return true if open.
     */
    public boolean hasOpenBatch()
    {
        return batchLength > 0;
    }

    /**
     * Write the open batch, if any, as one record.
     *
     * @param peerId the connection the batch came from.
     * @return 0 if written or none was open; otherwise the batch's length in bytes, all of which the connection
     * gives back and offers again later (the ring had no room).
     */
    public int endBatch(final long peerId)
    {
        final int length = batchLength;
        if (length == 0)
        {
            return 0;
        }
        batchLength = 0;
        final int index = ring.tryClaim(MessageRecord.MSG_TYPE_MESSAGE, MessageRecord.FRAMES_OFFSET + length);
        if (index == RingBuffer.INSUFFICIENT_CAPACITY)
        {
            return length;
        }
        final AtomicBuffer record = ring.buffer();
        record.putLong(index + MessageRecord.PEER_ID_OFFSET, peerId);
        record.putBytes(index + MessageRecord.FRAMES_OFFSET, batchBuffer, batchOffset, length);
        ring.commit(index);
        return 0;
    }

    /**
     * Write one message as its own record, optionally after a frame holding {@code prefix} (with MORE set).
     *
     * @param peerId the connection it came from.
     * @param prefix body of a frame to put in front (ROUTER's routing id), or null for none.
     * @param buffer holds the encoded message.
     * @param offset first frame header.
     * @param length encoded length.
     * @return {@link #DELIVERED}, {@link #RING_FULL} or {@link #TOO_LARGE}.
     */
    public int deliver(
        final long peerId, final byte[] prefix, final DirectBuffer buffer, final int offset, final int length)
    {
        final int prefixLength = prefix == null ? 0 : FrameDescriptor.frameLength(prefix.length);
        final int recordLength = MessageRecord.FRAMES_OFFSET + prefixLength + length;
        if (recordLength > maxRecord)
        {
            return TOO_LARGE;
        }
        final int index = ring.tryClaim(MessageRecord.MSG_TYPE_MESSAGE, recordLength);
        if (index == RingBuffer.INSUFFICIENT_CAPACITY)
        {
            return RING_FULL;
        }
        final AtomicBuffer record = ring.buffer();
        record.putLong(index + MessageRecord.PEER_ID_OFFSET, peerId);
        int position = index + MessageRecord.FRAMES_OFFSET;
        if (prefix != null)
        {
            prefixView.wrap(prefix);
            position += FrameEncoder.encodeFrame(record, position, true, prefixView, 0, prefix.length);
        }
        record.putBytes(position, buffer, offset, length);
        ring.commit(index);
        return DELIVERED;
    }
}
