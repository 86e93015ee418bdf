package io.monocoque.api;

/**
 * {@link Socket#bind(String)} failed because the address is already in use (libzmq's {@code EADDRINUSE}). The
 * message names the endpoint and carries the operating system's words.
 */
public final class EndpointInUseException extends IllegalStateException
{
    private static final long serialVersionUID = 1L;

    private final String endpoint;

    /**
     * Create the exception.
     *
     * @param endpoint the endpoint that could not be bound.
     * @param message  the whole message.
     */
    public EndpointInUseException(final String endpoint, final String message)
    {
        super(message);
        this.endpoint = endpoint;
    }

    /**
     * The endpoint that could not be bound.
     *
     * @return the endpoint string.
     */
    public String endpoint()
    {
        return endpoint;
    }
}
