package io.monocoque.engine;

import org.agrona.concurrent.IdleStrategy;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The idle strategy that sleeps in the kernel: after a few idle duty cycles spent spinning and then yielding (work
 * often comes back within microseconds: a reply to the request just delivered), the engine blocks in its selector
 * ({@code epoll_wait}) until a channel is ready, its next timer is due, or an application thread hands it work, as
 * libzmq's I/O thread does. An idle engine then costs no CPU, and bytes that arrive wake it at once instead of at
 * the end of a timed park.
 * <p>
 * An instance serves one thread and one engine: the engine binds it at launch ({@link #bind(Sleeper)}); used where
 * no engine bound it, its last phase parks for {@link #UNBOUND_PARK_NS} instead. The engine thread (DEDICATED mode)
 * or the application thread driving the engine (INVOKER mode) calls it; nothing else.
 */
public final class SelectorIdleStrategy implements IdleStrategy
{
    /** The name tools and reports use for this strategy. */
    public static final String ALIAS = "selector";
    /** Idle cycles spent spinning before yielding. */
    public static final int SPIN_CYCLES = 20;
    /** Idle cycles spent yielding before sleeping. */
    public static final int YIELD_CYCLES = 5;
    /** Longest park of an instance no engine bound. */
    public static final long UNBOUND_PARK_NS = TimeUnit.MILLISECONDS.toNanos(1);

    /** What sleeps: the engine agent. */
    @FunctionalInterface
    public interface Sleeper
    {
        /**
         * Sleep in the selector until I/O, a timer, a wake-up or the given time; run what woke it.
         *
         * @param maxNs longest sleep; {@link Long#MAX_VALUE} for none but the engine's own timers.
         * @return work done on waking.
         */
        int sleep(long maxNs);
    }

    private final long maxSleepNs;
    private Sleeper sleeper;
    private int idleCycles;

    /**
     * A strategy that sleeps until something happens, however long that takes (an engine's own timers bound it).
     */
    public SelectorIdleStrategy()
    {
        this(Long.MAX_VALUE);
    }

    /**
     * A strategy whose sleeps last at most {@code maxSleepNs}: for a thread that drives the engine in INVOKER mode
     * and must also notice something the engine does not know of (a stop request from a signal handler) within
     * that time.
     *
     * @param maxSleepNs longest sleep in one idle step; positive.
     * @throws IllegalArgumentException if not positive.
     */
    public SelectorIdleStrategy(final long maxSleepNs)
    {
        if (maxSleepNs <= 0)
        {
            throw new IllegalArgumentException("maxSleepNs must be positive: " + maxSleepNs);
        }
        this.maxSleepNs = maxSleepNs;
    }

    /**
     * Bind to the engine whose selector this strategy sleeps in. The engine, at launch.
     *
     * @param sleeper the engine's agent.
     * @throws IllegalStateException if another engine already bound this instance (one instance per thread).
     */
    public void bind(final Sleeper sleeper)
    {
        if (this.sleeper != null && this.sleeper != sleeper)
        {
            throw new IllegalStateException("a SelectorIdleStrategy serves one engine: give each context its own");
        }
        this.sleeper = sleeper;
    }

    @Override
    public void idle(final int workCount)
    {
        if (workCount > 0)
        {
            reset();
            return;
        }
        idle();
    }

    @Override
    public void idle()
    {
        idleFor(Long.MAX_VALUE);
    }

    /**
     * One idle step that sleeps no longer than {@code maxNs} (an application call's remaining timeout in INVOKER
     * mode).
     *
     * @param maxNs longest sleep in this step.
     * @return work done on waking (0 while spinning or yielding).
     */
    public int idleFor(final long maxNs)
    {
        if (idleCycles < SPIN_CYCLES)
        {
            idleCycles++;
            Thread.onSpinWait();
            return 0;
        }
        if (idleCycles < SPIN_CYCLES + YIELD_CYCLES)
        {
            idleCycles++;
            Thread.yield();
            return 0;
        }
        final long sleepNs = Math.min(maxNs, maxSleepNs);
        if (sleeper == null)
        {
            LockSupport.parkNanos(Math.min(sleepNs, UNBOUND_PARK_NS));
            return 0;
        }
        return sleeper.sleep(sleepNs);
    }

    @Override
    public void reset()
    {
        idleCycles = 0;
    }

    @Override
    public String alias()
    {
        return ALIAS;
    }
}
