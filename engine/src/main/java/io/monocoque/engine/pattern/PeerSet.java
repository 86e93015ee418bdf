package io.monocoque.engine.pattern;

import io.monocoque.engine.session.Connection;
import io.monocoque.engine.shared.SocketStatus;
import org.agrona.collections.Long2ObjectHashMap;

import java.util.ArrayList;

/**
 * The connections of one socket: all of them (in any state, in the order they came), the ones that finished their
 * handshake as an array for the data path to iterate without garbage, and an index by peer id for addressed
 * records. The active array is rebuilt (allocating) only when a connection comes or goes, and its length is
 * published to the application as the socket's connected peers.
 * <p>
 * Owned by the engine agent thread.
 */
public final class PeerSet
{
    private static final Connection[] NONE = new Connection[0];

    private final SocketStatus status;
    private final ArrayList<Connection> connections = new ArrayList<>();
    private final Long2ObjectHashMap<Connection> byPeerId = new Long2ObjectHashMap<>();
    private Connection[] active = NONE;
    private boolean dirty;

    /**
     * Create an empty set.
     *
     * @param status where the number of active peers is published.
     */
    public PeerSet(final SocketStatus status)
    {
        this.status = status;
    }

    /**
     * Add a connection (not yet active).
     *
     * @param connection the connection.
     */
    public void add(final Connection connection)
    {
        connections.add(connection);
        dirty = true;
    }

    /**
     * Remove a connection (released, or handed to a PUB fan-out worker).
     *
     * @param connection the connection.
     */
    public void remove(final Connection connection)
    {
        connections.remove(connection);
        dirty = true;
    }

    /**
     * The i-th connection, for iteration with {@link #size()}.
     *
     * @param index 0..size-1.
     * @return the connection.
     */
    public Connection get(final int index)
    {
        return connections.get(index);
    }

    /**
     * Where this set publishes its counts; the routers count drops there too.
     *
     * @return the socket's status.
     */
    SocketStatus status()
    {
        return status;
    }

    /**
     * Number of connections in any state.
     *
     * @return the count.
     */
    public int size()
    {
        return connections.size();
    }

    /**
     * A connection finished its handshake: index it and make it active.
     *
     * @param connection the connection.
     */
    public void onReady(final Connection connection)
    {
        byPeerId.put(connection.peerId(), connection);
        dirty = true;
        refresh();
    }

    /**
     * A connection stopped carrying messages.
     *
     * @param connection the connection.
     * @return true if it had been indexed (it had finished a handshake).
     */
    public boolean onLost(final Connection connection)
    {
        dirty = true;
        return byPeerId.remove(connection.peerId()) != null;
    }

    /**
     * The active connection of a session, for a record addressed to it.
     *
     * @param peerId the session id.
     * @return the connection, or null if that session is gone.
     */
    public Connection byPeerId(final long peerId)
    {
        return byPeerId.get(peerId);
    }

    /**
     * The connections carrying messages, rebuilt first if a connection came or went since the last call.
     *
     * @return the array (do not modify; replaced, not changed, on the next rebuild).
     */
    public Connection[] active()
    {
        if (dirty)
        {
            refresh();
        }
        return active;
    }

    /**
     * Rebuild the active array now and publish its length.
     */
    public void refresh()
    {
        int count = 0;
        for (int i = 0; i < connections.size(); i++)
        {
            if (connections.get(i).isActive())
            {
                count++;
            }
        }
        final Connection[] result = count == 0 ? NONE : new Connection[count];
        int j = 0;
        for (int i = 0; i < connections.size(); i++)
        {
            if (connections.get(i).isActive())
            {
                result[j++] = connections.get(i);
            }
        }
        active = result;
        dirty = false;
        status.activePeers(count);
    }

    /**
     * Forget every connection (the socket is released).
     */
    public void clear()
    {
        connections.clear();
        byPeerId.clear();
        active = NONE;
        dirty = false;
    }
}
