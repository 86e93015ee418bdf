package io.monocoque.api;

import io.monocoque.codec.frame.FrameCursor;
import org.agrona.DirectBuffer;

/**
 * A zero-copy view of one received message, handed to a {@link MessageHandler}: walk its frames with
 * {@link #next()} and read each body in place as {@code buffer(), offset(), length()}. The view points into the
 * socket's receive ring and is valid only during the handler call; copy what must outlive it.
 * <p>
 * Reused for every message; owned by the receiving application thread.
 */
public final class MessageView
{
    private final FrameCursor cursor = new FrameCursor();
    private final FrameCursor counter = new FrameCursor(); // counts frames without moving the current one
    private DirectBuffer buffer;
    private int encodedOffset;
    private int encodedLength;
    private int frameCount = -1;

    void wrap(final DirectBuffer buffer, final int offset, final int length)
    {
        this.buffer = buffer;
        this.encodedOffset = offset;
        this.encodedLength = length;
        this.frameCount = -1;
        cursor.wrap(buffer, offset, length);
    }

    /**
     * Move to the next frame.
     *
     * @return true if there is one.
     */
    public boolean next()
    {
        return cursor.next();
    }

    /**
     * Go back before the first frame.
     *
     * @return this.
     */
    public MessageView rewind()
    {
        cursor.wrap(buffer, encodedOffset, encodedLength);
        return this;
    }

    /**
     * Buffer holding the message.
     *
     * @return the buffer.
     */
    public DirectBuffer buffer()
    {
        return buffer;
    }

    /**
     * Offset of the current frame's body.
     *
     * @return the offset in {@link #buffer()}.
     */
    public int offset()
    {
        return cursor.bodyOffset();
    }

    /**
     * Length of the current frame's body.
     *
     * @return bytes.
     */
    public int length()
    {
        return cursor.bodyLength();
    }

    /**
     * Whether frames follow the current one.
     *
     * @return true if more frames follow.
     */
    public boolean hasMore()
    {
        return cursor.hasMore();
    }

    /**
     * Index of the current frame.
     *
     * @return zero-based index, -1 before the first {@link #next()}.
     */
    public int index()
    {
        return cursor.index();
    }

    /**
     * Number of frames (counts them on first call, without moving the current frame).
     *
     * @return the count.
     */
    public int frameCount()
    {
        if (frameCount < 0)
        {
            int count = 0;
            counter.wrap(buffer, encodedOffset, encodedLength);
            while (counter.next())
            {
                count++;
            }
            frameCount = count;
        }
        return frameCount;
    }

    /**
     * Current frame as a UTF-8 string (allocates).
     *
     * @return the text.
     */
    public String string()
    {
        final byte[] bytes = new byte[length()];
        buffer.getBytes(offset(), bytes);
        return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * Offset of the whole message in ZMTP encoding (for forwarding it as is).
     *
     * @return the offset in {@link #buffer()}.
     */
    public int encodedOffset()
    {
        return encodedOffset;
    }

    /**
     * Length of the whole message in ZMTP encoding.
     *
     * @return bytes.
     */
    public int encodedLength()
    {
        return encodedLength;
    }
}
