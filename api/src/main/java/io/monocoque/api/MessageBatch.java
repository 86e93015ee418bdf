package io.monocoque.api;

import io.monocoque.codec.frame.FrameDescriptor;
import io.monocoque.codec.frame.FrameEncoder;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.util.Arrays;

/**
 * Many messages handed to {@link Socket#offer(MessageBatch)} or {@link Socket#send(MessageBatch)} at once, so that a
 * DEALER, PUSH or PAIR socket claims send-ring space for several of them in one record (one claim, one commit, one
 * wake of the engine, and a record the engine writes to the kernel in one piece) instead of one record each.
 * <p>
 * A batch holds <em>references</em> to the caller's frames, not copies: the bytes are copied once, from the caller's
 * buffers or arrays straight into the send ring, when the batch is offered. So the caller must leave the bytes of
 * every frame it added unchanged until the offer that takes that message has returned. Messages are taken from the
 * front in order, whole: a multipart message (frames added with {@code more} set, ending with one without) is taken
 * only once its last frame is in. What an offer took is gone from the batch, so offering the same batch again
 * continues with the rest, and a batch that has been taken entirely is empty again.
 * <p>
 * Allocates nothing after construction: the frame table is sized once ({@link #MessageBatch(int)}).
 * <p>
 * Owned by one application thread, like the socket it is offered to.
 */
public final class MessageBatch
{
    /** Frames a batch made with {@link #MessageBatch()} holds. */
    public static final int DEFAULT_MAX_FRAMES = 1024;

    private final DirectBuffer[] buffers;
    private final byte[][] arrays;
    private final int[] offsets;
    private final int[] lengths;
    private final boolean[] more;
    /** Index of the first frame not yet taken. */
    private int head;
    /** Frames added. */
    private int tail;
    /** Frames up to here belong to whole messages (the last one added without {@code more}). */
    private int completeTail;
    private int messages;
    /** Whether a frame given as an {@link DirectBuffer} / a byte array may still be referenced: clear only those. */
    private boolean holdsBuffers;
    private boolean holdsArrays;
    /** Encoded bytes of the run the last {@link #scan} found. */
    private long scannedEncoded;
    /** Messages in the run the last {@link #scan} found. */
    private int scannedMessages;

    /** Create a batch of up to {@link #DEFAULT_MAX_FRAMES} frames. */
    public MessageBatch()
    {
        this(DEFAULT_MAX_FRAMES);
    }

    /**
     * Create a batch.
     *
     * @param maxFrames most frames it holds at once (single-frame messages: most messages).
     */
    public MessageBatch(final int maxFrames)
    {
        if (maxFrames < 1)
        {
            throw new IllegalArgumentException("a batch holds at least one frame: " + maxFrames);
        }
        buffers = new DirectBuffer[maxFrames];
        arrays = new byte[maxFrames][];
        offsets = new int[maxFrames];
        lengths = new int[maxFrames];
        more = new boolean[maxFrames];
    }

    /**
     * Add a single-frame message, by reference.
     *
     * @param buffer holds the frame body; left unchanged until the offer that takes it returns.
     * @param offset first byte.
     * @param length body length.
     * @return false if the batch is full (nothing added: offer it first).
     */
    public boolean add(final DirectBuffer buffer, final int offset, final int length)
    {
        return addFrame(buffer, offset, length, false);
    }

    /**
     * Add a single-frame message, by reference.
     *
     * @param body the frame body; left unchanged until the offer that takes it returns.
     * @return false if the batch is full (nothing added).
     */
    public boolean add(final byte[] body)
    {
        return addFrame(body, false);
    }

    /**
     * Add one frame of a message, by reference; {@code more} says another frame of the same message follows.
     *
     * @param buffer holds the frame body.
     * @param offset first byte.
     * @param length body length.
     * @param more   true for every frame but a message's last.
     * @return false if the batch is full (nothing added).
     */
    public boolean addFrame(final DirectBuffer buffer, final int offset, final int length, final boolean more)
    {
        if (offset < 0 || length < 0 || (long)offset + length > buffer.capacity())
        {
            throw new IndexOutOfBoundsException("frame [" + offset + ", " + offset + "+" + length +
                ") outside a buffer of " + buffer.capacity() + " bytes");
        }
        if (!makeRoom())
        {
            return false;
        }
        buffers[tail] = buffer;
        holdsBuffers = true;
        return appended(offset, length, more);
    }

    /**
     * Add one frame of a message given as an array, by reference.
     *
     * @param body the frame body.
     * @param more true for every frame but a message's last.
     * @return false if the batch is full (nothing added).
     */
    public boolean addFrame(final byte[] body, final boolean more)
    {
        if (!makeRoom())
        {
            return false;
        }
        arrays[tail] = body;
        holdsArrays = true;
        return appended(0, body.length, more);
    }

    private boolean appended(final int offset, final int length, final boolean more)
    {
        offsets[tail] = offset;
        lengths[tail] = length;
        this.more[tail] = more;
        tail++;
        if (!more)
        {
            completeTail = tail;
            messages++;
        }
        return true;
    }

    /** Move what is left to the front when the table is full and some of it was taken; false if still full. */
    private boolean makeRoom()
    {
        if (tail < lengths.length)
        {
            return true;
        }
        if (head == 0)
        {
            return false;
        }
        final int left = tail - head;
        System.arraycopy(buffers, head, buffers, 0, left);
        System.arraycopy(arrays, head, arrays, 0, left);
        System.arraycopy(offsets, head, offsets, 0, left);
        System.arraycopy(lengths, head, lengths, 0, left);
        System.arraycopy(more, head, more, 0, left);
        release(left, tail); // the slots vacated hold copies: a slot refers to one buffer or array, and only its own
        tail -= head;
        completeTail -= head;
        head = 0;
        return true;
    }

    /**
     * Frames that can still be added before the batch is full: check it before adding a multipart message, so a
     * full batch does not end up holding part of one.
     *
     * @return frames.
     */
    public int freeFrames()
    {
        return lengths.length - (tail - head);
    }

    /**
     * Whole messages not yet taken.
     *
     * @return the count.
     */
    public int messageCount()
    {
        return messages;
    }

    /**
     * Whether no whole message is waiting to be taken (a multipart message still missing its last frame may be).
     *
     * @return true if an offer would take nothing.
     */
    public boolean isEmpty()
    {
        return messages == 0;
    }

    /**
     * Forget every frame, taken or not, including a message missing its last frame.
     *
     * @return this batch.
     */
    public MessageBatch clear()
    {
        release(head, tail);
        head = 0;
        tail = 0;
        completeTail = 0;
        messages = 0;
        holdsBuffers = false;
        holdsArrays = false;
        return this;
    }

    /** The caller's buffers of frames {@code [from, to)} are not kept reachable once taken or cleared. */
    private void release(final int from, final int to)
    {
        // A slot holds a buffer or an array, never both (the other is null), so a batch of one kind clears one table.
        if (holdsBuffers)
        {
            Arrays.fill(buffers, from, to, null);
        }
        if (holdsArrays)
        {
            Arrays.fill(arrays, from, to, null);
        }
    }

    // ------------------------------------------------------------------ for the socket's writer

    /** @return index of the first frame of the first message not taken. */
    int head()
    {
        return head;
    }

    /** @return index after the last frame of the last whole message. */
    int completeTail()
    {
        return completeTail;
    }

    /**
     * Index after the last frame of the message that starts at {@code frame}.
     *
     * @param frame a message's first frame, below {@link #completeTail()}.
     * @return its end.
     */
    int messageEnd(final int frame)
    {
        int i = frame;
        while (more[i])
        {
            i++;
        }
        return i + 1;
    }

    /**
     * Encoded length of frames {@code [from, to)}: ZMTP headers and bodies.
     *
     * @return bytes.
     */
    long encodedLength(final int from, final int to)
    {
        long encoded = 0;
        for (int i = from; i < to; i++)
        {
            encoded += FrameDescriptor.frameLength(lengths[i]);
        }
        return encoded;
    }

    /**
     * Body bytes of frames {@code [from, to)}: what {@code maxMsgSize} limits.
     *
     * @return bytes.
     */
    long bodyLength(final int from, final int to)
    {
        long total = 0;
        for (int i = from; i < to; i++)
        {
            total += lengths[i];
        }
        return total;
    }

    /**
     * Find the longest run of whole messages from frame {@code from} that one record takes: at most
     * {@code maxMessages}, {@code maxEncoded} encoded bytes in all, and ending before the first message whose body
     * exceeds {@code maxBody}. One pass over the frame table, so a record of hundreds of small messages is planned
     * without a call per message; {@link #scannedEncoded()} and {@link #scannedMessages()} then describe the run.
     *
     * @param from        a message's first frame, below {@link #completeTail()}.
     * @param maxMessages most messages in the run.
     * @param maxEncoded  most encoded bytes (headers and bodies) in the run.
     * @param maxBody     largest body a message of the run may have (all its frames), or negative for no limit.
     * @return index after the run's last frame; {@code from} if not even the first message qualifies.
     */
    int scan(final int from, final int maxMessages, final long maxEncoded, final long maxBody)
    {
        final int[] lengths = this.lengths;
        final boolean[] more = this.more;
        final int end = completeTail;
        long encoded = 0;
        int count = 0;
        int frame = from;
        while (frame < end && count < maxMessages)
        {
            long messageEncoded = 0;
            long messageBody = 0;
            int next = frame;
            boolean hasMore;
            do
            {
                final int length = lengths[next];
                messageBody += length;
                messageEncoded += FrameDescriptor.frameLength(length);
                hasMore = more[next];
                next++;
            }
            while (hasMore);
            if (encoded + messageEncoded > maxEncoded || (maxBody >= 0 && messageBody > maxBody))
            {
                break;
            }
            encoded += messageEncoded;
            count++;
            frame = next;
        }
        scannedEncoded = encoded;
        scannedMessages = count;
        return frame;
    }

    /** @return encoded bytes of the run the last {@link #scan} found. */
    long scannedEncoded()
    {
        return scannedEncoded;
    }

    /** @return messages in the run the last {@link #scan} found. */
    int scannedMessages()
    {
        return scannedMessages;
    }

    /**
     * Encode frames {@code [from, to)} into {@code target}: each frame's ZMTP header, then a copy of its body.
     *
     * @param from   first frame.
     * @param to     index after the last frame.
     * @param target where they go (a claimed ring record).
     * @param index  at which byte.
     * @return the index after the last byte written.
     */
    int encode(final int from, final int to, final MutableDirectBuffer target, final int index)
    {
        final int[] lengths = this.lengths;
        int position = index;
        for (int i = from; i < to; i++)
        {
            final int length = lengths[i];
            position += FrameEncoder.encodeHeader(target, position, length, more[i], false);
            final byte[] array = arrays[i];
            if (array != null)
            {
                target.putBytes(position, array, 0, length);
            }
            else
            {
                target.putBytes(position, buffers[i], offsets[i], length);
            }
            position += length;
        }
        return position;
    }

    /**
     * Add a frame of this batch to a message (the encoded path, for a message the ring takes as fragments or a
     * pattern that inspects frames).
     *
     * @param frame   the frame.
     * @param message what it is added to.
     */
    void addTo(final int frame, final Message message)
    {
        final byte[] array = arrays[frame];
        if (array != null)
        {
            message.add(array);
        }
        else
        {
            message.add(buffers[frame], offsets[frame], lengths[frame]);
        }
    }

    /**
     * The messages before frame {@code end} were taken: drop them.
     *
     * @param end    index after the last frame taken (a message boundary).
     * @param count  messages taken.
     */
    void taken(final int end, final int count)
    {
        release(head, end);
        head = end;
        messages -= count;
        if (head == tail)
        {
            head = 0;
            tail = 0;
            completeTail = 0;
            holdsBuffers = false;
            holdsArrays = false;
        }
    }
}
