package io.monocoque.engine;

/**
 * The engine's agent thread stopped on a failure nothing per connection or per socket could contain: every call
 * that needs the engine (bind, connect, a blocking send or receive, a command) fails with this at once, naming the
 * cause, instead of waiting forever. Closing the socket or the context still returns.
 */
public final class EngineFailedException extends IllegalStateException
{
    private static final long serialVersionUID = 1L;

    /**
     * Create the exception.
     *
     * @param cause what stopped the agent.
     */
    public EngineFailedException(final Throwable cause)
    {
        super("the Monocoque engine thread stopped on " + cause + "; the context must be closed and created again",
            cause);
    }
}
