package io.monocoque.cli.peer;

import org.agrona.DirectBuffer;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The peer tools' text format: one message per line, its frames separated by a TAB; with {@code --hex} each frame
 * is lower-case hex (binary-safe), otherwise its bytes as they are (so a frame containing a TAB or a newline is
 * ambiguous as text: use {@code --hex} for binary data).
 */
public final class FrameText
{
    /** Separates frames on a line. */
    public static final byte TAB = '\t';
    /** Ends a message. */
    public static final byte NEWLINE = '\n';

    private static final byte[] HEX_DIGITS = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private FrameText()
    {
    }

    /**
     * Split a line (without its newline) into frames.
     *
     * @param line the line's bytes.
     * @param hex  whether frames are hex.
     * @return the frames; an empty line is one empty frame.
     * @throws IllegalArgumentException if a frame is not valid hex.
     */
    public static byte[][] parse(final byte[] line, final boolean hex)
    {
        final List<byte[]> frames = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= line.length; i++)
        {
            if (i == line.length || line[i] == TAB)
            {
                frames.add(hex ? fromHex(line, start, i, frames.size()) : java.util.Arrays.copyOfRange(line, start, i));
                start = i + 1;
            }
        }
        return frames.toArray(new byte[0][]);
    }

    private static byte[] fromHex(final byte[] text, final int from, final int to, final int frameIndex)
    {
        int end = to;
        while (end > from && (text[end - 1] == '\r' || text[end - 1] == ' '))
        {
            end--; // tolerate CRLF input and trailing blanks in hex mode, where they cannot be data
        }
        final int length = end - from;
        if ((length & 1) != 0)
        {
            throw new IllegalArgumentException("frame " + (frameIndex + 1) + " has an odd number of hex digits");
        }
        final byte[] bytes = new byte[length / 2];
        for (int i = 0; i < bytes.length; i++)
        {
            final int high = digit(text[from + 2 * i]);
            final int low = digit(text[from + 2 * i + 1]);
            if (high < 0 || low < 0)
            {
                throw new IllegalArgumentException("frame " + (frameIndex + 1) + " is not hex: '" +
                    new String(text, from, length, java.nio.charset.StandardCharsets.ISO_8859_1) + "'");
            }
            bytes[i] = (byte)((high << 4) | low);
        }
        return bytes;
    }

    private static int digit(final byte c)
    {
        if (c >= '0' && c <= '9')
        {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f')
        {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F')
        {
            return c - 'A' + 10;
        }
        return -1;
    }

    /**
     * Decode a hex string (e.g. a {@code --subscribe} prefix given with {@code --hex}).
     *
     * @param text the hex digits.
     * @return the bytes.
     * @throws IllegalArgumentException if it is not hex.
     */
    public static byte[] fromHex(final String text)
    {
        final byte[] ascii = text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        return fromHex(ascii, 0, ascii.length, 0);
    }

    /**
     * Lower-case hex of some bytes.
     *
     * @param bytes the bytes.
     * @return the hex digits.
     */
    public static String toHex(final byte[] bytes)
    {
        final byte[] text = new byte[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++)
        {
            text[2 * i] = HEX_DIGITS[(bytes[i] >> 4) & 0xf];
            text[2 * i + 1] = HEX_DIGITS[bytes[i] & 0xf];
        }
        return new String(text, java.nio.charset.StandardCharsets.US_ASCII);
    }

    /**
     * Append one frame to a line being built: a TAB first unless it is the first frame, then the body as text or
     * hex.
     *
     * @param line   the line.
     * @param index  frame index in the message.
     * @param buffer holds the frame body.
     * @param offset first byte.
     * @param length body length.
     * @param hex    whether to write hex.
     */
    public static void appendFrame(
        final ByteArrayOutputStream line,
        final int index,
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final boolean hex)
    {
        if (index > 0)
        {
            line.write(TAB);
        }
        for (int i = 0; i < length; i++)
        {
            final byte b = buffer.getByte(offset + i);
            if (hex)
            {
                line.write(HEX_DIGITS[(b >> 4) & 0xf]);
                line.write(HEX_DIGITS[b & 0xf]);
            }
            else
            {
                line.write(b);
            }
        }
    }
}
