package io.monocoque.cli.peer;

import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The generated messages of {@code monocoque send --size}: message {@code index} holds the index as 8 bytes
 * big-endian, then byte {@code (index + j) & 0xff} at each position {@code j >= 8} (the same bodies as the libzmq
 * interop tests' peer script generates, so either side can check them). Messages shorter than 8 bytes hold
 * {@code (index + j) & 0xff} throughout.
 */
public final class Generated
{
    private Generated()
    {
    }

    /**
     * Fill a body.
     *
     * @param body  the bytes to fill (its length is the message size).
     * @param index the message's sequence number, from 0.
     */
    public static void fill(final byte[] body, final long index)
    {
        fill(new UnsafeBuffer(body), 0, body.length, index);
    }

    /**
     * Fill a body in place (e.g. a {@code Message}'s frame, reused for every message).
     *
     * @param buffer holds the body.
     * @param offset its first byte.
     * @param length its length (the message size).
     * @param index  the message's sequence number, from 0.
     */
    public static void fill(final MutableDirectBuffer buffer, final int offset, final int length, final long index)
    {
        int j = 0;
        if (length >= Long.BYTES)
        {
            for (; j < Long.BYTES; j++)
            {
                buffer.putByte(offset + j, (byte)(index >>> (56 - 8 * j)));
            }
        }
        for (; j < length; j++)
        {
            buffer.putByte(offset + j, (byte)(index + j));
        }
    }

    /**
     * A new generated body.
     *
     * @param index sequence number.
     * @param size  bytes.
     * @return the body.
     */
    public static byte[] of(final long index, final int size)
    {
        final byte[] body = new byte[size];
        fill(body, index);
        return body;
    }
}
