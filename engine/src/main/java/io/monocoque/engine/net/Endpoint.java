package io.monocoque.engine.net;

import io.monocoque.engine.shared.HostResolver;
import io.monocoque.engine.shared.InvalidEndpointException;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * A parsed endpoint ({@code transport://address}), and everything about channels that depends on its transport:
 * how to bind and connect one, which socket options its channels get, how a bound address is written back. Parsed
 * once, on the application thread that calls {@code bind} or {@code connect}, so a bad endpoint fails there with a
 * reason; the agent then uses the parsed value. Every transport uses the JDK's stream channels
 * ({@link ServerSocketChannel}, {@link SocketChannel}), so listeners, connectors and transports work on any of them
 * unchanged.
 * <p>
 * Implementations are immutable; any thread. Today: {@link TcpEndpoint}. An {@code ipc://} endpoint (Unix domain
 * sockets through {@code StandardProtocolFamily.UNIX}) is one more permitted implementation.
 */
public sealed interface Endpoint permits TcpEndpoint
{
    /** Separates the transport from the address, as in {@code tcp://127.0.0.1:5555}. */
    String SCHEME_SEPARATOR = "://";

    /**
     * Parse an endpoint string.
     *
     * @param endpoint e.g. {@code tcp://127.0.0.1:5555}, {@code tcp://*:0}, {@code tcp://[::1]:5555}.
     * @return the parsed endpoint.
     * @throws InvalidEndpointException naming what is wrong: no scheme, unknown transport, malformed address.
     */
    static Endpoint parse(final String endpoint)
    {
        if (endpoint == null)
        {
            throw new InvalidEndpointException("null", "endpoint is null");
        }
        final int schemeEnd = endpoint.indexOf(SCHEME_SEPARATOR);
        if (schemeEnd <= 0)
        {
            throw new InvalidEndpointException(endpoint, "expected scheme://address, e.g. tcp://127.0.0.1:5555");
        }
        final String scheme = endpoint.substring(0, schemeEnd);
        final String address = endpoint.substring(schemeEnd + SCHEME_SEPARATOR.length());
        if (TcpEndpoint.SCHEME.equals(scheme))
        {
            return TcpEndpoint.parse(endpoint, address);
        }
        throw new InvalidEndpointException(endpoint, "unsupported transport '" + scheme + "' (supported: tcp)");
    }

    /**
     * Refuse, at {@code connect} time, an endpoint that can be bound but not connected to (a wildcard host, an
     * ephemeral port). Names are not looked up here: a name that does not resolve yet is retried by the connector,
     * as in libzmq.
     *
     * @throws InvalidEndpointException naming the reason.
     */
    void checkConnectable();

    /**
     * The host name {@link #connect()} would have to look up, so the connector can look it up off the agent first.
     *
     * @return the name, or null when connecting needs no name service (an address literal, or already resolved).
     */
    String nameToResolve();

    /**
     * This endpoint with its name looked up.
     *
     * @param address what {@link #nameToResolve()} resolved to.
     * @return an endpoint whose {@link #connect()} and {@link #bind(int)} use that address.
     */
    Endpoint resolvedTo(InetAddress address);

    /**
     * This endpoint with its name looked up now, on the calling thread (bind resolves on the application thread,
     * as libzmq's {@code zmq_bind} does, so the agent never waits on the name service).
     *
     * @param resolver the resolver.
     * @return the resolved endpoint, or this one if it needs no look-up.
     * @throws InvalidEndpointException if the name does not resolve.
     */
    Endpoint resolvedWith(HostResolver resolver);

    /**
     * Open a non-blocking listening channel bound to this endpoint.
     *
     * @param backlog the listen backlog.
     * @return the bound channel.
     * @throws IOException from the operating system ({@link java.net.BindException} when the address is in use).
     */
    ServerSocketChannel bind(int backlog) throws IOException;

    /**
     * The endpoint a bound channel really listens on, as libzmq's {@code ZMQ_LAST_ENDPOINT} writes it (e.g. the
     * real port for {@code tcp://*:0}).
     *
     * @param channel a channel returned by {@link #bind(int)}.
     * @return the endpoint string.
     * @throws IOException if the channel's address cannot be read.
     */
    String boundEndpoint(ServerSocketChannel channel) throws IOException;

    /**
     * Open a non-blocking channel with this transport's socket options and start connecting it.
     *
     * @return the channel; {@code finishConnect()} tells when the connect completes unless it already has
     * ({@code isConnected()}).
     * @throws IOException from the operating system, e.g. a refused connect that fails at once.
     */
    SocketChannel connect() throws IOException;

    /**
     * Give an accepted channel this transport's socket options (TCP: {@code TCP_NODELAY}); makes it non-blocking.
     *
     * @param channel a channel accepted on a listener of this endpoint.
     * @throws IOException from the operating system.
     */
    void configureAccepted(SocketChannel channel) throws IOException;
}
