package io.monocoque.perf.throughput;

import io.monocoque.perf.BenchmarkFailedException;
import org.HdrHistogram.Histogram;
import org.agrona.concurrent.IdleStrategy;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongConsumer;

/**
 * The part of a PUB fan-out run both implementations share: the hand-shakes between the publisher thread and the
 * receiving thread, the publisher's pacing-free send loop bookkeeping, and the receiving loop with its clock.
 * <p>
 * Timing: the publisher flags when it has published the warm-up messages; the receiving thread starts its clock at
 * its first batch after seeing the flag and stops it at the last batch. The run ends when every subscriber has
 * every message, or, since PUB drops for a full subscriber, once the publisher is done and nothing has arrived for
 * {@link #QUIET_NS} (not counted in the rate).
 * <p>
 * Threads: {@link #publisherMeasuring()}, {@link #publisherDone(long)}, {@link #publisherFailed(Throwable)} and
 * {@link #dueNs} from the publisher; {@link #receive}, {@link #arrived} and {@link #result} from the receiving
 * thread; the flags between them are atomics or volatile.
 */
final class FanOutRun
{
    /** Quiet time after the last message that ends a run with drops. */
    static final long QUIET_NS = TimeUnit.MILLISECONDS.toNanos(300);
    /** Longest wait for every subscriber to receive a probe: this, plus {@link #SUBSCRIBE_NS_PER_SUBSCRIBER} each. */
    static final long SUBSCRIBE_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(10);
    /** Extra wait per subscriber for the probes. */
    static final long SUBSCRIBE_NS_PER_SUBSCRIBER = TimeUnit.MILLISECONDS.toNanos(10);
    /** First byte of a measured message; subscribers subscribe to it and to {@link #PROBE}. */
    static final byte DATA = 'd';
    /** A one-byte probe the publisher sends until every subscriber has seen one (its subscription arrived). */
    static final byte PROBE = 'p';
    /** Paced runs: where a measured message carries the time it was due to be published (System.nanoTime). */
    static final int STAMP_OFFSET = 1;
    private static final long HIGHEST_LATENCY_NS = TimeUnit.SECONDS.toNanos(60);
    private static final int SIGNIFICANT_DIGITS = 3;

    /**
     * Receives on every subscriber once, without waiting.
     */
    interface PollAll
    {
        /**
         * Take what has arrived on every subscriber.
         *
         * @return measured messages received in this pass (probes not counted).
         */
        int pollAll();
    }

    /** Set by the receiving thread once every subscriber has seen a probe. */
    final AtomicBoolean subscribed = new AtomicBoolean();
    /** Set by the receiving thread when it stops (done or failed): the publisher stops too. */
    final AtomicBoolean finished = new AtomicBoolean();
    private final AtomicBoolean measuring = new AtomicBoolean();
    private final AtomicBoolean published = new AtomicBoolean();
    private volatile long publishStartNs;
    private volatile long publishEndNs;
    private volatile long measuredPublished;
    private volatile Throwable publisherFailure;
    private final Histogram latency;
    private final double nsPerMessage;
    private long startNs;
    private long startCount = -1;
    private long endNs;
    private long endCount;

    /**
     * Longest wait for a number of subscribers to receive a probe each.
     *
     * @param subscribers how many.
     * @return ns.
     */
    static long subscribeTimeoutNs(final int subscribers)
    {
        return SUBSCRIBE_TIMEOUT_NS + subscribers * SUBSCRIBE_NS_PER_SUBSCRIBER;
    }

    /**
     * Create the shared state of one run.
     *
     * @param rate messages per second the publisher is paced at, or 0 for as fast as the socket takes them; a
     *             paced run records each measured message's latency, from when it was due to be published to its
     *             arrival (so a late publisher does not hide delays: no coordinated omission).
     */
    FanOutRun(final long rate)
    {
        this.latency = rate > 0 ? new Histogram(HIGHEST_LATENCY_NS, SIGNIFICANT_DIGITS) : null;
        this.nsPerMessage = rate > 0 ? 1e9 / rate : 0;
    }

    /**
     * Whether the publisher is paced (and latencies are recorded).
     *
     * @return true for a paced run.
     */
    boolean paced()
    {
        return latency != null;
    }

    /**
     * Publisher, paced runs: when a message is due.
     *
     * @param startNs when the first message was due.
     * @param index   the message's index from 0.
     * @return its due time, System.nanoTime.
     */
    long dueNs(final long startNs, final long index)
    {
        return startNs + (long)(index * nsPerMessage);
    }

    /**
     * Receiving thread, paced runs: a measured message arrived; record its latency once measuring started.
     *
     * @param dueNs the time stamp it carries.
     */
    void arrived(final long dueNs)
    {
        if (measuring.get())
        {
            latency.recordValue(Math.min(HIGHEST_LATENCY_NS, Math.max(0, System.nanoTime() - dueNs)));
        }
    }

    /**
     * Publisher: warm-up published, the measured messages start now.
     */
    void publisherMeasuring()
    {
        publishStartNs = System.nanoTime();
        measuring.set(true);
    }

    /**
     * Publisher: everything published.
     *
     * @param measuredMessages how many were published after {@link #publisherMeasuring()}.
     */
    void publisherDone(final long measuredMessages)
    {
        measuredPublished = measuredMessages;
        publishEndNs = System.nanoTime();
        published.set(true);
    }

    /**
     * Publisher: failed; the receiving thread reports it.
     *
     * @param failure what went wrong.
     */
    void publisherFailed(final Throwable failure)
    {
        publisherFailure = failure;
    }

    /**
     * Receiving thread: poll until every expected message arrived or the quiet time after the publisher finished.
     *
     * @param poll      takes what arrived on every subscriber.
     * @param idle      how to wait when nothing arrived.
     * @param work      extra duty-cycle work to count with each pass (e.g. driving an engine), may return 0.
     * @param expected  published messages times subscribers.
     * @param timeoutMs fail when nothing arrives for this long while the publisher is still publishing.
     * @param progress  receives the running total.
     * @return messages received in all.
     */
    long receive(
        final PollAll poll,
        final IdleStrategy idle,
        final java.util.function.IntSupplier work,
        final long expected,
        final long timeoutMs,
        final LongConsumer progress)
    {
        final long timeoutNs = TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        long received = 0;
        long lastProgressNs = System.nanoTime();
        try
        {
            while (received < expected)
            {
                final int polled = poll.pollAll();
                final long nowNs = System.nanoTime();
                if (polled > 0)
                {
                    received += polled;
                    lastProgressNs = nowNs;
                    progress.accept(received);
                    if (startCount >= 0)
                    {
                        endNs = nowNs;
                        endCount = received;
                    }
                    else if (measuring.get())
                    {
                        startNs = nowNs;
                        startCount = received;
                    }
                }
                else if (published.get() && nowNs - lastProgressNs > QUIET_NS)
                {
                    break; // the rest was dropped at subscribers' HWMs: it will not come
                }
                else if (nowNs - lastProgressNs > timeoutNs)
                {
                    throw new BenchmarkFailedException("pub fan-out stalled: " + received + " of " + expected +
                        " deliveries, nothing for " + timeoutMs + " ms");
                }
                final Throwable failure = publisherFailure;
                if (failure != null)
                {
                    throw new BenchmarkFailedException("publisher failed: " + failure, failure);
                }
                idle.idle(polled + work.getAsInt());
            }
            return received;
        }
        finally
        {
            finished.set(true);
        }
    }

    /**
     * The result, after {@link #receive} returned and the publisher finished.
     *
     * @param delivered what {@link #receive} returned.
     * @param expected  published messages times subscribers.
     * @return the result.
     * @throws BenchmarkFailedException if too little arrived after the warm-up to time anything.
     */
    PubStreamResult result(final long delivered, final long expected)
    {
        if (startCount < 0 || endCount <= startCount || endNs <= startNs)
        {
            throw new BenchmarkFailedException("too few messages arrived after the warm-up to time anything " +
                "(use a larger --count)");
        }
        final long publishNs = publishEndNs - publishStartNs;
        return new PubStreamResult(
            (endCount - startCount) / ((endNs - startNs) / 1e9),
            publishNs > 0 ? measuredPublished / (publishNs / 1e9) : Double.NaN,
            delivered,
            expected,
            latency);
    }
}
