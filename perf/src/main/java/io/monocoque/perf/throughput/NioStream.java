package io.monocoque.perf.throughput;

import io.monocoque.perf.BenchmarkFailedException;
import io.monocoque.perf.NioFrames;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongConsumer;

/**
 * Raw NIO's stream, the floor for throughput: length-prefixed frames ({@link NioFrames}) on blocking
 * {@link SocketChannel}s with TCP_NODELAY; the source batches frames into a {@value #BATCH}-byte direct buffer per
 * write, the sink reads up to {@value #BATCH} bytes at a time and parses the frames in place. Two threads. Always
 * blocking, whatever the idle strategy: it is the reference that the other implementations' waiting is measured
 * against. Point-to-point only.
 */
final class NioStream implements StreamRun
{
    /** Bytes the source hands the kernel per write, and the sink asks for per read. */
    static final int BATCH = 64 * 1024;

    @Override
    public double run(final ThroughputConfig config, final LongConsumer progress) throws Exception
    {
        final long total = config.warmup() + config.count();
        final AtomicBoolean abort = new AtomicBoolean();
        try (ServerSocketChannel listener = ServerSocketChannel.open())
        {
            listener.bind(new InetSocketAddress("127.0.0.1", 0));
            final InetSocketAddress address = (InetSocketAddress)listener.getLocalAddress();
            final Throwable[] failure = new Throwable[1];
            final Thread source = new Thread(() ->
            {
                try
                {
                    send(address, config.size(), total, abort);
                }
                catch (final Throwable ex)
                {
                    failure[0] = ex;
                }
            }, "nio-source");
            source.setDaemon(true);
            source.start();
            try (SocketChannel sink = listener.accept())
            {
                final double rate = receive(sink, config, total, progress, failure);
                source.join(config.timeoutMs());
                return rate;
            }
            finally
            {
                abort.set(true); // a failed run must not leave its source thread sending
            }
        }
    }

    private static void send(final InetSocketAddress address, final int size, final long total,
        final AtomicBoolean abort)
    {
        try (SocketChannel channel = SocketChannel.open(address))
        {
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            final int frame = NioFrames.frameLength(size);
            final ByteBuffer batch = ByteBuffer.allocateDirect(Math.max(BATCH, frame));
            for (long i = 0; i < total && !abort.get(); i++)
            {
                if (batch.remaining() < frame)
                {
                    batch.flip();
                    NioFrames.writeFully(channel, batch);
                    batch.clear();
                }
                batch.putInt(size);
                batch.position(batch.position() + size);
            }
            batch.flip();
            NioFrames.writeFully(channel, batch);
        }
        catch (final IOException ex)
        {
            if (!abort.get())
            {
                throw new UncheckedIOException(ex);
            }
        }
    }

    private static double receive(final SocketChannel channel, final ThroughputConfig config, final long total,
        final LongConsumer progress, final Throwable[] failure) throws IOException
    {
        final ByteBuffer buffer = ByteBuffer.allocateDirect(Math.max(BATCH, NioFrames.frameLength(config.size())) * 2);
        final SinkClock clock = new SinkClock(config.warmup());
        long received = 0;
        while (received < total)
        {
            if (channel.read(buffer) < 0)
            {
                throw new BenchmarkFailedException("raw nio source closed after " + received + " of " + total +
                    " messages" + (failure[0] != null ? ": " + failure[0] : ""), failure[0]);
            }
            buffer.flip();
            final long before = received;
            while (buffer.remaining() >= NioFrames.LENGTH_PREFIX)
            {
                final int length = buffer.getInt(buffer.position());
                if (buffer.remaining() < NioFrames.frameLength(length))
                {
                    break;
                }
                buffer.position(buffer.position() + NioFrames.frameLength(length));
                received++;
            }
            buffer.compact();
            if (received > before)
            {
                clock.batch(received);
                progress.accept(received);
            }
        }
        return clock.rate();
    }
}
