package io.monocoque.engine.agent;

/**
 * A connection-level event reported to the engine's error handler: a connection closed on a protocol error, a
 * refused handshake, a peer that went away. Not thrown; carries no stack trace, since the stack says nothing about
 * a peer's misbehaviour.
 */
public final class ConnectionEvent extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /**
     * Create the event.
     *
     * @param message what happened.
     */
    public ConnectionEvent(final String message)
    {
        super(message, null, false, false);
    }
}
