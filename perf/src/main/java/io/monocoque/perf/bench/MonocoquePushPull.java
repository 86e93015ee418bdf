package io.monocoque.perf.bench;

import io.monocoque.api.Context;
import io.monocoque.api.Message;
import io.monocoque.api.MessageHandler;
import io.monocoque.api.MessageView;
import io.monocoque.api.Socket;
import io.monocoque.api.SocketType;
import io.monocoque.api.ThreadingMode;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * PUSH–PULL throughput, both sides Monocoque, each in its own context in INVOKER mode: the source thread offers
 * until back-pressured and drives its engine; the sink thread drives its engine and polls in batches. Two threads
 * in all. Rate is measured at the sink, first to last message.
 */
public final class MonocoquePushPull implements Stream
{
    private static final int POLL_LIMIT = 1024;

    private final Idle idle;
    private final long hwmBytes;

    /**
     * Create the scenario.
     *
     * @param idle     how both threads wait when there is no work.
     * @param hwmBytes ring capacity (HWM) on both sides.
     */
    public MonocoquePushPull(final Idle idle, final long hwmBytes)
    {
        this.idle = idle;
        this.hwmBytes = hwmBytes;
    }

    @Override
    public double run(final int size, final long count) throws Exception
    {
        try (Context sinkContext = Context.builder().threadingMode(ThreadingMode.INVOKER).build())
        {
            final Socket pull = sinkContext.socket(SocketType.PULL);
            pull.rcvHwmBytes(hwmBytes);
            final String endpoint = pull.bind("tcp://127.0.0.1:0");
            final Throwable[] failure = new Throwable[1];
            final Thread source = new Thread(() ->
            {
                try
                {
                    send(endpoint, size, count);
                }
                catch (final Throwable ex)
                {
                    failure[0] = ex;
                }
            }, "monocoque-source");
            source.setDaemon(true);
            source.start();

            final Counter counter = new Counter();
            final IdleStrategy sinkIdle = idle.newStrategy();
            while (counter.received < count)
            {
                final int polled = pull.poll(counter, POLL_LIMIT);
                if (polled > 0)
                {
                    // Stamp per batch, not per message: a clock read per message would cost more than the message.
                    final long now = System.nanoTime();
                    if (counter.firstNs == 0)
                    {
                        counter.firstNs = now;
                    }
                    counter.lastNs = now;
                }
                sinkIdle.idle(sinkContext.invoke() + polled);
                if (failure[0] != null)
                {
                    throw new IllegalStateException("source failed", failure[0]);
                }
            }
            source.join();
            return (count - 1) / ((counter.lastNs - counter.firstNs) / 1e9);
        }
    }

    private void send(final String endpoint, final int size, final long count)
    {
        try (Context sourceContext = Context.builder().threadingMode(ThreadingMode.INVOKER).build())
        {
            final Socket push = sourceContext.socket(SocketType.PUSH);
            push.sndHwmBytes(hwmBytes);
            push.lingerMs(-1);
            push.connect(endpoint);
            final Message message = new Message().add(new UnsafeBuffer(new byte[size]), 0, size);
            final IdleStrategy sourceIdle = idle.newStrategy();
            // Wait for the sink: a run small enough to fit in the send ring would otherwise be queued and the
            // context closed before the connection exists, and close() drops what no peer can take.
            while (push.connectedPeers() == 0)
            {
                sourceIdle.idle(sourceContext.invoke());
            }
            long sent = 0;
            while (sent < count)
            {
                int work = 0;
                while (sent < count && push.offer(message) > 0)
                {
                    sent++;
                    work++;
                }
                work += sourceContext.invoke();
                sourceIdle.idle(work);
            }
            // close() lingers until the engine has flushed everything.
        }
    }

    /** Counts messages; the receive loop stamps the first and the latest batch. */
    private static final class Counter implements MessageHandler
    {
        long received;
        long firstNs;
        long lastNs;

        @Override
        public void onMessage(final MessageView message)
        {
            received++;
        }
    }

    @Override
    public String name()
    {
        return "monocoque push " + idle.label();
    }
}
