package io.monocoque.perf.latency;

import org.agrona.concurrent.IdleStrategy;

/**
 * The measuring side of a latency run, one thread, no allocation per request on the Monocoque side: a
 * preallocated request whose first 8 bytes carry a timestamp, a non-blocking send, and a poll that drives the
 * implementation's I/O where it runs on this thread and hands each reply's timestamp to a sink.
 */
public interface LatencyClient extends AutoCloseable
{
    /**
     * Connect or bind, and wait for the echo peer where the implementation can tell that it is there.
     *
     * @param endpoint  where the echo side is (connect) or where to listen for it (bind).
     * @param bind      true to bind.
     * @param timeoutMs longest wait for the peer.
     * @return the endpoint (the real one for a bind to port 0).
     * @throws Exception if it cannot.
     */
    String open(String endpoint, boolean bind, long timeoutMs) throws Exception;

    /**
     * Stamp the request and try to send it without blocking.
     *
     * @param stampNs the value to carry (a {@code System.nanoTime()} value).
     * @return true if it was queued, false if back-pressured (try again).
     */
    boolean offer(long stampNs);

    /**
     * Do I/O work where this thread drives it, and hand waiting replies to the sink.
     *
     * @param sink receives each reply.
     * @return work done (replies plus I/O work); 0 if idle.
     */
    int poll(ReplySink sink);

    /**
     * The idle strategy the measuring loop uses: the configured one, unless this client's loop must idle through
     * what drives its I/O (Monocoque in INVOKER mode idles as its context's strategy says, so that the
     * kernel-sleeping strategy sleeps in the engine's selector). Called after {@link #open}.
     *
     * @param configured a new instance of the run's strategy for this implementation.
     * @return the strategy the loop idles with.
     */
    default IdleStrategy loopIdle(final IdleStrategy configured)
    {
        return configured;
    }

    @Override
    void close();
}
