package io.monocoque.api;

/**
 * The ZeroMQ socket types, named as libzmq names them ({@code ZMQ_PAIR}, {@code ZMQ_DEALER}...). Pass one to
 * {@link Context#socket(SocketType)}; the socket returned is of the type's class ({@link RouterSocket} for ROUTER).
 * Which types may talk to each other is fixed by the ZeroMQ RFCs (28-31) and checked in every handshake.
 * Immutable; any thread.
 */
public enum SocketType
{
    /** Exclusive pair (RFC 31): one peer at a time. */
    PAIR(io.monocoque.codec.socket.SocketType.PAIR),
    /** Publisher (RFC 29): every message to every matching subscriber; never blocks on one. */
    PUB(io.monocoque.codec.socket.SocketType.PUB),
    /** Subscriber (RFC 29): receives the messages whose first frame matches a subscription. */
    SUB(io.monocoque.codec.socket.SocketType.SUB),
    /** Synchronous request client (RFC 28): send, receive, send, receive. */
    REQ(io.monocoque.codec.socket.SocketType.REQ),
    /** Synchronous reply server (RFC 28): receive, send, receive, send. */
    REP(io.monocoque.codec.socket.SocketType.REP),
    /** Asynchronous request/reply client (RFC 28): round-robin out, fair-queued in. */
    DEALER(io.monocoque.codec.socket.SocketType.DEALER),
    /** Asynchronous request/reply server (RFC 28): addresses each peer by its routing id. */
    ROUTER(io.monocoque.codec.socket.SocketType.ROUTER),
    /** Pipeline sink (RFC 30): fair-queues from its PUSH peers. */
    PULL(io.monocoque.codec.socket.SocketType.PULL),
    /** Pipeline source (RFC 30): round-robin over its PULL peers. */
    PUSH(io.monocoque.codec.socket.SocketType.PUSH),
    /** Publisher that also receives its subscribers' subscriptions as messages. */
    XPUB(io.monocoque.codec.socket.SocketType.XPUB),
    /** Subscriber whose subscriptions are messages it sends. */
    XSUB(io.monocoque.codec.socket.SocketType.XSUB);

    private final io.monocoque.codec.socket.SocketType wire;

    SocketType(final io.monocoque.codec.socket.SocketType wire)
    {
        this.wire = wire;
    }

    /**
     * The same type as the wire codec and the engine know it.
     *
     * @return the codec's socket type.
     */
    io.monocoque.codec.socket.SocketType wire()
    {
        return wire;
    }

    /**
     * Whether sockets of this type receive messages ({@code recv}, {@code poll}): all but PUSH and PUB.
     *
     * @return true if they do.
     */
    boolean receivesMessages()
    {
        return this != PUSH && this != PUB;
    }

    /**
     * Whether sockets of this type send messages ({@code send}, {@code offer}): all but PULL and SUB (whose
     * subscriptions are not messages).
     *
     * @return true if they do.
     */
    boolean sendsMessages()
    {
        return this != PULL && this != SUB;
    }

    /**
     * Whether a socket of this type may talk to a peer of another type (RFC 28-31).
     *
     * @param peer the peer's type.
     * @return true if the pair is valid.
     */
    public boolean isCompatibleWith(final SocketType peer)
    {
        return wire.isCompatibleWith(peer.wire);
    }
}
