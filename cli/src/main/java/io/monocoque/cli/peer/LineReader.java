package io.monocoque.cli.peer;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a byte stream line by line, as bytes (no charset decoding, so any bytes but the newline pass through).
 * A final line without a newline counts; an empty stream has no lines.
 */
public final class LineReader
{
    private final InputStream in;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);

    /**
     * Read from a stream.
     *
     * @param in the stream (buffered here).
     */
    public LineReader(final InputStream in)
    {
        this.in = in instanceof BufferedInputStream ? in : new BufferedInputStream(in);
    }

    /**
     * The next line, without its newline.
     *
     * @return the bytes, or null at the end of the stream.
     * @throws IOException if reading fails.
     */
    public byte[] next() throws IOException
    {
        line.reset();
        int b;
        while ((b = in.read()) >= 0)
        {
            if (b == FrameText.NEWLINE)
            {
                return line.toByteArray();
            }
            line.write(b);
        }
        return line.size() > 0 ? line.toByteArray() : null;
    }
}
