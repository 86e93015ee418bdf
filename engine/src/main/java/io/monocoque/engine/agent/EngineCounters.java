package io.monocoque.engine.agent;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Engine-wide counters: bytes read, connections accepted, closed, and failed (closed because handling them
 * threw). Single writer (the agent), read by any
 * thread with acquire semantics.
 */
public final class EngineCounters
{
    private static final VarHandle BYTES_IN;
    private static final VarHandle ACCEPTED;
    private static final VarHandle CLOSED;
    private static final VarHandle FAILED;

    static
    {
        try
        {
            final MethodHandles.Lookup lookup = MethodHandles.lookup();
            BYTES_IN = lookup.findVarHandle(EngineCounters.class, "bytesIn", long.class);
            ACCEPTED = lookup.findVarHandle(EngineCounters.class, "accepted", long.class);
            CLOSED = lookup.findVarHandle(EngineCounters.class, "closed", long.class);
            FAILED = lookup.findVarHandle(EngineCounters.class, "failed", long.class);
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
