package io.monocoque.engine.net;

import io.monocoque.engine.shared.HostResolver;
import io.monocoque.engine.shared.InvalidEndpointException;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * A parsed {@code tcp://host:port} endpoint, as libzmq writes them: {@code host} is an IPv4 address, a host name,
 * {@code [IPv6]}, or {@code *} (all interfaces, bind only); {@code port} is 1..65535, or {@code 0} / {@code *} for an
 * ephemeral port (bind only). Immutable; any thread.
 */
public final class TcpEndpoint implements Endpoint
{
    /** The transport name. */
    public static final String SCHEME = "tcp";
    private static final String WILDCARD = "*";
    private static final int MAX_PORT = 65535;
    private static final int IPV4_DOTS = 3;

    private final String host;
    private final int port;
    private final boolean wildcardHost;
    /** The host's address once looked up off the agent, or null: then {@link #address()} resolves a literal. */
    private final InetAddress resolved;

    private TcpEndpoint(final String host, final int port, final boolean wildcardHost, final InetAddress resolved)
    {
        this.host = host;
        this.port = port;
        this.wildcardHost = wildcardHost;
        this.resolved = resolved;
    }

    /**
     * Parse the address part of a {@code tcp://} endpoint. Called by {@link Endpoint#parse(String)}.
     *
     * @param endpoint the whole endpoint string, for messages.
     * @param address  what follows {@code tcp://}, e.g. {@code 127.0.0.1:5555}, {@code *:0}, {@code [::1]:5555}.
     * @return the parsed endpoint.
     * @throws InvalidEndpointException naming what is wrong: missing port, bad port, empty host.
     */
    static TcpEndpoint parse(final String endpoint, final String address)
    {
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

        return new TcpEndpoint(host, port, WILDCARD.equals(host), null);
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
    InetSocketAddress bindAddress()
    {
        return wildcardHost ? new InetSocketAddress(port) : new InetSocketAddress(address(), port);
    }

    /**
     * Resolve to a socket address for connecting.
     *
     * @return the address to connect to.
     * @throws InvalidEndpointException if the host is a wildcard, the port is ephemeral or the name does not resolve.
     */
    InetSocketAddress connectAddress()
    {
        checkConnectable();
        return new InetSocketAddress(address(), port);
    }

    private InetAddress address()
    {
        if (resolved != null)
        {
            return resolved;
        }
        return resolve(HostResolver.SYSTEM);
    }

    private InetAddress resolve(final HostResolver resolver)
    {
        final HostLookup lookup = HostLookup.now(host, resolver);
        if (lookup.address() == null)
        {
            throw new InvalidEndpointException(toString(), lookup.error());
        }
        return lookup.address();
    }

    /**
     * Whether the host is an address literal (IPv4 dotted quad, IPv6): {@link InetAddress#getByName(String)} parses
     * one without asking the name service.
     */
    private boolean isLiteral()
    {
        if (host.indexOf(':') >= 0)
        {
            return true;
        }
        int dots = 0;
        for (int i = 0; i < host.length(); i++)
        {
            final char c = host.charAt(i);
            if (c == '.')
            {
                dots++;
            }
            else if (c < '0' || c > '9')
            {
                return false;
            }
        }
        return dots == IPV4_DOTS;
    }

    @Override
    public String nameToResolve()
    {
        return wildcardHost || resolved != null || isLiteral() ? null : host;
    }

    @Override
    public Endpoint resolvedTo(final InetAddress address)
    {
        return new TcpEndpoint(host, port, wildcardHost, address);
    }

    @Override
    public Endpoint resolvedWith(final HostResolver resolver)
    {
        return nameToResolve() == null ? this : resolvedTo(resolve(resolver));
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
            (inet instanceof Inet6Address ? "[" + inet.getHostAddress() + "]" : inet.getHostAddress());
        return SCHEME + SCHEME_SEPARATOR + host + ":" + address.getPort();
    }

    @Override
    public void checkConnectable()
    {
        if (wildcardHost)
        {
            throw new InvalidEndpointException(toString(), "cannot connect to the wildcard host '*'");
        }
        if (port == 0)
        {
            throw new InvalidEndpointException(toString(), "cannot connect to port 0 or '*'");
        }
    }

    @Override
    public ServerSocketChannel bind(final int backlog) throws IOException
    {
        final InetSocketAddress address = bindAddress();
        final ServerSocketChannel channel = ServerSocketChannel.open();
        try
        {
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            channel.bind(address, backlog);
            return channel;
        }
        catch (final IOException | RuntimeException ex)
        {
            channel.close();
            throw ex;
        }
    }

    @Override
    public String boundEndpoint(final ServerSocketChannel channel) throws IOException
    {
        return format((InetSocketAddress)channel.getLocalAddress());
    }

    @Override
    public SocketChannel connect() throws IOException
    {
        final InetSocketAddress address = connectAddress();
        final SocketChannel channel = SocketChannel.open();
        try
        {
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channel.connect(address);
            return channel;
        }
        catch (final IOException | RuntimeException ex)
        {
            channel.close();
            throw ex;
        }
    }

    @Override
    public void configureAccepted(final SocketChannel channel) throws IOException
    {
        channel.configureBlocking(false);
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
    }

    @Override
    public String toString()
    {
        return SCHEME + SCHEME_SEPARATOR + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
