package io.monocoque.api;

import io.monocoque.engine.Engine;
import org.agrona.concurrent.IdleStrategy;

import java.util.concurrent.TimeUnit;

/**
 * How a blocking {@code send} or {@code recv} waits between attempts: until its timeout (libzmq's
 * {@code ZMQ_SNDTIMEO}/{@code ZMQ_RCVTIMEO}: -1 forever, 0 not at all), giving up the CPU with the context's wait
 * strategy, or, in INVOKER mode, driving the engine's duty cycle itself (nothing else would). An interrupt ends the
 * wait with a {@link SocketInterruptedException}, the interrupt flag kept, nothing half done. The deadline is set
 * at the first pause, so a call that succeeds at once never reads the clock.
 * <p>
 * Owned by the socket's application thread; one per socket, reused by every call.
 */
final class BlockingWait
{
    private final Engine engine;
    private final IdleStrategy idle;
    private final SocketType type;
    private long deadlineNs;

    BlockingWait(final Engine engine, final IdleStrategy idle, final SocketType type)
    {
        this.engine = engine;
        this.idle = idle;
        this.type = type;
    }

    /**
     * A blocking call starts.
     */
    void begin()
    {
        idle.reset();
        deadlineNs = 0;
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
        if (deadlineNs != 0 && deadlineNs - System.nanoTime() <= 0)
        {
            return false;
        }
        engine.checkAlive(); // a stopped agent will never drain or fill a ring: fail now, naming why
        if (engine.isInvokerMode())
        {
            engine.idleWhileWaiting();
        }
        else
        {
            idle.idle();
        }
        return true;
    }
}
