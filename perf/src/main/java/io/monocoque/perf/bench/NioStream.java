package io.monocoque.perf.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * The physical floor for throughput: length-prefixed messages on a blocking {@link SocketChannel}; the source
 * batches messages into a 64 KiB direct buffer per write, the sink reads 64 KiB at a time and parses in place.
 * Same shape as the shared anchors' {@code nio} throughput run.
 */
public final class NioStream implements Stream
{
    private static final int BATCH = 64 * 1024;
    private static final int LENGTH_PREFIX = 4;

    @Override
    public double run(final int size, final long count) throws Exception
    {
        try (ServerSocketChannel listener = ServerSocketChannel.open())
        {
            listener.bind(new InetSocketAddress("127.0.0.1", 0));
            final InetSocketAddress address = (InetSocketAddress)listener.getLocalAddress();
            final Thread source = new Thread(() -> send(address, size, count), "nio-source");
            source.setDaemon(true);
            source.start();
            try (SocketChannel sink = listener.accept())
            {
                final double rate = receive(sink, size, count);
                source.join();
                return rate;
            }
        }
    }

    private static void send(final InetSocketAddress address, final int size, final long count)
    {
        try (SocketChannel channel = SocketChannel.open(address))
        {
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            final int frame = LENGTH_PREFIX + size;
            final ByteBuffer batch = ByteBuffer.allocateDirect(Math.max(BATCH, frame));
            for (long i = 0; i < count; i++)
            {
                if (batch.remaining() < frame)
                {
                    batch.flip();
                    while (batch.hasRemaining())
                    {
                        channel.write(batch);
                    }
                    batch.clear();
                }
                batch.putInt(size);
                batch.position(batch.position() + size);
            }
            batch.flip();
            while (batch.hasRemaining())
            {
                channel.write(batch);
            }
        }
        catch (final IOException ex)
        {
            throw new java.io.UncheckedIOException(ex);
        }
    }

    private static double receive(final SocketChannel channel, final int size, final long count) throws IOException
    {
        final int frame = LENGTH_PREFIX + size;
        final ByteBuffer buffer = ByteBuffer.allocateDirect(Math.max(BATCH, frame) * 2);
        long received = 0;
        long firstNs = 0;
        long lastNs = 0;
        while (received < count)
        {
            if (channel.read(buffer) < 0)
            {
                throw new IOException("source closed after " + received + " messages");
            }
            buffer.flip();
            while (buffer.remaining() >= LENGTH_PREFIX)
            {
                final int length = buffer.getInt(buffer.position());
                if (buffer.remaining() < LENGTH_PREFIX + length)
                {
                    break;
                }
                buffer.position(buffer.position() + LENGTH_PREFIX + length);
                if (received == 0)
                {
                    firstNs = System.nanoTime();
                }
                received++;
            }
            lastNs = System.nanoTime();
            buffer.compact();
        }
        return (count - 1) / ((lastNs - firstNs) / 1e9);
    }

    @Override
    public String name()
    {
        return "raw nio";
    }
}
