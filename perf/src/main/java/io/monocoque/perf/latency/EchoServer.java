package io.monocoque.perf.latency;

/**
 * The in-process far side of a latency run: a thread that echoes every request, bound to loopback TCP.
 */
public interface EchoServer extends AutoCloseable
{
    /**
     * Start the thread and bind.
     *
     * @return the bound endpoint, e.g. {@code tcp://127.0.0.1:40123}.
     * @throws Exception if it cannot start.
     */
    String start() throws Exception;

    /**
     * Stop the thread and release everything.
     *
     * @throws IllegalStateException if the echo thread failed while running.
     */
    @Override
    void close();
}
