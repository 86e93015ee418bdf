package io.monocoque.engine.shared;

import org.agrona.BitUtil;
import org.agrona.DirectBuffer;

/**
 * An immutable map from routing id bytes to a peer (its id and its {@link PeerOutbound} account), for a ROUTER's
 * application thread to resolve the first frame of an outgoing message without allocating and without asking the
 * engine, and, with {@code routerMandatory}, to tell whether that peer is at its HWM. The agent builds a new
 * directory when a peer joins or leaves (allocation on connection events only) and publishes it through a volatile
 * field. The map is immutable, so any thread may read it; each account says which of its fields which thread
 * writes.
 */
public final class RoutingDirectory
{
    /** The directory with no peers. */
    public static final RoutingDirectory EMPTY = new RoutingDirectory(new byte[0][], new PeerOutbound[0]);

    /** Peer id returned for an unknown routing id. */
    public static final long UNKNOWN = 0;

    private final byte[][] keys;
    private final PeerOutbound[] values;
    private final int mask;
    private final int size;

    /**
     * Build a directory.
     *
     * @param routingIds routing ids, all distinct.
     * @param peers      the peer of each routing id (its peer id non-zero).
     */
    public RoutingDirectory(final byte[][] routingIds, final PeerOutbound[] peers)
    {
        final int capacity = BitUtil.findNextPositivePowerOfTwo(Math.max(2, routingIds.length * 2));
        keys = new byte[capacity][];
        values = new PeerOutbound[capacity];
        mask = capacity - 1;
        size = routingIds.length;
        for (int i = 0; i < routingIds.length; i++)
        {
            int slot = hash(routingIds[i]) & mask;
            while (keys[slot] != null)
            {
                slot = (slot + 1) & mask;
            }
            keys[slot] = routingIds[i];
            values[slot] = peers[i];
        }
    }

    /**
     * Find the peer for a routing id.
     *
     * @param buffer holds the routing id.
     * @param offset first byte.
     * @param length length.
     * @return the peer id, or {@link #UNKNOWN}.
     */
    public long lookup(final DirectBuffer buffer, final int offset, final int length)
    {
        final PeerOutbound peer = peer(buffer, offset, length);
        return peer == null ? UNKNOWN : peer.peerId();
    }

    /**
     * Find the peer for a routing id, with its outbound account.
     *
     * @param buffer holds the routing id.
     * @param offset first byte.
     * @param length length.
     * @return the peer, or null if no connected peer has this routing id.
     */
    public PeerOutbound peer(final DirectBuffer buffer, final int offset, final int length)
    {
        int h = FNV_OFFSET;
        for (int i = 0; i < length; i++)
        {
            h = (h ^ (buffer.getByte(offset + i) & 0xFF)) * FNV_PRIME;
        }
        int slot = h & mask;
        while (true)
        {
            final byte[] key = keys[slot];
            if (key == null)
            {
                return null;
            }
            if (key.length == length && equals(key, buffer, offset))
            {
                return values[slot];
            }
            slot = (slot + 1) & mask;
        }
    }

    /**
     * Number of peers.
     *
     * @return the count.
     */
    public int size()
    {
        return size;
    }

    private static boolean equals(final byte[] key, final DirectBuffer buffer, final int offset)
    {
        for (int i = 0; i < key.length; i++)
        {
            if (key[i] != buffer.getByte(offset + i))
            {
                return false;
            }
        }
        return true;
    }

    private static final int FNV_OFFSET = 0x811C9DC5;
    private static final int FNV_PRIME = 0x01000193;

    private static int hash(final byte[] key)
    {
        int h = FNV_OFFSET;
        for (final byte b : key)
        {
            h = (h ^ (b & 0xFF)) * FNV_PRIME;
        }
        return h;
    }
}
