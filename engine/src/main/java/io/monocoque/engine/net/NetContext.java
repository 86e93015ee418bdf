package io.monocoque.engine.net;

import io.monocoque.engine.shared.HostResolver;

import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;

/**
 * What listeners, connectors and sockets need from the engine agent that owns them: channel registration with its
 * selector, session ids, the cached clock and error reporting. Implemented by the agent; called on its thread only.
 */
public interface NetContext
{
    /**
     * Register a channel with the agent's selector.
     *
     * @param channel    a non-blocking channel.
     * @param ops        interest set.
     * @param attachment what the selector hands back for the channel (a listener, a connector, a connection).
     * @return the key.
     */
    SelectionKey register(SelectableChannel channel, int ops, Object attachment);

    /**
     * Stop watching a channel (its connection moves to another thread's selector, e.g. a PUB fan-out worker).
     *
     * @param channel a channel registered with {@link #register}; nothing happens if it is not.
     */
    void deregister(SelectableChannel channel);

    /**
     * A new session id, unique within the engine and never reused.
     *
     * @return a positive id.
     */
    long nextPeerId();

    /**
     * Time read once at the start of the current duty cycle.
     *
     * @return nanoseconds from the agent's clock.
     */
    long nowNs();

    /**
     * Report a connection-level event worth an operator's attention (closed on a protocol error, refused...).
     *
     * @param message what happened.
     */
    void log(String message);

    /**
     * Report an ordinary end of a session (the peer closed or reset it), which default handlers stay quiet about.
     *
     * @param message what happened.
     */
    default void logOrdinary(final String message)
    {
        log(message);
    }

    /**
     * Report that handling one connection threw (any {@link Throwable}: a bug, or an allocation failure): the
     * caller closes or refuses that connection only; this counts it and hands the cause to the error handler.
     *
     * @param what  which connection, and what was being done.
     * @param cause what was thrown.
     */
    void onConnectionFailure(String what, Throwable cause);

    /**
     * Start looking up a host name off the duty cycle. The agent answers through its resolver thread; this default
     * resolves at once, for test doubles.
     *
     * @param host the name.
     * @return the look-up to poll with {@link HostLookup#isDone()}.
     */
    default HostLookup lookUp(final String host)
    {
        return HostLookup.now(host, HostResolver.SYSTEM);
    }

    /**
     * Report that a connect attempt failed before it reached the network (the name did not resolve) and will be
     * retried after the back-off. Counted as no closed connection.
     *
     * @param message  what happened.
     * @param ordinary true for a repeat of the previous failure, which default handlers stay quiet about.
     */
    default void reportRetry(final String message, final boolean ordinary)
    {
        if (ordinary)
        {
            logOrdinary(message);
        }
        else
        {
            log(message);
        }
    }
}
