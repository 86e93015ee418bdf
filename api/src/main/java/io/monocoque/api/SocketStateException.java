package io.monocoque.api;

/**
 * An operation not valid in the socket's current state, e.g. a REQ sending twice without receiving (libzmq's EFSM), or
 * a socket used from two threads at once.
 */
public final class SocketStateException extends MonocoqueException
{
    private static final long serialVersionUID = 1L;

    /**
     * Create the exception.
     *
     * @param message what went wrong and why.
     */
    public SocketStateException(final String message)
    {
        super(message);
    }
}
