package io.monocoque.codec.frame;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;

import static io.monocoque.codec.frame.FrameDescriptor.FLAGS_OFFSET;
import static io.monocoque.codec.frame.FrameDescriptor.FLAG_COMMAND;
import static io.monocoque.codec.frame.FrameDescriptor.FLAG_LONG;
import static io.monocoque.codec.frame.FrameDescriptor.FLAG_MORE;
import static io.monocoque.codec.frame.FrameDescriptor.LONG_HEADER_LENGTH;
import static io.monocoque.codec.frame.FrameDescriptor.MAX_SHORT_BODY_LENGTH;
import static io.monocoque.codec.frame.FrameDescriptor.SHORT_HEADER_LENGTH;
import static io.monocoque.codec.frame.FrameDescriptor.SIZE_OFFSET;
import static io.monocoque.codec.frame.FrameDescriptor.bodyLength;
import static io.monocoque.codec.frame.FrameDescriptor.bodyOffset;
import static io.monocoque.codec.frame.FrameDescriptor.headerLength;

/**
 * Writes ZMTP frames. Stateless and allocation free; any thread may call it on a buffer it owns. The caller sizes
 * the destination with {@link FrameDescriptor#frameLength(int)}.
 */
public final class FrameEncoder
{
    private FrameEncoder()
    {
    }

    /**
     * Write a frame header for a body of a given length; the body is written by the caller right after it.
     *
     * @param buffer     destination.
     * @param offset     where the header starts.
     * @param bodyLength length of the body that follows.
     * @param more       whether more frames of the message follow.
     * @param command    whether this is a command frame.
     * @return the header length written (2 or 9).
     */
    public static int encodeHeader(
        final MutableDirectBuffer buffer,
        final int offset,
        final int bodyLength,
        final boolean more,
        final boolean command)
    {
        final int flags = (more ? FLAG_MORE : 0) | (command ? FLAG_COMMAND : 0);
        if (bodyLength <= MAX_SHORT_BODY_LENGTH)
        {
            // Flags then size, as one big-endian short: one store and one bounds check for the common header.
            buffer.putShort(offset + FLAGS_OFFSET, (short)((flags << Byte.SIZE) | bodyLength), ByteOrder.BIG_ENDIAN);
            return SHORT_HEADER_LENGTH;
        }

        buffer.putByte(offset + FLAGS_OFFSET, (byte)(flags | FLAG_LONG));
        buffer.putLong(offset + SIZE_OFFSET, bodyLength, ByteOrder.BIG_ENDIAN);
        return LONG_HEADER_LENGTH;
    }

    /**
     * Write a whole message frame: header then a copy of the body.
     *
     * @param buffer     destination.
     * @param offset     where the frame starts.
     * @param more       whether more frames of the message follow.
     * @param body       source of the body.
     * @param bodyOffset first body byte in the source.
     * @param bodyLength body length.
     * @return the frame length written.
     */
    public static int encodeFrame(
        final MutableDirectBuffer buffer,
        final int offset,
        final boolean more,
        final DirectBuffer body,
        final int bodyOffset,
        final int bodyLength)
    {
        final int headerLength = encodeHeader(buffer, offset, bodyLength, more, false);
        buffer.putBytes(offset + headerLength, body, bodyOffset, bodyLength);
        return headerLength + bodyLength;
    }

    /**
     * Write a whole message frame from a byte array.
     *
     * @param buffer     destination.
     * @param offset     where the frame starts.
     * @param more       whether more frames of the message follow.
     * @param body       source of the body.
     * @param bodyOffset first body byte in the source.
     * @param bodyLength body length.
     * @return the frame length written.
     */
    public static int encodeFrame(
        final MutableDirectBuffer buffer,
        final int offset,
        final boolean more,
        final byte[] body,
        final int bodyOffset,
        final int bodyLength)
    {
        final int headerLength = encodeHeader(buffer, offset, bodyLength, more, false);
        buffer.putBytes(offset + headerLength, body, bodyOffset, bodyLength);
        return headerLength + bodyLength;
    }

    /**
     * Write the byte-array frames from {@code first} on as one message: each frame's header (MORE on all but the
     * last) then its body.
     *
     * @param buffer destination.
     * @param offset where the first frame starts.
     * @param frames the frames; at least one from {@code first} on.
     * @param first  index of the first frame written.
     * @return the bytes written ({@link FrameDescriptor#encodedLength(byte[][], int)}).
     */
    public static int encodeFrames(final MutableDirectBuffer buffer, final int offset, final byte[][] frames,
        final int first)
    {
        int position = offset;
        final int last = frames.length - 1;
        for (int i = first; i <= last; i++)
        {
            position += encodeFrame(buffer, position, i < last, frames[i], 0, frames[i].length);
        }
        return position - offset;
    }
}
