package io.monocoque.perf.throughput;

import io.monocoque.api.Context;
import io.monocoque.api.Message;
import io.monocoque.api.MessageBatch;
import io.monocoque.api.MessageClaim;
import io.monocoque.api.MessageHandler;
import io.monocoque.api.MessageView;
import io.monocoque.api.SendResult;
import io.monocoque.api.Socket;
import io.monocoque.api.ThreadingMode;
import io.monocoque.perf.BenchmarkFailedException;
import io.monocoque.perf.ContextIdleStrategy;
import io.monocoque.perf.latency.Impl;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongConsumer;

/**
 * Monocoque's point-to-point stream (PUSH to PULL, DEALER to ROUTER; PUB fan-out is {@link MonocoquePubStream}):
 * source and sink each in their own context in INVOKER mode (each thread drives its engine),
 * two threads in all. The source offers a preallocated message until back-pressured; the sink polls in batches
 * without copying.
 */
final class MonocoqueStream implements StreamRun
{
    private static final int POLL_LIMIT = 1024;

    @Override
    public double run(final ThroughputConfig config, final LongConsumer progress) throws Exception
    {
        final long total = config.warmup() + config.count();
        try (Context sinkContext = Context.builder().threadingMode(ThreadingMode.INVOKER)
            .idleStrategy(config.idleFor(Impl.MONOCOQUE).newStrategy()).build())
        {
            final Socket sink = sinkContext.socket(config.pattern().sinkType());
            sink.rcvHwmBytes(config.hwmBytes());
            final String endpoint = sink.bind("tcp://127.0.0.1:0");
            final Throwable[] failure = new Throwable[1];
            final AtomicBoolean abort = new AtomicBoolean();
            final Thread source = new Thread(() ->
            {
                try
                {
                    send(config, endpoint, total, abort);
                }
                catch (final Throwable ex)
                {
                    failure[0] = ex;
                }
            }, "monocoque-source");
            source.setDaemon(true);
            source.start();

            final Counter counter = new Counter();
            final SinkClock clock = new SinkClock(config.warmup());
            // Each loop idles as its context says: selector then sleeps in that engine's epoll.
            final IdleStrategy idle = new ContextIdleStrategy(sinkContext);
            try
            {
                receive(sink, sinkContext, counter, clock, idle, total, config, progress, failure);
            }
            finally
            {
                abort.set(true); // a failed run must not leave its source thread sending
            }
            source.join(config.timeoutMs());
            return clock.rate();
        }
    }

    private static void receive(final Socket sink, final Context sinkContext, final Counter counter,
        final SinkClock clock, final IdleStrategy idle, final long total, final ThroughputConfig config,
        final LongConsumer progress, final Throwable[] failure)
    {
        final long timeoutNs = TimeUnit.MILLISECONDS.toNanos(config.timeoutMs());
        long lastProgressNs = System.nanoTime();
        while (counter.received < total)
        {
            final int polled = sink.poll(counter, POLL_LIMIT);
            if (polled > 0)
            {
                clock.batch(counter.received);
                progress.accept(counter.received);
                lastProgressNs = System.nanoTime();
            }
            else if (System.nanoTime() - lastProgressNs > timeoutNs)
            {
                throw new BenchmarkFailedException("monocoque stream stalled: " + counter.received + " of " + total +
                    " messages received, nothing for " + config.timeoutMs() + " ms");
            }
            idle.idle(sinkContext.invoke() + polled);
            if (failure[0] != null)
            {
                throw new BenchmarkFailedException("monocoque source failed: " + failure[0], failure[0]);
            }
        }
    }

    private static void send(final ThroughputConfig config, final String endpoint, final long total,
        final AtomicBoolean abort)
    {
        try (Context context = Context.builder().threadingMode(ThreadingMode.INVOKER)
            .idleStrategy(config.idleFor(Impl.MONOCOQUE).newStrategy()).build())
        {
            final Socket source = context.socket(config.pattern().sourceType());
            source.sndHwmBytes(config.hwmBytes());
            source.lingerMs(-1);
            source.connect(endpoint);
            final IdleStrategy idle = new ContextIdleStrategy(context);
            // Wait for the sink before sending: a socket closed before its first peer connects drops what it
            // queued (Monocoque stops connecting on close), which would leave the sink waiting.
            while (source.connectedPeers() == 0 && !abort.get())
            {
                idle.idle(context.invoke());
            }
            if (config.batch() > 0 && config.claimBatches())
            {
                claimBatches(config, source, context, idle, total, abort);
            }
            else if (config.batch() > 0)
            {
                sendBatches(config, source, context, idle, total, abort);
            }
            else
            {
                final Message message = new Message().add(new UnsafeBuffer(new byte[config.size()]), 0, config.size());
                long sent = 0;
                while (sent < total && !abort.get())
                {
                    int work = 0;
                    while (sent < total && source.offer(message) > 0)
                    {
                        sent++;
                        work++;
                    }
                    idle.idle(work + context.invoke());
                }
            }
            if (abort.get())
            {
                source.lingerMs(0);
            }
            // Closing the context lingers until the engine has flushed everything.
        }
    }

    /**
     * Offer {@code config.batch()} messages at a time as one {@link MessageBatch}, refilled with references to one
     * payload as the ring takes them (filling copies nothing; the offer copies each message once into the ring).
     */
    private static void sendBatches(final ThroughputConfig config, final Socket source, final Context context,
        final IdleStrategy idle, final long total, final AtomicBoolean abort)
    {
        final UnsafeBuffer payload = new UnsafeBuffer(new byte[config.size()]);
        final MessageBatch batch = new MessageBatch(config.batch());
        long added = 0;
        long sent = 0;
        while (sent < total && !abort.get())
        {
            // As the single offers do: batches until the ring refuses one, then a turn of the engine.
            int work = 0;
            long taken;
            do
            {
                while (added < total && batch.add(payload, 0, config.size()))
                {
                    added++;
                }
                taken = batch.isEmpty() ? 0 : source.offer(batch);
                sent += taken;
                work += taken > 0 ? 1 : 0;
            }
            while (taken > 0 && sent < total);
            idle.idle(work + context.invoke());
        }
    }

    /**
     * Claim {@code config.batch()} messages at a time in place ({@code tryClaimBatch}) and write each payload into the
     * ring: claims until the ring refuses one, then a turn of the engine, as the other sources do.
     */
    private static void claimBatches(final ThroughputConfig config, final Socket source, final Context context,
        final IdleStrategy idle, final long total, final AtomicBoolean abort)
    {
        final UnsafeBuffer payload = new UnsafeBuffer(new byte[config.size()]);
        final MessageClaim claim = new MessageClaim(config.batch());
        final int[] lengths = new int[config.batch()];
        java.util.Arrays.fill(lengths, config.size());
        // A batch claims one record, an eighth of the send HWM at most: halve it until it fits.
        int perClaim = lengths.length;
        long sent = 0;
        while (sent < total && !abort.get())
        {
            int work = 0;
            while (sent < total)
            {
                final int count = (int)Math.min(perClaim, total - sent);
                final long result = source.tryClaimBatch(claim, lengths, count);
                if (result == SendResult.MESSAGE_EXCEEDS_HWM && perClaim > 1)
                {
                    perClaim >>= 1;
                    continue;
                }
                if (result <= 0)
                {
                    break;
                }
                final MutableDirectBuffer buffer = claim.buffer();
                for (int i = 0; i < count; i++)
                {
                    buffer.putBytes(claim.frameOffset(i), payload, 0, config.size());
                }
                claim.commit();
                sent += count;
                work++;
            }
            idle.idle(work + context.invoke());
        }
    }

    /** Counts messages. */
    private static final class Counter implements MessageHandler
    {
        long received;

        @Override
        public void onMessage(final MessageView message)
        {
            received++;
        }
    }
}
