package io.monocoque.api;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Detects a socket used by two threads at once, cheaply: the first call of a thread records it as the owner (an
 * opaque write, no fence), nested calls from the same thread count their depth (replying from inside a poll
 * handler is fine), and a call from another thread while the socket is owned is refused with a
 * {@link SocketStateException} naming both threads. A socket may move between threads with a happens-before
 * hand-off, as a libzmq socket may; the guard is a tripwire for the unsynchronised case, not a lock.
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
        depth++;
    }

    /**
     * The call that {@link #enter()} started ends.
     */
    void exit()
    {
        if (--depth == 0)
        {
            OWNER.setOpaque(this, null);
        }
    }
}
