package io.monocoque.perf.engine;

import io.monocoque.perf.Idle;

/**
 * The settings of one {@code bench engine} invocation ({@link EngineBench}), filled in by a front end and read by
 * the benchmark thread. The defaults are the published ones: 3 repetitions; latency at 64 B, 100,000 round trips
 * after 20,000 warm-up; throughput at 64, 1,024 and 65,536 B, about 1 GiB of payload per run.
 */
public final class EngineBenchConfig
{
    /** Repetitions of every scenario, interleaved; the tables show the median. */
    public int reps = 3;
    /** Ping-pong message sizes in bytes; empty skips the latency table. */
    public int[] sizes = {64};
    /** Measured round trips per latency run. */
    public long count = 100_000;
    /** Round trips before measuring, in every latency run. */
    public long warmup = 20_000;
    /** Stream message sizes in bytes; empty skips the throughput table. */
    public int[] throughputSizes = {64, 1024, 65536};
    /** Messages per stream run, or 0 for {@link #throughputCount(int)}'s default of about 1 GiB of payload. */
    public long throughputCount;
    /** How Monocoque's two ping-pong threads wait. */
    public Idle idle = Idle.BUSY;
    /**
     * How Monocoque's stream threads wait. Backoff by default: two busy-spinning threads on a two-core machine
     * that runs anything else starve each other (measured: 3.3 M msgs/s busy vs 8.5 M backoff at 64 B in the same
     * minute).
     */
    public Idle throughputIdle = Idle.BACKOFF;

    private static final long THROUGHPUT_BYTES_TARGET = 1L << 30;
    private static final long MIN_THROUGHPUT_COUNT = 20_000;
    private static final long MAX_THROUGHPUT_COUNT = 20_000_000;
    /** Payloads below this count as this size for the default message count, so small runs stay short. */
    private static final int MIN_COUNTED_SIZE = 64;

    /**
     * Messages per stream run at a size: {@link #throughputCount} if set, otherwise about 1 GiB of payload
     * between 20,000 and 20,000,000 messages.
     *
     * @param size message size in bytes.
     * @return the count.
     */
    public long throughputCount(final int size)
    {
        if (throughputCount > 0)
        {
            return throughputCount;
        }
        return Math.max(MIN_THROUGHPUT_COUNT,
            Math.min(MAX_THROUGHPUT_COUNT, THROUGHPUT_BYTES_TARGET / Math.max(size, MIN_COUNTED_SIZE)));
    }
}
