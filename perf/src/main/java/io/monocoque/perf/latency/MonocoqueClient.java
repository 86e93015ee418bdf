package io.monocoque.perf.latency;

import io.monocoque.api.Context;
import io.monocoque.api.Message;
import io.monocoque.api.MessageHandler;
import io.monocoque.api.MessageView;
import io.monocoque.api.SendResult;
import io.monocoque.api.Socket;
import io.monocoque.api.ThreadingMode;
import io.monocoque.perf.BenchmarkFailedException;
import io.monocoque.perf.ContextIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.concurrent.TimeUnit;

/**
 * Monocoque's measuring client: a DEALER or REQ socket in its own context, INVOKER mode (this thread drives the
 * engine in {@link #poll}) or DEDICATED. The request is a preallocated {@link Message} whose first 8 bytes are
 * overwritten with the stamp; replies are read in place from the receive ring. No allocation per request.
 */
final class MonocoqueClient implements LatencyClient
{
    private static final int POLL_LIMIT = 16;

    private final LatencyConfig config;
    private final Message request = new Message();
    private final MessageHandler onReply = this::onReply;
    private Context context;
    private Socket socket;
    private int stampOffset;
    private ReplySink sink;

    MonocoqueClient(final LatencyConfig config)
    {
        this.config = config;
    }

    @Override
    public String open(final String endpoint, final boolean bind, final long timeoutMs)
    {
        request.clear().add(new UnsafeBuffer(new byte[config.size()]), 0, config.size());
        stampOffset = request.frameOffset(0);
        final Context.Builder builder = Context.builder()
            .threadingMode(config.invoker() ? ThreadingMode.INVOKER : ThreadingMode.DEDICATED);
        builder.idleStrategy(config.idleFor(Impl.MONOCOQUE).newStrategy());
        context = builder.build();
        socket = context.socket(config.pattern().clientType());
        socket.sndHwmBytes(config.hwmBytes());
        socket.rcvHwmBytes(config.hwmBytes());
        socket.lingerMs(0);
        final String real;
        if (bind)
        {
            real = socket.bind(endpoint);
        }
        else
        {
            socket.connect(endpoint);
            real = endpoint;
        }
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (socket.connectedPeers() == 0)
        {
            if (System.nanoTime() - deadlineNs >= 0)
            {
                throw new BenchmarkFailedException("no echo peer " + (bind ? "connected to " : "answered at ") + real +
                    " within " + timeoutMs + " ms");
            }
            if (context.invoke() == 0)
            {
                Thread.onSpinWait();
                if (!config.invoker())
                {
                    Thread.yield();
                }
            }
        }
        return real;
    }

    @Override
    public boolean offer(final long stampNs)
    {
        if (config.size() >= Long.BYTES)
        {
            request.buffer().putLong(stampOffset, stampNs);
        }
        final long result = socket.offer(request);
        if (result > 0)
        {
            return true;
        }
        if (result == SendResult.BACK_PRESSURED)
        {
            return false;
        }
        throw new BenchmarkFailedException("send failed: " + SendResult.toString(result));
    }

    @Override
    public IdleStrategy loopIdle(final IdleStrategy configured)
    {
        return config.invoker() ? new ContextIdleStrategy(context) : configured;
    }

    @Override
    public int poll(final ReplySink sink)
    {
        this.sink = sink;
        return context.invoke() + socket.poll(onReply, POLL_LIMIT);
    }

    private void onReply(final MessageView message)
    {
        long stamp = ReplySink.NO_STAMP;
        if (message.next() && message.length() >= Long.BYTES)
        {
            stamp = message.buffer().getLong(message.offset());
        }
        sink.onReply(stamp);
    }

    @Override
    public void close()
    {
        if (context != null)
        {
            context.close();
        }
    }
}
