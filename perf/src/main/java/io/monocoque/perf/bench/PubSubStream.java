package io.monocoque.perf.bench;

import io.monocoque.api.Context;
import io.monocoque.api.Message;
import io.monocoque.api.MessageHandler;
import io.monocoque.api.MessageView;
import io.monocoque.api.PubSocket;
import io.monocoque.api.SubSocket;
import io.monocoque.codec.socket.SocketType;
import io.monocoque.engine.ThreadingMode;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * PUB fan-out throughput: one publisher, N subscribers (all subscribed to everything) in one process, each side in
 * its own context in INVOKER mode, so two threads in all: the source thread publishes as fast as the fan-out
 * takes messages (offer until back-pressured) and drives its engine, whose duty cycle runs the fan-out worker; the
 * sink thread drives the subscribers' engine and polls every subscriber in turn. The figure is the aggregate
 * delivered rate: messages received by all subscribers together per second, first to last. Messages a subscriber
 * missed (dropped at its HWM) are reported, not counted as delivered.
 * <p>
 * Run on its own (not a timed test): {@code java --add-opens java.base/jdk.internal.misc=ALL-UNNAMED -cp
 * perf/target/monocoque-perf.jar io.monocoque.perf.bench.PubSubStream [size] [messages] [idle] [subscribers...]}.
 */
public final class PubSubStream implements Stream
{
    private static final int POLL_LIMIT = 256;
    private static final long QUIET_NS = TimeUnit.SECONDS.toNanos(2);

    private final int subscribers;
    private final Idle idle;
    private final long subscriberHwmBytes;
    private final long rcvHwmBytes;
    private long lastDropped;
    private long lastReceived;

    /**
     * Create the scenario.
     *
     * @param subscribers        number of subscribers.
     * @param idle               how both threads wait when there is no work.
     * @param subscriberHwmBytes the publisher's buffer per subscriber (its sndHwmBytes).
     * @param rcvHwmBytes        each subscriber's receive ring.
     */
    public PubSubStream(
        final int subscribers, final Idle idle, final long subscriberHwmBytes, final long rcvHwmBytes)
    {
        this.subscribers = subscribers;
        this.idle = idle;
        this.subscriberHwmBytes = subscriberHwmBytes;
        this.rcvHwmBytes = rcvHwmBytes;
    }

    @Override
    public double run(final int size, final long count) throws Exception
    {
        final AtomicReference<String> endpoint = new AtomicReference<>();
        final AtomicBoolean subscribed = new AtomicBoolean();
        final AtomicBoolean finished = new AtomicBoolean();
        final Throwable[] failure = new Throwable[1];
        final long[] dropped = new long[1];
        // In INVOKER mode a context belongs to the thread that drives it: the source thread makes its own.
        final Thread source = new Thread(() ->
        {
            try (Context sourceContext = Context.builder().threadingMode(ThreadingMode.INVOKER).build())
            {
                final PubSocket pub = (PubSocket)sourceContext.socket(SocketType.PUB);
                pub.sndHwmBytes(subscriberHwmBytes);
                pub.lingerMs(0);
                endpoint.set(pub.bind("tcp://127.0.0.1:0"));
                final IdleStrategy sourceIdle = idle.newStrategy();
                final Message probe = Message.of(new byte[]{'p'});
                while (!subscribed.get())
                {
                    pub.offer(probe); // until every subscription has arrived
                    for (int i = 0; i < 100; i++)
                    {
                        sourceIdle.idle(sourceContext.invoke());
                    }
                }
                final long droppedBefore = pub.droppedMessages();
                publish(pub, sourceContext, sourceIdle, size, count);
                while (!finished.get())
                {
                    sourceIdle.idle(sourceContext.invoke()); // the fan-out runs in this duty cycle
                }
                dropped[0] = pub.droppedMessages() - droppedBefore;
            }
            catch (final Throwable ex)
            {
                failure[0] = ex;
            }
        }, "pubsub-source");
        source.setDaemon(true);
        source.start();
        try (Context sinkContext = Context.builder().threadingMode(ThreadingMode.INVOKER).build())
        {
            while (endpoint.get() == null)
            {
                if (failure[0] != null)
                {
                    throw new IllegalStateException("source failed", failure[0]);
                }
                Thread.onSpinWait();
            }
            final List<SubSocket> subs = new ArrayList<>();
            for (int i = 0; i < subscribers; i++)
            {
                final SubSocket sub = (SubSocket)sinkContext.socket(SocketType.SUB);
                sub.rcvHwmBytes(rcvHwmBytes);
                sub.lingerMs(0);
                sub.subscribe(new byte[]{'d'});
                sub.subscribe(new byte[]{'p'});
                sub.connect(endpoint.get());
                subs.add(sub);
            }
            awaitProbes(subs, sinkContext);
            subscribed.set(true);

            final Counter counter = new Counter();
            final IdleStrategy sinkIdle = idle.newStrategy();
            final long expected = count * subscribers;
            long lastProgressNs = System.nanoTime();
            while (counter.received < expected)
            {
                int polled = 0;
                for (int i = 0; i < subs.size(); i++)
                {
                    polled += subs.get(i).poll(counter, POLL_LIMIT);
                }
                final long now = System.nanoTime();
                if (polled > 0)
                {
                    if (counter.firstNs == 0 && counter.received > 0)
                    {
                        counter.firstNs = now;
                    }
                    counter.lastNs = now;
                    lastProgressNs = now;
                }
                else if (now - lastProgressNs > QUIET_NS)
                {
                    break; // some messages were dropped at a subscriber's HWM: they will not come
                }
                if (failure[0] != null)
                {
                    throw new IllegalStateException("source failed", failure[0]);
                }
                sinkIdle.idle(sinkContext.invoke() + polled);
            }
            finished.set(true);
            source.join();
            lastReceived = counter.received;
            lastDropped = dropped[0];
            return (counter.received - 1) / ((counter.lastNs - counter.firstNs) / 1e9);
        }
        finally
        {
            finished.set(true);
        }
    }

    /** Drive the subscribers' engine until every subscriber has received a probe (its subscriptions arrived). */
    private static void awaitProbes(final List<SubSocket> subs, final Context sink)
    {
        final boolean[] synced = new boolean[subs.size()];
        int remaining = subs.size();
        final int[] got = new int[1];
        final MessageHandler count = message -> got[0]++;
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (remaining > 0)
        {
            sink.invoke();
            for (int i = 0; i < subs.size(); i++)
            {
                got[0] = 0;
                subs.get(i).poll(count, 1000);
                if (!synced[i] && got[0] > 0)
                {
                    synced[i] = true;
                    remaining--;
                }
            }
            if (System.nanoTime() - deadline > 0)
            {
                throw new IllegalStateException(remaining + " subscribers never got a probe");
            }
        }
    }

    private static void publish(
        final PubSocket pub, final Context context, final IdleStrategy idle, final int size, final long count)
    {
        final UnsafeBuffer body = new UnsafeBuffer(new byte[size]);
        body.putByte(0, (byte)'d');
        long sent = 0;
        while (sent < count)
        {
            int work = 0;
            while (sent < count && pub.offer(body, 0, size) > 0)
            {
                sent++;
                work++;
            }
            work += context.invoke();
            idle.idle(work);
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
            message.next();
            if (message.length() > 0 && message.buffer().getByte(message.offset()) == 'd')
            {
                received++; // probes still in flight are not counted
            }
        }
    }

    /**
     * Messages dropped at subscribers' HWMs in the last run.
     *
     * @return the count.
     */
    public long lastDropped()
    {
        return lastDropped;
    }

    /**
     * Messages received by all subscribers in the last run.
     *
     * @return the count.
     */
    public long lastReceived()
    {
        return lastReceived;
    }

    @Override
    public String name()
    {
        return "monocoque pub-sub x" + subscribers + " " + idle.label();
    }

    /**
     * Run the scenario for each subscriber count and print one line each.
     *
     * @param args [size (64)] [messages per run (1,000,000)] [idle (backoff)] [subscriber counts (1 10 100)].
     * @throws Exception if a run fails.
     */
    public static void main(final String[] args) throws Exception
    {
        final int size = args.length > 0 ? Integer.parseInt(args[0]) : 64;
        final long messages = args.length > 1 ? Long.parseLong(args[1]) : 1_000_000;
        final Idle idle = args.length > 2 ? Idle.parse(args[2]) : Idle.BACKOFF;
        final List<Integer> counts = new ArrayList<>();
        for (int i = 3; i < args.length; i++)
        {
            counts.add(Integer.parseInt(args[i]));
        }
        if (counts.isEmpty())
        {
            counts.addAll(List.of(1, 10, 100));
        }
        System.out.printf(Locale.ROOT, "%-12s %8s %12s %16s %14s %10s%n",
            "subscribers", "size", "published", "delivered msg/s", "delivered", "dropped");
        for (final int n : counts)
        {
            // Per-subscriber buffers shrink as subscribers grow, to keep memory (off-heap) bounded.
            final long hwm = n >= 100 ? 256 * 1024 : 4L * 1024 * 1024;
            final long perSubscriber = Math.max(1, messages / n);
            final PubSubStream stream = new PubSubStream(n, idle, hwm, hwm);
            final double rate = stream.run(size, perSubscriber);
            System.out.printf(Locale.ROOT, "%-12d %8d %12d %16.0f %14d %10d%n",
                n, size, perSubscriber, rate, stream.lastReceived(), stream.lastDropped());
        }
    }
}
