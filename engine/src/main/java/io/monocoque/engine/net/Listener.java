package io.monocoque.engine.net;

import io.monocoque.engine.shared.EndpointInUseException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.channels.Channel;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * A bound endpoint: accepts connections without blocking and hands each channel, with its transport's socket
 * options set, to its {@link AcceptHandler}. Bound endpoints do not reconnect; they accept again. Owned by the
 * engine agent thread.
 */
public final class Listener
{
    private static final int ACCEPTS_PER_CYCLE = 16;
    private static final int BACKLOG = 128;

    /** Receives accepted channels; implemented by whoever bound the endpoint. */
    @FunctionalInterface
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

    private final Endpoint endpoint;
    private final ServerSocketChannel channel;
    private final String boundEndpoint;
    private final String requestedEndpoint;
    private final AcceptHandler handler;
    private SelectionKey key;

    private Listener(
        final Endpoint endpoint,
        final ServerSocketChannel channel,
        final String requestedEndpoint,
        final String boundEndpoint,
        final AcceptHandler handler)
    {
        this.endpoint = endpoint;
        this.channel = channel;
        this.requestedEndpoint = requestedEndpoint;
        this.boundEndpoint = boundEndpoint;
        this.handler = handler;
    }

    /**
     * Bind an endpoint and register it for accepts.
     *
     * @param endpoint          the parsed endpoint.
     * @param requestedEndpoint the endpoint as the application wrote it.
     * @param handler           receives accepted channels.
     * @param net               the agent.
     * @return the listener.
     * @throws EndpointInUseException if the address is already in use.
     * @throws UncheckedIOException   on any other bind failure, with the cause.
     */
    public static Listener bind(
        final Endpoint endpoint, final String requestedEndpoint, final AcceptHandler handler, final NetContext net)
    {
        ServerSocketChannel channel = null;
        try
        {
            channel = endpoint.bind(BACKLOG);
            final Listener listener = new Listener(
                endpoint, channel, requestedEndpoint, endpoint.boundEndpoint(channel), handler);
            listener.key = net.register(channel, SelectionKey.OP_ACCEPT, listener);
            return listener;
        }
        catch (final BindException ex)
        {
            closeQuietly(channel);
            throw new EndpointInUseException(requestedEndpoint, ex.getMessage());
        }
        catch (final IOException ex)
        {
            closeQuietly(channel);
            throw new UncheckedIOException("cannot bind " + requestedEndpoint + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * Accept pending connections, a bounded number per call so one busy listener cannot starve the duty cycle.
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
                try
                {
                    endpoint.configureAccepted(acceptedChannel);
                    handler.onAccepted(this, acceptedChannel);
                    accepted++;
                }
                catch (final IOException | RuntimeException ex)
                {
                    // Setting it up failed (e.g. the peer reset it first): that channel goes, the listener goes on.
                    closeQuietly(acceptedChannel);
                }
            }
        }
        catch (final IOException ex)
        {
            // A failed accept (e.g. out of descriptors) affects only that peer.
        }
        return accepted;
    }

    /**
     * Stop listening and release the address.
     */
    public void close()
    {
        if (key != null)
        {
            key.cancel();
        }
        closeQuietly(channel);
    }

    private static void closeQuietly(final Channel channel)
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
     * The endpoint as bound, e.g. {@code tcp://0.0.0.0:40123} with the real port.
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
}
