package io.monocoque.perf;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * The wire shape of the raw NIO implementation, the floor the other implementations are compared with: each
 * message is a frame of a 4-byte big-endian payload length followed by the payload, nothing else.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                   payload length (big-endian)                 |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                      payload ...                              |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * Stateless helpers; any thread, each on its own channel and buffers.
 */
public final class NioFrames
{
    /** Bytes of the length field in front of each payload. */
    public static final int LENGTH_PREFIX = Integer.BYTES;
    /** Offset of the payload in a frame. */
    public static final int PAYLOAD_OFFSET = LENGTH_PREFIX;

    private static final String TCP_SCHEME = "tcp://";

    private NioFrames()
    {
    }

    /**
     * Bytes a frame of a payload size takes on the wire.
     *
     * @param payload payload size in bytes.
     * @return the frame size.
     */
    public static int frameLength(final int payload)
    {
        return LENGTH_PREFIX + payload;
    }

    /**
     * Write the whole of a buffer, spinning on a non-blocking channel until the kernel has taken it all.
     *
     * @param channel the channel, blocking or not.
     * @param buffer  the bytes between position and limit; consumed.
     * @throws IOException if the write fails.
     */
    public static void writeFully(final SocketChannel channel, final ByteBuffer buffer) throws IOException
    {
        while (buffer.hasRemaining())
        {
            channel.write(buffer);
        }
    }

    /**
     * The socket address of a {@code tcp://host:port} endpoint, as the in-process far sides report theirs.
     *
     * @param endpoint e.g. {@code tcp://127.0.0.1:40123}.
     * @return the address.
     * @throws IllegalArgumentException if it is not a tcp endpoint with a port.
     */
    public static InetSocketAddress address(final String endpoint)
    {
        final int colon = endpoint.lastIndexOf(':');
        if (!endpoint.startsWith(TCP_SCHEME) || colon <= TCP_SCHEME.length())
        {
            throw new IllegalArgumentException("not a tcp://host:port endpoint: " + endpoint);
        }
        return new InetSocketAddress(endpoint.substring(TCP_SCHEME.length(), colon),
            Integer.parseInt(endpoint.substring(colon + 1)));
    }

    /**
     * The endpoint of a bound loopback address, in the form the other implementations use.
     *
     * @param address the bound address.
     * @return e.g. {@code tcp://127.0.0.1:40123}.
     */
    public static String endpoint(final InetSocketAddress address)
    {
        return TCP_SCHEME + address.getAddress().getHostAddress() + ":" + address.getPort();
    }
}
