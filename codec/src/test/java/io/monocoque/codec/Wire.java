package io.monocoque.codec;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Test helper: writes byte vectors the way the RFCs draw them. {@code wire("04 2C 05 'READY'")} is the bytes
 * 0x04 0x2C 0x05 followed by the ASCII of READY; hex pairs and quoted ASCII may be mixed freely, whitespace is
 * ignored outside quotes.
 */
public final class Wire
{
    private Wire()
    {
    }

    public static byte[] wire(final String notation)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i < notation.length())
        {
            final char c = notation.charAt(i);
            if (Character.isWhitespace(c))
            {
                i++;
            }
            else if (c == '\'')
            {
                final int close = notation.indexOf('\'', i + 1);
                if (close < 0)
                {
                    throw new IllegalArgumentException("unterminated quote in " + notation);
                }
                out.writeBytes(notation.substring(i + 1, close).getBytes(StandardCharsets.US_ASCII));
                i = close + 1;
            }
            else
            {
                out.write(Integer.parseInt(notation.substring(i, i + 2), 16));
                i += 2;
            }
        }
        return out.toByteArray();
    }

    public static byte[] concat(final byte[]... parts)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (final byte[] part : parts)
        {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    public static byte[] zeros(final int count)
    {
        return new byte[count];
    }

    public static byte[] filled(final int count, final int value)
    {
        final byte[] bytes = new byte[count];
        Arrays.fill(bytes, (byte)value);
        return bytes;
    }

    public static byte[] ascii(final String text)
    {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    public static UnsafeBuffer buffer(final byte[] bytes)
    {
        return new UnsafeBuffer(bytes);
    }

    public static byte[] copy(final DirectBuffer buffer, final int offset, final int length)
    {
        final byte[] bytes = new byte[length];
        buffer.getBytes(offset, bytes);
        return bytes;
    }

    public static String hex(final byte[] bytes)
    {
        final StringBuilder sb = new StringBuilder(bytes.length * 3);
        for (final byte b : bytes)
        {
            if (sb.length() > 0)
            {
                sb.append(' ');
            }
            sb.append(String.format("%02x", b & 0xFF));
        }
        return sb.toString();
    }
}
