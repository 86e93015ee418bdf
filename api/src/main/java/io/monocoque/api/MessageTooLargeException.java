package io.monocoque.api;

/**
 * A message larger than the socket allows: over maxMsgSize, or over the largest record its send ring holds (sndHwmBytes
 * / 8).
 */
public final class MessageTooLargeException extends MonocoqueException
{
    private static final long serialVersionUID = 1L;

    /**
     * Create the exception.
     *
     * @param message what went wrong and why.
     */
    public MessageTooLargeException(final String message)
    {
        super(message);
    }
}
