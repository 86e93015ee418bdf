package io.monocoque.engine.shared;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Whether an application call is inside a socket's shared memory (its send and receive rings, a publisher's ring),
 * so that the memory is freed only once no call can touch it: the close protocol. A socket may be closed, or its
 * context closed, from any thread while another thread is inside {@code poll}, {@code recv}, {@code offer} or
 * {@code send} on it, even inside a poll handler that holds a view into the receive ring.
 * <p>
 * Dekker's handshake, with no lock: a call {@link #enter() enters} (a volatile write of {@code inside}), then reads
 * whether the memory was {@link #retire() retired}; the agent retires it (a volatile write), then frees it only if
 * it reads no call {@link #isInside() inside}, and otherwise retries on a later duty cycle. Volatile accesses are
 * sequentially consistent, so either the call sees the retirement and touches nothing, or the agent sees the call
 * and waits for it to {@link #leave()}. A call costs one volatile write (a store-load fence) on entry and a release
 * store on exit.
 * <p>
 * Threads: {@link #enter()} and {@link #leave()} from the one application thread using the socket at a time (the
 * socket's owner guard refuses a second); {@link #retire()} from the agent, or the thread that closes the engine
 * after the agent stopped; {@link #isInside()} from any thread.
 */
public final class CallGate
{
    private static final VarHandle INSIDE;

    static
    {
        try
        {
            INSIDE = MethodHandles.lookup().findVarHandle(CallGate.class, "inside", int.class);
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new ExceptionInInitializerError(ex);
        }
    }

    @SuppressWarnings("unused") // accessed through INSIDE
    private int inside;
    private volatile boolean retired;

    /**
     * A call starts using the shared memory. Application thread.
     *
     * @return false if the memory is retired: the call must not touch it (the socket is closed).
     */
    public boolean enter()
    {
        INSIDE.setVolatile(this, 1);
        if (retired)
        {
            INSIDE.setRelease(this, 0);
            return false;
        }
        return true;
    }

    /**
     * The call that {@link #enter()} started is done with the shared memory. Application thread.
     */
    public void leave()
    {
        INSIDE.setRelease(this, 0);
    }

    /**
     * No call may enter from now on; free the memory once {@link #isInside()} is false. Agent thread (or the
     * closing thread once the agent has stopped).
     */
    public void retire()
    {
        retired = true;
    }

    /**
     * Whether a call is inside now. After {@link #retire()}, false means none ever will be again.
     *
     * @return true while a call is inside.
     */
    public boolean isInside()
    {
        return (int)INSIDE.getVolatile(this) != 0;
    }

    /**
     * Whether {@link #retire()} was called.
     *
     * @return true once retired.
     */
    public boolean isRetired()
    {
        return retired;
    }
}
