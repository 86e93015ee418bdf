package io.monocoque.perf.throughput;

import io.monocoque.api.Context;
import io.monocoque.api.Message;
import io.monocoque.api.MessageHandler;
import io.monocoque.api.MessageView;
import io.monocoque.api.PubSocket;
import io.monocoque.api.SubSocket;
import io.monocoque.api.SocketType;
import io.monocoque.api.ThreadingMode;
import io.monocoque.perf.BenchmarkFailedException;
import io.monocoque.perf.latency.Impl;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;

/**
 * Monocoque's PUB fan-out: the publisher in its own INVOKER-mode context on the publisher thread (whose duty
 * cycle runs the fan-out worker), every subscriber in one INVOKER-mode context on the receiving thread, which
 * polls them in turn: two threads in all, whatever the number of subscribers. The publisher offers a preallocated
 * message as fast as the socket takes it; subscribers receive without copying.
 */
final class MonocoquePubStream implements PubStreamRun
{
    private static final int POLL_LIMIT = 1024;
    private static final int PROBE_CYCLES = 100;

    @Override
    public PubStreamResult run(
        final ThroughputConfig config, final int subscribers, final int stalled, final LongConsumer progress)
        throws Exception
    {
        final long warmup = config.pubWarmup(subscribers);
        final long total = warmup + config.publishedPerRun(subscribers);
        final long hwmBytes = config.pubHwmBytes(subscribers);
        final FanOutRun run = new FanOutRun(config.rate());
        final AtomicReference<String> endpoint = new AtomicReference<>();
        final Thread publisher = new Thread(() ->
        {
            try
            {
                publish(config, warmup, total, hwmBytes, run, endpoint);
            }
            catch (final Throwable ex)
            {
                run.publisherFailed(ex);
            }
        }, "monocoque-publisher");
        publisher.setDaemon(true);
        publisher.start();
        // The stalled subscribers get a context of their own that this thread stops driving once they have
        // subscribed, like a process that hung: they then read nothing, and cost the readers' engine nothing.
        try (Context context = Context.builder().threadingMode(ThreadingMode.INVOKER).build();
            Context stalledContext = Context.builder().threadingMode(ThreadingMode.INVOKER).build())
        {
            final String bound = awaitEndpoint(endpoint, publisher);
            final SubSocket[] subs = subscribe(context, subscribers, hwmBytes, bound);
            final SubSocket[] stalledSubs = subscribe(stalledContext, stalled, hwmBytes, bound);
            final Counter counter = new Counter(run);
            final IdleStrategy idle = config.idleFor(Impl.MONOCOQUE).newStrategy();
            awaitProbes(subs, context, counter, idle);
            awaitProbes(stalledSubs, stalledContext, counter, idle);
            run.subscribed.set(true);

            final long expected = total * subscribers;
            final long delivered = run.receive(() ->
            {
                counter.received = 0;
                for (final SubSocket sub : subs)
                {
                    sub.poll(counter, POLL_LIMIT);
                }
                return (int)counter.received;
            }, idle, context::invoke, expected, config.timeoutMs(), progress);
            publisher.join(config.timeoutMs());
            return run.result(delivered, expected);
        }
        finally
        {
            run.finished.set(true);
        }
    }

    private static SubSocket[] subscribe(
        final Context context, final int count, final long hwmBytes, final String endpoint)
    {
        final SubSocket[] subs = new SubSocket[count];
        for (int i = 0; i < count; i++)
        {
            subs[i] = (SubSocket)context.socket(SocketType.SUB);
            subs[i].rcvHwmBytes(hwmBytes);
            subs[i].lingerMs(0);
            subs[i].subscribe(new byte[]{FanOutRun.DATA});
            subs[i].subscribe(new byte[]{FanOutRun.PROBE});
            subs[i].connect(endpoint);
        }
        return subs;
    }

    private static String awaitEndpoint(final AtomicReference<String> endpoint, final Thread publisher)
        throws InterruptedException
    {
        while (endpoint.get() == null)
        {
            if (!publisher.isAlive())
            {
                throw new BenchmarkFailedException("the publisher failed to bind");
            }
            Thread.sleep(1);
        }
        return endpoint.get();
    }

    private static void awaitProbes(
        final SubSocket[] subs, final Context context, final Counter counter, final IdleStrategy idle)
    {
        final boolean[] probed = new boolean[subs.length];
        int remaining = subs.length;
        final long deadlineNs = System.nanoTime() + FanOutRun.subscribeTimeoutNs(subs.length);
        while (remaining > 0)
        {
            int work = context.invoke();
            for (int i = 0; i < subs.length; i++)
            {
                counter.probes = 0;
                work += subs[i].poll(counter, POLL_LIMIT);
                if (!probed[i] && counter.probes > 0)
                {
                    probed[i] = true;
                    remaining--;
                }
            }
            if (System.nanoTime() - deadlineNs > 0)
            {
                throw new BenchmarkFailedException(remaining + " of " + subs.length + " subscribers received no " +
                    "probe within " + FanOutRun.subscribeTimeoutNs(subs.length) / 1_000_000_000L + " s");
            }
            idle.idle(work);
        }
    }

    private static void publish(final ThroughputConfig config, final long warmup, final long total,
        final long hwmBytes, final FanOutRun run, final AtomicReference<String> endpoint)
    {
        // In INVOKER mode a context belongs to the thread that drives it: the publisher makes its own.
        try (Context context = Context.builder().threadingMode(ThreadingMode.INVOKER).build())
        {
            final PubSocket pub = (PubSocket)context.socket(SocketType.PUB);
            pub.sndHwmBytes(hwmBytes);
            pub.lingerMs(0);
            endpoint.set(pub.bind("tcp://127.0.0.1:0"));
            final IdleStrategy idle = config.idleFor(Impl.MONOCOQUE).newStrategy();
            final Message probe = Message.of(new byte[]{FanOutRun.PROBE});
            while (!run.subscribed.get() && !run.finished.get())
            {
                pub.offer(probe);
                for (int i = 0; i < PROBE_CYCLES; i++)
                {
                    idle.idle(context.invoke());
                }
            }
            if (warmup == 0)
            {
                run.publisherMeasuring();
            }
            final long sent = run.paced() ? publishPaced(config.size(), warmup, total, pub, context, run) :
                publishFlatOut(config.size(), warmup, total, pub, context, idle, run);
            run.publisherDone(sent - warmup);
            while (!run.finished.get())
            {
                idle.idle(context.invoke()); // the fan-out runs in this thread's duty cycle
            }
        }
    }

    private static long publishFlatOut(final int size, final long warmup, final long total, final PubSocket pub,
        final Context context, final IdleStrategy idle, final FanOutRun run)
    {
        final byte[] body = new byte[size];
        body[0] = FanOutRun.DATA;
        final Message message = Message.of(body); // encoded once, as the point-to-point stream does
        long sent = 0;
        while (sent < total && !run.finished.get())
        {
            int work = 0;
            while (sent < total && pub.offer(message) > 0)
            {
                if (++sent == warmup)
                {
                    run.publisherMeasuring();
                }
                work++;
            }
            idle.idle(work + context.invoke());
        }
        return sent;
    }

    /**
     * Publish each message when it is due, stamped with that time, and drive the engine (and with it the fan-out)
     * in between. Everything already due is published before the engine runs again, as an application that
     * fell behind would do: the fan-out then writes those messages to each subscriber in one system call instead
     * of one call per message.
     */
    private static long publishPaced(final int size, final long warmup, final long total, final PubSocket pub,
        final Context context, final FanOutRun run)
    {
        final UnsafeBuffer body = new UnsafeBuffer(new byte[size]);
        body.putByte(0, FanOutRun.DATA);
        final long startNs = System.nanoTime();
        long sent = 0;
        while (sent < total && !run.finished.get())
        {
            final long nowNs = System.nanoTime();
            while (sent < total)
            {
                final long dueNs = run.dueNs(startNs, sent);
                if (dueNs - nowNs > 0)
                {
                    break; // the next message is not due yet
                }
                body.putLong(FanOutRun.STAMP_OFFSET, dueNs);
                if (pub.offer(body, 0, size) <= 0)
                {
                    break; // the fan-out ring is full: the worker is behind; drive it and try again
                }
                if (++sent == warmup)
                {
                    run.publisherMeasuring();
                }
            }
            context.invoke();
        }
        return sent;
    }

    /** Counts measured messages and probes; in paced runs records each measured message's latency. */
    private static final class Counter implements MessageHandler
    {
        private final FanOutRun run;
        private final boolean paced;
        long received;
        int probes;

        Counter(final FanOutRun run)
        {
            this.run = run;
            this.paced = run.paced();
        }

        @Override
        public void onMessage(final MessageView message)
        {
            message.next();
            if (message.length() > 0 && message.buffer().getByte(message.offset()) == FanOutRun.DATA)
            {
                received++;
                if (paced)
                {
                    run.arrived(message.buffer().getLong(message.offset() + FanOutRun.STAMP_OFFSET));
                }
            }
            else
            {
                probes++;
            }
        }
    }
}
