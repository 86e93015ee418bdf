package io.monocoque.perf.throughput;

/**
 * Times the measured part of a stream at the receiver: the clock is read once per received batch (a read per
 * message would cost more than a small message), from the first batch that completes the warm-up to the last.
 */
final class SinkClock
{
    private final long warmup;
    private long startNs;
    private long startCount = -1;
    private long endNs;
    private long endCount;

    SinkClock(final long warmup)
    {
        this.warmup = warmup;
    }

    /**
     * After a batch: note the time and the total received.
     *
     * @param received messages received so far.
     */
    void batch(final long received)
    {
        final long nowNs = System.nanoTime();
        if (startCount < 0)
        {
            if (received >= warmup)
            {
                startNs = nowNs;
                startCount = received;
            }
            return;
        }
        endNs = nowNs;
        endCount = received;
    }

    /**
     * Messages per second between the first measured batch and the last.
     *
     * @return the rate.
     * @throws IllegalStateException if too few batches arrived to time anything.
     */
    double rate()
    {
        if (startCount < 0 || endCount <= startCount || endNs <= startNs)
        {
            throw new IllegalStateException("too few messages to time (use a larger --count)");
        }
        return (endCount - startCount) / ((endNs - startNs) / 1e9);
    }
}
