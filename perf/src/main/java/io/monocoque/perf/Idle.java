package io.monocoque.perf;

import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.YieldingIdleStrategy;

import java.util.Locale;

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
    BACKOFF;

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
            default:
                return new BackoffIdleStrategy();
        }
    }

    /**
     * Parse a command-line name.
     *
     * @param name busy, yield or backoff.
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
            throw new IllegalArgumentException("unknown idle strategy '" + name + "' (busy, yield, backoff)");
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
