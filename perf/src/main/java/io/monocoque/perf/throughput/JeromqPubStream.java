package io.monocoque.perf.throughput;

import io.monocoque.perf.latency.Impl;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/**
 * JeroMQ 0.6's PUB fan-out: the publisher in its own {@link ZContext} on the publisher thread, every subscriber in
 * one {@code ZContext} on the receiving thread, one I/O thread each: four threads in all. The receiving thread
 * takes what has arrived on each subscriber in turn with {@code DONTWAIT} (it cannot block on one of several) and
 * waits with the benchmark's idle strategy. HWMs are the same per-subscriber budget as Monocoque's, in messages
 * (JeroMQ counts messages, not bytes), so both drop at the same point.
 */
public final class JeromqPubStream implements PubStreamRun
{
    private static final int BATCH = 1024;
    private static final long PROBE_INTERVAL_MS = 1;
    /** After this long without every probe, wake JeroMQ's I/O thread (see {@link #nudge}). */
    private static final long NUDGE_AFTER_NS = TimeUnit.MILLISECONDS.toNanos(500);
    /** ZMTP frame header of a short message: a flags byte and a size byte. */
    private static final int SHORT_HEADER = 2;
    /** Most messages JeroMQ's queues may hold over all subscribers of a run (see {@link #hwmMessages}). */
    private static final long QUEUED_MESSAGES_BUDGET = 2_000_000;
    /** Accept queue of the publisher: every subscriber of the largest runs connects at once. */
    private static final int LISTEN_BACKLOG = 4096;

    @Override
    public PubStreamResult run(
        final ThroughputConfig config, final int subscribers, final int stalled, final LongConsumer progress)
        throws Exception
    {
        final long warmup = config.pubWarmup(subscribers);
        final long total = warmup + config.publishedPerRun(subscribers);
        final int hwmMessages = hwmMessages(config, subscribers);
        final FanOutRun run = new FanOutRun(config.rate());
        // Stalled subscribers in a context of their own, as in the Monocoque stream: its I/O thread fills their
        // queues to the HWM, then nobody reads them.
        try (ZContext publisherContext = new ZContext(1); ZContext context = new ZContext(1);
            ZContext stalledContext = new ZContext(1))
        {
            publisherContext.setLinger(0);
            context.setLinger(0);
            stalledContext.setLinger(0);
            final ZMQ.Socket pub = publisherContext.createSocket(SocketType.PUB);
            pub.setSndHWM(hwmMessages);
            pub.setBacklog(LISTEN_BACKLOG); // JeroMQ's default, 100, drops most of a thousand simultaneous connects
            final String endpoint = "tcp://127.0.0.1:" + pub.bindToRandomPort("tcp://127.0.0.1");
            final ZMQ.Socket[] subs = subscribe(context, subscribers, hwmMessages, endpoint);
            final ZMQ.Socket[] stalledSubs = subscribe(stalledContext, stalled, hwmMessages, endpoint);
            final Thread publisher = new Thread(() ->
            {
                try
                {
                    publish(config, warmup, total, pub, run);
                }
                catch (final Throwable ex)
                {
                    run.publisherFailed(ex);
                }
            }, "jeromq-publisher");
            publisher.setDaemon(true);
            publisher.start();
            try
            {
                final byte[] buffer = new byte[Math.max(1, config.size())];
                final UnsafeBuffer view = new UnsafeBuffer(buffer); // reads the time stamp of paced runs
                final IdleStrategy idle = config.idleFor(Impl.JEROMQ).newStrategy();
                awaitProbes(subs, context, buffer, idle);
                awaitProbes(stalledSubs, stalledContext, buffer, idle);
                run.subscribed.set(true);
                final long expected = total * subscribers;
                final long delivered = run.receive(() -> pollAll(subs, buffer, view, run), idle, () -> 0, expected,
                    config.timeoutMs(), progress);
                publisher.join(config.timeoutMs());
                return run.result(delivered, expected);
            }
            finally
            {
                run.finished.set(true);
                publisher.join(config.timeoutMs()); // the publisher's socket must be closed by its own thread's end
            }
        }
    }

    /**
     * The per-subscriber HWM in messages: the same bytes as Monocoque's, but at most
     * {@link #QUEUED_MESSAGES_BUDGET} messages over all subscribers, since JeroMQ queues each message as heap
     * objects on both sides (a thousand full 256 KiB queues would not fit a 1 GiB heap).
     *
     * @param config      the settings.
     * @param subscribers subscribers in the run.
     * @return messages.
     */
    public static int hwmMessages(final ThroughputConfig config, final int subscribers)
    {
        final long byBytes = config.pubHwmBytes(subscribers) / (config.size() + SHORT_HEADER);
        return (int)Math.max(1, Math.min(byBytes, QUEUED_MESSAGES_BUDGET / subscribers));
    }

    private static ZMQ.Socket[] subscribe(
        final ZContext context, final int count, final int hwmMessages, final String endpoint)
    {
        final ZMQ.Socket[] subs = new ZMQ.Socket[count];
        for (int i = 0; i < count; i++)
        {
            subs[i] = context.createSocket(SocketType.SUB);
            subs[i].setRcvHWM(hwmMessages);
            subs[i].subscribe(new byte[]{FanOutRun.DATA});
            subs[i].subscribe(new byte[]{FanOutRun.PROBE});
            subs[i].connect(endpoint);
        }
        return subs;
    }

    private static int pollAll(
        final ZMQ.Socket[] subs, final byte[] buffer, final UnsafeBuffer view, final FanOutRun run)
    {
        final boolean paced = run.paced();
        int received = 0;
        for (final ZMQ.Socket sub : subs)
        {
            for (int i = 0; i < BATCH; i++)
            {
                final int length = sub.recv(buffer, 0, buffer.length, ZMQ.DONTWAIT);
                if (length < 0)
                {
                    break;
                }
                if (length > 0 && buffer[0] == FanOutRun.DATA)
                {
                    received++;
                    if (paced)
                    {
                        run.arrived(view.getLong(FanOutRun.STAMP_OFFSET));
                    }
                }
            }
        }
        return received;
    }

    private static void awaitProbes(
        final ZMQ.Socket[] subs, final ZContext context, final byte[] buffer, final IdleStrategy idle)
    {
        final boolean[] probed = new boolean[subs.length];
        int remaining = subs.length;
        final long startNs = System.nanoTime();
        long nudgeNs = startNs + NUDGE_AFTER_NS;
        while (remaining > 0)
        {
            int work = 0;
            for (int i = 0; i < subs.length; i++)
            {
                int length;
                while ((length = subs[i].recv(buffer, 0, buffer.length, ZMQ.DONTWAIT)) >= 0)
                {
                    work++;
                    if (!probed[i] && length == 1 && buffer[0] == FanOutRun.PROBE)
                    {
                        probed[i] = true;
                        remaining--;
                    }
                }
            }
            final long nowNs = System.nanoTime();
            if (nowNs - startNs > FanOutRun.subscribeTimeoutNs(subs.length))
            {
                throw new StartStalledException(remaining + " of " + subs.length + " JeroMQ subscribers received " +
                    "no probe within " + FanOutRun.subscribeTimeoutNs(subs.length) / 1_000_000_000L + " s");
            }
            if (remaining > 0 && nowNs - nudgeNs > 0)
            {
                nudge(context);
                nudgeNs = nowNs + NUDGE_AFTER_NS;
            }
            idle.idle(work);
        }
    }

    /**
     * JeroMQ 0.6 sometimes loses the wake-up of a fresh connect and retries only after its 30 s timer; binding a
     * throw-away socket in the same context sends its I/O thread a command, which makes it look at the connect
     * again.
     */
    private static void nudge(final ZContext context)
    {
        final ZMQ.Socket poke = context.createSocket(SocketType.PAIR);
        try
        {
            poke.bindToRandomPort("tcp://127.0.0.1");
        }
        finally
        {
            poke.close(); // a ZContext socket closed this way also leaves the context (destroySocket is deprecated)
        }
    }

    private static void publish(final ThroughputConfig config, final long warmup, final long total,
        final ZMQ.Socket pub, final FanOutRun run) throws InterruptedException
    {
        final byte[] probe = {FanOutRun.PROBE};
        while (!run.subscribed.get() && !run.finished.get())
        {
            pub.send(probe, 0);
            Thread.sleep(PROBE_INTERVAL_MS);
        }
        final byte[] body = new byte[config.size()];
        body[0] = FanOutRun.DATA;
        final UnsafeBuffer stamp = new UnsafeBuffer(body);
        final IdleStrategy idle = config.idleFor(Impl.JEROMQ).newStrategy();
        long sent = 0;
        if (warmup == 0)
        {
            run.publisherMeasuring();
        }
        final long startNs = System.nanoTime();
        while (sent < total && !run.finished.get())
        {
            int work = 0;
            if (run.paced())
            {
                final long dueNs = run.dueNs(startNs, sent);
                while (System.nanoTime() - dueNs < 0)
                {
                    Thread.onSpinWait();
                }
                stamp.putLong(FanOutRun.STAMP_OFFSET, dueNs);
            }
            // PUB never blocks: at a subscriber's HWM JeroMQ drops for it and send returns true.
            while (sent < total && pub.send(body, 0, body.length, ZMQ.DONTWAIT))
            {
                if (++sent == warmup)
                {
                    run.publisherMeasuring();
                }
                work++;
                if (run.paced())
                {
                    break;
                }
            }
            if (!run.paced())
            {
                idle.idle(work);
            }
        }
        run.publisherDone(sent - warmup);
        while (!run.finished.get())
        {
            Thread.sleep(1);
        }
    }
}
