package io.monocoque.api.interop.libzmq;

/**
 * The message notation of the Python peer scripts (their {@code SPEC}): every frame in lower-case hex, frames
 * joined by {@code '.'}. So {@code 6869.} is the frames "hi" and empty, and the empty string is one empty frame.
 */
public final class FrameSpec
{
    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    private FrameSpec()
    {
    }

    /**
     * A message as a SPEC.
     *
     * @param frames the frames, at least one.
     * @return e.g. {@code 6869.} for the frames "hi" and empty.
     */
    public static String of(final byte[]... frames)
    {
        final StringBuilder text = new StringBuilder();
        for (int i = 0; i < frames.length; i++)
        {
            if (i > 0)
            {
                text.append('.');
            }
            text.append(hex(frames[i]));
        }
        return text.toString();
    }

    /**
     * The frames of a SPEC.
     *
     * @param spec e.g. {@code 6869.}.
     * @return the frames: as many as the SPEC has dots, plus one.
     */
    public static byte[][] parse(final String spec)
    {
        final String[] parts = spec.split("\\.", -1);
        final byte[][] frames = new byte[parts.length][];
        for (int i = 0; i < parts.length; i++)
        {
            frames[i] = unhex(parts[i]);
        }
        return frames;
    }

    /**
     * Bytes in lower-case hex, two digits each.
     *
     * @param bytes the bytes.
     * @return e.g. {@code 00ff}.
     */
    public static String hex(final byte[] bytes)
    {
        final char[] text = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++)
        {
            text[2 * i] = DIGITS[(bytes[i] >> 4) & 0xf];
            text[2 * i + 1] = DIGITS[bytes[i] & 0xf];
        }
        return new String(text);
    }

    /**
     * The bytes of a hex string, as {@link #hex(byte[])} writes it.
     *
     * @param hex an even number of hex digits.
     * @return the bytes.
     */
    public static byte[] unhex(final String hex)
    {
        final byte[] bytes = new byte[hex.length() / 2];
        for (int i = 0; i < bytes.length; i++)
        {
            bytes[i] = (byte)Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        return bytes;
    }
}
