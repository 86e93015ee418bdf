package io.monocoque.api;

import io.monocoque.codec.frame.FrameCursor;
import io.monocoque.codec.frame.FrameDescriptor;
import io.monocoque.codec.frame.FrameEncoder;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A reusable multipart message: build it frame by frame and send it, or receive into it. It keeps its frames in
 * ZMTP encoding in one growable buffer, so sending is one copy into the ring and receiving one copy out of it; once
 * its buffer has grown to the largest message seen, reuse allocates nothing.
 * <p>
 * Not thread safe: owned by one application thread.
 */
public final class Message
{
    private static final int INITIAL_CAPACITY = 1024;
    private static final int INITIAL_FRAMES = 8;

    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(INITIAL_CAPACITY);
    private int length;
    private int[] bodyOffsets = new int[INITIAL_FRAMES];
    private int[] bodyLengths = new int[INITIAL_FRAMES];
    private int frameCount;
    private long bodyTotal;
    private int pendingMoreFlag = -1;

    /**
     * Create an empty message.
     */
    public Message()
    {
    }

    /**
     * Create a message from frames (allocates; a convenience).
     *
     * @param frames the frames.
     * @return the message.
     */
    public static Message of(final byte[]... frames)
    {
        final Message message = new Message();
        for (final byte[] frame : frames)
        {
            message.add(frame);
        }
        return message;
    }

    /**
     * Create a message from UTF-8 string frames (allocates; a convenience).
     *
     * @param frames the frames.
     * @return the message.
     */
    public static Message of(final String... frames)
    {
        final Message message = new Message();
        for (final String frame : frames)
        {
            message.add(frame);
        }
        return message;
    }

    /**
     * Remove every frame, keeping the memory for reuse.
     *
     * @return this.
     */
    public Message clear()
    {
        length = 0;
        frameCount = 0;
        bodyTotal = 0;
        pendingMoreFlag = -1;
        return this;
    }

    /**
     * Append a frame copied from a buffer.
     *
     * @param source buffer holding the frame body.
     * @param offset first byte.
     * @param frameLength body length.
     * @return this.
     */
    public Message add(final DirectBuffer source, final int offset, final int frameLength)
    {
        final int header = beginFrame(frameLength);
        buffer.putBytes(length + header, source, offset, frameLength);
        endFrame(header, frameLength);
        return this;
    }

    /**
     * Append a frame copied from a byte array.
     *
     * @param frame the frame body.
     * @return this.
     */
    public Message add(final byte[] frame)
    {
        final int header = beginFrame(frame.length);
        buffer.putBytes(length + header, frame);
        endFrame(header, frame.length);
        return this;
    }

    /**
     * Append a frame holding a string in UTF-8 (allocates for non-ASCII strings).
     *
     * @param frame the text.
     * @return this.
     */
    public Message add(final String frame)
    {
        return add(frame.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Append an empty frame (e.g. a delimiter).
     *
     * @return this.
     */
    public Message addEmpty()
    {
        final int header = beginFrame(0);
        endFrame(header, 0);
        return this;
    }

    private int beginFrame(final int frameLength)
    {
        if (pendingMoreFlag >= 0)
        {
            // The previous frame now has a successor: set its MORE bit.
            buffer.putByte(pendingMoreFlag, (byte)(buffer.getByte(pendingMoreFlag) | FrameDescriptor.FLAG_MORE));
        }
        final int header = FrameDescriptor.headerLength(frameLength);
        buffer.checkLimit(length + header + frameLength);
        FrameEncoder.encodeHeader(buffer, length, frameLength, false, false);
        return header;
    }

    private void endFrame(final int header, final int frameLength)
    {
        if (frameCount == bodyOffsets.length)
        {
            bodyOffsets = Arrays.copyOf(bodyOffsets, frameCount * 2);
            bodyLengths = Arrays.copyOf(bodyLengths, frameCount * 2);
        }
        pendingMoreFlag = length + FrameDescriptor.FLAGS_OFFSET;
        bodyOffsets[frameCount] = length + header;
        bodyLengths[frameCount] = frameLength;
        frameCount++;
        bodyTotal += frameLength;
        length += header + frameLength;
    }

    /**
     * Replace the contents with a ZMTP-encoded message (used when receiving). Application thread.
     *
     * @param source holds the encoded frames.
     * @param offset first frame header.
     * @param encodedLength encoded length.
     * @param cursor a cursor to index the frames with.
     */
    void setEncoded(final DirectBuffer source, final int offset, final int encodedLength, final FrameCursor cursor)
    {
        clear();
        buffer.checkLimit(encodedLength);
        buffer.putBytes(0, source, offset, encodedLength);
        length = encodedLength;
        cursor.wrap(buffer, 0, encodedLength);
        while (cursor.next())
        {
            if (frameCount == bodyOffsets.length)
            {
                bodyOffsets = Arrays.copyOf(bodyOffsets, frameCount * 2);
                bodyLengths = Arrays.copyOf(bodyLengths, frameCount * 2);
            }
            bodyOffsets[frameCount] = cursor.bodyOffset();
            bodyLengths[frameCount] = cursor.bodyLength();
            bodyTotal += cursor.bodyLength();
            frameCount++;
        }
        pendingMoreFlag = frameCount == 0 ? -1 : bodyOffsets[frameCount - 1] -
            FrameDescriptor.headerLength(bodyLengths[frameCount - 1]);
    }

    /**
     * Number of frames.
     *
     * @return the count.
     */
    public int frameCount()
    {
        return frameCount;
    }

    /**
     * The buffer holding every frame; frame {@code i}'s body is at {@link #frameOffset(int)}.
     *
     * @return the buffer (valid until the message is changed).
     */
    public MutableDirectBuffer buffer()
    {
        return buffer;
    }

    /**
     * Offset of a frame's body in {@link #buffer()}.
     *
     * @param index frame index.
     * @return the offset.
     */
    public int frameOffset(final int index)
    {
        checkIndex(index);
        return bodyOffsets[index];
    }

    /**
     * Length of a frame's body.
     *
     * @param index frame index.
     * @return the length.
     */
    public int frameLength(final int index)
    {
        checkIndex(index);
        return bodyLengths[index];
    }

    /**
     * A copy of a frame's body (allocates).
     *
     * @param index frame index.
     * @return the bytes.
     */
    public byte[] frame(final int index)
    {
        final byte[] bytes = new byte[frameLength(index)];
        buffer.getBytes(bodyOffsets[index], bytes);
        return bytes;
    }

    /**
     * A frame's body decoded as UTF-8 (allocates).
     *
     * @param index frame index.
     * @return the text.
     */
    public String frameString(final int index)
    {
        return new String(frame(index), StandardCharsets.UTF_8);
    }

    /**
     * Every frame copied out (allocates).
     *
     * @return the frames.
     */
    public byte[][] frames()
    {
        final byte[][] frames = new byte[frameCount][];
        for (int i = 0; i < frameCount; i++)
        {
            frames[i] = frame(i);
        }
        return frames;
    }

    /**
     * Encoded length, all frame headers included.
     *
     * @return bytes.
     */
    public int encodedLength()
    {
        return length;
    }

    /**
     * Total of the frame bodies.
     *
     * @return bytes.
     */
    public long size()
    {
        return bodyTotal;
    }

    private void checkIndex(final int index)
    {
        if (index < 0 || index >= frameCount)
        {
            throw new IndexOutOfBoundsException("frame " + index + " of a " + frameCount + "-frame message");
        }
    }

    @Override
    public String toString()
    {
        final StringBuilder text = new StringBuilder("Message[");
        for (int i = 0; i < frameCount; i++)
        {
            if (i > 0)
            {
                text.append(", ");
            }
            text.append(frameLength(i)).append('B');
        }
        return text.append(']').toString();
    }
}
