package io.monocoque.perf.throughput;

import io.monocoque.perf.BenchmarkFailedException;
import io.monocoque.perf.latency.Impl;
import org.agrona.concurrent.IdleStrategy;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongConsumer;

/**
 * JeroMQ 0.6's stream: source and sink each in their own {@link ZContext} (one I/O thread each), four threads in
 * all; both application threads use {@code DONTWAIT} and the benchmark's idle strategy, or with backoff JeroMQ's
 * own blocking send and receive (its natural mode). Point-to-point patterns only; PUB fan-out is
 * {@link JeromqPubStream}.
 */
final class JeromqStream implements StreamRun
{
    private static final int BATCH = 1024;
    /** Longest single blocking call, so that the loops can check their timeouts and abort flag. */
    private static final int BLOCKING_SLICE_MS = 100;
    private static final long FIRST_MESSAGE_NS = TimeUnit.SECONDS.toNanos(3);

    @Override
    public double run(final ThroughputConfig config, final LongConsumer progress) throws Exception
    {
        final long total = config.warmup() + config.count();
        final AtomicBoolean abort = new AtomicBoolean();
        try (ZContext sinkContext = new ZContext(1))
        {
            final ZMQ.Socket sink = sinkContext.createSocket(SocketType.valueOf(config.pattern().sinkType()));
            sink.setLinger(0);
            final int port = sink.bindToRandomPort("tcp://127.0.0.1");
            final String endpoint = "tcp://127.0.0.1:" + port;
            final Throwable[] failure = new Throwable[1];
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
            }, "jeromq-source");
            source.setDaemon(true);
            source.start();

            sink.setReceiveTimeOut(BLOCKING_SLICE_MS);
            final byte[] buffer = new byte[Math.max(1, config.size())];
            final SinkClock clock = new SinkClock(config.warmup());
            final IdleStrategy idle = config.idleFor(Impl.JEROMQ).newStrategy();
            final boolean blocking = config.idleFor(Impl.JEROMQ).blocks();
            final long timeoutNs = TimeUnit.MILLISECONDS.toNanos(config.timeoutMs());
            long received = 0;
            long lastProgressNs = System.nanoTime();
            while (received < total)
            {
                int batch = 0;
                while (batch < BATCH)
                {
                    final int length = sink.recv(buffer, 0, buffer.length, blocking && batch == 0 ? 0 : ZMQ.DONTWAIT);
                    if (length < 0)
                    {
                        break;
                    }
                    if (sink.hasReceiveMore())
                    {
                        continue; // a ROUTER's routing-id frame
                    }
                    batch++;
                }
                if (batch > 0)
                {
                    received += batch;
                    clock.batch(received);
                    progress.accept(received);
                    lastProgressNs = System.nanoTime();
                }
                else if (received == 0 && System.nanoTime() - lastProgressNs > FIRST_MESSAGE_NS)
                {
                    throw new StartStalledException("no message within " +
                        TimeUnit.NANOSECONDS.toMillis(FIRST_MESSAGE_NS) + " ms of the start");
                }
                else if (System.nanoTime() - lastProgressNs > timeoutNs)
                {
                    throw new BenchmarkFailedException("jeromq stream stalled: " + received + " of " + total +
                        " messages received, nothing for " + config.timeoutMs() + " ms");
                }
                if (failure[0] != null)
                {
                    throw new BenchmarkFailedException("jeromq source failed: " + failure[0], failure[0]);
                }
                idle.idle(batch);
            }
            source.join(config.timeoutMs());
            return clock.rate();
        }
        finally
        {
            abort.set(true); // a failed run must not leave its source thread sending
        }
    }

    private static void send(final ThroughputConfig config, final String endpoint, final long total,
        final AtomicBoolean abort)
    {
        try (ZContext context = new ZContext(1))
        {
            context.setLinger(-1); // ZContext applies its own linger when it closes its sockets: send everything
            final ZMQ.Socket source = context.createSocket(SocketType.valueOf(config.pattern().sourceType()));
            source.connect(endpoint);
            source.setSendTimeOut(BLOCKING_SLICE_MS);
            final byte[] body = new byte[config.size()];
            final IdleStrategy idle = config.idleFor(Impl.JEROMQ).newStrategy();
            final int flags = config.idleFor(Impl.JEROMQ).blocks() ? 0 : ZMQ.DONTWAIT;
            long sent = 0;
            while (sent < total && !abort.get())
            {
                int work = 0;
                while (sent < total && source.send(body, 0, body.length, flags))
                {
                    sent++;
                    work++;
                }
                idle.idle(work);
            }
            if (abort.get())
            {
                context.setLinger(0);
            }
        }
    }
}
