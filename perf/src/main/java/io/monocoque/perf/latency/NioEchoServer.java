package io.monocoque.perf.latency;

import io.monocoque.perf.NioFrames;
import org.agrona.concurrent.IdleStrategy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;

/**
 * Raw NIO's in-process echo side: a thread that accepts one connection on loopback and writes back every byte it
 * reads, as it reads it (a byte-stream echo keeps the client's framing without parsing it). Blocking channels with
 * the backoff idle strategy, non-blocking ones spinning with the run's idle strategy otherwise, as
 * {@link NioClient} does.
 */
final class NioEchoServer implements EchoServer
{
    private static final int BUFFER = 64 * 1024;

    private final LatencyConfig config;
    private volatile boolean running;
    private volatile Throwable failure;
    private ServerSocketChannel listener;
    private Thread thread;

    NioEchoServer(final LatencyConfig config)
    {
        this.config = config;
    }

    @Override
    public String start() throws IOException
    {
        listener = ServerSocketChannel.open();
        listener.bind(new InetSocketAddress("127.0.0.1", 0));
        running = true;
        thread = new Thread(this::run, "nio-echo");
        thread.setDaemon(true);
        thread.start();
        return NioFrames.endpoint((InetSocketAddress)listener.getLocalAddress());
    }

    private void run()
    {
        try (SocketChannel channel = listener.accept())
        {
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channel.configureBlocking(NioClient.blocking(config));
            final ByteBuffer buffer = ByteBuffer.allocateDirect(Math.max(BUFFER, NioFrames.frameLength(config.size())));
            final IdleStrategy idle = config.idleFor(Impl.NIO).newStrategy();
            while (running)
            {
                buffer.clear();
                final int read = channel.read(buffer);
                if (read < 0)
                {
                    return; // the client closed: the run is over
                }
                buffer.flip();
                NioFrames.writeFully(channel, buffer);
                idle.idle(read);
            }
        }
        catch (final ClosedChannelException ex)
        {
            // close() closed the listener before a client came: the run is over.
        }
        catch (final IOException ex)
        {
            // The client went away (reset rather than closed): the run is over, as for a clean close.
        }
        catch (final Throwable ex)
        {
            if (running)
            {
                failure = ex;
            }
        }
    }

    @Override
    public void close()
    {
        running = false;
        try
        {
            listener.close(); // wakes an accept() that no client answered
            if (thread != null)
            {
                thread.join(TimeUnit.SECONDS.toMillis(10));
            }
        }
        catch (final IOException ex)
        {
            failure = ex;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        if (failure != null)
        {
            throw new IllegalStateException("the in-process raw NIO echo side failed", failure);
        }
    }
}
