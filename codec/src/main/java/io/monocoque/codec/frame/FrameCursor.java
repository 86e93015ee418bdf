package io.monocoque.codec.frame;

import io.monocoque.codec.ZmtpError;
import io.monocoque.codec.ZmtpProtocolException;
import org.agrona.DirectBuffer;

import java.nio.ByteOrder;

import static io.monocoque.codec.frame.FrameDescriptor.FLAGS_OFFSET;
import static io.monocoque.codec.frame.FrameDescriptor.FLAG_LONG;
import static io.monocoque.codec.frame.FrameDescriptor.LONG_HEADER_LENGTH;
import static io.monocoque.codec.frame.FrameDescriptor.SHORT_HEADER_LENGTH;
import static io.monocoque.codec.frame.FrameDescriptor.SIZE_OFFSET;
import static io.monocoque.codec.frame.FrameDescriptor.bodyLength;
import static io.monocoque.codec.frame.FrameDescriptor.bodyOffset;
import static io.monocoque.codec.frame.FrameDescriptor.headerLength;

/**
 * Reusable flyweight that walks the frames of one ZMTP-encoded message (as handed out by {@link FrameDecoder} or
 * stored in a Monocoque ring) without copying: after each {@link #next()} the current frame's body is the view
 * {@code buffer(), bodyOffset(), bodyLength()}.
 * <p>
 * Owned by one thread; allocation free.
 */
public final class FrameCursor
{
    private DirectBuffer buffer;
    private int limit;
    private int nextFrame;
    private int bodyOffset;
    private int bodyLength;
    private int flags;
    private int index;

    /**
     * Point the cursor at a message.
     *
     * @param buffer holds the message.
     * @param offset first byte of the first frame header.
     * @param length encoded length of the message.
     * @return this cursor.
     */
    public FrameCursor wrap(final DirectBuffer buffer, final int offset, final int length)
    {
        this.buffer = buffer;
        this.limit = offset + length;
        this.nextFrame = offset;
        this.bodyOffset = offset;
        this.bodyLength = 0;
        this.flags = 0;
        this.index = -1;
        return this;
    }

    /**
     * Advance to the next frame.
     *
     * @return true if there is one; false at the end of the message.
     * @throws ZmtpProtocolException if the encoded frames do not fit the wrapped region.
     */
    public boolean next()
    {
        if (nextFrame >= limit)
        {
            return false;
        }
        if (limit - nextFrame < SHORT_HEADER_LENGTH)
        {
            throw truncated();
        }

        flags = buffer.getByte(nextFrame + FLAGS_OFFSET) & 0xFF;
        final int headerLength;
        final long length;
        if ((flags & FLAG_LONG) != 0)
        {
            if (limit - nextFrame < LONG_HEADER_LENGTH)
            {
                throw truncated();
            }
            headerLength = LONG_HEADER_LENGTH;
            length = buffer.getLong(nextFrame + SIZE_OFFSET, ByteOrder.BIG_ENDIAN);
        }
        else
        {
            headerLength = SHORT_HEADER_LENGTH;
            length = buffer.getByte(nextFrame + SIZE_OFFSET) & 0xFF;
        }
        if (length < 0 || length > limit - nextFrame - headerLength)
        {
            throw truncated();
        }

        bodyOffset = nextFrame + headerLength;
        bodyLength = (int)length;
        nextFrame = bodyOffset + bodyLength;
        index++;
        return true;
    }

    private ZmtpProtocolException truncated()
    {
        return new ZmtpProtocolException(ZmtpError.FRAME_TOO_LARGE, ZmtpProtocolException.NO_OFFSET,
            "frame " + (index + 1) + " runs past the end of the message");
    }

    /**
     * Buffer holding the current frame.
     *
     * @return the buffer.
     */
    public DirectBuffer buffer()
    {
        return buffer;
    }

    /**
     * First body byte of the current frame.
     *
     * @return the offset in {@link #buffer()}.
     */
    public int bodyOffset()
    {
        return bodyOffset;
    }

    /**
     * Body length of the current frame.
     *
     * @return the length in bytes.
     */
    public int bodyLength()
    {
        return bodyLength;
    }

    /**
     * Whether the current frame has the MORE flag.
     *
     * @return true if more frames follow in the message.
     */
    public boolean hasMore()
    {
        return FrameDescriptor.hasMore(flags);
    }

    /**
     * Zero-based index of the current frame.
     *
     * @return the index, -1 before the first {@link #next()}.
     */
    public int index()
    {
        return index;
    }

    /**
     * Offset of the byte after the current frame, i.e. where the next frame header starts.
     *
     * @return the offset in {@link #buffer()}.
     */
    public int nextFrameOffset()
    {
        return nextFrame;
    }
}
