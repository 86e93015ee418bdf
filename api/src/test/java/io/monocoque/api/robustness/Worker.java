package io.monocoque.api.robustness;

import java.util.concurrent.TimeUnit;

/**
 * A daemon thread running a test step; {@link #join(long)} rethrows what it failed with, or fails if it did not
 * finish in time (after interrupting it, so that a hung blocking call is reported rather than left behind).
 */
final class Worker
{
    @FunctionalInterface
    interface Body
    {
        void run() throws Exception;
    }

    private final Thread thread;
    private volatile Throwable failure;

    private Worker(final String name, final Body body)
    {
        thread = new Thread(() ->
        {
            try
            {
                body.run();
            }
            catch (final Throwable ex)
            {
                failure = ex;
            }
        }, name);
        thread.setDaemon(true);
    }

    static Worker start(final String name, final Body body)
    {
        final Worker worker = new Worker(name, body);
        worker.thread.start();
        return worker;
    }

    Thread thread()
    {
        return thread;
    }

    Throwable failure()
    {
        return failure;
    }

    void join(final long timeoutMs) throws Exception
    {
        thread.join(timeoutMs);
        if (thread.isAlive())
        {
            final StackTraceElement[] stack = thread.getStackTrace();
            thread.interrupt();
            thread.join(TimeUnit.SECONDS.toMillis(5));
            final AssertionError error = new AssertionError(thread.getName() + " did not finish within " +
                timeoutMs + " ms");
            final Throwable where = new Throwable("where " + thread.getName() + " was");
            where.setStackTrace(stack);
            error.addSuppressed(where);
            if (failure != null)
            {
                error.addSuppressed(failure);
            }
            throw error;
        }
        if (failure instanceof Exception)
        {
            throw (Exception)failure;
        }
        if (failure instanceof Error)
        {
            throw (Error)failure;
        }
    }
}
