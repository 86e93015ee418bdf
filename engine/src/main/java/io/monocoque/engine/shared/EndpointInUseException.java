package io.monocoque.engine.shared;

/**
 * Bind failed because the address is already in use (libzmq's {@code EADDRINUSE}).
 */
public final class EndpointInUseException extends IllegalStateException
{
    private static final long serialVersionUID = 1L;

    /**
     * Create the exception.
     *
     * @param endpoint the endpoint that could not be bound.
     * @param detail   the operating system's words.
     */
    public EndpointInUseException(final String endpoint, final String detail)
    {
        super("cannot bind '" + endpoint + "': address already in use (" + detail + ")");
    }
}
