package io.monocoque.api.lifecycle;

import io.monocoque.api.SocketType;

import java.util.Map;

/**
 * For each socket type, a type it can talk to, so that a test over every type can give each socket a legitimate
 * peer with messages flowing.
 */
final class PeerTypes
{
    private static final Map<SocketType, SocketType> PEER = Map.ofEntries(
        Map.entry(SocketType.PUSH, SocketType.PULL), Map.entry(SocketType.PULL, SocketType.PUSH),
        Map.entry(SocketType.REQ, SocketType.REP), Map.entry(SocketType.REP, SocketType.REQ),
        Map.entry(SocketType.DEALER, SocketType.ROUTER), Map.entry(SocketType.ROUTER, SocketType.DEALER),
        Map.entry(SocketType.PAIR, SocketType.PAIR), Map.entry(SocketType.PUB, SocketType.SUB),
        Map.entry(SocketType.SUB, SocketType.PUB), Map.entry(SocketType.XPUB, SocketType.SUB),
        Map.entry(SocketType.XSUB, SocketType.PUB));

    private PeerTypes()
    {
    }

    /**
     * A type that can be the peer of {@code type}.
     *
     * @param type the socket type.
     * @return its peer's type.
     */
    static SocketType peerOf(final SocketType type)
    {
        return PEER.get(type);
    }
}
