package io.monocoque.engine.pub;

import org.agrona.ErrorHandler;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemNanoClock;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Options of one PUB/XPUB socket's fan-out, Aeron style: fluent setters, then {@link #conclude()} validates them
 * and fills defaults once. Built on the application thread when the socket starts; immutable afterwards.
 */
public final class PubConfig
{
    /** Default publisher ring: 4 MiB, the same as the other sockets' rings. */
    public static final long DEFAULT_RING_BYTES = 4L * 1024 * 1024;
    private static final AtomicInteger THREAD_COUNTER = new AtomicInteger();

    private int workers;
    private long ringBytes = DEFAULT_RING_BYTES;
    private int subscriberHwmBytes = 4 * 1024 * 1024;
    private long stallTimeoutMs;
    private boolean invokerMode;
    private boolean xpub;
    private ErrorHandler errorHandler;
    private NanoClock clock;
    private ThreadFactory threadFactory;
    private Supplier<IdleStrategy> idleStrategy;

    /**
     * The default number of workers for this machine: half the available processors, at least 1 (so 1 on a
     * 2-core machine, where worker 0 shares the engine thread and no thread is added).
     *
     * @return the default.
     */
    public static int defaultWorkers()
    {
        return Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    }

    /**
     * Validate and fill defaults.
     *
     * @return this.
     * @throws IllegalArgumentException naming a bad value.
     */
    public PubConfig conclude()
    {
        if (workers <= 0)
        {
            workers = defaultWorkers();
        }
        if (subscriberHwmBytes <= 0)
        {
            throw new IllegalArgumentException("subscriber HWM must be positive: " + subscriberHwmBytes);
        }
        if (stallTimeoutMs < 0)
        {
            throw new IllegalArgumentException("stall timeout must be >= 0: " + stallTimeoutMs);
        }
        if (errorHandler == null)
        {
            errorHandler = throwable -> System.err.println("monocoque pub worker: " + throwable);
        }
        if (clock == null)
        {
            clock = SystemNanoClock.INSTANCE;
        }
        if (idleStrategy == null)
        {
            idleStrategy = BackoffIdleStrategy::new;
        }
        if (threadFactory == null)
        {
            threadFactory = runnable ->
            {
                final Thread thread = new Thread(runnable, "monocoque-pub-worker-" + THREAD_COUNTER.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            };
        }
        return this;
    }

    /** @return number of workers (0 before conclude = the default). */
    public int workers()
    {
        return workers;
    }

    /**
     * Number of fan-out workers; 0 chooses {@link #defaultWorkers()}.
     *
     * @param workers the count.
     * @return this.
     */
    public PubConfig workers(final int workers)
    {
        this.workers = workers;
        return this;
    }

    /** @return publisher ring capacity in bytes. */
    public long ringBytes()
    {
        return ringBytes;
    }

    /**
     * Publisher ring capacity: how far the publisher may run ahead of the slowest worker (not of a subscriber).
     *
     * @param ringBytes bytes, rounded up to a power of two.
     * @return this.
     */
    public PubConfig ringBytes(final long ringBytes)
    {
        this.ringBytes = ringBytes;
        return this;
    }

    /** @return each subscriber's buffer in bytes. */
    public int subscriberHwmBytes()
    {
        return subscriberHwmBytes;
    }

    /**
     * Each subscriber's HWM: its staging buffer, messages accepted for it and not yet taken by the kernel.
     *
     * @param bytes capacity.
     * @return this.
     */
    public PubConfig subscriberHwmBytes(final int bytes)
    {
        this.subscriberHwmBytes = bytes;
        return this;
    }

    /** @return stall timeout in ms, 0 = never disconnect. */
    public long stallTimeoutMs()
    {
        return stallTimeoutMs;
    }

    /**
     * Disconnect a subscriber whose kernel buffer stayed full, with no byte written, this long.
     *
     * @param ms milliseconds; 0 never disconnects (libzmq's behaviour).
     * @return this.
     */
    public PubConfig stallTimeoutMs(final long ms)
    {
        this.stallTimeoutMs = ms;
        return this;
    }

    /** @return true if the engine runs in INVOKER mode. */
    public boolean invokerMode()
    {
        return invokerMode;
    }

    /**
     * INVOKER mode: every worker runs inside the engine agent's duty cycle (no thread is started).
     *
     * @param invokerMode true in INVOKER mode.
     * @return this.
     */
    public PubConfig invokerMode(final boolean invokerMode)
    {
        this.invokerMode = invokerMode;
        return this;
    }

    /** @return true for an XPUB socket. */
    public boolean xpub()
    {
        return xpub;
    }

    /**
     * Whether the socket is an XPUB (subscriptions are delivered to the application).
     *
     * @param xpub true for XPUB.
     * @return this.
     */
    public PubConfig xpub(final boolean xpub)
    {
        this.xpub = xpub;
        return this;
    }

    /** @return the error handler. */
    public ErrorHandler errorHandler()
    {
        return errorHandler;
    }

    /**
     * Handler of worker errors (called on worker threads).
     *
     * @param errorHandler the handler.
     * @return this.
     */
    public PubConfig errorHandler(final ErrorHandler errorHandler)
    {
        this.errorHandler = errorHandler;
        return this;
    }

    /** @return the clock. */
    public NanoClock clock()
    {
        return clock;
    }

    /**
     * Clock the workers read once per duty cycle.
     *
     * @param clock the clock.
     * @return this.
     */
    public PubConfig clock(final NanoClock clock)
    {
        this.clock = clock;
        return this;
    }

    /** @return the worker thread factory. */
    public ThreadFactory threadFactory()
    {
        return threadFactory;
    }

    /**
     * Factory of worker threads (name, pinning).
     *
     * @param threadFactory the factory.
     * @return this.
     */
    public PubConfig threadFactory(final ThreadFactory threadFactory)
    {
        this.threadFactory = threadFactory;
        return this;
    }

    /** @return makes one idle strategy per worker thread. */
    public Supplier<IdleStrategy> idleStrategy()
    {
        return idleStrategy;
    }

    /**
     * How worker threads idle (default backoff).
     *
     * @param idleStrategy makes one strategy per worker thread.
     * @return this.
     */
    public PubConfig idleStrategy(final Supplier<IdleStrategy> idleStrategy)
    {
        this.idleStrategy = idleStrategy;
        return this;
    }
}
