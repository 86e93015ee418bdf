package io.monocoque.api;

import io.monocoque.engine.Engine;
import io.monocoque.engine.SelectorIdleStrategy;
import io.monocoque.engine.shared.AgentWake;
import io.monocoque.engine.shared.SocketStatus;
import org.agrona.concurrent.IdleStrategy;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * How a blocking {@code send} or {@code recv} waits between attempts: until its timeout (libzmq's
 * {@code ZMQ_SNDTIMEO}/{@code ZMQ_RCVTIMEO}: -1 forever, 0 not at all). An interrupt ends the wait with a
 * {@link SocketInterruptedException}, the interrupt flag kept, nothing half done. The deadline is set at the first
 * pause, so a call that succeeds at once never reads the clock.
 * <p>
 * <b>How it waits.</b> In INVOKER mode it drives the engine's duty cycle itself (nothing else would), idling between
 * cycles as the context's idle strategy says (sleeping in the selector by default). In DEDICATED mode, by default,
 * it spins a little, yields a little, then parks until the agent makes progress on the socket: it arms the socket's
 * waiter, lets the caller look at the ring once more (a message delivered before the waiter was visible is found
 * then), and only then parks; the agent unparks armed waiters after a duty cycle that did work, so a message wakes
 * the thread at once rather than at the end of a timed park. A wait strategy given to the context
 * ({@code Context.Builder.waitStrategy}) replaces this with that strategy's idling.
 * <p>
 * Owned by the socket's application thread; one per socket, reused by every call. Every blocking call ends with
 * {@link #end()}.
 */
final class BlockingWait
{
    /** Pauses spent spinning before yielding: the engine's own idle strategy's phases, for the same reason. */
    private static final int SPIN_PAUSES = SelectorIdleStrategy.SPIN_CYCLES;
    /** Pauses spent yielding before parking. */
    private static final int YIELD_PAUSES = SelectorIdleStrategy.YIELD_CYCLES;
    /**
     * Longest single park, so that what no agent cycle signals (an engine that failed, a peer of a PUB worker) is
     * still noticed. A {@link Poller} parks no longer either.
     */
    static final long PARK_LIMIT_NS = TimeUnit.MILLISECONDS.toNanos(100);
    /** Longest park while the socket has no engine half yet (nothing can wake it: nothing can arrive either). */
    private static final long UNSTARTED_PARK_NS = TimeUnit.MILLISECONDS.toNanos(1);

    private final Engine engine;
    private final AgentWake wake;
    private final IdleStrategy idle;
    private final SocketType type;
    private SocketStatus status;
    private long deadlineNs;
    private int pauses;
    private boolean armed;

    /**
     * @param engine the socket's engine.
     * @param idle   the context's wait strategy, or null to park until the agent signals.
     * @param type   the socket's type, for messages.
     */
    BlockingWait(final Engine engine, final IdleStrategy idle, final SocketType type)
    {
        this.engine = engine;
        this.wake = engine.wake();
        this.idle = idle;
        this.type = type;
    }

    /**
     * The socket started: from now on the agent can wake a parked call.
     *
     * @param status the socket's shared status.
     */
    void attach(final SocketStatus status)
    {
        this.status = status;
    }

    /**
     * A blocking call starts.
     */
    void begin()
    {
        if (idle != null)
        {
            idle.reset();
        }
        pauses = 0;
        deadlineNs = 0;
    }

    /**
     * A blocking call ends (whatever the outcome): the agent need not wake this thread any more.
     */
    void end()
    {
        if (armed)
        {
            armed = false;
            status.disarmWaiter();
            wake.waiterDisarmed();
        }
    }

    /**
     * The attempt found nothing to do: wait a little, unless the timeout says stop.
     *
     * @param timeoutMs the call's timeout: -1 forever, 0 do not wait.
     * @return true to try again, false if the timeout has passed.
     * @throws SocketInterruptedException if the thread is interrupted.
     */
    boolean pause(final long timeoutMs)
    {
        if (timeoutMs == 0)
        {
            return false;
        }
        if (deadlineNs == 0 && timeoutMs > 0)
        {
            deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        }
        if (Thread.interrupted())
        {
            Thread.currentThread().interrupt();
            throw new SocketInterruptedException("interrupted while waiting on a " + type + " socket");
        }
        final long remainingNs = deadlineNs == 0 ? Long.MAX_VALUE : deadlineNs - System.nanoTime();
        if (remainingNs <= 0)
        {
            return false;
        }
        engine.checkAlive(); // a stopped agent will never drain or fill a ring: fail now, naming why
        if (engine.isInvokerMode())
        {
            engine.idleWhileWaiting(remainingNs);
        }
        else if (idle != null)
        {
            idle.idle();
        }
        else
        {
            waitForAgent(remainingNs);
        }
        return true;
    }

    /**
     * The first phases of a wait that may end in a park, as the engine's own idle strategy has them: spin for the
     * first {@link #SPIN_PAUSES} pauses, yield for the next {@link #YIELD_PAUSES}. Shared with {@link Poller}.
     *
     * @param pauses pauses taken so far in this wait.
     * @return true if this pause spun or yielded; false once both phases are over (the caller arms and parks).
     */
    static boolean spinOrYield(final int pauses)
    {
        if (pauses < SPIN_PAUSES)
        {
            Thread.onSpinWait();
            return true;
        }
        if (pauses < SPIN_PAUSES + YIELD_PAUSES)
        {
            Thread.yield();
            return true;
        }
        return false;
    }

    private void waitForAgent(final long remainingNs)
    {
        if (spinOrYield(pauses))
        {
            pauses++;
        }
        else if (status == null)
        {
            LockSupport.parkNanos(Math.min(remainingNs, UNSTARTED_PARK_NS));
        }
        else if (!armed)
        {
            // Arm, then let the caller look once more before the first park: what the agent delivered before it
            // could see the waiter is found by that look, what it delivers after wakes the park.
            armed = true;
            status.armWaiter(Thread.currentThread());
            wake.waiterArmed();
        }
        else
        {
            LockSupport.parkNanos(this, Math.min(remainingNs, PARK_LIMIT_NS));
        }
    }
}
