package io.monocoque.api;

/**
 * An endpoint string that cannot be used: unknown scheme, malformed address, bad port, unknown host, a wildcard
 * host or port 0 given to {@code connect}. The message names the endpoint and what is wrong with it. Thrown by
 * {@link Socket#bind(String)} and {@link Socket#connect(String)} on the calling thread, before anything is changed.
 */
public final class InvalidEndpointException extends IllegalArgumentException
{
    private static final long serialVersionUID = 1L;

    private final String endpoint;

    /**
     * Create the exception.
     *
     * @param endpoint the endpoint as given.
     * @param message  the whole message, naming the endpoint and the reason.
     */
    public InvalidEndpointException(final String endpoint, final String message)
    {
        super(message);
        this.endpoint = endpoint;
    }

    /**
     * The endpoint as given.
     *
     * @return the endpoint string.
     */
    public String endpoint()
    {
        return endpoint;
    }
}
