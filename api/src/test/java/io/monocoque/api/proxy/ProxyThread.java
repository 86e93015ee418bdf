package io.monocoque.api.proxy;

import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * A proxy running on a thread of its own, for the proxy tests: {@link #close()} interrupts it (unless it already
 * stopped), joins it and fails the test if the proxy threw. The sockets are set up on the test thread before
 * {@link #start}, which hands them to the proxy thread (Thread.start is a happens-before edge); the test must not
 * touch them again until the proxy has stopped. Driven by the test thread.
 */
final class ProxyThread implements AutoCloseable
{
    private static final long JOIN_MS = 10_000;

    private final Thread thread;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final AtomicReference<Object> result = new AtomicReference<>();

    private ProxyThread(final ProxyBody body)
    {
        thread = new Thread(() ->
        {
            try
            {
                result.set(body.run());
            }
            catch (final Throwable ex)
            {
                failure.set(ex);
            }
        }, "proxy");
        thread.setDaemon(true);
    }

    /** What the proxy thread runs; returns what the proxy returned (null for a void proxy). */
    @FunctionalInterface
    interface ProxyBody
    {
        Object run();
    }

    /**
     * Start a proxy on its own thread.
     *
     * @param body runs the proxy.
     * @return the running thread.
     */
    static ProxyThread start(final ProxyBody body)
    {
        final ProxyThread proxy = new ProxyThread(body);
        proxy.thread.start();
        return proxy;
    }

    /**
     * Wait for the proxy to stop by itself (e.g. after TERMINATE), failing the test if it does not.
     *
     * @return what it returned.
     */
    Object awaitStopped()
    {
        join();
        return result.get();
    }

    /**
     * The proxy's failure so far, if any.
     *
     * @return what it threw, or null.
     */
    Throwable failure()
    {
        return failure.get();
    }

    private void join()
    {
        try
        {
            thread.join(JOIN_MS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
        assertFalse(thread.isAlive(), "the proxy thread did not stop");
        assertNull(failure.get(), () -> "the proxy failed: " + failure.get());
    }

    @Override
    public void close()
    {
        thread.interrupt();
        join();
    }
}
