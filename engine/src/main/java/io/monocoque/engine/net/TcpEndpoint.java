package io.monocoque.engine.net;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * A parsed {@code tcp://host:port} endpoint, as libzmq writes them: {@code host} is an IPv4 address, a host name,
 * {@code [IPv6]}, or {@code *} (all interfaces, bind only); {@code port} is 1..65535, or {@code 0} / {@code *} for an
 * ephemeral port (bind only). Immutable; any thread.
 */
public final class TcpEndpoint
{
    /** The only scheme this engine speaks today. */
    public static final String TCP_SCHEME = "tcp";
    private static final String SCHEME_SEPARATOR = "://";
    private static final String WILDCARD = "*";
    private static final int MAX_PORT = 65535;

    private final String host;
    private final int port;
    private final boolean wildcardHost;

    private TcpEndpoint(final String host, final int port, final boolean wildcardHost)
    {
        this.host = host;
        this.port = port;
        this.wildcardHost = wildcardHost;
    }

    /**
     * Parse an endpoint string.
     *
     * @param endpoint e.g. {@code tcp://127.0.0.1:5555}, {@code tcp://*:0}, {@code tcp://[::1]:5555}.
     * @return the parsed endpoint.
     * @throws InvalidEndpointException naming what is wrong: unknown scheme, missing port, bad port, empty host.
     */
    public static TcpEndpoint parse(final String endpoint)
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
        if (!TCP_SCHEME.equals(scheme))
        {
            throw new InvalidEndpointException(endpoint, "unsupported transport '" + scheme + "' (supported: tcp)");
        }

        final String address = endpoint.substring(schemeEnd + SCHEME_SEPARATOR.length());
        final int colon = address.lastIndexOf(':');
        if (colon < 0)
        {
            throw new InvalidEndpointException(endpoint, "missing ':port'");
        }
        String host = address.substring(0, colon);
        final String portText = address.substring(colon + 1);
        if (host.startsWith("["))
        {
            if (!host.endsWith("]") || host.length() < 3)
            {
                throw new InvalidEndpointException(endpoint, "malformed IPv6 address '" + host + "'");
            }
            host = host.substring(1, host.length() - 1);
        }
        else if (host.indexOf(':') >= 0)
        {
            throw new InvalidEndpointException(endpoint, "IPv6 addresses must be in brackets, e.g. tcp://[::1]:5555");
        }
        if (host.isEmpty())
        {
            throw new InvalidEndpointException(endpoint, "empty host");
        }

        final int port;
        if (WILDCARD.equals(portText))
        {
            port = 0;
        }
        else
        {
            port = parsePort(endpoint, portText);
        }

        return new TcpEndpoint(host, port, WILDCARD.equals(host));
    }

    private static int parsePort(final String endpoint, final String portText)
    {
        if (portText.isEmpty() || portText.length() > 5)
        {
            throw new InvalidEndpointException(endpoint, "bad port '" + portText + "'");
        }
        int port = 0;
        for (int i = 0; i < portText.length(); i++)
        {
            final char c = portText.charAt(i);
            if (c < '0' || c > '9')
            {
                throw new InvalidEndpointException(endpoint, "bad port '" + portText + "'");
            }
            port = port * 10 + (c - '0');
        }
        if (port > MAX_PORT)
        {
            throw new InvalidEndpointException(endpoint, "port " + port + " is out of range 0..65535");
        }
        return port;
    }

    /**
     * Resolve to a socket address for binding: a wildcard host binds every interface.
     *
     * @return the address to bind.
     * @throws InvalidEndpointException if the host name does not resolve.
     */
    public InetSocketAddress bindAddress()
    {
        return wildcardHost ? new InetSocketAddress(port) : new InetSocketAddress(resolve(), port);
    }

    /**
     * Resolve to a socket address for connecting.
     *
     * @return the address to connect to.
     * @throws InvalidEndpointException if the host is a wildcard, the port is ephemeral or the name does not resolve.
     */
    public InetSocketAddress connectAddress()
    {
        if (wildcardHost)
        {
            throw new InvalidEndpointException(toString(), "cannot connect to the wildcard host '*'");
        }
        if (port == 0)
        {
            throw new InvalidEndpointException(toString(), "cannot connect to port 0 or '*'");
        }
        return new InetSocketAddress(resolve(), port);
    }

    private InetAddress resolve()
    {
        try
        {
            return InetAddress.getByName(host);
        }
        catch (final UnknownHostException ex)
        {
            throw new InvalidEndpointException(toString(), "unknown host '" + host + "'");
        }
    }

    /**
     * Host as written (without IPv6 brackets).
     *
     * @return the host.
     */
    public String host()
    {
        return host;
    }

    /**
     * Port as written; 0 for an ephemeral port.
     *
     * @return the port.
     */
    public int port()
    {
        return port;
    }

    /**
     * Format an endpoint string for a resolved local address, as libzmq's {@code ZMQ_LAST_ENDPOINT} does.
     *
     * @param address the bound address.
     * @return e.g. {@code tcp://127.0.0.1:40123}.
     */
    public static String format(final InetSocketAddress address)
    {
        final InetAddress inet = address.getAddress();
        final String host = inet.isAnyLocalAddress() ? "0.0.0.0" :
            (inet instanceof java.net.Inet6Address ? "[" + inet.getHostAddress() + "]" : inet.getHostAddress());
        return TCP_SCHEME + SCHEME_SEPARATOR + host + ":" + address.getPort();
    }

    @Override
    public String toString()
    {
        return TCP_SCHEME + SCHEME_SEPARATOR + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
