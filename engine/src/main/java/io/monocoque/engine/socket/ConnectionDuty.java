package io.monocoque.engine.socket;

import io.monocoque.engine.pattern.PeerSet;
import io.monocoque.engine.session.Connection;
import io.monocoque.engine.shared.InboundWriter;

/**
 * What a socket does for each of its connections in a duty cycle and before the agent sleeps: flush, retry a
 * blocked delivery, run the connection's timers, read directly when the socket has few connections; say which
 * channels the selector must watch during a sleep and how long the sleep may last. One connection's failure closes
 * that connection only (through the {@link Failure} handler) and the others go on.
 * <p>
 * Owned by the engine agent thread, like the socket it serves.
 */
final class ConnectionDuty
{
    /**
     * How often a sleeping agent looks at a delivery waiting for room in the receive ring: the application reading
     * its ring wakes no selector. The same as the longest park of a backoff.
     */
    static final long BLOCKED_DELIVERY_POLL_NS = 1_000_000;

    /** Closes a connection whose handling threw. */
    @FunctionalInterface
    interface Failure
    {
        /**
         * @param connection the connection.
         * @param cause      what it threw.
         */
        void fail(Connection connection, Throwable cause);
    }

    private final PeerSet peers;
    private final Failure failure;
    private final InboundWriter writer;

    ConnectionDuty(final PeerSet peers, final Failure failure, final InboundWriter writer)
    {
        this.peers = peers;
        this.failure = failure;
        this.writer = writer;
    }

    /**
     * Flush, retry blocked deliveries and run the timers of every connection; then, if {@code direct}, read each.
     *
     * @param nowNs  current time.
     * @param direct whether the connections are read directly this cycle (rather than when the selector says).
     * @return work done.
     */
    int serve(final long nowNs, final boolean direct)
    {
        int work = 0;
        // A delivery blocked on a full receive ring is retried only once the reader has made room since.
        final boolean mayDeliver = writer.mayHaveRoom();
        for (int i = 0; i < peers.size(); i++)
        {
            final Connection connection = peers.get(i);
            try
            {
                connection.transport().pollDirectly(direct);
                work += Math.max(0, connection.flush());
                if (mayDeliver)
                {
                    work += connection.retryBlockedInbound();
                }
                work += connection.onTimer(nowNs);
            }
            catch (final Throwable ex)
            {
                failure.fail(connection, ex);
            }
        }
        if (direct)
        {
            work += readDirectly();
        }
        return work;
    }

    private int readDirectly()
    {
        int work = 0;
        for (int i = 0; i < peers.size(); i++)
        {
            final Connection connection = peers.get(i);
            try
            {
                if (connection.transport().isPolledDirectly() && connection.onReadable() > 0)
                {
                    work++;
                }
            }
            catch (final Throwable ex)
            {
                failure.fail(connection, ex);
            }
        }
        return work;
    }

    /**
     * The agent is about to sleep: have the selector wake it for every connection with bytes the kernel has not
     * taken yet, and not for the others (a level-triggered selector would report them writable at once).
     */
    void prepareSleep()
    {
        for (int i = 0; i < peers.size(); i++)
        {
            final Connection connection = peers.get(i);
            connection.transport().writeInterest(connection.hasUnsent());
        }
    }

    /**
     * How long the agent may sleep before some connection has time-driven work.
     *
     * @param nowNs current time.
     * @return nanoseconds (0 or less: due now), {@link Long#MAX_VALUE} if none.
     */
    long nsUntilTimer(final long nowNs)
    {
        long ns = Long.MAX_VALUE;
        for (int i = 0; i < peers.size(); i++)
        {
            final Connection connection = peers.get(i);
            final long due = connection.isInboundBlocked() ? BLOCKED_DELIVERY_POLL_NS : connection.nsUntilTimer(nowNs);
            ns = Math.min(ns, due);
        }
        return ns;
    }
}
