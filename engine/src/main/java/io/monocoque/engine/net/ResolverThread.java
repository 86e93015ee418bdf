package io.monocoque.engine.net;

import io.monocoque.engine.shared.HostResolver;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;

/**
 * The context's name-resolution thread: connectors hand it host names and poll the {@link HostLookup}s it returns,
 * so a slow or dead DNS server delays only the connects that need a name, never the duty cycle. One thread, made
 * by the context's thread factory on the first look-up (a context that only uses literal addresses never starts
 * it); look-ups run one after another, as libzmq's I/O thread makes them. {@link #lookUp} and {@link #close} are
 * called by the agent thread only (the executor's queue is the hand-off to the resolver thread).
 */
public final class ResolverThread implements AutoCloseable
{
    /** Answers every look-up asked after close, so a connector closing with its context sees a failure. */
    private static final HostResolver CLOSING = name ->
    {
        throw new IllegalStateException("context is closing");
    };

    private final HostResolver resolver;
    private final ThreadFactory threadFactory;
    private ExecutorService executor;
    private boolean closed;

    /**
     * Create the (not yet started) resolver.
     *
     * @param resolver      what resolves a name.
     * @param threadFactory makes the resolver thread.
     */
    public ResolverThread(final HostResolver resolver, final ThreadFactory threadFactory)
    {
        this.resolver = resolver;
        this.threadFactory = threadFactory;
    }

    /**
     * Start resolving a name in the background. Agent thread.
     *
     * @param host the name.
     * @return the look-up to poll; already done (failed) if the resolver is closed.
     */
    public HostLookup lookUp(final String host)
    {
        final HostLookup lookup = new HostLookup(host);
        if (closed)
        {
            return HostLookup.now(host, CLOSING);
        }
        if (executor == null)
        {
            executor = Executors.newSingleThreadExecutor(threadFactory);
        }
        try
        {
            executor.execute(() -> lookup.run(resolver));
        }
        catch (final RejectedExecutionException ex)
        {
            return HostLookup.now(host, CLOSING);
        }
        return lookup;
    }

    /**
     * Stop the resolver thread; a look-up blocked in the name service is interrupted (the thread is a daemon if the
     * factory made it one, so a name service that ignores interrupts cannot hold the JVM). Agent thread, at close.
     */
    @Override
    public void close()
    {
        closed = true;
        if (executor != null)
        {
            executor.shutdownNow();
        }
    }
}
