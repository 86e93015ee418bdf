package io.monocoque.engine.agent;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Engine-wide counters: bytes read, connections accepted, closed, and failed (closed because handling them
 * threw), duty cycles run and sleeps in the selector. Single writer (the agent), read by any
 * thread with acquire semantics.
 */
public final class EngineCounters
{
    private static final VarHandle BYTES_IN;
    private static final VarHandle ACCEPTED;
    private static final VarHandle CLOSED;
    private static final VarHandle FAILED;
    private static final VarHandle CYCLES;
    private static final VarHandle SLEEPS;

    static
    {
        try
        {
            final MethodHandles.Lookup lookup = MethodHandles.lookup();
            BYTES_IN = lookup.findVarHandle(EngineCounters.class, "bytesIn", long.class);
            ACCEPTED = lookup.findVarHandle(EngineCounters.class, "accepted", long.class);
            CLOSED = lookup.findVarHandle(EngineCounters.class, "closed", long.class);
            FAILED = lookup.findVarHandle(EngineCounters.class, "failed", long.class);
            CYCLES = lookup.findVarHandle(EngineCounters.class, "dutyCycles", long.class);
            SLEEPS = lookup.findVarHandle(EngineCounters.class, "sleeps", long.class);
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new ExceptionInInitializerError(ex);
        }
    }

    @SuppressWarnings("unused")
    private long bytesIn;
    @SuppressWarnings("unused")
    private long accepted;
    @SuppressWarnings("unused")
    private long closed;
    @SuppressWarnings("unused")
    private long failed;
    @SuppressWarnings("unused")
    private long dutyCycles;
    @SuppressWarnings("unused")
    private long sleeps;

    void dutyCycle()
    {
        CYCLES.setRelease(this, (long)CYCLES.getOpaque(this) + 1);
    }

    void slept()
    {
        SLEEPS.setRelease(this, (long)SLEEPS.getOpaque(this) + 1);
    }

    /**
     * Duty cycles the agent has run: an idle engine that sleeps in its selector runs none until something wakes it.
     *
     * @return the count.
     */
    public long dutyCycles()
    {
        return (long)CYCLES.getAcquire(this);
    }

    /**
     * Times the agent blocked in its selector (the kernel-sleeping idle strategy).
     *
     * @return the count.
     */
    public long sleeps()
    {
        return (long)SLEEPS.getAcquire(this);
    }

    void bytesIn(final long bytes)
    {
        BYTES_IN.setRelease(this, (long)BYTES_IN.getOpaque(this) + bytes);
    }

    void accepted(final long count)
    {
        if (count > 0)
        {
            ACCEPTED.setRelease(this, (long)ACCEPTED.getOpaque(this) + count);
        }
    }

    void connectionClosed()
    {
        CLOSED.setRelease(this, (long)CLOSED.getOpaque(this) + 1);
    }

    void connectionFailed()
    {
        FAILED.setRelease(this, (long)FAILED.getOpaque(this) + 1);
    }

    /**
     * Connections closed (or refused at accept) because handling them threw: a bug, or an allocation failure such
     * as direct memory running out. Each affected only its own connection.
     *
     * @return the count.
     */
    public long failed()
    {
        return (long)FAILED.getAcquire(this);
    }

    /**
     * Bytes read from all connections.
     *
     * @return the count.
     */
    public long bytesIn()
    {
        return (long)BYTES_IN.getAcquire(this);
    }

    /**
     * Connections accepted on bound endpoints.
     *
     * @return the count.
     */
    public long accepted()
    {
        return (long)ACCEPTED.getAcquire(this);
    }

    /**
     * Connections closed with a reason (peer gone, protocol error, refused).
     *
     * @return the count.
     */
    public long closed()
    {
        return (long)CLOSED.getAcquire(this);
    }
}
