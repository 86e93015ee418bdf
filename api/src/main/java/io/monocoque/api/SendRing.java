package io.monocoque.api;

import io.monocoque.codec.frame.FrameDescriptor;
import io.monocoque.codec.frame.FrameEncoder;
import io.monocoque.engine.shared.AgentWake;
import io.monocoque.engine.shared.FragmentWriter;
import io.monocoque.engine.shared.MessageRecord;
import io.monocoque.engine.shared.RoomWait;
import org.agrona.BitUtil;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RecordDescriptor;
import org.agrona.concurrent.ringbuffer.RingBuffer;

/**
 * The producer side of a socket's send ring: each message becomes one {@link MessageRecord}, claimed, written and
 * committed whole or not at all, so the engine never sees part of a message. A record names the peer it goes to
 * (or lets the engine choose) and may carry prefix frames the pattern adds (REQ's delimiter, REP's envelope).
 * <p>
 * <b>Large messages.</b> A message larger than a record (an eighth of the ring) is written as fragment records
 * (begin, middle..., end; see {@link MessageRecord}). Without a {@link RoomWait} (the non-blocking {@code offer})
 * that stays all-or-nothing: every fragment is written if the ring has room for all of them now, none otherwise
 * ({@link SendResult#BACK_PRESSURED}), and a message the ring could never hold at once is refused with
 * {@link SendResult#MESSAGE_EXCEEDS_HWM}. With one (the blocking {@code send}) a message larger than the ring streams:
 * fragments are written as room appears, waiting between them, so the HWM still bounds what is queued. Until its
 * first fragment is in, such a send is refused like any other (so its timeout applies); after that it cannot be taken
 * back and waits until the last fragment is in (or the socket closes: the engine then drops the part it has).
 * <p>
 * Owned by the socket's application thread (the ring's only producer). Allocates nothing.
 */
final class SendRing
{
    /**
     * {@link #writeFrame} and {@link #writeFrames} result for a message that needs more than one record: encode it and
     * {@link #write} it, which fragments it. Not a {@link SendResult}: it never reaches the caller of {@code offer}
     * (sockets also answer it for "take the encoded path", {@link Socket#offerFrames}).
     */
    static final long NEEDS_FRAGMENTS = Long.MIN_VALUE;

    private final OneToOneRingBuffer ring;
    private final int recordType;
    private final int maxRecordLength;
    /** Ring bytes a full fragment takes: its record with Agrona's header, aligned. */
    private final int fragmentRingBytes;
    private final FragmentWriter fragments;
    private final AgentWake wake;

    SendRing(final OneToOneRingBuffer ring, final int recordType, final AgentWake wake)
    {
        this.ring = ring;
        this.wake = wake;
        this.recordType = recordType;
        this.maxRecordLength = ring.maxMsgLength();
        this.fragments = new FragmentWriter(ring);
        this.fragmentRingBytes = BitUtil.align(RecordDescriptor.HEADER_LENGTH + maxRecordLength,
            RecordDescriptor.ALIGNMENT);
    }

    /**
     * Append one message: peer id, optional prefix frames, then the message frames, in one record or in fragments.
     *
     * @param wait null for all-or-nothing; otherwise how to wait for room while a message larger than the ring
     *             streams in.
     * @return the bytes the message took in the ring, {@link SendResult#BACK_PRESSURED} if nothing was written,
     * {@link SendResult#MESSAGE_EXCEEDS_HWM} (no wait given, the ring can never hold it at once), or
     * {@link SendResult#CLOSED} (the socket closed while the message streamed in).
     */
    long write(
        final long peerId,
        final DirectBuffer prefix,
        final int prefixOffset,
        final int prefixLength,
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final RoomWait wait)
    {
        final long written = writeRecords(peerId, prefix, prefixOffset, prefixLength, buffer, offset, length, wait);
        if (written > 0)
        {
            wake.wakeAgent(); // a sleeping agent would not look at the ring until something else woke it
        }
        return written;
    }

    private long writeRecords(
        final long peerId,
        final DirectBuffer prefix,
        final int prefixOffset,
        final int prefixLength,
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final RoomWait wait)
    {
        final int recordLength = MessageRecord.FRAMES_OFFSET + prefixLength + length;
        if (recordLength > maxRecordLength)
        {
            return writeFragments(peerId, prefix, prefixOffset, prefixLength, buffer, offset, length, wait);
        }
        final int index = claimRecord(peerId, recordLength, prefix, prefixOffset, prefixLength);
        if (index == RingBuffer.INSUFFICIENT_CAPACITY)
        {
            return SendResult.BACK_PRESSURED;
        }
        ring.buffer().putBytes(index + MessageRecord.FRAMES_OFFSET + prefixLength, buffer, offset, length);
        ring.commit(index); // write() wakes the agent once, also for a message written as fragments
        return recordLength;
    }

    /**
     * Append a single-frame message given as its body: the frame header is encoded straight into the claimed record
     * and the body copied once, from the caller's buffer to the ring. All or nothing, like {@link #write}.
     *
     * @param peerId the peer the record names, or {@link MessageRecord#ANY_PEER}.
     * @param body   holds the frame body.
     * @param offset first byte.
     * @param length body length.
     * @return the bytes the message took, {@link SendResult#BACK_PRESSURED}, or {@link #NEEDS_FRAGMENTS}.
     */
    long writeFrame(final long peerId, final DirectBuffer body, final int offset, final int length)
    {
        return writeFrame(peerId, null, 0, body, offset, length);
    }

    /**
     * {@link #writeFrame(long, DirectBuffer, int, int)} after encoded prefix frames the pattern adds (REQ's
     * delimiter, REP's envelope).
     *
     * @param peerId       the peer the record names, or {@link MessageRecord#ANY_PEER}.
     * @param prefix       encoded frames to put first, each with MORE set, or null.
     * @param prefixLength bytes of {@code prefix} to put first.
     * @param body         holds the frame body.
     * @param offset       first byte.
     * @param length       body length.
     * @return the bytes the message took, {@link SendResult#BACK_PRESSURED}, or {@link #NEEDS_FRAGMENTS}.
     */
    long writeFrame(final long peerId, final DirectBuffer prefix, final int prefixLength, final DirectBuffer body,
        final int offset, final int length)
    {
        if (length > maxRecordLength)
        {
            return NEEDS_FRAGMENTS;
        }
        final int recordLength = MessageRecord.FRAMES_OFFSET + prefixLength + FrameDescriptor.frameLength(length);
        if (recordLength > maxRecordLength)
        {
            return NEEDS_FRAGMENTS;
        }
        final int index = claimRecord(peerId, recordLength, prefix, 0, prefixLength);
        if (index == RingBuffer.INSUFFICIENT_CAPACITY)
        {
            return SendResult.BACK_PRESSURED;
        }
        FrameEncoder.encodeFrame(ring.buffer(), index + MessageRecord.FRAMES_OFFSET + prefixLength, false, body, offset,
            length);
        commitClaim(index);
        return recordLength;
    }

    /**
     * Append a message given as byte-array frames: each frame's header is encoded straight into the claimed record
     * and each body copied once, from the caller's array to the ring. All or nothing, like {@link #write}.
     *
     * @param peerId the peer the record names, or {@link MessageRecord#ANY_PEER}.
     * @param frames the frames, at least one.
     * @return the bytes the message took, {@link SendResult#BACK_PRESSURED}, or {@link #NEEDS_FRAGMENTS}.
     */
    long writeFrames(final long peerId, final byte[][] frames)
    {
        return writeFrames(peerId, null, 0, frames, 0);
    }

    /**
     * {@link #writeFrames(long, byte[][])} of the frames from {@code first} on (a ROUTER's, after the routing id),
     * after encoded prefix frames the pattern adds (REQ's delimiter, REP's envelope).
     *
     * @param peerId       the peer the record names.
     * @param prefix       encoded frames to put first, each with MORE set, or null.
     * @param prefixLength bytes of {@code prefix} to put first.
     * @param frames       the frames; at least one from {@code first} on.
     * @param first        index of the first frame to write.
     * @return the bytes the message took, {@link SendResult#BACK_PRESSURED}, or {@link #NEEDS_FRAGMENTS}.
     */
    long writeFrames(
        final long peerId, final DirectBuffer prefix, final int prefixLength, final byte[][] frames, final int first)
    {
        final long encoded = MessageRecord.FRAMES_OFFSET + prefixLength + FrameDescriptor.encodedLength(frames, first);
        if (encoded > maxRecordLength)
        {
            return NEEDS_FRAGMENTS;
        }
        final int recordLength = (int)encoded;
        final int index = claimRecord(peerId, recordLength, prefix, 0, prefixLength);
        if (index == RingBuffer.INSUFFICIENT_CAPACITY)
        {
            return SendResult.BACK_PRESSURED;
        }
        FrameEncoder.encodeFrames(ring.buffer(), index + MessageRecord.FRAMES_OFFSET + prefixLength, frames, first);
        commitClaim(index);
        return recordLength;
    }

    /**
     * Append the whole messages of a batch's frames {@code [from, to)} as one record: each frame's header encoded
     * straight into the claimed record and each body copied once, from the caller's bytes to the ring. All or
     * nothing.
     *
     * @param batch   the batch.
     * @param from    first frame (a message's first).
     * @param to      index after the last frame (a message's end).
     * @param encoded the frames' encoded length; {@link MessageRecord#FRAMES_OFFSET} plus it fits one record.
     * @return the bytes the messages took, or {@link SendResult#BACK_PRESSURED}.
     */
    long writeBatch(final MessageBatch batch, final int from, final int to, final int encoded)
    {
        final int recordLength = MessageRecord.FRAMES_OFFSET + encoded;
        final int index = claim(recordLength);
        if (index == RingBuffer.INSUFFICIENT_CAPACITY)
        {
            return SendResult.BACK_PRESSURED;
        }
        batch.encode(from, to, ring.buffer(), index + MessageRecord.FRAMES_OFFSET);
        commitClaim(index);
        return recordLength;
    }

    /**
     * Claim a record for the engine to route (peer id {@link MessageRecord#ANY_PEER} written) that the caller fills
     * in place from {@link MessageRecord#FRAMES_OFFSET} ({@code tryClaim}, a batch): committed with
     * {@link #commitClaim} or given back with {@link #abortClaim}, and no other record is written meanwhile.
     *
     * @param recordLength the record's length, peer id included; at most {@link #maxRecordLength()}.
     * @return the record's index in {@link #records()}, or a negative value if the ring has no room now.
     */
    int claim(final int recordLength)
    {
        return claimRecord(MessageRecord.ANY_PEER, recordLength, null, 0, 0);
    }

    /**
     * {@link #claim(int)} for a record to one peer, or after prefix frames: the peer id and the prefix are written,
     * the caller fills the rest from {@code index + FRAMES_OFFSET + prefixLength} ({@code tryClaim} on REQ, REP and
     * ROUTER).
     *
     * @param peerId       the peer, or {@link MessageRecord#ANY_PEER}.
     * @param recordLength the record's length, peer id and prefix included; at most {@link #maxRecordLength()}.
     * @param prefix       encoded frames to start with, or null.
     * @param prefixLength their length.
     * @return the record's index in {@link #records()}, or a negative value if the ring has no room now.
     */
    int claim(final long peerId, final int recordLength, final DirectBuffer prefix, final int prefixLength)
    {
        return claimRecord(peerId, recordLength, prefix, 0, prefixLength);
    }

    /**
     * Claim a record and write its peer id and the prefix frames; the caller writes the rest from
     * {@code index + FRAMES_OFFSET + prefixLength} and commits.
     *
     * @return the record's index, or {@link RingBuffer#INSUFFICIENT_CAPACITY}.
     */
    private int claimRecord(final long peerId, final int recordLength, final DirectBuffer prefix,
        final int prefixOffset, final int prefixLength)
    {
        final int index = ring.tryClaim(recordType, recordLength);
        if (index != RingBuffer.INSUFFICIENT_CAPACITY)
        {
            final MutableDirectBuffer records = ring.buffer();
            records.putLong(index + MessageRecord.PEER_ID_OFFSET, peerId);
            if (prefixLength > 0)
            {
                records.putBytes(index + MessageRecord.FRAMES_OFFSET, prefix, prefixOffset, prefixLength);
            }
        }
        return index;
    }

    /**
     * The ring's memory, where a claimed record lies.
     *
     * @return the buffer.
     */
    MutableDirectBuffer records()
    {
        return ring.buffer();
    }

    /**
     * Publish a claimed record and wake the agent if it sleeps.
     *
     * @param index the claim's index.
     */
    void commitClaim(final int index)
    {
        ring.commit(index);
        wake.wakeAgent();
    }

    /**
     * Give a claimed record back: the engine skips it.
     *
     * @param index the claim's index.
     */
    void abortClaim(final int index)
    {
        ring.abort(index);
    }

    /**
     * Largest record: messages whose encoding, after the peer id, is longer go as fragments.
     *
     * @return bytes, peer id included.
     */
    int maxRecordLength()
    {
        return maxRecordLength;
    }

    /**
     * Whether any message that fits one record would be taken now, wherever the ring wraps: free space for a
     * full record and for the padding a wrap may cost before it (a poller's POLLOUT, libzmq's "at least one message
     * may be sent without blocking", in bytes). So a caller told it may send is not refused for the size of a
     * message below an eighth of the HWM.
     *
     * @return true if the engine has drained enough of the ring.
     */
    boolean hasRoomForRecord()
    {
        return ring.capacity() - ring.size() >= 2L * fragmentRingBytes;
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

    /** Most ring bytes the fragments of a message take, counting one wrap's padding (at most one record). */
    private long ringBytesForFragments(final long total)
    {
        final int firstBody = maxRecordLength - MessageRecord.BEGIN_FRAMES_OFFSET;
        final int nextBody = maxRecordLength - MessageRecord.FRAMES_OFFSET;
        final long fragments = 1 + (total - firstBody + nextBody - 1) / nextBody;
        return (fragments + 1) * fragmentRingBytes;
    }

    private long writeFragments(
        final long peerId,
        final DirectBuffer prefix,
        final int prefixOffset,
        final int prefixLength,
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final RoomWait wait)
    {
        final long total = (long)prefixLength + length;
        final long needed = ringBytesForFragments(total);
        final boolean streams = needed > ring.capacity();
        if (streams && wait == null)
        {
            return SendResult.MESSAGE_EXCEEDS_HWM;
        }
        if (!streams && ring.capacity() - ring.size() < needed)
        {
            return SendResult.BACK_PRESSURED; // all or nothing; the free space only grows until we write
        }
        long bytes;
        while ((bytes = fragments.write(peerId, prefix, prefixOffset, prefixLength, buffer, offset, length)) ==
            FragmentWriter.INCOMPLETE)
        {
            if (fragments.written() == 0)
            {
                return SendResult.BACK_PRESSURED; // nothing written yet: refused like any full-ring offer
            }
            if (!awaitRoom(wait))
            {
                return SendResult.CLOSED;
            }
        }
        return bytes;
    }

    /** Wait for room mid-message; a message given up (closed, or the wait threw) is forgotten. */
    private boolean awaitRoom(final RoomWait wait)
    {
        boolean waited = false;
        wake.wakeAgent(); // the fragments committed so far make the room: a sleeping agent must drain them
        try
        {
            waited = wait.awaitRoom();
            return waited;
        }
        finally
        {
            if (!waited)
            {
                fragments.reset(); // the next message must begin afresh, not continue this one
            }
        }
    }
}
