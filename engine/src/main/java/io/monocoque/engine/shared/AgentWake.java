package io.monocoque.engine.shared;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The two wake-ups between application threads and an engine agent that sleeps in the kernel.
 * <p>
 * <b>Application to agent.</b> The agent says it is going to sleep ({@link #beginSleep()}), looks once more for work
 * (a whole duty cycle), and only then blocks in its selector; an application thread that has just handed it work
 * (committed a record, queued a command) calls {@link #wakeAgent()}, which wakes the selector only if the agent said
 * it sleeps, and only once per sleep (the first caller clears the flag). Both sides write their own variable, fence,
 * then read the other's (Dekker's pattern), so either the agent's last look finds the work or the application finds
 * the flag: no wake-up is lost. An awake agent costs the application a fence and a read, no system call.
 * <p>
 * <b>Agent to application.</b> An application thread about to park in a blocking call arms its socket's
 * waiter ({@link SocketStatus#armWaiter(Thread)}) and counts itself here ({@link #waiterArmed()}); after a duty
 * cycle that did work the agent reads one counter and, only when some thread waits, unparks the armed waiters
 * ({@link #hasWaiters()}).
 * <p>
 * The sleeping flag is written by the agent thread (set and cleared) and cleared by application threads (the one
 * that wins the wake-up); the waiter count by application threads; everything else is final.
 */
public final class AgentWake
{
    private static final VarHandle SLEEPING;

    static
    {
        try
        {
            SLEEPING = MethodHandles.lookup().findVarHandle(AgentWake.class, "sleeping", int.class);
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new ExceptionInInitializerError(ex);
        }
    }

    /** What wakes the agent's selector ({@code Selector::wakeup}). */
    @FunctionalInterface
    public interface Waker
    {
        /** Make the agent's current or next blocking select return at once. Any thread. */
        void wakeup();
    }

    private final boolean sleeps;
    private final AtomicInteger waiters = new AtomicInteger();
    private volatile Waker waker;
    private volatile boolean stopped;
    @SuppressWarnings("unused") // accessed through SLEEPING
    private volatile int sleeping;

    /**
     * Create the signal of one engine.
     *
     * @param sleeps whether the agent may sleep in its selector at all; if not, {@link #wakeAgent()} does nothing
     *               and costs nothing (a spinning or parking engine finds its work without being told).
     */
    public AgentWake(final boolean sleeps)
    {
        this.sleeps = sleeps;
    }

    /**
     * Attach what wakes the agent. The agent, once, before it first sleeps.
     *
     * @param waker wakes the agent's selector.
     */
    public void waker(final Waker waker)
    {
        this.waker = waker;
    }

    /**
     * Work was just handed to the agent (a record committed, a command queued): wake it if it sleeps. Any
     * application thread, after the work is published.
     */
    public void wakeAgent()
    {
        if (!sleeps)
        {
            return;
        }
        VarHandle.fullFence(); // the work's release store must be visible before the flag is read (store-load)
        if (sleeping != 0 && SLEEPING.compareAndSet(this, 1, 0))
        {
            final Waker current = waker;
            if (current != null)
            {
                current.wakeup();
            }
        }
    }

    /**
     * The engine is stopping: wake the agent and keep it from sleeping again, so that it sees it must stop. The
     * thread that closes the engine.
     */
    public void stop()
    {
        stopped = true;
        final Waker current = waker;
        if (current != null)
        {
            current.wakeup();
        }
    }

    /**
     * Whether the engine is stopping (no more sleeps). Agent thread.
     *
     * @return true after {@link #stop()}.
     */
    public boolean isStopped()
    {
        return stopped;
    }

    /**
     * The agent is about to look for work one last time and then sleep. Agent thread.
     */
    public void beginSleep()
    {
        sleeping = 1;
        VarHandle.fullFence(); // the flag must be visible before the last look reads the rings (store-load)
    }

    /**
     * Whether an application thread woke the agent since {@link #beginSleep()}. The agent checks it after its last
     * look and before it blocks: that look polls the selector with {@code selectNow}, which clears a
     * {@code Selector.wakeup} that arrived meanwhile, so the cleared flag is the only trace of that wake-up. Agent
     * thread.
     *
     * @return true if the agent must not block now.
     */
    public boolean isWokenUp()
    {
        return sleeping == 0;
    }

    /**
     * The agent is awake again. Agent thread.
     */
    public void endSleep()
    {
        sleeping = 0;
    }

    /**
     * A thread armed a socket's waiter and may park. Application thread.
     */
    public void waiterArmed()
    {
        waiters.incrementAndGet();
    }

    /**
     * A thread disarmed its waiter. Application thread.
     */
    public void waiterDisarmed()
    {
        waiters.decrementAndGet();
    }

    /**
     * Whether any application thread may be parked waiting for this engine's sockets. Agent thread, after a duty
     * cycle that did work; the agent then unparks the sockets' armed waiters.
     *
     * @return true if at least one waiter is armed.
     */
    public boolean hasWaiters()
    {
        VarHandle.fullFence(); // the cycle's ring writes must be visible before the count is read (store-load)
        return waiters.get() > 0;
    }
}
