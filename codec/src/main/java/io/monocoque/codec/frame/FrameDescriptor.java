package io.monocoque.codec.frame;

/**
 * Layout of a ZMTP 3.x frame (RFC 23 "Framing", RFC 37).
 * <pre>
 *  short form (body 0..255 bytes)          long form (any body size)
 *  +-------+------+--------------+          +-------+--------------------------+--------------+
 *  | flags | size | body         |          | flags | size, 8 bytes big-endian | body         |
 *  | 1 B   | 1 B  | size bytes   |          | 1 B   |                          | size bytes   |
 *  +-------+------+--------------+          +-------+--------------------------+--------------+
 *
 *  flags: 7 6 5 4 3 2 1 0
 *         0 0 0 0 0 C L M     M = MORE (0x01), L = LONG (0x02), C = COMMAND (0x04), bits 7..3 reserved (0)
 * </pre>
 * A message is a run of frames in which every frame but the last has MORE set. A command is a single frame with
 * COMMAND set and MORE clear; its body is a one-byte name length, the name, then the command data.
 * <p>
 * Monocoque also uses this exact encoding for messages stored in its rings, so a message can be written to a
 * socket straight from the ring and read by the application through a {@link FrameCursor}.
 */
public final class FrameDescriptor
{
    /** More frames of the same message follow. */
    public static final int FLAG_MORE = 0x01;
    /** The size field is eight bytes. */
    public static final int FLAG_LONG = 0x02;
    /** The frame is a command, not a message frame. */
    public static final int FLAG_COMMAND = 0x04;
    /** Bits that must be zero. */
    public static final int RESERVED_FLAGS_MASK = 0xF8;

    /** Offset of the flags byte within the frame. */
    public static final int FLAGS_OFFSET = 0;
    /** Offset of the size field within the frame. */
    public static final int SIZE_OFFSET = 1;
    /** Header length of a short frame: flags and one size byte. */
    public static final int SHORT_HEADER_LENGTH = 2;
    /** Header length of a long frame: flags and eight size bytes. */
    public static final int LONG_HEADER_LENGTH = 9;
    /** Largest body a short frame can carry. */
    public static final int MAX_SHORT_BODY_LENGTH = 255;

    private FrameDescriptor()
    {
    }

    /**
     * Header length the encoder uses for a body of a given length.
     *
     * @param bodyLength body length in bytes.
     * @return 2 for a short frame, 9 for a long one.
     */
    public static int headerLength(final int bodyLength)
    {
        return bodyLength <= MAX_SHORT_BODY_LENGTH ? SHORT_HEADER_LENGTH : LONG_HEADER_LENGTH;
    }

    /**
     * Encoded length of a frame with a given body length.
     *
     * @param bodyLength body length in bytes.
     * @return header plus body length.
     */
    public static int frameLength(final int bodyLength)
    {
        return headerLength(bodyLength) + bodyLength;
    }

    /**
     * Encoded length of byte-array frames from {@code first} on, as one message: headers and bodies.
     *
     * @param frames the frames.
     * @param first  index of the first frame counted.
     * @return bytes.
     */
    public static long encodedLength(final byte[][] frames, final int first)
    {
        long encoded = 0;
        for (int i = first; i < frames.length; i++)
        {
            encoded += frameLength(frames[i].length);
        }
        return encoded;
    }

    /**
     * Encoded length of the message (or command) starting at an offset: all its frames up to and including the
     * first without MORE. The frames must be valid and whole (as in a ring record or a staging buffer); this does
     * not validate.
     *
     * @param buffer holds the encoded message.
     * @param offset first frame header.
     * @return encoded length of the whole message.
     */
    public static int messageLength(final org.agrona.DirectBuffer buffer, final int offset)
    {
        int position = offset;
        while (true)
        {
            final int flags = buffer.getByte(position + FLAGS_OFFSET) & 0xFF;
            if ((flags & FLAG_LONG) != 0)
            {
                position += LONG_HEADER_LENGTH +
                    (int)buffer.getLong(position + SIZE_OFFSET, java.nio.ByteOrder.BIG_ENDIAN);
            }
            else
            {
                position += SHORT_HEADER_LENGTH + (buffer.getByte(position + SIZE_OFFSET) & 0xFF);
            }
            if ((flags & FLAG_MORE) == 0)
            {
                return position - offset;
            }
        }
    }

    /**
     * Offset of the body of the frame whose header starts at an offset (the header must be whole; not validated).
     * Reading a frame this way, without a {@link FrameCursor}, is for hot paths that look at one frame only, such
     * as a subscription filter reading a message's topic.
     *
     * @param buffer holds the encoded frame.
     * @param offset frame header.
     * @return offset of the first body byte.
     */
    public static int bodyOffset(final org.agrona.DirectBuffer buffer, final int offset)
    {
        return offset + ((buffer.getByte(offset + FLAGS_OFFSET) & FLAG_LONG) != 0 ?
            LONG_HEADER_LENGTH : SHORT_HEADER_LENGTH);
    }

    /**
     * Body length of the frame whose header starts at an offset (the header must be whole; not validated).
     *
     * @param buffer holds the encoded frame.
     * @param offset frame header.
     * @return body length in bytes.
     */
    public static long bodyLength(final org.agrona.DirectBuffer buffer, final int offset)
    {
        return (buffer.getByte(offset + FLAGS_OFFSET) & FLAG_LONG) != 0 ?
            buffer.getLong(offset + SIZE_OFFSET, java.nio.ByteOrder.BIG_ENDIAN) :
            buffer.getByte(offset + SIZE_OFFSET) & 0xFF;
    }

    /**
     * Whether a flags byte has the MORE bit.
     *
     * @param flags the flags byte.
     * @return true if more frames follow.
     */
    public static boolean hasMore(final int flags)
    {
        return (flags & FLAG_MORE) != 0;
    }

    /**
     * Whether a flags byte has the COMMAND bit.
     *
     * @param flags the flags byte.
     * @return true for a command frame.
     */
    public static boolean isCommand(final int flags)
    {
        return (flags & FLAG_COMMAND) != 0;
    }
}
