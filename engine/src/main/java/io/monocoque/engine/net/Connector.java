package io.monocoque.engine.net;

import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * A connected ({@code connect}ed) endpoint's dialler: makes the connection without blocking and, when an attempt
 * fails, times out or the session later drops, tries again with exponential back-off ({@link ReconnectTimer}) from
 * within the agent's duty cycle. A peer that is not up yet at {@code connect} time is fine, as in libzmq. Each
 * channel that connects goes to its {@link ConnectHandler}, which runs the session on it; failed attempts are quiet
 * (the last error is kept for diagnostics). Owned by the engine agent thread.
 */
public final class Connector
{
    private static final long NANOS_PER_MILLI = 1_000_000L;
    /** How often a sleeping owner looks whether the resolver thread has answered. */
    private static final long LOOKUP_POLL_NS = NANOS_PER_MILLI;

    /** Receives each channel that connected; implemented by whoever connected the endpoint. */
    @FunctionalInterface
    public interface ConnectHandler
    {
        /**
         * A connect attempt succeeded.
         *
         * @param connector the connector.
         * @param channel   the connected non-blocking channel.
         * @param key       the channel's key with this agent's selector (attached to the connector: re-attach it),
         *                  or null if the connect completed at once and the channel is not registered yet.
         */
        void onConnected(Connector connector, SocketChannel channel, SelectionKey key);
    }

    private final Endpoint endpoint;
    private final String endpointText;
    private final ReconnectTimer timer;
    private final long connectTimeoutNs;
    private final ConnectHandler handler;
    private final NetContext net;
    private SocketChannel pending;
    /** The name look-up of the current attempt, while the resolver thread works on it. */
    private HostLookup lookup;
    private boolean unresolvedReported;
    private SelectionKey pendingKey;
    private long pendingDeadlineNs;
    private boolean closed;
    private String lastError;
    private long attempts;

    /**
     * Create a connector; the first attempt happens on the next duty cycle.
     *
     * @param endpoint          the parsed endpoint ({@link Endpoint#checkConnectable()} passed).
     * @param endpointText      the endpoint as the application wrote it.
     * @param reconnectIvlMs    first reconnect delay; -1 disables reconnection.
     * @param reconnectIvlMaxMs largest delay of the back-off; 0 keeps it constant.
     * @param connectTimeoutMs  how long one attempt may take before it is abandoned and retried; 0 for no limit.
     * @param handler           receives connected channels.
     * @param net               the agent.
     */
    public Connector(
        final Endpoint endpoint,
        final String endpointText,
        final long reconnectIvlMs,
        final long reconnectIvlMaxMs,
        final long connectTimeoutMs,
        final ConnectHandler handler,
        final NetContext net)
    {
        this.endpoint = endpoint;
        this.endpointText = endpointText;
        this.connectTimeoutNs = connectTimeoutMs <= 0 ? Long.MAX_VALUE / 2 : connectTimeoutMs * NANOS_PER_MILLI;
        this.handler = handler;
        this.net = net;
        this.timer = new ReconnectTimer(reconnectIvlMs, reconnectIvlMaxMs);
        this.timer.scheduleNow(net.nowNs());
    }

    /**
     * Attempt a connection when the reconnect timer says so; abandon an attempt that took too long.
     *
     * @param nowNs current time.
     * @return work done.
     */
    public int onTimer(final long nowNs)
    {
        if (closed)
        {
            return 0;
        }
        if (pending != null)
        {
            if (pendingDeadlineNs - nowNs > 0)
            {
                return 0;
            }
            failAttempt("connect did not complete within " + connectTimeoutNs / NANOS_PER_MILLI + " ms", nowNs);
            return 1;
        }
        if (lookup != null)
        {
            return lookup.isDone() ? onLookedUp(nowNs) : 0;
        }
        if (!timer.isDue(nowNs))
        {
            return 0;
        }
        attempts++;
        final String name = endpoint.nameToResolve();
        if (name != null)
        {
            // Re-resolved at every attempt, as libzmq does, so a peer that moved to another address is found.
            lookup = net.lookUp(name);
            return lookup.isDone() ? onLookedUp(nowNs) : 1;
        }
        return dial(endpoint, nowNs);
    }

    /**
     * How long the owner may sleep before {@link #onTimer(long)} has something to do: the connect timeout of an
     * attempt in progress, the next reconnect, or (while the resolver thread looks a name up, which does not wake the
     * agent) a short poll.
     *
     * @param nowNs current time.
     * @return nanoseconds (0 or less: due now), {@link Long#MAX_VALUE} if nothing is scheduled.
     */
    public long nsUntilTimer(final long nowNs)
    {
        if (closed)
        {
            return Long.MAX_VALUE;
        }
        if (pending != null)
        {
            return pendingDeadlineNs - nowNs;
        }
        if (lookup != null)
        {
            return LOOKUP_POLL_NS;
        }
        return timer.nsUntilDue(nowNs);
    }

    private int onLookedUp(final long nowNs)
    {
        final HostLookup done = lookup;
        lookup = null;
        if (done.address() == null)
        {
            lastError = done.error();
            final long delayMs = timer.currentDelayMs();
            scheduleReconnect(nowNs);
            net.reportRetry("connect to " + endpointText + ": " + done.error() +
                (timer.isEnabled() ? "; retrying in " + delayMs + " ms" : "; reconnection is disabled"),
                unresolvedReported);
            unresolvedReported = true;
            return 1;
        }
        unresolvedReported = false;
        return dial(endpoint.resolvedTo(done.address()), nowNs);
    }

    private int dial(final Endpoint target, final long nowNs)
    {
        SocketChannel channel = null;
        try
        {
            channel = target.connect();
            if (channel.isConnected())
            {
                handler.onConnected(this, channel, null);
            }
            else
            {
                pending = channel;
                pendingDeadlineNs = nowNs + connectTimeoutNs;
                pendingKey = net.register(channel, SelectionKey.OP_CONNECT, this);
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            lastError = String.valueOf(ex.getMessage());
            closeQuietly(channel);
            pending = null;
            scheduleReconnect(nowNs);
        }
        return 1;
    }

    /**
     * The selector reported the pending connect finished (or failed).
     *
     * @param nowNs current time.
     * @return work done.
     */
    public int onConnectable(final long nowNs)
    {
        final SocketChannel channel = pending;
        if (channel == null)
        {
            return 0;
        }
        try
        {
            if (!channel.finishConnect())
            {
                return 0;
            }
            pending = null;
            final SelectionKey key = pendingKey;
            pendingKey = null;
            handler.onConnected(this, channel, key);
        }
        catch (final IOException ex)
        {
            failAttempt("connect to " + endpointText + " failed: " + ex.getMessage(), nowNs);
        }
        return 1;
    }

    private void failAttempt(final String reason, final long nowNs)
    {
        lastError = reason;
        if (pendingKey != null)
        {
            pendingKey.cancel();
            pendingKey = null;
        }
        closeQuietly(pending);
        pending = null;
        scheduleReconnect(nowNs);
    }

    /**
     * The session dropped (or never came up): try again after the back-off, unless closed or disabled.
     *
     * @param nowNs current time.
     */
    public void scheduleReconnect(final long nowNs)
    {
        if (!closed && timer.isEnabled())
        {
            timer.schedule(nowNs);
        }
    }

    /**
     * The handshake succeeded: the back-off starts again from its base.
     */
    public void onHandshakeSucceeded()
    {
        timer.reset();
    }

    /**
     * Stop reconnecting and close any pending connect. The session on a connected channel is closed by its owner.
     */
    public void close()
    {
        closed = true;
        timer.cancel();
        lookup = null;
        if (pending != null)
        {
            if (pendingKey != null)
            {
                pendingKey.cancel();
                pendingKey = null;
            }
            closeQuietly(pending);
            pending = null;
        }
    }

    private static void closeQuietly(final SocketChannel channel)
    {
        if (channel != null)
        {
            try
            {
                channel.close();
            }
            catch (final IOException ignore)
            {
                // Nothing more to release.
            }
        }
    }

    /**
     * The endpoint as given to connect.
     *
     * @return the endpoint string.
     */
    public String endpoint()
    {
        return endpointText;
    }

    /**
     * Number of connect attempts so far.
     *
     * @return attempts.
     */
    public long attempts()
    {
        return attempts;
    }

    /**
     * Why the last attempt failed, for diagnostics.
     *
     * @return the reason, or null if none failed.
     */
    public String lastError()
    {
        return lastError;
    }

    /**
     * Whether this connector was closed (disconnect or socket close).
     *
     * @return true once closed.
     */
    public boolean isClosed()
    {
        return closed;
    }
}
