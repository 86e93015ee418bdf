package io.monocoque.api;

/**
 * An operation on a socket (or context) that is closed.
 */
public final class SocketClosedException extends MonocoqueException
{
    private static final long serialVersionUID = 1L;

    /**
     * Create the exception.
     *
     * @param message what went wrong and why.
     */
    public SocketClosedException(final String message)
    {
        super(message);
    }
}
