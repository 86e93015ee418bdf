package io.monocoque.codec;

/**
 * A frame header announced a message larger than the configured maximum message size (libzmq's
 * {@code ZMQ_MAXMSGSIZE}). Raised from the header, before any buffer is sized for the body.
 */
public final class MessageTooLargeException extends ZmtpProtocolException
{
    private static final long serialVersionUID = 1L;

    private final long declaredSize;
    private final long maxMessageSize;

    /**
     * Create the exception.
     *
     * @param offset         stream offset of the frame header that crossed the limit.
     * @param declaredSize   message size so far including the frame that crossed the limit.
     * @param maxMessageSize the configured limit.
     */
    public MessageTooLargeException(final long offset, final long declaredSize, final long maxMessageSize)
    {
        super(ZmtpError.MESSAGE_TOO_LARGE, offset,
            "message of at least " + declaredSize + " bytes exceeds maxMsgSize " + maxMessageSize);
        this.declaredSize = declaredSize;
        this.maxMessageSize = maxMessageSize;
    }

    /**
     * Size the peer announced (at least), in bytes.
     *
     * @return size the peer announced.
     */
    public long declaredSize()
    {
        return declaredSize;
    }

    /**
     * The limit that was crossed, in bytes.
     *
     * @return the limit.
     */
    public long maxMessageSize()
    {
        return maxMessageSize;
    }
}
