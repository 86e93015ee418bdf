package io.monocoque.api.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * TCP endpoints on the loopback interface for tests.
 */
public final class Loopback
{
    private Loopback()
    {
    }

    /**
     * A TCP port on 127.0.0.1 that nothing listens on right now (bound by a ServerSocket, then released), for a
     * test that must bind the same port twice or connect before anything binds.
     *
     * @return the port.
     * @throws IllegalStateException if no port can be bound.
     */
    public static int reservePort()
    {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()))
        {
            return server.getLocalPort();
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("cannot reserve a port", ex);
        }
    }

    /**
     * The endpoint of a loopback port.
     *
     * @param port the port.
     * @return e.g. {@code tcp://127.0.0.1:40123}.
     */
    public static String endpoint(final int port)
    {
        return "tcp://127.0.0.1:" + port;
    }
}
