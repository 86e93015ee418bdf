package io.monocoque.engine.socket;

import io.monocoque.engine.shared.ReadinessSlot;
import io.monocoque.engine.shared.SocketStatus;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;

/**
 * Tells the poller watching one socket, if any, that the socket's rings moved during the agent's last duty cycle:
 * a message delivered (receive ring written) or room made (send ring read). It compares ring positions rather than
 * hooking every write, so whatever moved them is reported, once per cycle at most. A socket no poller watches costs a
 * volatile read per cycle. Owned by the engine agent thread.
 */
final class ReadinessReporter
{
    private final SocketStatus status;
    private final RingMotion motion;

    /**
     * @param status   where a poller's flag is attached.
     * @param inbound  the receive ring, which the agent writes.
     * @param outbound the send ring, which the agent reads.
     */
    ReadinessReporter(final SocketStatus status, final OneToOneRingBuffer inbound, final OneToOneRingBuffer outbound)
    {
        this.status = status;
        this.motion = new RingMotion(inbound, outbound);
    }

    /**
     * Raise the watching poller's flag if the rings moved since the last report. At the end of the socket's work
     * in each duty cycle, after everything the cycle wrote (the flag is raised with a release store).
     */
    void reportIfMoved()
    {
        final ReadinessSlot slot = status.readinessSlot();
        // With no poller the positions are not taken: what moves before a poller watches is reported once it does.
        if (slot != null && motion.moved())
        {
            slot.mark();
        }
    }
}
