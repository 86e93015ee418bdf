package io.monocoque.engine.socket;

import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;

/**
 * Whether a socket's rings moved since the last time this tracker said so: a message delivered (the receive ring's
 * producer position) or room made (the send ring's consumer position), both written by the agent. Each thread it
 * tells something to keeps its own tracker, so each hears of every movement once. Owned by the engine agent thread.
 */
final class RingMotion
{
    private final OneToOneRingBuffer inbound;
    private final OneToOneRingBuffer outbound;
    private long delivered;
    private long drained;

    /**
     * @param inbound  the receive ring, which the agent writes.
     * @param outbound the send ring, which the agent reads.
     */
    RingMotion(final OneToOneRingBuffer inbound, final OneToOneRingBuffer outbound)
    {
        this.inbound = inbound;
        this.outbound = outbound;
    }

    /**
     * Whether either ring moved since the last call that returned true (or since creation).
     *
     * @return true once per movement.
     */
    boolean moved()
    {
        final long nowDelivered = inbound.producerPosition();
        final long nowDrained = outbound.consumerPosition();
        if (nowDelivered != delivered || nowDrained != drained)
        {
            delivered = nowDelivered;
            drained = nowDrained;
            return true;
        }
        return false;
    }
}
