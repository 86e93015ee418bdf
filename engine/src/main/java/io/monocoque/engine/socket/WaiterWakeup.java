package io.monocoque.engine.socket;

import io.monocoque.engine.shared.SocketStatus;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;

/**
 * When the agent unparks the application thread blocked on one socket: only if a thread is armed and the socket's
 * rings moved since the last wake-up, a message delivered (receive ring written) or room made (send ring read).
 * Work on other sockets leaves the waiter parked, so one busy socket does not spin the threads blocked on the
 * others. Owned by the engine agent thread.
 */
final class WaiterWakeup
{
    private final SocketStatus status;
    private final RingMotion motion;

    /**
     * @param status   where the waiter is armed.
     * @param inbound  the receive ring, which the agent writes.
     * @param outbound the send ring, which the agent reads.
     */
    WaiterWakeup(final SocketStatus status, final OneToOneRingBuffer inbound, final OneToOneRingBuffer outbound)
    {
        this.status = status;
        this.motion = new RingMotion(inbound, outbound);
    }

    /**
     * Unpark the armed waiter if the rings moved since the last time. After a duty cycle that did work.
     */
    void wakeIfMoved()
    {
        if (status.hasWaiter() && motion.moved())
        {
            status.wakeWaiter();
        }
    }
}
