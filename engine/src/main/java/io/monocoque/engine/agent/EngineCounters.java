package io.monocoque.engine.agent;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Engine-wide counters: bytes read, connections accepted and closed. Single writer (the agent), read by any
 * thread with acquire semantics.
 */
public final class EngineCounters
{
    private static final VarHandle BYTES_IN;
    private static final VarHandle ACCEPTED;
    private static final VarHandle CLOSED;

    static
    {
        try
        {
            final MethodHandles.Lookup lookup = MethodHandles.lookup();
            BYTES_IN = lookup.findVarHandle(EngineCounters.class, "bytesIn", long.class);
            ACCEPTED = lookup.findVarHandle(EngineCounters.class, "accepted", long.class);
            CLOSED = lookup.findVarHandle(EngineCounters.class, "closed", long.class);
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
