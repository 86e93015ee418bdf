package io.monocoque.codec;

/**
 * Thrown when a peer sends bytes that break ZMTP 3.x. It names the kind of error, the offset in the byte stream
 * where it was found (counted from the first byte of the stream the decoder has seen, or {@code -1} when no stream
 * offset applies) and a detail. Thrown only on bad input: it is never used for flow control, so the cost of
 * building it is paid once per broken connection.
 */
public class ZmtpProtocolException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /** Offset value used when the error is not tied to a position in a stream. */
    public static final long NO_OFFSET = -1;

    private final ZmtpError error;
    private final long offset;

    /**
     * Create an exception for a protocol error.
     *
     * @param error  what kind of error.
     * @param offset stream offset at which it was found, or {@link #NO_OFFSET}.
     * @param detail what exactly was wrong, in words a user can act on.
     */
    public ZmtpProtocolException(final ZmtpError error, final long offset, final String detail)
    {
        super(error.description() + ": " + detail + (offset >= 0 ? " (at stream offset " + offset + ")" : ""));
        this.error = error;
        this.offset = offset;
    }

    /**
     * The kind of protocol error.
     *
     * @return the kind of protocol error.
     */
    public ZmtpError error()
    {
        return error;
    }

    /**
     * Stream offset at which the error was found.
     *
     * @return the offset, or {@link #NO_OFFSET}.
     */
    public long offset()
    {
        return offset;
    }
}
