package io.monocoque.api;

import io.monocoque.engine.shared.CallGate;
import io.monocoque.engine.shared.ReadinessSlot;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Detects a socket used by two threads at once, cheaply: the first call of a thread records it as the owner (an
 * opaque write, no fence), nested calls from the same thread count their depth (replying from inside a poll
 * handler is fine), and a call from another thread while the socket is owned is refused with a
 * {@link SocketStateException} naming both threads. A socket may move between threads with a happens-before
 * hand-off, as a libzmq socket may; the guard is a tripwire for the unsynchronised case, not a lock.
 * <p>
 * It is also where a call enters and leaves the socket's shared memory ({@link CallGate}), so that closing the
 * socket or its context from another thread frees the rings only once no call is inside them: one volatile write
 * per outermost call. And where a call tells the poller watching the socket, if any, that it may have changed what
 * the socket can do ({@link ReadinessSlot}): a release store at the end of each outermost call, except the poller's
 * own looks ({@link #exitQuietly()}).
 * <p>
 * Every call comes from whichever application thread is using the socket.
 */
final class OwnerGuard
{
    private static final VarHandle OWNER;

    static
    {
        try
        {
            OWNER = MethodHandles.lookup().findVarHandle(OwnerGuard.class, "owner", Thread.class);
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new ExceptionInInitializerError(ex);
        }
    }

    private final SocketType type;
    @SuppressWarnings("unused") // accessed through OWNER
    private Thread owner;
    private int depth;
    /** The socket's shared memory, once it has some: an outermost call enters and leaves it (the close protocol). */
    private CallGate gate;
    /** What a call the gate refused does: throws unless the socket is closed (see {@link #attach}). */
    private Runnable refusal;
    private boolean entered;
    /** The watching poller's flag; volatile because {@code close()} may come from any thread. */
    private volatile ReadinessSlot watch;

    OwnerGuard(final SocketType type)
    {
        this.type = type;
    }

    /**
     * A socket call starts on the current thread.
     *
     * @throws SocketStateException if another thread is inside a call on the same socket.
     */
    void enter()
    {
        final Thread current = Thread.currentThread();
        final Object holder = OWNER.getOpaque(this);
        if (holder == null)
        {
            OWNER.setOpaque(this, current);
        }
        else if (holder != current)
        {
            throw new SocketStateException(type + " socket used by threads '" + ((Thread)holder).getName() +
                "' and '" + current.getName() + "' at once; a socket belongs to one thread at a time");
        }
        if (depth++ == 0 && gate != null)
        {
            // Refused once the rings are retired: after close() set the socket's volatile closed flag (the call then
            // sees it closed, answers as a closed socket does and touches no ring), or after the agent stopped on a
            // failure and freed every socket's rings, open or not: then the call must fail here.
            entered = gate.enter();
            if (!entered)
            {
                checkRefusal();
            }
        }
    }

    private void checkRefusal()
    {
        try
        {
            refusal.run();
        }
        catch (final RuntimeException | Error ex)
        {
            exitQuietly(); // the call never started: leave the socket as free as it was
            throw ex;
        }
    }

    /**
     * The socket has shared memory now (it started): calls enter its gate. Application thread, outside any call
     * but the one starting it.
     *
     * @param gate    the socket's gate.
     * @param refusal run when the gate refuses a call (the rings are gone): throws, unless the socket is closed and
     *                the call will answer as closed without touching them.
     */
    void attach(final CallGate gate, final Runnable refusal)
    {
        this.gate = gate;
        this.refusal = refusal;
        if (depth > 0)
        {
            entered = gate.enter(); // the call that started the socket goes on using it
        }
    }

    /**
     * Whether the calling thread is inside a call on this socket now (e.g. in one of its poll handlers). Any thread.
     *
     * @return true if the current thread holds the socket.
     */
    boolean isHeldByCurrentThread()
    {
        return OWNER.getOpaque(this) == Thread.currentThread();
    }

    /**
     * The flag of the poller that watches the socket, raised at the end of every call. The poller's thread.
     *
     * @param slot the flag, or null when no poller watches.
     */
    void watch(final ReadinessSlot slot)
    {
        watch = slot;
    }

    /**
     * The flag of the poller watching the socket.
     *
     * @return the flag, or null.
     */
    ReadinessSlot watch()
    {
        return watch;
    }

    /**
     * The call that {@link #enter()} started ends.
     */
    void exit()
    {
        if (depth == 1)
        {
            final ReadinessSlot slot = watch;
            if (slot != null)
            {
                slot.mark(); // raised before the call leaves, so the poller sees what it did
            }
        }
        exitQuietly();
    }

    /**
     * {@link #exit()} without telling the watching poller: the end of that poller's own look at the socket.
     */
    void exitQuietly()
    {
        if (--depth == 0)
        {
            if (entered)
            {
                entered = false;
                gate.leave();
            }
            OWNER.setOpaque(this, null);
        }
    }
}
