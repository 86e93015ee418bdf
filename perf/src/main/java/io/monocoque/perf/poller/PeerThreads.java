package io.monocoque.perf.poller;

import java.util.concurrent.TimeUnit;

/**
 * The client and worker threads of a broker run: started together, failures kept for the benchmark thread, which
 * checks them while it waits ({@link #check}) and joins them at the end. The benchmark thread only.
 */
final class PeerThreads
{
    /** Payload of each request. */
    static final int PAYLOAD_BYTES = 64;
    /** Longest a broker's poll waits before it looks at the peers and the deadline. */
    static final long POLL_SLICE_MS = 100;

    private final Thread client;
    private final Thread worker;
    private volatile Throwable failure;

    private PeerThreads(final Runnable clientLoop, final Runnable workerLoop)
    {
        this.client = new Thread(guarded(clientLoop), "poller-bench-client");
        this.worker = new Thread(guarded(workerLoop), "poller-bench-worker");
        client.setDaemon(true);
        worker.setDaemon(true);
    }

    /**
     * Start a client and a worker.
     *
     * @param clientLoop the client's whole run.
     * @param workerLoop the worker's whole run.
     * @return the running threads.
     */
    static PeerThreads start(final Runnable clientLoop, final Runnable workerLoop)
    {
        final PeerThreads threads = new PeerThreads(clientLoop, workerLoop);
        threads.worker.start();
        threads.client.start();
        return threads;
    }

    /**
     * Fail if a peer failed or the run is past its deadline.
     *
     * @param deadlineNs {@link System#nanoTime()} by which the run must end.
     */
    void check(final long deadlineNs)
    {
        final Throwable cause = failure;
        if (cause != null)
        {
            throw new IllegalStateException("a broker peer failed: " + cause, cause);
        }
        if (System.nanoTime() > deadlineNs)
        {
            throw new IllegalStateException("the broker run did not finish in time");
        }
    }

    /**
     * Wait for both peers to finish.
     *
     * @param timeoutMs longest wait for each.
     * @throws InterruptedException if interrupted.
     */
    void join(final long timeoutMs) throws InterruptedException
    {
        client.join(timeoutMs);
        worker.join(timeoutMs);
        check(Long.MAX_VALUE);
        if (client.isAlive() || worker.isAlive())
        {
            throw new IllegalStateException("a broker peer did not finish within " +
                TimeUnit.MILLISECONDS.toSeconds(timeoutMs) + " s");
        }
    }

    private Runnable guarded(final Runnable loop)
    {
        return () ->
        {
            try
            {
                loop.run();
            }
            catch (final Throwable ex)
            {
                failure = ex;
            }
        };
    }
}
