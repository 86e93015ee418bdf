package io.monocoque.api;

import io.monocoque.engine.Engine;
import io.monocoque.engine.shared.ReadinessBoard;
import io.monocoque.engine.shared.ReadinessSlot;
import io.monocoque.engine.shared.SocketStatus;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Waits on several sockets at once, with libzmq's {@code zmq_poll} semantics: register each socket for
 * {@link #POLLIN} and/or {@link #POLLOUT}, then {@link #poll(long)} returns how many registrations are ready and each
 * one's ready events can be asked ({@link #readyEvents(int)}, {@link #isReadable(int)}, {@link #isWritable(int)}).
 * Level-triggered: a socket stays ready while it has a message to receive or room to send, and every poll reports
 * every ready registration, so a socket that is always ready does not hide the others. What ready means for each
 * socket type is {@link Socket#events()} (libzmq's {@code ZMQ_EVENTS}).
 * <pre>{@code
 * Poller poller = new Poller();
 * int frontend = poller.register(router, Poller.POLLIN);
 * int backend = poller.register(dealer, Poller.POLLIN);
 * while (poller.poll(-1) > 0)
 * {
 *     if (poller.isReadable(frontend)) { ... router.recv(message); dealer.send(message); }
 *     if (poller.isReadable(backend)) { ... }
 * }
 * }</pre>
 * <b>How it looks.</b> No selector of its own and nothing allocated per poll: the sockets' rings are looked at
 * directly, but only where something may have changed. Each registered socket has a flag on the poller's
 * {@link ReadinessBoard}, raised by the engine agent after a duty cycle that moved the socket's rings, by every call
 * the application makes on the socket, and by a close; a poll looks closely at the sockets whose flag is raised and
 * those it found ready last time, and skips the rest for the price of reading one flag, so a poll over a thousand
 * idle sockets and one busy one costs little more than over the busy one. PUB and XPUB sockets, whose fan-out
 * workers make room without the agent, are looked at on every poll. A socket is watched by one poller at a time: a
 * second poller that registers it takes it over, and the first then looks at it on every poll.
 * <p>
 * <b>How it waits.</b> Sockets may come from several contexts. For sockets of a DEDICATED context the poller spins a
 * little, yields a little, then arms each socket's waiter and parks; the agent unparks it when a duty cycle moved one
 * of those sockets' rings (a message delivered, room made), so a message wakes it at once. For sockets of an INVOKER
 * context the poller drives that context's duty cycle itself, on the calling thread, and when there is nothing to do
 * sleeps in its selector as the context's idle strategy says (in {@code epoll_wait} by default) until I/O, a timer or
 * the timeout. Registrations that mix an INVOKER context with other contexts sleep at most {@value #MIXED_SLEEP_MS} ms
 * at a time in the INVOKER context's selector, since the others cannot wake it.
 * <p>
 * A poller belongs to the thread that uses its sockets (as each socket does); registering and polling from that
 * thread only. A socket that is closed while registered makes {@link #poll} throw {@link SocketClosedException}
 * (libzmq's ETERM): unregister it, or stop polling. {@link #close()} unregisters every socket.
 */
public final class Poller implements AutoCloseable
{
    /** A message can be received without blocking (libzmq's {@code ZMQ_POLLIN}). */
    public static final int POLLIN = 1;
    /** A message can be sent without blocking (libzmq's {@code ZMQ_POLLOUT}). */
    public static final int POLLOUT = 2;
    /** Longest sleep in one INVOKER context's selector while other contexts' sockets are registered too. */
    static final long MIXED_SLEEP_MS = 1;

    private static final int DEFAULT_CAPACITY = 16;
    private static final long MIXED_SLEEP_NS = TimeUnit.MILLISECONDS.toNanos(MIXED_SLEEP_MS);
    /**
     * Longest single park while every context is DEDICATED, so that what no agent cycle signals (an engine that
     * failed) is still noticed: a blocking call's.
     */
    private static final long PARK_LIMIT_NS = BlockingWait.PARK_LIMIT_NS;
    /**
     * Longest park while a publisher is registered for POLLOUT or an XPUB for POLLIN: their fan-out workers make room
     * and deliver subscriptions without an agent cycle that would unpark the poller.
     */
    private static final long PUBLISHER_PARK_NS = TimeUnit.MILLISECONDS.toNanos(1);

    private final ReadinessBoard board = new ReadinessBoard();
    private Socket[] sockets;
    private int[] interest;
    private int[] ready;
    private ReadinessSlot[] slots;
    /** Whether a registration's flag can be trusted to say "unchanged"; false for publishers and sockets moved away. */
    private boolean[] trusted;
    private int size;
    /** The distinct engines of the registered sockets, recomputed when the registrations change. */
    private Engine[] engines = new Engine[1];
    private int engineCount;
    private int invokerCount;
    private long parkLimitNs = PARK_LIMIT_NS;
    /** Statuses whose waiter this poll armed (the sockets that had started), and the engines it counted itself on. */
    private SocketStatus[] armed;
    private int armedCount;
    private boolean armedEngines;
    private int pauses;

    /**
     * A poller with room for 16 registrations; it grows when more are registered.
     */
    public Poller()
    {
        this(DEFAULT_CAPACITY);
    }

    /**
     * A poller with room for a number of registrations; it grows when more are registered.
     *
     * @param expectedSockets how many sockets will be registered.
     */
    public Poller(final int expectedSockets)
    {
        final int capacity = Math.max(1, expectedSockets);
        sockets = new Socket[capacity];
        interest = new int[capacity];
        ready = new int[capacity];
        slots = new ReadinessSlot[capacity];
        trusted = new boolean[capacity];
        armed = new SocketStatus[capacity];
    }

    /**
     * Register a socket for events, or change the events of one already registered (a socket is never registered
     * twice). The poller's thread.
     *
     * @param socket the socket, of any context.
     * @param events {@link #POLLIN}, {@link #POLLOUT} or both; 0 keeps the registration but reports nothing for it.
     * @return the registration's index, for {@link #readyEvents(int)}; stable until that socket is unregistered.
     * @throws IllegalArgumentException for events other than POLLIN and POLLOUT.
     * @throws SocketClosedException    if the socket is closed.
     */
    public int register(final Socket socket, final int events)
    {
        checkEvents(events);
        if (socket.isClosed())
        {
            throw new SocketClosedException(socket.type() + " socket is closed: it cannot be polled");
        }
        final int existing = indexOf(socket);
        if (existing >= 0)
        {
            interest[existing] = events;
            slots[existing].mark(); // look at it afresh
            onRegistrationsChanged();
            return existing;
        }
        if (size == sockets.length)
        {
            grow();
        }
        final ReadinessSlot slot = board.take();
        final ReadinessSlot previous = socket.readiness().watch(slot);
        if (previous != null && previous.board() != board)
        {
            previous.board().revoke(); // the other poller must stop trusting its flag for this socket
        }
        sockets[size] = socket;
        interest[size] = events;
        ready[size] = 0;
        slots[size] = slot;
        trusted[size] = !(socket instanceof PublisherSocket);
        size++;
        onRegistrationsChanged();
        return size - 1;
    }

    /**
     * Remove a socket's registration. The indexes of the registrations after it move down by one. The poller's
     * thread.
     *
     * @param socket the socket.
     * @return true if it was registered.
     */
    public boolean unregister(final Socket socket)
    {
        final int index = indexOf(socket);
        if (index < 0)
        {
            return false;
        }
        final ReadinessSlot slot = slots[index];
        if (socket.readiness().watch() == slot)
        {
            socket.readiness().watch(null);
        }
        board.release(slot);
        final int after = size - index - 1;
        System.arraycopy(sockets, index + 1, sockets, index, after);
        System.arraycopy(interest, index + 1, interest, index, after);
        System.arraycopy(ready, index + 1, ready, index, after);
        System.arraycopy(slots, index + 1, slots, index, after);
        System.arraycopy(trusted, index + 1, trusted, index, after);
        size--;
        sockets[size] = null;
        slots[size] = null;
        onRegistrationsChanged();
        return true;
    }

    /**
     * Unregister every socket. The poller may be used again afterwards. The poller's thread.
     */
    @Override
    public void close()
    {
        while (size > 0)
        {
            unregister(sockets[size - 1]);
        }
    }

    /**
     * Number of registrations.
     *
     * @return the count.
     */
    public int size()
    {
        return size;
    }

    /**
     * The socket of a registration.
     *
     * @param index as returned by {@link #register}.
     * @return the socket.
     */
    public Socket socket(final int index)
    {
        checkIndex(index);
        return sockets[index];
    }

    /**
     * The index of a socket's registration.
     *
     * @param socket the socket.
     * @return its index, or -1 if it is not registered.
     */
    public int indexOf(final Socket socket)
    {
        for (int i = 0; i < size; i++)
        {
            if (sockets[i] == socket)
            {
                return i;
            }
        }
        return -1;
    }

    /**
     * Wait until at least one registration is ready or the timeout passes, then record every registration's ready
     * events. Allocates nothing. The poller's thread.
     *
     * @param timeoutMs -1 waits forever, 0 looks once and returns at once (driving INVOKER contexts one cycle).
     * @return the number of registrations with at least one ready event; 0 if the timeout passed first.
     * @throws SocketClosedException      if a registered socket is closed.
     * @throws SocketInterruptedException if the thread is interrupted while waiting (the flag stays set).
     * @throws io.monocoque.engine.EngineFailedException if an engine of a registered socket stopped on a failure.
     * @throws IllegalArgumentException   for a timeout below -1.
     */
    public int poll(final long timeoutMs)
    {
        if (timeoutMs < -1)
        {
            throw new IllegalArgumentException("poll timeout must be -1 (forever), 0 or positive: " + timeoutMs);
        }
        pauses = 0;
        try
        {
            int count = scan();
            if (count > 0)
            {
                return count;
            }
            if (timeoutMs == 0)
            {
                return invokeEngines() > 0 ? scan() : 0;
            }
            final long deadlineNs = timeoutMs < 0 ? Long.MAX_VALUE : System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(
                timeoutMs);
            while (true)
            {
                final long remainingNs = timeoutMs < 0 ? Long.MAX_VALUE : deadlineNs - System.nanoTime();
                if (remainingNs <= 0)
                {
                    return 0;
                }
                pause(remainingNs);
                count = scan();
                if (count > 0)
                {
                    return count;
                }
            }
        }
        finally
        {
            disarm();
        }
    }

    /**
     * The events a registration was found ready for by the last {@link #poll}.
     *
     * @param index as returned by {@link #register}.
     * @return a bit set of {@link #POLLIN} and {@link #POLLOUT}, within what it was registered for.
     */
    public int readyEvents(final int index)
    {
        checkIndex(index);
        return ready[index];
    }

    /**
     * Whether the last {@link #poll} found a message to receive on a registration.
     *
     * @param index as returned by {@link #register}.
     * @return true if POLLIN was ready.
     */
    public boolean isReadable(final int index)
    {
        return (readyEvents(index) & POLLIN) != 0;
    }

    /**
     * Whether the last {@link #poll} found room to send on a registration.
     *
     * @param index as returned by {@link #register}.
     * @return true if POLLOUT was ready.
     */
    public boolean isWritable(final int index)
    {
        return (readyEvents(index) & POLLOUT) != 0;
    }

    private int scan()
    {
        if (board.takeRevoked())
        {
            distrustSocketsMovedAway();
        }
        int count = 0;
        for (int i = 0; i < size; i++)
        {
            // Lower the flag before looking: a change made while we look raises it again for the next scan.
            final boolean changed = slots[i].take();
            if (interest[i] == 0)
            {
                ready[i] = 0;
            }
            else if (changed || ready[i] != 0 || !trusted[i])
            {
                ready[i] = sockets[i].readiness().pollEvents(interest[i]);
            }
            if (ready[i] != 0)
            {
                count++;
            }
        }
        return count;
    }

    private void distrustSocketsMovedAway()
    {
        for (int i = 0; i < size; i++)
        {
            if (sockets[i].readiness().watch() != slots[i])
            {
                trusted[i] = false;
            }
        }
    }

    private void pause(final long remainingNs)
    {
        if (Thread.interrupted())
        {
            Thread.currentThread().interrupt();
            throw new SocketInterruptedException("interrupted while polling " + size + " sockets");
        }
        for (int i = 0; i < engineCount; i++)
        {
            engines[i].checkAlive(); // a stopped agent will never make a socket ready: fail now, naming why
        }
        if (invokerCount > 0)
        {
            driveInvokers(remainingNs);
        }
        else if (BlockingWait.spinOrYield(pauses))
        {
            pauses++;
        }
        else if (!armedEngines)
        {
            arm(); // then look once more before parking: what came before the agent saw the waiters is found then
        }
        else
        {
            LockSupport.parkNanos(this, Math.min(remainingNs, parkLimitNs));
        }
    }

    /** Run every INVOKER engine's duty cycle once; sleep in one's selector if none had work. */
    private void driveInvokers(final long remainingNs)
    {
        Engine sleeper = null;
        int work = 0;
        for (int i = 0; i < engineCount; i++)
        {
            final Engine engine = engines[i];
            if (engine.isInvokerMode())
            {
                if (sleeper == null)
                {
                    sleeper = engine;
                }
                else
                {
                    work += engine.invoke();
                }
            }
        }
        if (work > 0)
        {
            sleeper.invoke();
        }
        else
        {
            // It runs a cycle, then sleeps only if that found nothing.
            sleeper.idleWhileWaiting(engineCount == 1 ? remainingNs : Math.min(remainingNs, MIXED_SLEEP_NS));
        }
    }

    private int invokeEngines()
    {
        if (invokerCount == 0)
        {
            return 0;
        }
        int work = 0;
        for (int i = 0; i < engineCount; i++)
        {
            work += engines[i].invoke(); // a DEDICATED engine's invoke does nothing
        }
        return work;
    }

    private void arm()
    {
        final Thread current = Thread.currentThread();
        armedCount = 0;
        for (int i = 0; i < size; i++)
        {
            final SocketStatus status = interest[i] == 0 ? null : sockets[i].startedStatus();
            if (status != null)
            {
                status.armWaiter(current);
                armed[armedCount++] = status;
            }
        }
        for (int i = 0; i < engineCount; i++)
        {
            engines[i].wake().waiterArmed();
        }
        armedEngines = true;
    }

    private void disarm()
    {
        if (!armedEngines)
        {
            return;
        }
        for (int i = 0; i < armedCount; i++)
        {
            armed[i].disarmWaiter();
            armed[i] = null;
        }
        armedCount = 0;
        for (int i = 0; i < engineCount; i++)
        {
            engines[i].wake().waiterDisarmed();
        }
        armedEngines = false;
    }

    private void onRegistrationsChanged()
    {
        engineCount = 0;
        invokerCount = 0;
        parkLimitNs = PARK_LIMIT_NS;
        for (int i = 0; i < size; i++)
        {
            final Socket socket = sockets[i];
            final Engine engine = socket.engine();
            if (!containsEngine(engine))
            {
                if (engineCount == engines.length)
                {
                    engines = Arrays.copyOf(engines, engineCount * 2);
                }
                engines[engineCount++] = engine;
                if (engine.isInvokerMode())
                {
                    invokerCount++;
                }
            }
            if (socket instanceof PublisherSocket && interest[i] != 0)
            {
                parkLimitNs = PUBLISHER_PARK_NS;
            }
        }
        for (int i = engineCount; i < engines.length; i++)
        {
            engines[i] = null;
        }
    }

    private boolean containsEngine(final Engine engine)
    {
        for (int i = 0; i < engineCount; i++)
        {
            if (engines[i] == engine)
            {
                return true;
            }
        }
        return false;
    }

    private void grow()
    {
        final int capacity = sockets.length * 2;
        sockets = Arrays.copyOf(sockets, capacity);
        interest = Arrays.copyOf(interest, capacity);
        ready = Arrays.copyOf(ready, capacity);
        slots = Arrays.copyOf(slots, capacity);
        trusted = Arrays.copyOf(trusted, capacity);
        armed = Arrays.copyOf(armed, capacity);
    }

    private void checkIndex(final int index)
    {
        if (index < 0 || index >= size)
        {
            throw new IndexOutOfBoundsException("no registration " + index + " (" + size + " registered)");
        }
    }

    private static void checkEvents(final int events)
    {
        if ((events & ~(POLLIN | POLLOUT)) != 0)
        {
            throw new IllegalArgumentException("events must be Poller.POLLIN, Poller.POLLOUT or both: " + events);
        }
    }
}
