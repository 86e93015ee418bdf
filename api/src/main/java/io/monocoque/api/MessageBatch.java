package io.monocoque.api;

import io.monocoque.codec.frame.FrameDescriptor;
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
        arrays[tail] = null;
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
        buffers[tail] = null;
        arrays[tail] = body;
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
        return this;
    }

    /** The caller's buffers of frames {@code [from, to)} are not kept reachable once taken or cleared. */
    private void release(final int from, final int to)
    {
        Arrays.fill(buffers, from, to, null);
        Arrays.fill(arrays, from, to, null);
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

    /** @return body length of a frame. */
    int frameLength(final int frame)
    {
        return lengths[frame];
    }

    /** @return whether a frame has MORE set. */
    boolean frameHasMore(final int frame)
    {
        return more[frame];
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
     * Copy a frame's body into {@code target}.
     *
     * @param frame  the frame.
     * @param target where it goes.
     * @param index  at which byte.
     */
    void copyBody(final int frame, final MutableDirectBuffer target, final int index)
    {
        final byte[] array = arrays[frame];
        if (array != null)
        {
            target.putBytes(index, array, 0, lengths[frame]);
        }
        else
        {
            target.putBytes(index, buffers[frame], offsets[frame], lengths[frame]);
        }
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
        }
    }
}
