package io.monocoque.engine.net;

import io.monocoque.engine.socket.EndpointConfig;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * A bound TCP endpoint: accepts connections without blocking and hands each, with its handshake started, to the
 * socket. Bound endpoints do not reconnect; they accept again. Owned by the engine agent thread.
 */
public final class Listener
{
    private static final int ACCEPTS_PER_CYCLE = 16;
    private static final int BACKLOG = 128;

    /** Receives accepted connections; implemented by the socket. */
    public interface AcceptHandler
    {
        /**
         * A new channel was accepted on a listener.
         *
         * @param listener the listener.
         * @param channel  the accepted non-blocking channel.
         */
        void onAccepted(Listener listener, SocketChannel channel);
    }

    private final ServerSocketChannel channel;
    private final EndpointConfig config;
    private final String boundEndpoint;
    private final String requestedEndpoint;
    private final AcceptHandler handler;
    private SelectionKey key;

    private Listener(
        final ServerSocketChannel channel,
        final EndpointConfig config,
        final String requestedEndpoint,
        final String boundEndpoint,
        final AcceptHandler handler)
    {
        this.channel = channel;
        this.config = config;
        this.requestedEndpoint = requestedEndpoint;
        this.boundEndpoint = boundEndpoint;
        this.handler = handler;
    }

    /**
     * Bind an endpoint.
     *
     * @param endpoint the endpoint string, e.g. {@code tcp://*:0}.
     * @param config   options of the endpoint.
     * @param handler  receives accepted channels.
     * @param net      the agent.
     * @return the listener.
     * @throws InvalidEndpointException if the endpoint is malformed.
     * @throws EndpointInUseException   if the address is already in use.
     * @throws java.io.UncheckedIOException on any other bind failure, with the cause.
     */
    public static Listener bind(
        final String endpoint, final EndpointConfig config, final AcceptHandler handler, final NetContext net)
    {
        final TcpEndpoint tcp = TcpEndpoint.parse(endpoint);
        final InetSocketAddress address = tcp.bindAddress();
        ServerSocketChannel channel = null;
        try
        {
            channel = ServerSocketChannel.open();
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            channel.bind(address, BACKLOG);
            final String bound = TcpEndpoint.format((InetSocketAddress)channel.getLocalAddress());
            final Listener listener = new Listener(channel, config, endpoint, bound, handler);
            listener.key = net.register(channel, SelectionKey.OP_ACCEPT, listener);
            return listener;
        }
        catch (final BindException ex)
        {
            closeQuietly(channel);
            throw new EndpointInUseException(endpoint, ex.getMessage());
        }
        catch (final IOException ex)
        {
            closeQuietly(channel);
            throw new java.io.UncheckedIOException("cannot bind " + endpoint + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * Accept pending connections.
     *
     * @return the number accepted.
     */
    public int onAcceptable()
    {
        int accepted = 0;
        try
        {
            SocketChannel acceptedChannel;
            while (accepted < ACCEPTS_PER_CYCLE && (acceptedChannel = channel.accept()) != null)
            {
                acceptedChannel.configureBlocking(false);
                acceptedChannel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                handler.onAccepted(this, acceptedChannel);
                accepted++;
            }
        }
        catch (final IOException ex)
        {
            // A failed accept (e.g. the peer reset first, or out of descriptors) affects only that peer.
        }
        return accepted;
    }

    /**
     * Stop listening and release the port.
     */
    public void close()
    {
        if (key != null)
        {
            key.cancel();
        }
        closeQuietly(channel);
    }

    private static void closeQuietly(final java.nio.channels.Channel channel)
    {
        if (channel != null)
        {
            try
            {
                channel.close();
            }
            catch (final IOException ignore)
            {
                // Nothing more to release.
            }
        }
    }

    /**
     * The endpoint as bound, with the real port, e.g. {@code tcp://0.0.0.0:40123}.
     *
     * @return the bound endpoint.
     */
    public String boundEndpoint()
    {
        return boundEndpoint;
    }

    /**
     * The endpoint as requested.
     *
     * @return the endpoint passed to bind.
     */
    public String requestedEndpoint()
    {
        return requestedEndpoint;
    }

    /**
     * The endpoint's options.
     *
     * @return the configuration.
     */
    public EndpointConfig config()
    {
        return config;
    }
}
