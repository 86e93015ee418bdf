package io.monocoque.engine.shared;

import io.monocoque.codec.socket.SocketType;

/**
 * The options that govern one bound or connected endpoint, captured when {@code bind} or {@code connect} is called
 * (as libzmq applies most options at that moment). Immutable; built on an application thread, read by the agent.
 */
public final class EndpointConfig
{
    /** libzmq's default reconnect interval. */
    public static final long DEFAULT_RECONNECT_IVL_MS = 100;
    /** libzmq's default handshake time limit. */
    public static final long DEFAULT_HANDSHAKE_IVL_MS = 30_000;

    private final SocketType socketType;
    private final byte[] identity;
    private final long reconnectIvlMs;
    private final long reconnectIvlMaxMs;
    private final long maxMsgSize;
    private final long handshakeIvlMs;

    /**
     * Capture endpoint options.
     *
     * @param socketType        the local socket type, sent in READY.
     * @param identity          routing identity sent in READY (may be empty, at most 255 bytes, not starting with 0).
     * @param reconnectIvlMs    first reconnect delay; -1 disables reconnection, as in libzmq.
     * @param reconnectIvlMaxMs upper bound of the exponential back-off; 0 means "no back-off", as in libzmq.
     * @param maxMsgSize        largest inbound message in bytes, -1 for no limit beyond the ring's.
     * @param handshakeIvlMs    time allowed for the ZMTP handshake, 0 for no limit.
     */
    public EndpointConfig(
        final SocketType socketType,
        final byte[] identity,
        final long reconnectIvlMs,
        final long reconnectIvlMaxMs,
        final long maxMsgSize,
        final long handshakeIvlMs)
    {
        this.socketType = socketType;
        this.identity = identity.clone();
        this.reconnectIvlMs = reconnectIvlMs;
        this.reconnectIvlMaxMs = reconnectIvlMaxMs;
        this.maxMsgSize = maxMsgSize;
        this.handshakeIvlMs = handshakeIvlMs;
    }

    /**
     * Defaults for a socket type: no identity, libzmq's reconnect and handshake intervals, no size limit.
     *
     * @param socketType the socket type.
     * @return the configuration.
     */
    public static EndpointConfig defaults(final SocketType socketType)
    {
        return new EndpointConfig(
            socketType, new byte[0], DEFAULT_RECONNECT_IVL_MS, 0, -1, DEFAULT_HANDSHAKE_IVL_MS);
    }

    /**
     * The local socket type.
     *
     * @return the type.
     */
    public SocketType socketType()
    {
        return socketType;
    }

    /**
     * The identity sent in READY.
     *
     * @return the identity bytes (do not modify).
     */
    public byte[] identity()
    {
        return identity;
    }

    /**
     * First reconnect delay.
     *
     * @return milliseconds, -1 if reconnection is disabled.
     */
    public long reconnectIvlMs()
    {
        return reconnectIvlMs;
    }

    /**
     * Back-off upper bound.
     *
     * @return milliseconds, 0 for a constant interval.
     */
    public long reconnectIvlMaxMs()
    {
        return reconnectIvlMaxMs;
    }

    /**
     * Largest inbound message.
     *
     * @return bytes, -1 for no limit beyond the ring's.
     */
    public long maxMsgSize()
    {
        return maxMsgSize;
    }

    /**
     * Time allowed for the handshake.
     *
     * @return milliseconds, 0 for no limit.
     */
    public long handshakeIvlMs()
    {
        return handshakeIvlMs;
    }
}
