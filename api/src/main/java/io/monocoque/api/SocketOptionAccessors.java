package io.monocoque.api;

/**
 * The fluent accessors of the options every socket has ({@code name()} reads, {@code name(value)} sets and returns
 * the socket), as the public face of {@link SocketOptions}, which holds the values and checks them. A base of
 * {@link Socket} only, typed by the socket ({@code S}) so that each setter returns the socket itself; type-specific
 * options ({@code routerMandatory}, {@code pubWorkers}...) are on their socket types.
 * <p>
 * Called by the socket's application thread.
 *
 * @param <S> the socket type the setters return.
 */
abstract class SocketOptionAccessors<S extends SocketOptionAccessors<S>>
{
    abstract SocketOptions options();

    abstract S self();

    abstract void checkOpen();

    abstract void checkNotStarted(String option);

    /** @return the send ring's real capacity once the socket has started, -1 before. */
    abstract long startedSendRingBytes();

    /** @return the receive ring's real capacity once the socket has started, -1 before. */
    abstract long startedReceiveRingBytes();

    /**
     * Send high-water mark: capacity of the send ring in bytes (rounded up to a power of two).
     *
     * @return the configured value, or the real capacity once started.
     */
    public long sndHwmBytes()
    {
        final long started = startedSendRingBytes();
        return started < 0 ? options().sndHwmBytes() : started;
    }

    /**
     * Set the send high-water mark in bytes; before the first bind/connect.
     *
     * @param bytes capacity; rounded up to a power of two, at least 4 KiB.
     * @return this.
     */
    public S sndHwmBytes(final long bytes)
    {
        checkNotStarted("sndHwmBytes");
        options().sndHwmBytes(bytes);
        return self();
    }

    /**
     * Receive high-water mark: capacity of the receive ring in bytes.
     *
     * @return the configured value, or the real capacity once started.
     */
    public long rcvHwmBytes()
    {
        final long started = startedReceiveRingBytes();
        return started < 0 ? options().rcvHwmBytes() : started;
    }

    /**
     * Set the receive high-water mark in bytes; before the first bind/connect.
     *
     * @param bytes capacity; rounded up to a power of two, at least 4 KiB.
     * @return this.
     */
    public S rcvHwmBytes(final long bytes)
    {
        checkNotStarted("rcvHwmBytes");
        options().rcvHwmBytes(bytes);
        return self();
    }

    /**
     * Linger period for close.
     *
     * @return milliseconds; -1 = until everything is sent, 0 = drop at once.
     */
    public long lingerMs()
    {
        return options().lingerMs();
    }

    /**
     * Set the linger period.
     *
     * @param ms milliseconds; -1 = until everything is sent, 0 = drop at once.
     * @return this.
     */
    public S lingerMs(final long ms)
    {
        checkOpen();
        options().lingerMs(ms);
        return self();
    }

    /**
     * First reconnect delay.
     *
     * @return milliseconds; -1 = no reconnection.
     */
    public long reconnectIvlMs()
    {
        return options().reconnectIvlMs();
    }

    /**
     * Set the first reconnect delay (applies to later connects).
     *
     * @param ms milliseconds; -1 disables reconnection.
     * @return this.
     */
    public S reconnectIvlMs(final long ms)
    {
        checkOpen();
        options().reconnectIvlMs(ms);
        return self();
    }

    /**
     * Largest reconnect delay of the exponential back-off.
     *
     * @return milliseconds; 0 = constant delay.
     */
    public long reconnectIvlMaxMs()
    {
        return options().reconnectIvlMaxMs();
    }

    /**
     * Set the largest reconnect delay (applies to later connects).
     *
     * @param ms milliseconds; 0 keeps the delay constant.
     * @return this.
     */
    public S reconnectIvlMaxMs(final long ms)
    {
        checkOpen();
        options().reconnectIvlMaxMs(ms);
        return self();
    }

    /**
     * Largest message accepted, in bytes of frame bodies (libzmq's ZMQ_MAXMSGSIZE), both ways.
     *
     * @return bytes; -1 = only the rings' limit.
     */
    public long maxMsgSize()
    {
        return options().maxMsgSize();
    }

    /**
     * Set the largest message (applies to later binds/connects for inbound; at once for outbound). A peer that
     * sends a larger one is disconnected, as in libzmq.
     *
     * @param bytes limit; -1 = only the rings' limit.
     * @return this.
     */
    public S maxMsgSize(final long bytes)
    {
        checkOpen();
        options().maxMsgSize(bytes);
        return self();
    }

    /**
     * Time allowed for a ZMTP handshake.
     *
     * @return milliseconds; 0 = no limit.
     */
    public long handshakeIvlMs()
    {
        return options().handshakeIvlMs();
    }

    /**
     * Set the time allowed for a handshake (applies to later binds/connects).
     *
     * @param ms milliseconds; 0 = no limit.
     * @return this.
     */
    public S handshakeIvlMs(final long ms)
    {
        checkOpen();
        options().handshakeIvlMs(ms);
        return self();
    }

    /**
     * Send timeout of the blocking send calls.
     *
     * @return milliseconds; -1 = forever, 0 = do not wait.
     */
    public long sndTimeoutMs()
    {
        return options().sndTimeoutMs();
    }

    /**
     * Set the send timeout.
     *
     * @param ms milliseconds; -1 = forever, 0 = do not wait.
     * @return this.
     */
    public S sndTimeoutMs(final long ms)
    {
        checkOpen();
        options().sndTimeoutMs(ms);
        return self();
    }

    /**
     * Receive timeout of the blocking receive calls.
     *
     * @return milliseconds; -1 = forever, 0 = do not wait.
     */
    public long rcvTimeoutMs()
    {
        return options().rcvTimeoutMs();
    }

    /**
     * Set the receive timeout.
     *
     * @param ms milliseconds; -1 = forever, 0 = do not wait.
     * @return this.
     */
    public S rcvTimeoutMs(final long ms)
    {
        checkOpen();
        options().rcvTimeoutMs(ms);
        return self();
    }

    /**
     * The routing identity sent to peers in READY (a ROUTER peer uses it as this socket's routing id).
     *
     * @return a copy of the identity, empty if none.
     */
    public byte[] identity()
    {
        return options().identity();
    }

    /**
     * Set the routing identity (applies to later binds/connects).
     *
     * @param identity 1..255 bytes, not starting with a zero byte (reserved by ZeroMQ), or empty for none.
     * @return this.
     */
    public S identity(final byte[] identity)
    {
        checkOpen();
        options().identity(identity);
        return self();
    }

    /**
     * Set the routing identity from a string (UTF-8).
     *
     * @param identity the identity.
     * @return this.
     */
    public S identity(final String identity)
    {
        checkOpen();
        options().identity(identity);
        return self();
    }
}
