package io.monocoque.engine.shared;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * Where the threads that change a socket's readiness leave a hint for the one poller that watches it, so that a
 * poll over many sockets looks closely only at those that may have changed. One flag per watched socket: the engine
 * agent raises it after a duty cycle in which the socket's rings moved (a message delivered, room made), the
 * application thread at the end of each call on the socket, any thread that closes it; the poller lowers it when it
 * looks at the socket. A raised flag is only a hint (the poller then checks the rings themselves); a flag the poller
 * reads as lowered is a promise that nothing changed since it last looked, which is why every change is written
 * before its flag is raised (release) and the flag is lowered with an atomic exchange (acquire).
 * <p>
 * Flags live in pages that never move or shrink, so a thread holding an old {@link ReadinessSlot} never writes
 * where another socket's flag now is, except into a slot the poller freed and gave to a newer registration, which
 * then only looks once too often. A socket watched by a second poller moves to it; the first is told through
 * {@link #revoke()} and must then stop trusting its flags for that socket.
 * <p>
 * Threads: slots are taken and freed, and flags lowered, by the poller's thread; flags are raised by any thread
 * ({@link ReadinessSlot#mark()}); {@link #revoke()} by the thread of the poller that takes a socket over.
 */
public final class ReadinessBoard
{
    /** Flags per page. */
    static final int PAGE_SIZE = 256;
    static final VarHandle FLAG = MethodHandles.arrayElementVarHandle(int[].class);
    static final int LOWERED = 0;
    static final int RAISED = 1;

    private int[][] pages = new int[0][];
    private ReadinessSlot[] slots = new ReadinessSlot[0];
    private int[] free = new int[0];
    private int freeCount;
    private int used;
    private volatile boolean revoked;

    /**
     * Take a slot for a new registration, its flag raised (so the poller looks at the socket at once). Poller's
     * thread.
     *
     * @return the slot.
     */
    public ReadinessSlot take()
    {
        final int id;
        if (freeCount > 0)
        {
            id = free[--freeCount];
        }
        else
        {
            id = used++;
            if (id / PAGE_SIZE == pages.length)
            {
                pages = Arrays.copyOf(pages, pages.length + 1);
                pages[pages.length - 1] = new int[PAGE_SIZE];
                slots = Arrays.copyOf(slots, pages.length * PAGE_SIZE);
            }
            slots[id] = new ReadinessSlot(this, pages[id / PAGE_SIZE], id % PAGE_SIZE, id);
        }
        final ReadinessSlot slot = slots[id];
        slot.mark();
        return slot;
    }

    /**
     * Give a slot back: its registration ended. Poller's thread.
     *
     * @param slot a slot of this board.
     */
    public void release(final ReadinessSlot slot)
    {
        if (freeCount == free.length)
        {
            free = Arrays.copyOf(free, Math.max(PAGE_SIZE, free.length * 2));
        }
        free[freeCount++] = slot.id();
    }

    /**
     * A socket watched through this board has moved to another poller's. The thread of that poller.
     */
    public void revoke()
    {
        revoked = true;
    }

    /**
     * Whether a socket moved away since the last call; clears the notice. Poller's thread.
     *
     * @return true if the poller must find which of its sockets are no longer watched through this board.
     */
    public boolean takeRevoked()
    {
        if (revoked)
        {
            revoked = false;
            return true;
        }
        return false;
    }
}
