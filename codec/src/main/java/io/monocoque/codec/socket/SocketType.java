package io.monocoque.codec.socket;

import org.agrona.DirectBuffer;

/**
 * ZeroMQ socket types as named in the READY command's {@code Socket-Type} property, with the compatibility matrix
 * of RFC 23 / RFC 28-31 as data: {@link #isCompatibleWith(SocketType)} says whether two types may talk.
 */
public enum SocketType
{
    /** Exclusive pair. */
    PAIR,
    /** Publisher. */
    PUB,
    /** Subscriber. */
    SUB,
    /** Synchronous request. */
    REQ,
    /** Synchronous reply. */
    REP,
    /** Asynchronous request/reply client. */
    DEALER,
    /** Asynchronous request/reply server, addressing peers by routing id. */
    ROUTER,
    /** Pipeline sink. */
    PULL,
    /** Pipeline source. */
    PUSH,
    /** Publisher that sees subscriptions. */
    XPUB,
    /** Subscriber that sends subscriptions as messages. */
    XSUB;

    private static final SocketType[] VALUES = values();
    private static final boolean[][] COMPATIBLE = new boolean[VALUES.length][VALUES.length];

    static
    {
        // RFC 28 (REQ/REP, DEALER/ROUTER), RFC 29 (PUB/SUB, XPUB/XSUB), RFC 30 (PUSH/PULL), RFC 31 (PAIR).
        allow(REQ, REP, ROUTER);
        allow(REP, REQ, DEALER);
        allow(DEALER, REP, DEALER, ROUTER);
        allow(ROUTER, REQ, DEALER, ROUTER);
        allow(PUB, SUB, XSUB);
        allow(XPUB, SUB, XSUB);
        allow(SUB, PUB, XPUB);
        allow(XSUB, PUB, XPUB);
        allow(PUSH, PULL);
        allow(PULL, PUSH);
        allow(PAIR, PAIR);
    }

    private static void allow(final SocketType type, final SocketType... peers)
    {
        for (final SocketType peer : peers)
        {
            COMPATIBLE[type.ordinal()][peer.ordinal()] = true;
        }
    }

    /**
     * Whether a socket of this type may talk to a peer of another type.
     *
     * @param peer the peer's type.
     * @return true if the pair is valid.
     */
    public boolean isCompatibleWith(final SocketType peer)
    {
        return COMPATIBLE[ordinal()][peer.ordinal()];
    }

    /**
     * Find the type named by a {@code Socket-Type} value (case-sensitive, as libzmq compares it).
     *
     * @param buffer holds the value.
     * @param offset first byte.
     * @param length value length.
     * @return the type, or null if the name is not a known socket type.
     */
    public static SocketType fromWireName(final DirectBuffer buffer, final int offset, final int length)
    {
        for (final SocketType type : VALUES)
        {
            final String name = type.name();
            if (name.length() == length && matches(name, buffer, offset))
            {
                return type;
            }
        }
        return null;
    }

    private static boolean matches(final String name, final DirectBuffer buffer, final int offset)
    {
        for (int i = 0; i < name.length(); i++)
        {
            if (buffer.getByte(offset + i) != (byte)name.charAt(i))
            {
                return false;
            }
        }
        return true;
    }
}
