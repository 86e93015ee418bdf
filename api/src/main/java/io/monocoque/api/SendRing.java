package io.monocoque.api;

import io.monocoque.engine.shared.MessageRecord;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;

/**
 * The producer side of a socket's send ring: each message becomes one {@link MessageRecord}, claimed, written and
 * committed whole or not at all, so the engine never sees part of a message. A record names the peer it goes to
 * (or lets the engine choose) and may carry prefix frames the pattern adds (REQ's delimiter, REP's envelope).
 * <p>
 * Owned by the socket's application thread (the ring's only producer). Allocates nothing.
 */
final class SendRing
{
    private final OneToOneRingBuffer ring;
    private final int recordType;
    private final int maxRecordLength;

    SendRing(final OneToOneRingBuffer ring, final int recordType)
    {
        this.ring = ring;
        this.recordType = recordType;
        this.maxRecordLength = ring.maxMsgLength();
    }

    /**
     * Append one record: peer id, optional prefix frames, then the message frames.
     *
     * @return the record's length, or {@link SendResult#BACK_PRESSURED} if the ring is full.
     * @throws MessageTooLargeException if the message can never fit a record of this ring.
     */
    long write(
        final long peerId,
        final DirectBuffer prefix,
        final int prefixOffset,
        final int prefixLength,
        final DirectBuffer buffer,
        final int offset,
        final int length)
    {
        final int recordLength = MessageRecord.FRAMES_OFFSET + prefixLength + length;
        if (recordLength > maxRecordLength)
        {
            throw new MessageTooLargeException("message of " + length + " encoded bytes exceeds the largest " +
                "message the send ring holds (" + (maxRecordLength - MessageRecord.FRAMES_OFFSET) +
                " bytes = sndHwmBytes/8 less record overhead); raise sndHwmBytes");
        }
        final int index = ring.tryClaim(recordType, recordLength);
        if (index == RingBuffer.INSUFFICIENT_CAPACITY)
        {
            return SendResult.BACK_PRESSURED;
        }
        final MutableDirectBuffer records = ring.buffer();
        records.putLong(index + MessageRecord.PEER_ID_OFFSET, peerId);
        int position = index + MessageRecord.FRAMES_OFFSET;
        if (prefixLength > 0)
        {
            records.putBytes(position, prefix, prefixOffset, prefixLength);
            position += prefixLength;
        }
        records.putBytes(position, buffer, offset, length);
        ring.commit(index);
        return recordLength;
    }

    /**
     * The ring's capacity: the send HWM as allocated.
     *
     * @return bytes.
     */
    int capacity()
    {
        return ring.capacity();
    }
}
