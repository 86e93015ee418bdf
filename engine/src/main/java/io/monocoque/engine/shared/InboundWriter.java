package io.monocoque.engine.shared;

import io.monocoque.codec.frame.FrameDescriptor;
import io.monocoque.codec.frame.FrameEncoder;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;

import java.nio.ByteBuffer;

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
 * routing id); REQ and ROUTER deliver this way, and so does every socket for a message no record can hold.
 * <p>
 * <b>Hand-offs.</b> A message (with its prefix frame) larger than one record is first offered to a hand-off
 * ({@link HandOffWriter}): if the connection's owner offered its read buffer for this read and a slot is free, the
 * buffer itself goes to the reader, named in one record, and the message is not copied at all. A batch of at least
 * {@value #MIN_LENT_BATCH} bytes is offered the same way when it ends, so that a stream's reads reach the
 * application with no copy in user space; with every slot lent, batches are copied into the ring as before.
 * <p>
 * <b>Fragments.</b> Otherwise such a message is written as a run of fragment
 * records ({@link MessageRecord#MSG_TYPE_FRAGMENT_BEGIN} ... {@link MessageRecord#MSG_TYPE_FRAGMENT_END}), as many
 * as the ring has room for per call. The message stays unconsumed in its connection's read buffer until the end
 * fragment is written: {@link #deliver} returns {@link #RING_FULL} with the progress kept here, the connection
 * offers the same message again when it retries, and the writer resumes where it stopped (it checks the peer id and
 * the length). At most one fragmented message is in progress per ring, so fragments stay consecutive: while one is,
 * every other delivery and batch is refused as if the ring were full (TCP back-pressure; those connections retry).
 * When the connection carrying it closes, or its pattern drops the message on a retry, {@link #abandon} frees the
 * ring for the others; the reader drops the partial message when the next record is not its continuation.
 * <p>
 * Owned by the engine agent thread (the ring's only producer).
 */
public final class InboundWriter
{
    /** {@link #deliver} result: the message is in the ring. */
    public static final int DELIVERED = 0;
    /** {@link #deliver} result: no room now; offer it again later. */
    public static final int RING_FULL = 1;
    /** No fragmented message is in progress. */
    private static final long NO_PEER = MessageRecord.ANY_PEER;

    /** Largest prefix frame: a routing id of up to 255 bytes behind a short header. */
    private static final int MAX_PREFIX_FRAME = FrameDescriptor.SHORT_HEADER_LENGTH + 255;
    /** Ring record header plus worst-case alignment and the 8 bytes Agrona keeps free: not usable by a batch. */
    private static final int RECORD_OVERHEAD = 32;
    /**
     * Smallest batch lent rather than copied: below it, the copy costs less than moving the connection to another
     * read buffer (and keeping a slot from the next large message).
     */
    static final int MIN_LENT_BATCH = 16 * 1024;
    /** {@link #fullAtHead}: no delivery has been refused for room since the last retry could succeed. */
    private static final long NOT_FULL = -1;

    private final OneToOneRingBuffer ring;
    /**
     * The reader's position when a delivery was last refused for want of room, or {@link #NOT_FULL}: until the reader
     * moves on from there the ring has no more room than it had, so a blocked connection need not decode its bytes
     * again only to be refused ({@link #mayHaveRoom()}).
     */
    private long fullAtHead = NOT_FULL;
    private final int maxRecord;
    private final UnsafeBuffer prefixView = new UnsafeBuffer(0, 0);
    /** The prefix frame of a fragmented message, encoded, so fragments can be cut anywhere in it. */
    private final UnsafeBuffer prefixFrame = new UnsafeBuffer(new byte[MAX_PREFIX_FRAME]);
    private final FragmentWriter fragments;
    private final HandOffSlots slots;
    private final HandOffWriter handOff;
    private long fragmentPeerId = NO_PEER;
    private long fragmentTotal;
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
        this(ring, new HandOffSlots(HandOffSlots.DEFAULT_COUNT));
    }

    /**
     * Write into a receive ring, lending large messages' read buffers through {@code slots}.
     *
     * @param ring  the socket's receive ring.
     * @param slots the slots its reader takes lent buffers from.
     */
    public InboundWriter(final OneToOneRingBuffer ring, final HandOffSlots slots)
    {
        this.ring = ring;
        this.maxRecord = ring.maxMsgLength();
        this.fragments = new FragmentWriter(ring);
        this.slots = slots;
        this.handOff = new HandOffWriter(ring, slots);
    }

    /**
     * The slots this writer lends read buffers through, for the ring's reader.
     *
     * @return the slots.
     */
    public HandOffSlots handOffSlots()
    {
        return slots;
    }

    /**
     * Before a connection decodes what it read: whether a message too large for a record may be delivered by lending
     * the read buffer it lies in (see {@link HandOffSlots}) rather than as fragments.
     *
     * @param readView the connection's whole read buffer, which it will not write again before it reads into the
     *                 buffer {@link #takeReadBufferReplacement()} gives; or null if it may not be lent (it already is).
     */
    public void offerReadBuffer(final MutableDirectBuffer readView)
    {
        handOff.offer(readView);
    }

    /**
     * After a delivery: if it lent the connection's read buffer, the buffer the connection reads into from now on.
     *
     * @return the replacement, or null if nothing was lent.
     */
    public ByteBuffer takeReadBufferReplacement()
    {
        return handOff.takeReplacement();
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
     * Add a message to the open batch, opening one if none is. A message larger than {@link #maxMessageLength}(0) is
     * never batched: the caller delivers it on its own ({@link #deliver}), which fragments it. While a fragmented
     * message is in progress no batch opens (the ring is "full" for everyone else).
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
            if (fragmentPeerId != NO_PEER)
            {
                return false; // another message's fragments must stay consecutive: back-pressure
            }
            batchLimit = newBatchLimit();
            if (length > batchLimit)
            {
                refusedForRoom();
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
     * How many more encoded bytes {@link #addToBatch} would take now: what the open batch has left, or what a new
     * one could hold in the ring's free space; 0 while a fragmented message keeps the ring for itself. A connection
     * hands over that many bytes of consecutive messages in one call instead of one call each.
     *
     * @return bytes.
     */
    public int batchRoom()
    {
        if (batchLength > 0)
        {
            return batchLimit - batchLength;
        }
        if (fragmentPeerId != NO_PEER)
        {
            return 0;
        }
        return Math.max(0, newBatchLimit());
    }

    /**
     * Encoded bytes a batch opened now may hold: a record's worth, or what the ring has free. The free space can only
     * grow until the batch is claimed, since only this writer produces. Negative when not even a record header fits.
     */
    private int newBatchLimit()
    {
        final int free = ring.capacity() - ring.size() - RECORD_OVERHEAD;
        return Math.min(maxRecord, free) - MessageRecord.FRAMES_OFFSET;
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
        if (length >= MIN_LENT_BATCH)
        {
            // A large batch goes to the reader where it lies, as a large message does: no copy into the ring.
            final int lent = handOff.deliver(peerId, null, 0, batchBuffer, batchOffset, length);
            if (lent == DELIVERED)
            {
                return 0;
            }
            if (lent == RING_FULL)
            {
                refusedForRoom();
                return length;
            }
        }
        final int index = ring.tryClaim(MessageRecord.MSG_TYPE_MESSAGE, MessageRecord.FRAMES_OFFSET + length);
        if (index == RingBuffer.INSUFFICIENT_CAPACITY)
        {
            refusedForRoom();
            return length;
        }
        final AtomicBuffer record = ring.buffer();
        record.putLong(index + MessageRecord.PEER_ID_OFFSET, peerId);
        record.putBytes(index + MessageRecord.FRAMES_OFFSET, batchBuffer, batchOffset, length);
        ring.commit(index);
        return 0;
    }

    /**
     * Write one message as its own record, optionally after a frame holding {@code prefix} (with MORE set), or, if
     * no record can hold it, as fragment records (see the class comment: a {@link #RING_FULL} part-way keeps the
     * progress, and the same message offered again by the same peer resumes it).
     *
     * @param peerId the connection it came from.
     * @param prefix body of a frame to put in front (ROUTER's routing id, at most 255 bytes), or null for none.
     * @param buffer holds the encoded message.
     * @param offset first frame header.
     * @param length encoded length.
     * @return {@link #DELIVERED} once the whole message is in the ring, or {@link #RING_FULL}: offer it again later.
     */
    public int deliver(
        final long peerId, final byte[] prefix, final DirectBuffer buffer, final int offset, final int length)
    {
        final int prefixLength = prefix == null ? 0 : FrameDescriptor.frameLength(prefix.length);
        final long recordLength = (long)MessageRecord.FRAMES_OFFSET + prefixLength + length;
        if (fragmentPeerId != NO_PEER && fragmentPeerId != peerId)
        {
            return RING_FULL; // another connection's message is half written: its fragments stay consecutive
        }
        if (recordLength > maxRecord && fragmentPeerId == NO_PEER)
        {
            final int lent = handOff.deliver(peerId, prefix, prefixLength, buffer, offset, length);
            if (lent != HandOffWriter.NOT_LENT)
            {
                return lent;
            }
        }
        if (recordLength > maxRecord || fragmentPeerId == peerId)
        {
            return deliverFragments(peerId, prefix, prefixLength, buffer, offset, length);
        }
        final int index = ring.tryClaim(MessageRecord.MSG_TYPE_MESSAGE, (int)recordLength);
        if (index == RingBuffer.INSUFFICIENT_CAPACITY)
        {
            refusedForRoom();
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

    /**
     * Whether a fragmented message is part-way written.
     *
     * @return true between its first fragment and its last (or {@link #abandon}).
     */
    public boolean isFragmenting()
    {
        return fragmentPeerId != NO_PEER;
    }

    /**
     * Give up the fragmented message in progress from {@code peerId}, if there is one: its connection closed, or
     * will not offer that message again. Other connections may deliver again; the reader drops the fragments already
     * written when the next record is not their continuation.
     *
     * @param peerId the connection.
     */
    public void abandon(final long peerId)
    {
        if (fragmentPeerId == peerId)
        {
            fragmentPeerId = NO_PEER;
            fragments.reset();
            fullAtHead = NOT_FULL; // the others were refused to keep fragments consecutive: let them try again
        }
    }

    /** A delivery found no room: until the reader moves from here, none will ({@link #mayHaveRoom()}). */
    private void refusedForRoom()
    {
        fullAtHead = ring.consumerPosition();
    }

    /**
     * Whether a connection blocked on this ring may now get its bytes in: no delivery was refused for room, or the
     * reader has consumed since. Cheap (one volatile read), so the owner asks it before retrying, instead of every
     * blocked connection decoding its read buffer each duty cycle only to be refused again.
     *
     * @return false only while the ring certainly has no more room than at the last refusal.
     */
    public boolean mayHaveRoom()
    {
        return fullAtHead == NOT_FULL || ring.consumerPosition() != fullAtHead;
    }

    private int deliverFragments(
        final long peerId,
        final byte[] prefix,
        final int prefixLength,
        final DirectBuffer buffer,
        final int offset,
        final int length)
    {
        final long total = (long)prefixLength + length;
        if (fragmentPeerId == peerId && fragmentTotal != total)
        {
            // Not the message we were writing (it cannot happen with a well-behaved caller): start this one afresh;
            // its begin fragment tells the reader to drop the partial one.
            fragmentPeerId = NO_PEER;
        }
        if (fragmentPeerId == NO_PEER)
        {
            fragmentPeerId = peerId;
            fragmentTotal = total;
            fragments.reset();
        }
        if (prefix != null)
        {
            prefixView.wrap(prefix);
            FrameEncoder.encodeFrame(prefixFrame, 0, true, prefixView, 0, prefix.length);
        }
        if (fragments.write(peerId, prefixFrame, 0, prefixLength, buffer, offset, length) == FragmentWriter.INCOMPLETE)
        {
            refusedForRoom();
            return RING_FULL; // progress kept: the connection offers the same message again
        }
        fragmentPeerId = NO_PEER;
        return DELIVERED;
    }
}
