package io.monocoque.engine.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * A connected ({@code connect}ed) TCP endpoint: makes the TCP connection without blocking, and when it fails or
 * drops, tries again with exponential back-off ({@link ReconnectTimer}) from within the agent's duty cycle. Its one
 * {@link Connection} outlives channels, so messages the kernel had not taken whole go out after the reconnect.
 * A peer that is not up yet at {@code connect} time is fine, as in libzmq. Owned by the engine agent thread.
 */
public final class Connector
{
    private final TcpEndpoint endpoint;
    private final String endpointText;
    private final Connection connection;
    private final ReconnectTimer timer;
    private final NetContext net;
    private SocketChannel pending;
    private SelectionKey pendingKey;
    private boolean closed;
    private String lastError;
    private long attempts;

    /**
     * Create a connector; the first attempt happens on the next duty cycle.
     *
     * @param endpointText the endpoint string (already validated).
     * @param connection   the connection it feeds.
     * @param net          the agent.
     */
    public Connector(final String endpointText, final Connection connection, final NetContext net)
    {
        this.endpoint = TcpEndpoint.parse(endpointText);
        this.endpoint.connectAddress(); // refuse "*" and port 0 at connect() time, not later
        this.endpointText = endpointText;
        this.connection = connection;
        this.net = net;
        this.timer = new ReconnectTimer(
            connection.config().reconnectIvlMs(), connection.config().reconnectIvlMaxMs());
        this.timer.scheduleNow(net.nowNs());
    }

    /**
     * Attempt a connection when the reconnect timer says so.
     *
     * @param nowNs current time.
     * @return work done.
     */
    public int onTimer(final long nowNs)
    {
        if (closed || !timer.isDue(nowNs))
        {
            return 0;
        }
        attempts++;
        SocketChannel channel = null;
        try
        {
            final InetSocketAddress address = endpoint.connectAddress();
            channel = SocketChannel.open();
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            if (channel.connect(address))
            {
                connection.start(channel, net.nextPeerId(), nowNs);
                connection.attachKey(net.register(channel, SelectionKey.OP_READ, connection));
            }
            else
            {
                pending = channel;
                connection.connecting(channel, 0, nowNs);
                pendingKey = net.register(channel, SelectionKey.OP_CONNECT, this);
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            lastError = String.valueOf(ex.getMessage());
            closeQuietly(channel);
            pending = null;
            scheduleReconnect(nowNs);
        }
        return 1;
    }

    /**
     * The selector reported the pending connect finished (or failed).
     *
     * @param nowNs current time.
     * @return work done.
     */
    public int onConnectable(final long nowNs)
    {
        final SocketChannel channel = pending;
        if (channel == null)
        {
            return 0;
        }
        try
        {
            if (!channel.finishConnect())
            {
                return 0;
            }
            pending = null;
            connection.start(channel, net.nextPeerId(), nowNs);
            pendingKey.attach(connection);
            pendingKey.interestOps(SelectionKey.OP_READ);
            connection.attachKey(pendingKey);
        }
        catch (final IOException ex)
        {
            lastError = String.valueOf(ex.getMessage());
            pending = null;
            pendingKey.cancel();
            closeQuietly(channel);
            connection.close("connect to " + endpointText + " failed: " + lastError);
        }
        return 1;
    }

    /**
     * The connection dropped (or never came up): try again after the back-off, unless closed.
     *
     * @param nowNs current time.
     */
    public void scheduleReconnect(final long nowNs)
    {
        if (!closed && timer.isEnabled())
        {
            timer.schedule(nowNs);
        }
    }

    /**
     * The handshake succeeded: the back-off starts again from its base.
     */
    public void onHandshakeSucceeded()
    {
        timer.reset();
    }

    /**
     * Stop reconnecting and close any pending connect. The connection itself is closed by the socket.
     */
    public void close()
    {
        closed = true;
        timer.cancel();
        if (pending != null)
        {
            if (pendingKey != null)
            {
                pendingKey.cancel();
            }
            closeQuietly(pending);
            pending = null;
        }
    }

    private static void closeQuietly(final SocketChannel channel)
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
     * The connection this connector feeds.
     *
     * @return the connection.
     */
    public Connection connection()
    {
        return connection;
    }

    /**
     * The endpoint as given to connect.
     *
     * @return the endpoint string.
     */
    public String endpoint()
    {
        return endpointText;
    }

    /**
     * Number of connect attempts so far.
     *
     * @return attempts.
     */
    public long attempts()
    {
        return attempts;
    }

    /**
     * Whether this connector was closed (disconnect or socket close).
     *
     * @return true once closed.
     */
    public boolean isClosed()
    {
        return closed;
    }
}
