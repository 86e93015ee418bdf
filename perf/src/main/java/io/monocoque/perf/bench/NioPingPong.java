package io.monocoque.perf.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * The physical floor: a length-prefixed ping-pong ({@code [4-byte big-endian length][payload]}) on plain
 * {@link SocketChannel}s with direct buffers and TCP_NODELAY, either blocking or non-blocking and spinning on
 * read/write. Same wire shape as the shared anchors' {@code nio} and {@code nio-spin}.
 */
public final class NioPingPong implements PingPong
{
    private static final int LENGTH_PREFIX = 4;

    private final boolean spin;
    private ServerSocketChannel listener;
    private SocketChannel client;
    private Thread echoThread;
    private volatile boolean running;
    private ByteBuffer out;
    private ByteBuffer in;

    /**
     * Create the scenario.
     *
     * @param spin true for non-blocking channels that spin, false for blocking channels.
     */
    public NioPingPong(final boolean spin)
    {
        this.spin = spin;
    }

    @Override
    public void open(final int size) throws IOException
    {
        listener = ServerSocketChannel.open();
        listener.bind(new InetSocketAddress("127.0.0.1", 0));
        client = SocketChannel.open(listener.getLocalAddress());
        client.setOption(StandardSocketOptions.TCP_NODELAY, true);
        final SocketChannel server = listener.accept();
        server.setOption(StandardSocketOptions.TCP_NODELAY, true);
        client.configureBlocking(!spin);
        server.configureBlocking(!spin);

        out = ByteBuffer.allocateDirect(LENGTH_PREFIX + size);
        out.putInt(size).position(0);
        in = ByteBuffer.allocateDirect(LENGTH_PREFIX + size);
        running = true;
        echoThread = new Thread(() -> echo(server, size), "nio-echo");
        echoThread.setDaemon(true);
        echoThread.start();
    }

    private void echo(final SocketChannel server, final int size)
    {
        final ByteBuffer buffer = ByteBuffer.allocateDirect(LENGTH_PREFIX + size);
        try
        {
            while (running)
            {
                buffer.clear();
                if (!readFully(server, buffer))
                {
                    return;
                }
                buffer.flip();
                writeFully(server, buffer);
            }
        }
        catch (final IOException ex)
        {
            // The client closed: the run is over.
        }
        finally
        {
            try
            {
                server.close();
            }
            catch (final IOException ignore)
            {
                // Closing at the end of the run.
            }
        }
    }

    private boolean readFully(final SocketChannel channel, final ByteBuffer buffer) throws IOException
    {
        while (buffer.hasRemaining())
        {
            if (channel.read(buffer) < 0)
            {
                return false;
            }
            if (!running)
            {
                return false;
            }
        }
        return true;
    }

    private static void writeFully(final SocketChannel channel, final ByteBuffer buffer) throws IOException
    {
        while (buffer.hasRemaining())
        {
            channel.write(buffer);
        }
    }

    @Override
    public void roundTrip() throws IOException
    {
        out.position(0);
        writeFully(client, out);
        in.clear();
        if (!readFully(client, in))
        {
            throw new IOException("echo side closed");
        }
    }

    @Override
    public String name()
    {
        return spin ? "raw nio busy" : "raw nio blocking";
    }

    @Override
    public void close() throws Exception
    {
        running = false;
        if (client != null)
        {
            client.close();
        }
        if (echoThread != null)
        {
            echoThread.join(5000);
        }
        if (listener != null)
        {
            listener.close();
        }
    }
}
