package io.monocoque.engine.pattern;

import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;

/**
 * How a socket type moves messages from the application's send ring onto its connections: round-robin
 * ({@link RoundRobinRouter}), to the addressed peer ({@link AddressedRouter}), subscriptions to every publisher
 * ({@link Subscriber}), or not at all ({@link #NONE}). A message no connection can take now stays in the ring,
 * which is how the ring's capacity becomes the high-water mark.
 * <p>
 * Called by the engine agent thread once per duty cycle.
 */
@FunctionalInterface
public interface OutboundRouter
{
    /** Most records drained per duty cycle, so one busy socket cannot starve the others. */
    int DRAIN_LIMIT = 1024;

    /** For sockets that send nothing through their send ring (PULL; PUB and XPUB publish through the fan-out). */
    OutboundRouter NONE = ring -> 0;

    /**
     * Move what can go now.
     *
     * @param ring the socket's send ring.
     * @return work done.
     */
    int drain(OneToOneRingBuffer ring);
}
