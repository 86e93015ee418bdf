package io.monocoque.engine.shared;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;

/**
 * Writes one message too large for a ring record as the run of fragment records {@link MessageRecord} describes
 * (begin with the total length, middles, end; the peer id in each), cutting prefix-then-message at any byte. It
 * writes as many fragments as the ring has room for and keeps how far it got, so the next call with the same
 * message resumes there: the receive ring's producer ({@link InboundWriter}) and the send ring's producer (the
 * application's blocking send) both write their large messages through it.
 * <p>
 * Owned by the ring's producer thread. Allocates nothing.
 */
public final class FragmentWriter
{
    /** {@link #write} result: not every fragment is in the ring yet; call again with the same message. */
    public static final long INCOMPLETE = -1;

    private final OneToOneRingBuffer ring;
    private final int maxRecord;
    private long written;
    private long recordBytes;

    /**
     * Write into a ring.
     *
     * @param ring the ring.
     */
    public FragmentWriter(final OneToOneRingBuffer ring)
    {
        this.ring = ring;
        this.maxRecord = ring.maxMsgLength();
    }

    /**
     * Bytes of the message in progress already in the ring.
     *
     * @return 0 if none has begun.
     */
    public long written()
    {
        return written;
    }

    /**
     * Forget the message in progress (its producer gave it up); the next call begins a new one.
     */
    public void reset()
    {
        written = 0;
        recordBytes = 0;
    }

    /**
     * Write the message's fragments from where the last call stopped, as far as the ring has room.
     *
     * @param peerId       peer id written in every fragment.
     * @param prefix       bytes that come first (an encoded prefix frame), or anything when {@code prefixLength} is 0.
     * @param prefixOffset first prefix byte.
     * @param prefixLength prefix bytes.
     * @param buffer       holds the encoded message.
     * @param offset       first byte.
     * @param length       encoded length.
     * @return the bytes the records took (headers included) once the end fragment is in, the progress then
     * forgotten; or {@link #INCOMPLETE} with the progress kept.
     */
    public long write(
        final long peerId,
        final DirectBuffer prefix,
        final int prefixOffset,
        final int prefixLength,
        final DirectBuffer buffer,
        final int offset,
        final int length)
    {
        final long total = (long)prefixLength + length;
        final MutableDirectBuffer records = ring.buffer();
        while (written < total)
        {
            final boolean begin = written == 0;
            final int header = begin ? MessageRecord.BEGIN_FRAMES_OFFSET : MessageRecord.FRAMES_OFFSET;
            final int body = (int)Math.min(total - written, maxRecord - header);
            final boolean end = written + body == total;
            final int type = begin ? MessageRecord.MSG_TYPE_FRAGMENT_BEGIN :
                end ? MessageRecord.MSG_TYPE_FRAGMENT_END : MessageRecord.MSG_TYPE_FRAGMENT_MIDDLE;
            final int index = ring.tryClaim(type, header + body);
            if (index == RingBuffer.INSUFFICIENT_CAPACITY)
            {
                return INCOMPLETE;
            }
            records.putLong(index + MessageRecord.PEER_ID_OFFSET, peerId);
            if (begin)
            {
                records.putLong(index + MessageRecord.TOTAL_LENGTH_OFFSET, total);
            }
            copy(records, index + header, body, prefix, prefixOffset, prefixLength, buffer, offset);
            ring.commit(index);
            written += body;
            recordBytes += header + body;
        }
        final long bytes = recordBytes;
        reset();
        return bytes;
    }

    /** Copy {@code count} bytes of prefix-then-message, from {@link #written}, into the ring at {@code position}. */
    private void copy(
        final MutableDirectBuffer records,
        final int position,
        final int count,
        final DirectBuffer prefix,
        final int prefixOffset,
        final int prefixLength,
        final DirectBuffer buffer,
        final int offset)
    {
        int at = position;
        int remaining = count;
        long source = written;
        if (source < prefixLength)
        {
            final int fromPrefix = (int)Math.min(remaining, prefixLength - source);
            records.putBytes(at, prefix, prefixOffset + (int)source, fromPrefix);
            at += fromPrefix;
            remaining -= fromPrefix;
            source += fromPrefix;
        }
        if (remaining > 0)
        {
            records.putBytes(at, buffer, offset + (int)(source - prefixLength), remaining);
        }
    }
}
