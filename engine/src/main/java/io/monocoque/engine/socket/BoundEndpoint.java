package io.monocoque.engine.socket;

import io.monocoque.engine.net.Endpoint;
import io.monocoque.engine.net.Listener;
import io.monocoque.engine.net.NetContext;
import io.monocoque.engine.shared.EndpointConfig;

import java.nio.channels.SocketChannel;

/**
 * One bound endpoint of a socket: its listener and the options captured at {@code bind}, which every connection
 * accepted through it gets. Owned by the engine agent thread.
 */
final class BoundEndpoint implements Listener.AcceptHandler
{
    private final SocketEngine socket;
    private final EndpointConfig config;
    private final Listener listener;

    BoundEndpoint(
        final SocketEngine socket,
        final Endpoint endpoint,
        final String requested,
        final EndpointConfig config,
        final NetContext net)
    {
        this.socket = socket;
        this.config = config;
        this.listener = Listener.bind(endpoint, requested, this, net);
    }

    @Override
    public void onAccepted(final Listener listener, final SocketChannel channel)
    {
        socket.onAccepted(this, channel);
    }

    boolean matches(final String endpoint)
    {
        return listener.requestedEndpoint().equals(endpoint) || listener.boundEndpoint().equals(endpoint);
    }

    String boundEndpoint()
    {
        return listener.boundEndpoint();
    }

    EndpointConfig config()
    {
        return config;
    }

    void close()
    {
        listener.close();
    }
}
