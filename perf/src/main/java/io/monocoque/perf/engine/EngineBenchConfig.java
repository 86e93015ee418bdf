package io.monocoque.perf.engine;

import io.monocoque.perf.Idle;

/**
 * The settings of one {@code bench engine} invocation ({@link EngineBench}): fluent accessors, set by a front end
 * and then read by the benchmark thread. The defaults are the published ones: 3 repetitions; latency at 64 B,
 * 100,000 round trips after 20,000 warm-up, Monocoque busy-spinning; throughput at 64, 1,024 and 65,536 B, about
 * 1 GiB of payload per run, Monocoque backing off.
 */
public final class EngineBenchConfig
{
    private static final long THROUGHPUT_BYTES_TARGET = 1L << 30;
    private static final long MIN_THROUGHPUT_COUNT = 20_000;
    private static final long MAX_THROUGHPUT_COUNT = 20_000_000;
    /** Payloads below this count as this size for the default message count, so small runs stay short. */
    private static final int MIN_COUNTED_SIZE = 64;

    private int reps = 3;
    /** The batched stream row's default: enough messages per offer to fill records of many kilobytes. */
    public static final int DEFAULT_THROUGHPUT_BATCH = 256;

    private int[] sizes = {64};
    private long count = 100_000;
    private long warmup = 20_000;
    private int[] throughputSizes = {64, 1024, 65536};
    private long throughputCount;
    private Idle idle = Idle.BUSY;
    /*
     * Backoff by default: two busy-spinning threads on a two-core machine that runs anything else starve each
     * other (measured: 3.3 M msgs/s busy vs 8.5 M backoff at 64 B in the same minute).
     */
    private Idle throughputIdle = Idle.BACKOFF;
    /** Messages per {@code offer(MessageBatch)} in the batched stream row; 0 leaves the row out. */
    private int throughputBatch = DEFAULT_THROUGHPUT_BATCH;

    /**
     * Repetitions of every scenario, interleaved; the tables show the median.
     *
     * @return the repetitions.
     */
    public int reps()
    {
        return reps;
    }

    /**
     * Set the repetitions.
     *
     * @param reps at least 1.
     * @return this.
     */
    public EngineBenchConfig reps(final int reps)
    {
        this.reps = reps;
        return this;
    }

    /**
     * Ping-pong message sizes in bytes; empty skips the latency table.
     *
     * @return a copy of the sizes.
     */
    public int[] sizes()
    {
        return sizes.clone();
    }

    /**
     * Set the ping-pong message sizes.
     *
     * @param sizes bytes; empty skips the latency table.
     * @return this.
     */
    public EngineBenchConfig sizes(final int... sizes)
    {
        this.sizes = sizes.clone();
        return this;
    }

    /**
     * Measured round trips per latency run.
     *
     * @return the count.
     */
    public long count()
    {
        return count;
    }

    /**
     * Set the measured round trips per latency run.
     *
     * @param count at least 1.
     * @return this.
     */
    public EngineBenchConfig count(final long count)
    {
        this.count = count;
        return this;
    }

    /**
     * Round trips before measuring, in every latency run.
     *
     * @return the warm-up.
     */
    public long warmup()
    {
        return warmup;
    }

    /**
     * Set the round trips before measuring.
     *
     * @param warmup 0 or more.
     * @return this.
     */
    public EngineBenchConfig warmup(final long warmup)
    {
        this.warmup = warmup;
        return this;
    }

    /**
     * Stream message sizes in bytes; empty skips the throughput table.
     *
     * @return a copy of the sizes.
     */
    public int[] throughputSizes()
    {
        return throughputSizes.clone();
    }

    /**
     * Set the stream message sizes.
     *
     * @param sizes bytes; empty skips the throughput table.
     * @return this.
     */
    public EngineBenchConfig throughputSizes(final int... sizes)
    {
        this.throughputSizes = sizes.clone();
        return this;
    }

    /**
     * Set the messages per stream run.
     *
     * @param count at least 1, or 0 for {@link #messagesAt(int)}'s default.
     * @return this.
     */
    public EngineBenchConfig throughputCount(final long count)
    {
        this.throughputCount = count;
        return this;
    }

    /**
     * Messages per stream run at a size: the count set, otherwise about 1 GiB of payload between 20,000 and
     * 20,000,000 messages.
     *
     * @param size message size in bytes.
     * @return the count.
     */
    public long messagesAt(final int size)
    {
        if (throughputCount > 0)
        {
            return throughputCount;
        }
        return Math.max(MIN_THROUGHPUT_COUNT,
            Math.min(MAX_THROUGHPUT_COUNT, THROUGHPUT_BYTES_TARGET / Math.max(size, MIN_COUNTED_SIZE)));
    }

    /**
     * How Monocoque's two ping-pong threads wait.
     *
     * @return the strategy.
     */
    public Idle idle()
    {
        return idle;
    }

    /**
     * Set how Monocoque's ping-pong threads wait.
     *
     * @param idle the strategy.
     * @return this.
     */
    public EngineBenchConfig idle(final Idle idle)
    {
        this.idle = idle;
        return this;
    }

    /**
     * How Monocoque's stream threads wait.
     *
     * @return the strategy.
     */
    public Idle throughputIdle()
    {
        return throughputIdle;
    }

    /**
     * Set how Monocoque's stream threads wait.
     *
     * @param idle the strategy.
     * @return this.
     */
    public EngineBenchConfig throughputIdle(final Idle idle)
    {
        this.throughputIdle = idle;
        return this;
    }

    /**
     * Messages per {@code offer(MessageBatch)} in the batched stream row (0: no such row).
     *
     * @return messages.
     */
    public int throughputBatch()
    {
        return throughputBatch;
    }

    /**
     * Set the messages per {@code offer(MessageBatch)} in the batched stream row.
     *
     * @param batch messages, 0 to leave the row out.
     * @return this.
     */
    public EngineBenchConfig throughputBatch(final int batch)
    {
        if (batch < 0)
        {
            throw new IllegalArgumentException("batch must be >= 0: " + batch);
        }
        this.throughputBatch = batch;
        return this;
    }
}
