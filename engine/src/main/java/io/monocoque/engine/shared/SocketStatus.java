package io.monocoque.engine.shared;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * State the engine agent publishes to the application thread of one socket: the ROUTER routing directory, the
 * number of live peers, drop counters, and whether the agent has released the socket. Single writer (the agent);
 * readers are application threads, so every field is written with release semantics and read with acquire. The one
 * field the other way round is the waiter: written by the application thread that parks, read by the agent.
 */
public final class SocketStatus
{
    private static final VarHandle DROPPED;
    private static final VarHandle PEERS;

    static
    {
        try
        {
            final MethodHandles.Lookup lookup = MethodHandles.lookup();
            DROPPED = lookup.findVarHandle(SocketStatus.class, "droppedMessages", long.class);
            PEERS = lookup.findVarHandle(SocketStatus.class, "activePeers", int.class);
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new ExceptionInInitializerError(ex);
        }
    }

    private final CallGate callGate = new CallGate();
    private volatile RoutingDirectory directory = RoutingDirectory.EMPTY;
    private volatile boolean released;
    /** The application thread parked in a blocking call on this socket, if any; written by that thread. */
    private volatile Thread waiter;
    /** The flag of the poller watching this socket, if any; written by that poller's thread, read by the agent. */
    private volatile ReadinessSlot readinessSlot;
    @SuppressWarnings("unused") // accessed through VarHandles
    private long droppedMessages;
    @SuppressWarnings("unused") // accessed through VarHandles
    private int activePeers;

    /**
     * The gate that keeps the socket's shared memory alive while an application call is inside it.
     *
     * @return the gate (its own class says which thread does what).
     */
    public CallGate callGate()
    {
        return callGate;
    }

    /**
     * The routing directory (ROUTER sockets).
     *
     * @return the latest directory published by the agent.
     */
    public RoutingDirectory directory()
    {
        return directory;
    }

    /**
     * Publish a new routing directory. Agent thread only.
     *
     * @param directory the directory.
     */
    public void directory(final RoutingDirectory directory)
    {
        this.directory = directory;
    }

    /**
     * Messages the engine dropped for this socket: routed to a peer that was gone, refused by a full subscriber
     * (PUB), or left in a connection that closed for good.
     *
     * @return the count.
     */
    public long droppedMessages()
    {
        return (long)DROPPED.getAcquire(this);
    }

    /**
     * Add to the drop count. Agent thread only.
     *
     * @param count messages dropped.
     */
    public void addDropped(final long count)
    {
        DROPPED.setRelease(this, (long)DROPPED.getOpaque(this) + count);
    }

    /**
     * Number of peers that finished the handshake and are connected now.
     *
     * @return the count.
     */
    public int activePeers()
    {
        return (int)PEERS.getAcquire(this);
    }

    /**
     * Publish the number of active peers. Agent thread only.
     *
     * @param count the count.
     */
    public void activePeers(final int count)
    {
        PEERS.setRelease(this, count);
    }

    /**
     * Whether the agent has finished closing the socket and freed its rings.
     *
     * @return true once released.
     */
    public boolean isReleased()
    {
        return released;
    }

    /**
     * Mark the socket released. Agent thread only.
     */
    public void markReleased()
    {
        released = true;
        final ReadinessSlot slot = readinessSlot;
        if (slot != null)
        {
            slot.mark();
        }
        wakeWaiter(); // a thread parked on the socket finds it closed now, not at its next timed wake-up
    }

    /**
     * The flag of the poller that watches this socket, raised by the agent after a duty cycle that moved the
     * socket's rings. Agent thread (a volatile read).
     *
     * @return the slot, or null when no poller watches the socket.
     */
    public ReadinessSlot readinessSlot()
    {
        return readinessSlot;
    }

    /**
     * Let a poller watch this socket, or stop (null). The poller's thread.
     *
     * @param slot the poller's flag for this socket, or null.
     */
    public void readinessSlot(final ReadinessSlot slot)
    {
        readinessSlot = slot;
    }

    /**
     * The calling thread is about to park until the agent makes progress on this socket (delivers, drains, releases
     * it). Application thread; the caller then looks at the rings once more before it parks.
     *
     * @param thread the thread that will park.
     */
    public void armWaiter(final Thread thread)
    {
        waiter = thread;
    }

    /**
     * The waiting thread stopped waiting. Application thread.
     */
    public void disarmWaiter()
    {
        waiter = null;
    }

    /**
     * Whether a thread is armed to be woken. Agent thread; a volatile read.
     *
     * @return true while a blocking call may be parked on this socket.
     */
    public boolean hasWaiter()
    {
        return waiter != null;
    }

    /**
     * Unpark the thread waiting on this socket, if one is armed. Agent thread, whoever releases the socket, or the
     * thread that closes it (an unpark is safe from any thread).
     */
    public void wakeWaiter()
    {
        final Thread thread = waiter;
        if (thread != null)
        {
            LockSupport.unpark(thread);
        }
    }
}
