package io.monocoque.perf.latency;

import io.monocoque.perf.BenchmarkFailedException;
import io.monocoque.perf.NioFrames;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * The raw NIO measuring client: one {@link SocketChannel} with TCP_NODELAY, a preallocated direct request frame
 * ({@link NioFrames}) whose first 8 payload bytes carry the stamp, and a direct receive buffer parsed in place. With
 * the backoff idle strategy the channel blocks (the kernel wakes the thread for each reply); otherwise it is
 * non-blocking and {@link #poll} returns 0 until a whole reply is in, leaving the waiting to the idle strategy. No
 * allocation per request. Used by one benchmark thread.
 */
final class NioClient implements LatencyClient
{
    /** At least this much receive buffer, so that a read takes whatever the kernel holds. */
    private static final int MIN_RECEIVE_BUFFER = 64 * 1024;

    private final LatencyConfig config;
    private final boolean blocking;
    private SocketChannel channel;
    private ByteBuffer request;
    private ByteBuffer received;

    NioClient(final LatencyConfig config)
    {
        this.config = config;
        this.blocking = blocking(config);
    }

    /**
     * Whether raw NIO uses blocking channels in a run: with the backoff idle strategy, its natural way to wait.
     *
     * @param config the run.
     * @return true for blocking channels.
     */
    static boolean blocking(final LatencyConfig config)
    {
        return config.idleFor(Impl.NIO).blocks();
    }

    @Override
    public String open(final String endpoint, final boolean bind, final long timeoutMs) throws IOException
    {
        if (bind)
        {
            throw new BenchmarkFailedException("raw NIO speaks no ZMTP: it runs only against its in-process echo side");
        }
        final int frame = NioFrames.frameLength(config.size());
        request = ByteBuffer.allocateDirect(frame);
        request.putInt(0, config.size());
        received = ByteBuffer.allocateDirect(Math.max(MIN_RECEIVE_BUFFER, 2 * frame));
        channel = SocketChannel.open(NioFrames.address(endpoint));
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        channel.configureBlocking(blocking);
        return endpoint;
    }

    @Override
    public boolean offer(final long stampNs)
    {
        if (config.size() >= Long.BYTES)
        {
            request.putLong(NioFrames.PAYLOAD_OFFSET, stampNs);
        }
        request.clear();
        try
        {
            NioFrames.writeFully(channel, request);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return true;
    }

    @Override
    public int poll(final ReplySink sink)
    {
        try
        {
            int replies = drain(sink);
            while (replies == 0)
            {
                final int read = channel.read(received);
                if (read < 0)
                {
                    throw new BenchmarkFailedException("the raw NIO echo side closed the connection");
                }
                if (read == 0)
                {
                    return 0; // non-blocking and nothing there yet: the caller's idle strategy waits
                }
                replies = drain(sink);
            }
            return replies;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /** Hand every whole frame in the receive buffer to the sink and keep the partial one; returns the count. */
    private int drain(final ReplySink sink)
    {
        if (received.position() < NioFrames.LENGTH_PREFIX)
        {
            return 0;
        }
        received.flip();
        int replies = 0;
        while (received.remaining() >= NioFrames.LENGTH_PREFIX)
        {
            final int start = received.position();
            final int length = received.getInt(start);
            if (received.remaining() < NioFrames.frameLength(length))
            {
                break;
            }
            final int payload = start + NioFrames.PAYLOAD_OFFSET;
            sink.onReply(length >= Long.BYTES ? received.getLong(payload) : ReplySink.NO_STAMP);
            received.position(start + NioFrames.frameLength(length));
            replies++;
        }
        received.compact();
        return replies;
    }

    @Override
    public void close()
    {
        if (channel != null)
        {
            try
            {
                channel.close();
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        }
    }
}
