package io.monocoque.engine.agent;

/**
 * A connection-level event reported to the engine's error handler: a connection closed on a protocol error, a
 * refused handshake, a peer that went away. Not thrown; carries no stack trace, since the stack says nothing about
 * a peer's misbehaviour.
 */
public final class ConnectionEvent extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final boolean ordinary;

    /**
     * Create the event.
     *
     * @param message what happened.
     */
    public ConnectionEvent(final String message)
    {
        this(message, false);
    }

    /**
     * Create the event.
     *
     * @param message  what happened.
     * @param ordinary true for an ordinary end of a session (peer closed or reset it), false for something an
     *                 operator should look at (protocol error, refusal, timeout).
     */
    public ConnectionEvent(final String message, final boolean ordinary)
    {
        super(message, null, false, false);
        this.ordinary = ordinary;
    }

    /**
     * Create the event of a connection closed because handling it threw: the cause is kept for its stack trace.
     *
     * @param message what happened.
     * @param cause   what was thrown.
     */
    public ConnectionEvent(final String message, final Throwable cause)
    {
        super(message, cause, false, false);
        this.ordinary = false;
    }

    /**
     * Whether this is an ordinary end of a session rather than a problem.
     *
     * @return true for an ordinary close.
     */
    public boolean isOrdinary()
    {
        return ordinary;
    }
}
