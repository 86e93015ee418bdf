package io.monocoque.perf;

import io.monocoque.api.Context;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.YieldingIdleStrategy;

import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The idle strategies a benchmark may run with, by their command-line names.
 */
public enum Idle
{
    /** Spin without yielding: lowest latency, burns a core per spinning thread. */
    BUSY,
    /** Spin, yielding the CPU each idle cycle. */
    YIELD,
    /** Agrona's backoff: spin, then yield, then park with growing sleeps. */
    BACKOFF,
    /**
     * Monocoque's default: spin, yield, then sleep in the engine's selector until I/O, a timer or a wake-up. Only a
     * thread that drives an engine (INVOKER mode, the strategy given to the context) sleeps in the kernel; for
     * other implementations it means their blocking calls, as {@link #BACKOFF} does.
     */
    SELECTOR,
    /**
     * Chosen per implementation on the machine it runs on ({@code Impl.defaultIdle()}): busy where every spinning
     * thread has a CPU with one to spare, {@link #SELECTOR} otherwise. Resolved before use; it has no strategy.
     */
    AUTO;

    /** Longest sleep of a {@link #SELECTOR} step, so that a loop still sees a stop request without I/O. */
    private static final long SELECTOR_MAX_SLEEP_NS = TimeUnit.MILLISECONDS.toNanos(100);

    /**
     * What {@link #AUTO} resolves to for a run whose given number of threads would spin: {@link #BUSY} when the
     * machine has a CPU for each and one to spare (for the JIT, the GC and the OS), {@link #SELECTOR} otherwise.
     *
     * @param spinningThreads threads that would spin if busy were chosen.
     * @return BUSY or SELECTOR.
     */
    public static Idle auto(final int spinningThreads)
    {
        return Runtime.getRuntime().availableProcessors() > spinningThreads ? BUSY : SELECTOR;
    }

    /**
     * A new idle strategy instance of this kind.
     *
     * @return the strategy.
     */
    public IdleStrategy newStrategy()
    {
        switch (this)
        {
            case BUSY:
                return new BusySpinIdleStrategy();
            case YIELD:
                return new YieldingIdleStrategy();
            case SELECTOR:
                return Context.Builder.sleepInSelector(SELECTOR_MAX_SLEEP_NS);
            case AUTO:
                throw new IllegalStateException("idle auto is resolved per implementation before use");
            default:
                return new BackoffIdleStrategy();
        }
    }

    /**
     * Whether a thread waiting with this strategy blocks (in the kernel or a park) rather than spins: JeroMQ and raw
     * NIO peers then use their own blocking calls.
     *
     * @return true for backoff and selector.
     */
    public boolean blocks()
    {
        return this == BACKOFF || this == SELECTOR;
    }

    /**
     * Parse a command-line name.
     *
     * @param name busy, yield, backoff, selector or auto.
     * @return the value.
     * @throws IllegalArgumentException naming the bad value.
     */
    public static Idle parse(final String name)
    {
        try
        {
            return valueOf(name.toUpperCase(Locale.ROOT));
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException(
                "unknown idle strategy '" + name + "' (busy, yield, backoff, selector, auto)");
        }
    }

    /**
     * Command-line name.
     *
     * @return lower-case name.
     */
    public String label()
    {
        return name().toLowerCase(Locale.ROOT);
    }
}
