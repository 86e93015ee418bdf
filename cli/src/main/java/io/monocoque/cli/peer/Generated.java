package io.monocoque.cli.peer;

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
        int j = 0;
        if (body.length >= Long.BYTES)
        {
            for (; j < Long.BYTES; j++)
            {
                body[j] = (byte)(index >>> (56 - 8 * j));
            }
        }
        for (; j < body.length; j++)
        {
            body[j] = (byte)(index + j);
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
