package io.monocoque.engine.pub;

import io.monocoque.engine.session.Connection;

/**
 * What a {@link PubFanOut} needs from the socket it serves, on the engine agent thread: the socket's verdict on a
 * subscriber that finished its handshake, its bookkeeping when one leaves, and the hand-over of a connection to
 * a worker and back. Implemented by the socket's engine half, so the fan-out depends on this small interface and
 * not on the socket.
 */
public interface FanOutHost
{
    /**
     * A subscriber connection finished its handshake (still owned by the agent).
     *
     * @param connection the connection.
     * @return null to accept the subscriber, or why it is refused.
     */
    String onConnectionReady(Connection connection);

    /**
     * A subscriber connection stopped carrying messages; the socket reconnects it if it was connected, or
     * releases it.
     *
     * @param connection the connection, now owned by the agent.
     */
    void onConnectionLost(Connection connection);

    /**
     * A ready connection moves to a fan-out worker: the socket stops reading, flushing and counting it, and its
     * channel leaves the agent's selector.
     *
     * @param connection an active connection of the socket.
     */
    void detach(Connection connection);

    /**
     * A connection a worker closed comes back: reconnect it if it was connected, release it otherwise.
     *
     * @param connection a closed connection previously {@link #detach detached}.
     */
    void reattach(Connection connection);
}
