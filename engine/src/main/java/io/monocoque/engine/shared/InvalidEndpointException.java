package io.monocoque.engine.shared;

/**
 * An endpoint string that cannot be used: unknown scheme, malformed address, bad port, unknown host. The message
 * names the endpoint and what is wrong with it.
 */
public final class InvalidEndpointException extends IllegalArgumentException
{
    private static final long serialVersionUID = 1L;

    private final String endpoint;

    /**
     * Create the exception.
     *
     * @param endpoint the endpoint as given.
     * @param reason   what is wrong.
     */
    public InvalidEndpointException(final String endpoint, final String reason)
    {
        super("invalid endpoint '" + endpoint + "': " + reason);
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
