package io.monocoque.engine;

import io.monocoque.codec.socket.SocketType;
import io.monocoque.engine.pub.PubConfig;

/**
 * What a socket is made of, fixed when it starts (its first bind or connect): its type, its rings' capacities
 * (the high-water marks in bytes) and, for PUB and XPUB, the fan-out's options. Fluent setters, read once by
 * {@link SocketProxy#open(Engine, SocketSpec)}. Built and used on one application thread.
 */
public final class SocketSpec
{
    /** Default publisher ring of a PUB or XPUB: 4 MiB. */
    public static final long DEFAULT_PUB_RING_BYTES = PubConfig.DEFAULT_RING_BYTES;

    private final SocketType type;
    private long sendRingBytes;
    private long receiveRingBytes;
    private int pubWorkers;
    private long pubRingBytes = DEFAULT_PUB_RING_BYTES;
    private long subscriberHwmBytes;
    private long subscriberStallTimeoutMs;
    private boolean xpubVerbose;

    /**
     * Start a specification.
     *
     * @param type the socket type.
     */
    public SocketSpec(final SocketType type)
    {
        this.type = type;
    }

    /**
     * The socket type.
     *
     * @return the type.
     */
    public SocketType type()
    {
        return type;
    }

    /**
     * Whether the socket publishes through a fan-out (PUB, XPUB).
     *
     * @return true for PUB and XPUB.
     */
    public boolean isPublisher()
    {
        return type == SocketType.PUB || type == SocketType.XPUB;
    }

    /**
     * Capacity of the send ring.
     *
     * @return bytes as requested.
     */
    public long sendRingBytes()
    {
        return sendRingBytes;
    }

    /**
     * Set the capacity of the send ring (the send HWM); rounded up to a power of two.
     *
     * @param bytes capacity.
     * @return this.
     */
    public SocketSpec sendRingBytes(final long bytes)
    {
        this.sendRingBytes = bytes;
        return this;
    }

    /**
     * Capacity of the receive ring.
     *
     * @return bytes as requested.
     */
    public long receiveRingBytes()
    {
        return receiveRingBytes;
    }

    /**
     * Set the capacity of the receive ring (the receive HWM); rounded up to a power of two.
     *
     * @param bytes capacity.
     * @return this.
     */
    public SocketSpec receiveRingBytes(final long bytes)
    {
        this.receiveRingBytes = bytes;
        return this;
    }

    /**
     * Number of fan-out workers (PUB, XPUB).
     *
     * @return the count; 0 for the default.
     */
    public int pubWorkers()
    {
        return pubWorkers;
    }

    /**
     * Set the number of fan-out workers.
     *
     * @param workers the count; 0 for the default (half the cores, at least 1).
     * @return this.
     */
    public SocketSpec pubWorkers(final int workers)
    {
        this.pubWorkers = workers;
        return this;
    }

    /**
     * Capacity of the publisher ring (PUB, XPUB).
     *
     * @return bytes.
     */
    public long pubRingBytes()
    {
        return pubRingBytes;
    }

    /**
     * Set the capacity of the publisher ring: how far the publisher may run ahead of the workers.
     *
     * @param bytes capacity, rounded up to a power of two.
     * @return this.
     */
    public SocketSpec pubRingBytes(final long bytes)
    {
        this.pubRingBytes = bytes;
        return this;
    }

    /**
     * Each subscriber's HWM in bytes (PUB, XPUB).
     *
     * @return bytes.
     */
    public long subscriberHwmBytes()
    {
        return subscriberHwmBytes;
    }

    /**
     * Set each subscriber's HWM: bytes accepted for it and not yet taken by its connection.
     *
     * @param bytes capacity.
     * @return this.
     */
    public SocketSpec subscriberHwmBytes(final long bytes)
    {
        this.subscriberHwmBytes = bytes;
        return this;
    }

    /**
     * How long a subscriber may take no byte before it is disconnected (PUB, XPUB).
     *
     * @return milliseconds; 0 = never.
     */
    public long subscriberStallTimeoutMs()
    {
        return subscriberStallTimeoutMs;
    }

    /**
     * Set the subscriber stall timeout.
     *
     * @param ms milliseconds; 0 = never.
     * @return this.
     */
    public SocketSpec subscriberStallTimeoutMs(final long ms)
    {
        this.subscriberStallTimeoutMs = ms;
        return this;
    }

    /**
     * Whether an XPUB delivers every subscribe, duplicates included.
     *
     * @return the flag's initial value.
     */
    public boolean xpubVerbose()
    {
        return xpubVerbose;
    }

    /**
     * Set whether an XPUB delivers every subscribe (it can be changed later through the proxy).
     *
     * @param verbose true to deliver duplicates.
     * @return this.
     */
    public SocketSpec xpubVerbose(final boolean verbose)
    {
        this.xpubVerbose = verbose;
        return this;
    }
}
