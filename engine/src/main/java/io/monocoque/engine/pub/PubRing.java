package io.monocoque.engine.pub;

import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.EventPoller;
import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import io.monocoque.codec.frame.FrameDescriptor;
import io.monocoque.codec.frame.FrameEncoder;
import io.monocoque.engine.shared.RoomWait;
import org.agrona.BitUtil;
import org.agrona.BufferUtil;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The publisher's ring: each published message is written once, and every fan-out worker reads it from there.
 * Sequencing is an LMAX Disruptor {@code RingBuffer<PubEvent>} (single producer, pre-allocated events, one gating
 * sequence per worker's {@link EventPoller}); the bytes live in an off-heap data buffer of {@code capacity} bytes
 * beside it, each message contiguous (a message that would straddle the end starts again at offset 0, the skipped
 * tail counting as used). A slot and its bytes are free once every worker's sequence has passed the slot.
 * <pre>
 *   events:  [ e(n) | e(n+1) | ... ]       e = {position, length, topicOffset, topicLength}
 *   data:    |.. free ..|msg n|msg n+1|...|  position &amp; (capacity - 1) = offset in the buffer
 * </pre>
 * A message larger than an eighth of the ring is published as consecutive fragments (begin, middle..., end) of that
 * size; the begin fragment's event carries the whole length and the topic, as far as the fragment holds it.
 * So the ring's capacity in bytes is the publisher's high-water mark: when the workers are behind (not when a
 * subscriber is slow: that subscriber is dropped for), {@link #offer} returns {@link #BACK_PRESSURED}.
 * <p>
 * Threads: {@link #offer} from the one application thread that owns the socket (it uses {@code tryNext}, never the
 * blocking {@code next()}); {@link #newPoller()} at set-up; the workers read events and data through their pollers.
 */
public final class PubRing
{
    /** {@link #offer} result when the ring is full; the same value as the API's {@code SendResult.BACK_PRESSURED}. */
    public static final long BACK_PRESSURED = -2;
    /** {@link #offer} result when a streaming wait gave a message up part-way; the API's {@code SendResult.CLOSED}. */
    public static final long GIVEN_UP = -4;
    /** {@link #offer} result for a message the ring can never hold at once; {@code SendResult.MESSAGE_EXCEEDS_HWM}. */
    public static final long EXCEEDS_RING = -6;
    /** {@link #offerFrame} / {@link #offerFrames}: too large for one slot; take the encoded path. */
    public static final long NOT_DIRECT = Long.MIN_VALUE;
    /** Smallest data capacity. */
    public static final int MIN_CAPACITY = 4096;
    /** Average message size the number of event slots is sized for: slots = capacity / this. */
    private static final int BYTES_PER_SLOT = 32;
    private static final int MIN_SLOTS = 64;

    private final RingBuffer<PubEvent> events;
    private final ByteBuffer memory;
    private final UnsafeBuffer data;
    private final int capacity;
    private final int mask;
    private final int maxMessageLength;
    /** Where the last {@link #claim} placed its bytes; the application thread's. */
    private long claimedStart;
    private long tail;
    private long cachedHead;

    /**
     * Create a ring.
     *
     * @param capacityBytes requested data capacity; rounded up to a power of two, at least {@link #MIN_CAPACITY}.
     */
    public PubRing(final long capacityBytes)
    {
        if (capacityBytes <= 0 || capacityBytes > (1 << 30))
        {
            throw new IllegalArgumentException("publisher ring must be 1..1 GiB: " + capacityBytes);
        }
        this.capacity = Math.max(MIN_CAPACITY, BitUtil.findNextPositivePowerOfTwo((int)capacityBytes));
        this.mask = capacity - 1;
        this.maxMessageLength = capacity >> 3; // the same rule as the other rings: a message is at most 1/8
        this.memory = ByteBuffer.allocateDirect(capacity).order(ByteOrder.LITTLE_ENDIAN);
        this.data = new UnsafeBuffer(memory);
        // Workers poll (EventPoller), they never wait on the Disruptor. Its default BlockingWaitStrategy would take
        // a lock and notifyAll on every publish; BusySpinWaitStrategy's signal is a no-op.
        this.events = RingBuffer.createSingleProducer(
            PubEvent::new, Math.max(MIN_SLOTS, capacity / BYTES_PER_SLOT), new BusySpinWaitStrategy());
    }

    /**
     * Publish one message (its frames in ZMTP encoding) to every worker, all or nothing. Never blocks, never
     * allocates. A message larger than {@link #maxMessageLength()} is published as fragments, all at once.
     * Application thread only.
     *
     * @param buffer holds the encoded frames.
     * @param offset first frame header.
     * @param length encoded length.
     * @return {@code length} when published, {@link #BACK_PRESSURED} if the workers have not consumed enough, or
     * {@link #EXCEEDS_RING} for a message the ring can never hold at once.
     */
    public long offer(final DirectBuffer buffer, final int offset, final int length)
    {
        return offer(buffer, offset, length, null);
    }

    /**
     * Publish one message; a message the ring cannot hold at once streams in as fragments, waiting for the workers
     * between them when a {@code wait} is given. Never allocates. Application thread only.
     *
     * @param buffer holds the encoded frames.
     * @param offset first frame header.
     * @param length encoded length.
     * @param wait   null for all or nothing; otherwise how to wait for room between fragments.
     * @return {@code length} when published, {@link #BACK_PRESSURED} if nothing was published, {@link #GIVEN_UP}
     * if the wait gave the message up part-way (the workers drop what they had of it), or {@link #EXCEEDS_RING}.
     */
    public long offer(final DirectBuffer buffer, final int offset, final int length, final RoomWait wait)
    {
        final int topicOffset = FrameDescriptor.bodyOffset(buffer, offset) - offset;
        final long topicLength = FrameDescriptor.bodyLength(buffer, offset);
        if (length <= maxMessageLength)
        {
            return publish(PubEvent.WHOLE, buffer, offset, length, length, topicOffset, (int)topicLength) ?
                length : BACK_PRESSURED;
        }
        // Fragments of maxMessageLength bytes each; placing them may skip at most one wrap's tail.
        final boolean streams = (long)length + maxMessageLength > capacity;
        if (streams && wait == null)
        {
            return EXCEEDS_RING;
        }
        if (!streams && !hasRoomFor(length, (length + maxMessageLength - 1) / maxMessageLength))
        {
            return BACK_PRESSURED;
        }
        int done = 0;
        while (done < length)
        {
            final int bytes = Math.min(maxMessageLength, length - done);
            final int kind = done == 0 ? PubEvent.BEGIN : done + bytes == length ? PubEvent.END : PubEvent.MIDDLE;
            if (publish(kind, buffer, offset + done, bytes, length, topicOffset,
                (int)Math.min(topicLength, bytes - topicOffset)))
            {
                done += bytes;
            }
            else if (done == 0)
            {
                return BACK_PRESSURED;
            }
            else if (!wait.awaitRoom())
            {
                return GIVEN_UP;
            }
        }
        return length;
    }

    /**
     * Whether a message of up to {@link #maxMessageLength()} bytes would be published now, wherever the ring wraps
     * (a poller's POLLOUT). Application thread only, like {@link #offer}.
     *
     * @return true if the workers have left room for one more whole message.
     */
    public boolean hasRoomForMessage()
    {
        return hasRoomFor(maxMessageLength, 1);
    }

    private boolean hasRoomFor(final int length, final int slots)
    {
        return fitsBefore(tail + length + maxMessageLength) && events.hasAvailableCapacity(slots);
    }

    /**
     * Whether the data up to position {@code end} fits without overwriting what a worker has not read. The head only
     * moves forward, so a stale one is a safe lower bound: look at the workers' sequences (volatile reads of other
     * threads' lines) only when it does not fit against the cached one.
     */
    private boolean fitsBefore(final long end)
    {
        if (end - cachedHead > capacity)
        {
            cachedHead = head();
            return end - cachedHead <= capacity;
        }
        return true;
    }

    private boolean publish(
        final int kind,
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final long totalLength,
        final int topicOffset,
        final int topicLength)
    {
        final long sequence = claim(length);
        if (sequence < 0)
        {
            return false;
        }
        data.putBytes((int)(claimedStart & mask), buffer, offset, length);
        commit(sequence, kind, length, totalLength, topicOffset, topicLength);
        return true;
    }

    /**
     * Claim {@code length} contiguous bytes of the data ring (at {@link #claimedStart}) and one event.
     *
     * @return the event's sequence, or -1 if the workers have not left room.
     */
    private long claim(final int length)
    {
        final long start = place(length);
        if (start < 0)
        {
            return -1;
        }
        try
        {
            final long sequence = events.tryNext();
            claimedStart = start;
            return sequence;
        }
        catch (final InsufficientCapacityException ex)
        {
            return -1; // a singleton without a stack trace: no garbage
        }
    }

    /**
     * Where a message of {@code length} bytes would go (contiguous: at the tail, or at the start of the next lap if
     * it would straddle the end), if its bytes and one event slot are free; otherwise -1.
     */
    private long place(final int length)
    {
        final int index = (int)(tail & mask);
        final long start = index + length > capacity ? tail + (capacity - index) : tail;
        if (!fitsBefore(start + length) || !events.hasAvailableCapacity(1))
        {
            return -1;
        }
        return start;
    }

    /**
     * Reserve room for one whole message of {@code length} encoded bytes that the caller writes in place in
     * {@link #data()} ({@code tryClaim}); {@link #publishClaimed} publishes it, and a claim given up is simply not
     * published (nothing was taken: the tail has not moved). The room stays free until then, since only the
     * workers move the head, and only forward. Application thread only; nothing else is offered in between.
     *
     * @param length encoded length, every frame header included.
     * @return the message's offset in {@link #data()}, {@link #BACK_PRESSURED}, or {@link #NOT_DIRECT} for a
     * message larger than one slot.
     */
    public long claimInPlace(final int length)
    {
        if (length > maxMessageLength)
        {
            return NOT_DIRECT;
        }
        final long start = place(length);
        if (start < 0)
        {
            return BACK_PRESSURED;
        }
        claimedStart = start;
        return (int)(start & mask);
    }

    /**
     * Publish the message {@link #claimInPlace} reserved, now written. Application thread only.
     *
     * @param length      its encoded length, as claimed.
     * @param topicOffset where its topic (the first frame's body) starts, from the message's start.
     * @param topicLength the topic's length.
     */
    public void publishClaimed(final int length, final int topicOffset, final int topicLength)
    {
        // The slot claimInPlace saw free is still free (the workers only free slots), so next() does not wait.
        commit(events.next(), PubEvent.WHOLE, length, length, topicOffset, topicLength);
    }

    /** Publish the claimed event once its bytes are written at {@link #claimedStart}. */
    private void commit(
        final long sequence,
        final int kind,
        final int length,
        final long totalLength,
        final int topicOffset,
        final int topicLength)
    {
        final PubEvent event = events.get(sequence);
        event.position = claimedStart;
        event.length = length;
        event.kind = kind;
        event.totalLength = totalLength;
        event.topicOffset = topicOffset;
        event.topicLength = topicLength;
        events.publish(sequence);
        tail = claimedStart + length;
    }

    /**
     * Publish a single-frame message given as its body: the frame header is encoded straight into the ring and the
     * body copied once. Application thread only.
     *
     * @param body   holds the frame body (the topic is its start).
     * @param offset first byte.
     * @param length body length.
     * @return the encoded length when published, {@link #BACK_PRESSURED}, or {@link #NOT_DIRECT} for a message
     * larger than one slot (encode it and {@link #offer} it, which fragments it).
     */
    public long offerFrame(final DirectBuffer body, final int offset, final int length)
    {
        final int encoded = FrameDescriptor.frameLength(length);
        if (length > maxMessageLength || encoded > maxMessageLength)
        {
            return NOT_DIRECT;
        }
        final long sequence = claim(encoded);
        if (sequence < 0)
        {
            return BACK_PRESSURED;
        }
        FrameEncoder.encodeFrame(data, (int)(claimedStart & mask), false, body, offset, length);
        commit(sequence, PubEvent.WHOLE, encoded, encoded, FrameDescriptor.headerLength(length), length);
        return encoded;
    }

    /**
     * Publish a message given as byte-array frames: headers encoded straight into the ring, bodies copied once.
     * Application thread only.
     *
     * @param frames the frames (the topic is the start of the first), at least one.
     * @return the encoded length when published, {@link #BACK_PRESSURED}, or {@link #NOT_DIRECT} for a message
     * larger than one slot.
     */
    public long offerFrames(final byte[][] frames)
    {
        final long total = FrameDescriptor.encodedLength(frames, 0);
        if (total > maxMessageLength)
        {
            return NOT_DIRECT;
        }
        final int encoded = (int)total;
        final long sequence = claim(encoded);
        if (sequence < 0)
        {
            return BACK_PRESSURED;
        }
        FrameEncoder.encodeFrames(data, (int)(claimedStart & mask), frames, 0);
        final int topicOffset = FrameDescriptor.headerLength(frames[0].length);
        commit(sequence, PubEvent.WHOLE, encoded, encoded, topicOffset, frames[0].length);
        return encoded;
    }

    /** Position of the oldest message some worker has not consumed, or the tail when all are consumed. */
    private long head()
    {
        final long cursor = events.getCursor();
        final long slowest = events.getMinimumGatingSequence();
        return slowest < cursor ? events.get(slowest + 1).position : tail;
    }

    /**
     * A poller for one worker, its sequence registered as a gating sequence so the publisher never overwrites what
     * the worker has not read. Before the first {@link #offer}, or on the engine agent thread while the publisher
     * runs (a worker replacing a dead one): the new sequence starts at the cursor, so it gates only what is
     * published after it joined, as a Disruptor consumer added at run time does.
     *
     * @return the poller.
     */
    public EventPoller<PubEvent> newPoller()
    {
        final EventPoller<PubEvent> poller = events.newPoller();
        poller.getSequence().set(events.getCursor());
        events.addGatingSequences(poller.getSequence());
        return poller;
    }

    /**
     * Stop gating the publisher on a poller's sequence: its worker died, and what it has not read must not hold the
     * ring. Engine agent thread, after the worker's thread has terminated (Disruptor removes gating sequences safely
     * while the publisher runs).
     *
     * @param poller a poller from {@link #newPoller()}.
     */
    public void removePoller(final EventPoller<PubEvent> poller)
    {
        events.removeGatingSequence(poller.getSequence());
    }

    /**
     * The last published sequence (acquire read).
     *
     * @return the cursor, -1 before the first message.
     */
    public long cursor()
    {
        return events.getCursor();
    }

    /**
     * Whether every worker has consumed every published message.
     *
     * @return true when the ring is empty.
     */
    public boolean isConsumed()
    {
        return events.getMinimumGatingSequence() >= events.getCursor();
    }

    /**
     * The data buffer (workers read messages from it; a {@link #claimInPlace} claim is written in it).
     *
     * @return the buffer.
     */
    public UnsafeBuffer data()
    {
        return data;
    }

    /**
     * Offset in {@link #data()} of a message at a position.
     *
     * @param position an event's position.
     * @return the buffer offset.
     */
    int offsetOf(final long position)
    {
        return (int)(position & mask);
    }

    /**
     * Data capacity in bytes (the publisher's high-water mark).
     *
     * @return the capacity.
     */
    public int capacity()
    {
        return capacity;
    }

    /**
     * Largest message published whole in one slot; larger ones go as fragments of this size.
     *
     * @return encoded bytes.
     */
    public int maxMessageLength()
    {
        return maxMessageLength;
    }

    /**
     * Number of event slots.
     *
     * @return the Disruptor ring size.
     */
    public int slots()
    {
        return events.getBufferSize();
    }

    /**
     * Free the off-heap data; nothing may use the ring afterwards.
     */
    public void free()
    {
        BufferUtil.free(memory);
    }
}
