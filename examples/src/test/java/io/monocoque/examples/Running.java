package io.monocoque.examples;

import io.monocoque.api.testing.Await;

import java.util.concurrent.atomic.AtomicReference;

/**
 * A loop of the examples (a broker's {@code run()}, a worker) on a thread of its own, for a test: {@link #close()}
 * stops it, waits for the thread to end and fails the test if the loop threw or did not end. Close it through
 * {@code TestResources.closeAfterTest}, so that a failed test leaves no thread behind.
 */
final class Running implements AutoCloseable
{
    private final Thread thread;
    private final AutoCloseable stop;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    private Running(final String name, final Runnable loop, final AutoCloseable stop)
    {
        this.stop = stop;
        this.thread = new Thread(() ->
        {
            try
            {
                loop.run();
            }
            catch (final Throwable ex)
            {
                failure.set(ex);
            }
        }, name);
        thread.setDaemon(true);
    }

    /**
     * Start a loop.
     *
     * @param name the thread's name.
     * @param loop what the thread runs; it must return once {@code stop} is closed.
     * @param stop what makes the loop return (e.g. the broker itself).
     * @return the running loop.
     */
    static Running start(final String name, final Runnable loop, final AutoCloseable stop)
    {
        final Running running = new Running(name, loop, stop);
        running.thread.start();
        return running;
    }

    /**
     * Whether the loop has ended (returned or thrown).
     *
     * @return true once the thread is gone.
     */
    boolean hasEnded()
    {
        return !thread.isAlive();
    }

    @Override
    public void close() throws Exception
    {
        stop.close();
        thread.join(Await.WAIT_MS);
        if (thread.isAlive())
        {
            throw new AssertionError(thread.getName() + " did not end within " + Await.WAIT_MS + " ms of its stop");
        }
        final Throwable thrown = failure.get();
        if (thrown != null)
        {
            throw new AssertionError(thread.getName() + " failed", thrown);
        }
    }
}
