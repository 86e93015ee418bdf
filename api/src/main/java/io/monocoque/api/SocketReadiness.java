package io.monocoque.api;

import io.monocoque.engine.shared.ReadinessSlot;
import io.monocoque.engine.shared.SocketStatus;

/**
 * What a socket could do now without blocking ({@link Socket#events()}, libzmq's {@code ZMQ_EVENTS}) and the flag of
 * the {@link Poller} watching it ({@link ReadinessSlot}): a look enters the socket's {@link OwnerGuard} like any call,
 * asks the pattern whether its state allows receiving or sending ({@link Socket#receivesNow()},
 * {@link Socket#sendsNow()}), then the rings whether a message waits or room is free. The watching poller's own looks
 * leave its flag as they found it ({@link #pollEvents}); every other call on the socket raises it (the guard does),
 * and so do the agent and a close.
 * <p>
 * Owned by the socket's application thread, except {@link #closed()}, which the closing thread calls.
 */
final class SocketReadiness
{
    private final Socket socket;
    private final OwnerGuard guard;

    SocketReadiness(final Socket socket, final OwnerGuard guard)
    {
        this.socket = socket;
        this.guard = guard;
    }

    /**
     * {@link Socket#events()}, looking only at what {@code interest} asks about.
     *
     * @param interest a bit set of {@link Poller#POLLIN} and {@link Poller#POLLOUT}.
     * @return the subset of {@code interest} that is ready.
     * @throws SocketClosedException if the socket is closed.
     */
    int events(final int interest)
    {
        guard.enter();
        try
        {
            return readyEvents(interest);
        }
        finally
        {
            guard.exit();
        }
    }

    /**
     * {@link #events(int)} for the poller that watches the socket: its own look does not raise its flag.
     *
     * @param interest a bit set of {@link Poller#POLLIN} and {@link Poller#POLLOUT}.
     * @return the subset of {@code interest} that is ready.
     * @throws SocketClosedException if the socket is closed.
     */
    int pollEvents(final int interest)
    {
        guard.enter();
        try
        {
            return readyEvents(interest);
        }
        finally
        {
            guard.exitQuietly();
        }
    }

    private int readyEvents(final int interest)
    {
        socket.checkOpen();
        if (!socket.isStarted())
        {
            return 0;
        }
        int ready = 0;
        if ((interest & Poller.POLLIN) != 0 && socket.receivesNow() && socket.hasMessage())
        {
            ready |= Poller.POLLIN;
        }
        if ((interest & Poller.POLLOUT) != 0 && socket.sendsNow() && socket.hasRoomToSend())
        {
            ready |= Poller.POLLOUT;
        }
        return ready;
    }

    /**
     * Let a poller watch the socket through a flag, or stop (null). The poller's thread, which is the socket's.
     *
     * @param slot the poller's flag for this socket, or null.
     * @return the flag of the poller that watched it before, or null.
     */
    ReadinessSlot watch(final ReadinessSlot slot)
    {
        final ReadinessSlot previous = guard.watch();
        guard.watch(slot);
        final SocketStatus status = socket.startedStatus();
        if (status != null)
        {
            status.readinessSlot(slot); // the agent raises it from now on
        }
        return previous;
    }

    /**
     * The flag of the poller watching the socket.
     *
     * @return the flag, or null.
     */
    ReadinessSlot watch()
    {
        return guard.watch();
    }

    /**
     * The socket has started: the agent raises the watching poller's flag from now on. The socket's thread, inside
     * the call that started it.
     *
     * @param status the socket's shared status.
     */
    void started(final SocketStatus status)
    {
        status.readinessSlot(guard.watch());
    }

    /**
     * The socket was closed: a poller watching it looks, finds it closed and says so, and a thread parked on it (a
     * poll or a blocking call) is unparked now rather than when the engine releases the socket after its linger or
     * at its next timed wake-up. Whichever thread closed it.
     */
    void closed()
    {
        final ReadinessSlot slot = guard.watch();
        if (slot != null)
        {
            slot.mark();
        }
        final SocketStatus status = socket.startedStatus();
        if (status != null)
        {
            status.wakeWaiter(); // LockSupport.unpark: safe from any thread, and a no-op without a waiter
        }
    }
}
