package io.monocoque.api;

/**
 * A blocking send or receive was interrupted; nothing partial was sent or consumed, and the thread's interrupt flag is
 * set again.
 */
public final class SocketInterruptedException extends MonocoqueException
{
    private static final long serialVersionUID = 1L;

    /**
     * Create the exception.
     *
     * @param message what went wrong and why.
     */
    public SocketInterruptedException(final String message)
    {
        super(message);
    }
}
