package io.monocoque.perf.throughput;

import org.HdrHistogram.Histogram;

/**
 * What one PUB fan-out run measured: the aggregate rate at which the subscribers received messages, the rate at
 * which the publisher published, and how many deliveries were lost (dropped at a subscriber's HWM: PUB never
 * blocks).
 */
public final class PubStreamResult
{
    /** Messages received by all subscribers together per second, over the measured part of the run. */
    public final double deliveredPerSecond;
    /** Messages published per second over the measured part, as the publisher saw it. */
    public final double publishedPerSecond;
    /** Messages received by all subscribers together, warm-up included (probes excluded). */
    public final long delivered;
    /** Deliveries had nothing been dropped: published messages times subscribers. */
    public final long expected;
    /** Paced runs: latency of the measured messages in ns, from when each was due to its arrival; else null. */
    public final Histogram latency;
    /** Why the run could not be measured (e.g. the subscribers never all subscribed), or null. */
    public final String failure;

    /**
     * Create a result.
     *
     * @param deliveredPerSecond aggregate delivered rate.
     * @param publishedPerSecond publishing rate.
     * @param delivered          messages received in all.
     * @param expected           messages published times subscribers.
     * @param latency            paced runs: latencies in ns; null otherwise.
     */
    public PubStreamResult(
        final double deliveredPerSecond,
        final double publishedPerSecond,
        final long delivered,
        final long expected,
        final Histogram latency)
    {
        this.latency = latency;
        this.failure = null;
        this.deliveredPerSecond = deliveredPerSecond;
        this.publishedPerSecond = publishedPerSecond;
        this.delivered = delivered;
        this.expected = expected;
    }

    private PubStreamResult(final String failure)
    {
        this.deliveredPerSecond = Double.NaN;
        this.publishedPerSecond = Double.NaN;
        this.delivered = 0;
        this.expected = 0;
        this.latency = null;
        this.failure = failure;
    }

    /**
     * A run that could not be measured: the table shows why instead of figures, and the other runs go on.
     *
     * @param failure what went wrong.
     * @return the result.
     */
    public static PubStreamResult failed(final String failure)
    {
        return new PubStreamResult(failure);
    }

    /**
     * Share of the deliveries lost to drops at subscribers' HWMs.
     *
     * @return 0..1.
     */
    public double lostFraction()
    {
        return expected == 0 ? 0 : (expected - delivered) / (double)expected;
    }
}
