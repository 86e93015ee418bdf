package io.monocoque.engine.socket;

import io.monocoque.engine.net.Connector;
import io.monocoque.engine.net.Endpoint;
import io.monocoque.engine.net.NetContext;
import io.monocoque.engine.session.Connection;
import io.monocoque.engine.shared.EndpointConfig;

import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * One connected endpoint of a socket: its dialler ({@link Connector}) and the one {@link Connection} that outlives
 * the channels the dialler makes, so messages the kernel had not taken whole go out again after a reconnect.
 * A connect attempt may take as long as the handshake is allowed to ({@code handshakeIvlMs}), as before the
 * connector and the session were separate. Owned by the engine agent thread.
 */
final class ConnectedEndpoint implements Connector.ConnectHandler
{
    private final SocketEngine socket;
    private final Connection connection;
    private final Connector connector;

    ConnectedEndpoint(
        final SocketEngine socket,
        final Endpoint endpoint,
        final String endpointText,
        final EndpointConfig config,
        final Connection connection,
        final NetContext net)
    {
        this.socket = socket;
        this.connection = connection;
        this.connector = new Connector(endpoint, endpointText, config.reconnectIvlMs(), config.reconnectIvlMaxMs(),
            config.handshakeIvlMs(), this, net);
    }

    @Override
    public void onConnected(final Connector connector, final SocketChannel channel, final SelectionKey key)
    {
        socket.startSession(connection, channel, key);
    }

    Connection connection()
    {
        return connection;
    }

    Connector connector()
    {
        return connector;
    }

    String endpoint()
    {
        return connector.endpoint();
    }
}
