package io.monocoque.api;

/**
 * Base of the exceptions Monocoque's API throws for misuse and bad input. Expected data-path outcomes
 * (back-pressure, timeouts) are result codes or return values instead.
 */
public class MonocoqueException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /**
     * Create the exception.
     *
     * @param message what went wrong and why.
     */
    public MonocoqueException(final String message)
    {
        super(message);
    }
}
