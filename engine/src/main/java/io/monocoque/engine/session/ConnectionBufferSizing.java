package io.monocoque.engine.session;

import io.monocoque.codec.socket.SocketType;
import org.agrona.BitUtil;

/**
 * How large a {@link Connection}'s read buffer and outbound {@link StagingBuffer} may grow for a burst, from what each
 * direction of the connection carries: their <em>batching capacity</em>. Since buffers are sized by need, neither
 * holds that much while the connection is idle: after the handshake a message buffer holds
 * {@link io.monocoque.engine.net.Transport#IDLE_READ_CAPACITY} / {@link StagingBuffer#IDLE_CAPACITY} (16 KiB), grows,
 * doubling, to the batching capacity while a burst fills it, and shrinks back once unused for a second
 * ({@link io.monocoque.engine.net.BufferIdleTimer}). Both also grow on demand for a single message larger than they
 * are (the read buffer to hold the message the decoder is waiting for, the staging buffer while it is empty), so
 * these sizes trade batching against memory, never message-size limits.
 * <ul>
 *     <li>A direction that carries messages gets a quarter of the socket's ring on that side (the HWM in bytes),
 *     rounded up to a power of two and kept between {@link #MIN_MESSAGE_BUFFER_CAPACITY} and
 *     {@link #MAX_MESSAGE_BUFFER_CAPACITY}. A ring record is at most an eighth of its ring, so below the cap the
 *     buffer holds two of the largest messages the ring accepts: one read or write carries a whole largest
 *     message together with the tail of the one before it, and the buffer never has to grow. The cap is the
 *     fixed size every connection had before, with which the throughput figures were measured; every HWM of
 *     1 MiB and more, the default 4 MiB included, still gets it, so a connection with default options batches
 *     exactly as before. The floor (two pages) keeps the reads and writes of a tiny-HWM socket from carrying
 *     only a few messages per system call.</li>
 *     <li>A direction that carries only commands and subscriptions (what PUSH reads, what PULL and SUB send, what a
 *     PUB or XPUB subscriber connection reads) gets {@link #COMMAND_BUFFER_CAPACITY}, whatever the HWM: these are
 *     tens of bytes each and rare. A longer subscription or an XPUB subscriber's upstream message grows the
 *     buffer once; a SUB's subscription that does not fit yet waits in the subscriber's backlog.</li>
 * </ul>
 * This is what lets a PUB with a thousand subscribers, and the thousand SUB sockets, fit in one JVM's default
 * direct memory when they ask for small HWMs. A PUB or XPUB subscriber connection's staging buffer is its
 * subscriber HWM ({@code PubFanOut}, {@link StagingBuffer#withPeerHwm}): it too idles small and grows for a burst.
 * <p>
 * Stateless; any thread may call.
 */
public final class ConnectionBufferSizing
{
    /** Largest starting size of a buffer that carries messages: what the default 4 MiB HWM gets. */
    public static final int MAX_MESSAGE_BUFFER_CAPACITY = 256 * 1024;
    /** Smallest starting size of a buffer that carries messages. */
    public static final int MIN_MESSAGE_BUFFER_CAPACITY = 8 * 1024;
    /** Starting size of a buffer that carries only commands and subscriptions: one page. */
    public static final int COMMAND_BUFFER_CAPACITY = 4 * 1024;
    /** A message buffer starts at ring capacity >> this: a quarter, twice the largest record (an eighth). */
    private static final int RING_FRACTION_SHIFT = 2;

    private ConnectionBufferSizing()
    {
    }

    /**
     * Starting capacity of a connection's read buffer.
     *
     * @param type                the local socket type.
     * @param inboundRingCapacity capacity of the socket's receive ring in bytes (its rcvHwmBytes as allocated).
     * @return bytes: {@link #COMMAND_BUFFER_CAPACITY} for PUSH, PUB and XPUB, which receive no messages from their
     * peers (XPUB only the odd upstream message), otherwise {@link #messageBufferCapacity(int)} of the ring.
     */
    public static int readBufferCapacity(final SocketType type, final int inboundRingCapacity)
    {
        switch (type)
        {
            case PUSH:
            case PUB:
            case XPUB:
                return COMMAND_BUFFER_CAPACITY;

            default:
                return messageBufferCapacity(inboundRingCapacity);
        }
    }

    /**
     * Starting capacity of a connection's outbound staging buffer, for sockets other than PUB and XPUB (whose
     * subscriber connections stage up to the subscriber HWM).
     *
     * @param type                 the local socket type.
     * @param outboundRingCapacity capacity of the socket's send ring in bytes (its sndHwmBytes as allocated).
     * @return bytes: {@link #COMMAND_BUFFER_CAPACITY} for PULL and SUB, which send only commands and
     * subscriptions, otherwise {@link #messageBufferCapacity(int)} of the ring.
     */
    public static int stagingCapacity(final SocketType type, final int outboundRingCapacity)
    {
        switch (type)
        {
            case PULL:
            case SUB:
                return COMMAND_BUFFER_CAPACITY;

            default:
                return messageBufferCapacity(outboundRingCapacity);
        }
    }

    /**
     * Starting capacity of a buffer that carries messages to or from a ring: a quarter of the ring as a power of
     * two, between {@link #MIN_MESSAGE_BUFFER_CAPACITY} and {@link #MAX_MESSAGE_BUFFER_CAPACITY}.
     *
     * @param ringCapacity ring capacity in bytes (positive).
     * @return bytes.
     */
    public static int messageBufferCapacity(final int ringCapacity)
    {
        if (ringCapacity <= 0)
        {
            throw new IllegalArgumentException("ring capacity must be positive: " + ringCapacity);
        }
        final int quarter = Math.max(1, ringCapacity >> RING_FRACTION_SHIFT);
        if (quarter >= MAX_MESSAGE_BUFFER_CAPACITY)
        {
            return MAX_MESSAGE_BUFFER_CAPACITY; // also keeps findNextPositivePowerOfTwo away from overflow
        }
        return Math.max(MIN_MESSAGE_BUFFER_CAPACITY, BitUtil.findNextPositivePowerOfTwo(quarter));
    }
}
