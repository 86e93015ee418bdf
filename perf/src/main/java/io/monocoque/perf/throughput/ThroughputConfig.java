package io.monocoque.perf.throughput;

import io.monocoque.perf.Idle;
import io.monocoque.perf.latency.Impl;

import java.util.List;
import java.util.Locale;

/**
 * The settings of one {@code bench throughput} invocation ({@link ThroughputBench}): fluent accessors, set and
 * validated by a front end and then read by the benchmark threads.
 */
public final class ThroughputConfig
{
    /** The one-way pattern: which sockets send and receive. */
    public enum Pattern
    {
        /** PUSH source, PULL sink. */
        PUSH("PUSH", "PULL"),
        /** DEALER source, ROUTER sink. */
        DEALER("DEALER", "ROUTER"),
        /** PUB source, SUB sink (subscribed to everything). */
        PUB("PUB", "SUB");

        private final String sourceType;
        private final String sinkType;

        Pattern(final String sourceType, final String sinkType)
        {
            this.sourceType = sourceType;
            this.sinkType = sinkType;
        }

        /**
         * Sending socket type.
         *
         * @return e.g. "PUSH".
         */
        public String sourceType()
        {
            return sourceType;
        }

        /**
         * Receiving socket type.
         *
         * @return e.g. "PULL".
         */
        public String sinkType()
        {
            return sinkType;
        }

        /**
         * Command-line name.
         *
         * @return e.g. "push".
         */
        public String label()
        {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Smallest message of a paced PUB run: the data byte and the time stamp it was due at. */
    public static final int MIN_PACED_SIZE = FanOutRun.STAMP_OFFSET + Long.BYTES;
    /** Fewest measured messages a PUB run publishes, however many subscribers share {@link #count()}. */
    static final long MIN_PUBLISHED = 20_000;
    /** Fewest warm-up messages a PUB run publishes (unless the warm-up is 0). */
    static final long MIN_WARMUP_PUBLISHED = 4_000;
    /** Off-heap budget per side that PUB runs divide among their subscribers' HWMs. */
    static final long PUB_HWM_BUDGET = 64L << 20;
    /**
     * Smallest per-subscriber HWM a PUB run uses by default. Below this a thousand subscribers measured markedly
     * slower (64 KiB: 8.3-9.4 M deliveries/s against 12.3-15.6 M at 256 KiB, same minute), since every read,
     * ring record and write then carries a few kilobytes; 1,000 x 256 KiB on both sides still fits 1 GiB.
     */
    static final long MIN_PUB_HWM = 256L << 10;

    private int size = 64;
    private long count;
    private long warmup;
    private Pattern pattern = Pattern.PUSH;
    private List<Impl> impls = List.of(Impl.MONOCOQUE);
    private int rounds = 1;
    private int warmupRounds = 1;
    private Idle idle;
    private long timeoutMs = 10_000;
    private List<Integer> subscribers = List.of(1);
    private long hwmOverride;
    private long rate;
    private int batch;
    private boolean claimBatches;
    private int stalled;

    /**
     * Message size in bytes.
     *
     * @return the size.
     */
    public int size()
    {
        return size;
    }

    /**
     * Set the message size.
     *
     * @param size bytes.
     * @return this.
     */
    public ThroughputConfig size(final int size)
    {
        this.size = size;
        return this;
    }

    /**
     * Measured messages per run.
     *
     * @return the count.
     */
    public long count()
    {
        return count;
    }

    /**
     * Set the measured messages per run.
     *
     * @param count messages.
     * @return this.
     */
    public ThroughputConfig count(final long count)
    {
        this.count = count;
        return this;
    }

    /**
     * Messages received before the measurement starts, in every run.
     *
     * @return the warm-up.
     */
    public long warmup()
    {
        return warmup;
    }

    /**
     * Set the messages received before the measurement starts.
     *
     * @param warmup messages, 0 or more.
     * @return this.
     */
    public ThroughputConfig warmup(final long warmup)
    {
        this.warmup = warmup;
        return this;
    }

    /**
     * Sockets.
     *
     * @return the pattern.
     */
    public Pattern pattern()
    {
        return pattern;
    }

    /**
     * Set the sockets.
     *
     * @param pattern the pattern.
     * @return this.
     */
    public ThroughputConfig pattern(final Pattern pattern)
    {
        this.pattern = pattern;
        return this;
    }

    /**
     * Implementations, interleaved; the first is the reference of the ratios.
     *
     * @return an unmodifiable list.
     */
    public List<Impl> impls()
    {
        return impls;
    }

    /**
     * Set the implementations.
     *
     * @param impls interleaved, the first the reference of the ratios; copied.
     * @return this.
     */
    public ThroughputConfig impls(final List<Impl> impls)
    {
        this.impls = List.copyOf(impls);
        return this;
    }

    /**
     * Interleaved rounds; the table shows the median.
     *
     * @return the rounds.
     */
    public int rounds()
    {
        return rounds;
    }

    /**
     * Set the interleaved rounds.
     *
     * @param rounds at least 1.
     * @return this.
     */
    public ThroughputConfig rounds(final int rounds)
    {
        this.rounds = rounds;
        return this;
    }

    /**
     * Rounds run first and not counted, so that the JIT has settled before the measured rounds.
     *
     * @return the rounds.
     */
    public int warmupRounds()
    {
        return warmupRounds;
    }

    /**
     * Set the rounds run first and not counted.
     *
     * @param warmupRounds 0 or more.
     * @return this.
     */
    public ThroughputConfig warmupRounds(final int warmupRounds)
    {
        this.warmupRounds = warmupRounds;
        return this;
    }

    /**
     * How the source and sink threads wait; null: each implementation's default ({@link #idleFor(Impl)}).
     *
     * @return the strategy, or null.
     */
    public Idle idle()
    {
        return idle;
    }

    /**
     * Set how the source and sink threads wait.
     *
     * @param idle the strategy, or null for each implementation's default.
     * @return this.
     */
    public ThroughputConfig idle(final Idle idle)
    {
        this.idle = idle;
        return this;
    }

    /**
     * Longest time without progress before failing, ms.
     *
     * @return milliseconds.
     */
    public long timeoutMs()
    {
        return timeoutMs;
    }

    /**
     * Set the longest time without progress before failing.
     *
     * @param timeoutMs milliseconds.
     * @return this.
     */
    public ThroughputConfig timeoutMs(final long timeoutMs)
    {
        this.timeoutMs = timeoutMs;
        return this;
    }

    /**
     * PUB only: the subscriber counts to run, each a separate run.
     *
     * @return an unmodifiable list.
     */
    public List<Integer> subscribers()
    {
        return subscribers;
    }

    /**
     * Set the subscriber counts to run (PUB only).
     *
     * @param subscribers one run each; copied.
     * @return this.
     */
    public ThroughputConfig subscribers(final List<Integer> subscribers)
    {
        this.subscribers = List.copyOf(subscribers);
        return this;
    }

    /**
     * Ring capacity (HWM in bytes) chosen on the command line, or 0 for the default of the size and pattern.
     *
     * @return bytes, or 0.
     */
    public long hwmOverride()
    {
        return hwmOverride;
    }

    /**
     * Set the ring capacity (HWM in bytes) chosen on the command line.
     *
     * @param hwmOverride bytes, or 0 for the default of the size and pattern.
     * @return this.
     */
    public ThroughputConfig hwmOverride(final long hwmOverride)
    {
        this.hwmOverride = hwmOverride;
        return this;
    }

    /**
     * Messages the Monocoque source hands to one {@code offer(MessageBatch)} (PUSH and DEALER streams), 0 = one
     * {@code offer(Message)} per message.
     *
     * @return messages per batch, or 0.
     */
    public int batch()
    {
        return batch;
    }

    /**
     * Set how many messages the Monocoque source offers at once ({@code MessageBatch}); 0 for single offers.
     *
     * @param batch messages per batch, 0 or more.
     * @return this.
     */
    public ThroughputConfig batch(final int batch)
    {
        if (batch < 0)
        {
            throw new IllegalArgumentException("batch must be >= 0: " + batch);
        }
        this.batch = batch;
        return this;
    }

    /**
     * Whether the Monocoque source claims each batch in place ({@code tryClaimBatch}, the payloads written straight
     * into the ring) instead of offering a {@code MessageBatch} of references; only with {@link #batch()} &gt; 0.
     *
     * @return true to claim.
     */
    public boolean claimBatches()
    {
        return claimBatches;
    }

    /**
     * Set whether batches are claimed in place ({@link #claimBatches()}).
     *
     * @param claim true to claim.
     * @return this.
     */
    public ThroughputConfig claimBatches(final boolean claim)
    {
        this.claimBatches = claim;
        return this;
    }

    /**
     * PUB only: messages per second the publisher is paced at (latencies are then recorded), 0 = flat out.
     *
     * @return messages per second, or 0.
     */
    public long rate()
    {
        return rate;
    }

    /**
     * Set the messages per second the publisher is paced at (PUB only).
     *
     * @param rate messages per second, or 0 for flat out.
     * @return this.
     */
    public ThroughputConfig rate(final long rate)
    {
        this.rate = rate;
        return this;
    }

    /**
     * PUB only: subscribers that never read, run beside the readers (and each count also runs without them).
     *
     * @return the subscribers.
     */
    public int stalled()
    {
        return stalled;
    }

    /**
     * Set the subscribers that never read (PUB only).
     *
     * @param stalled 0 or more.
     * @return this.
     */
    public ThroughputConfig stalled(final int stalled)
    {
        this.stalled = stalled;
        return this;
    }

    /**
     * Whether each implementation's idle strategy is chosen for the machine ({@code --idle auto}, the default).
     *
     * @return true unless a strategy was named.
     */
    public boolean idleIsAuto()
    {
        return idle == null || idle == Idle.AUTO;
    }

    /**
     * The idle strategy of an implementation: the one chosen, or, with {@code auto}, {@link Impl#defaultIdle()}:
     * busy only where every spinning thread has a CPU and one is left (two busy-spinning threads on a two-core
     * machine measured 6.8 M against 10.8 M msgs/s at 64 B for backoff, same minute: each spinner steals the core
     * the other side needs), otherwise sleeping in the selector; a Monocoque PUB run, whose subscriber loops cannot
     * sleep in one selector yet, backs off instead. A paced PUB run ({@code --rate}) yields, since a receiver parked
     * by backoff would measure its own sleep.
     *
     * @param impl the implementation.
     * @return the strategy.
     */
    public Idle idleFor(final Impl impl)
    {
        if (!idleIsAuto())
        {
            return idle;
        }
        if (rate > 0)
        {
            return Idle.YIELD;
        }
        return backsOffForPub(impl) ? Idle.BACKOFF : impl.defaultIdle();
    }

    /** Whether auto would choose the selector for a Monocoque PUB run, which cannot sleep in one yet. */
    private boolean backsOffForPub(final Impl impl)
    {
        return impl == Impl.MONOCOQUE && pattern == Pattern.PUB && impl.defaultIdle() == Idle.SELECTOR;
    }

    /**
     * Why {@link #idleFor(Impl)} chose what it did, for the header.
     *
     * @param impl the implementation.
     * @return e.g. " (auto: 2 CPUs for 2 threads that would spin, none to spare)", or "" for a named strategy.
     */
    public String idleReason(final Impl impl)
    {
        if (!idleIsAuto())
        {
            return "";
        }
        if (rate > 0)
        {
            return " (auto: a paced run yields)";
        }
        final String reason = impl.defaultIdleReason();
        return backsOffForPub(impl) ? " (" + reason + "; backoff: pub cannot sleep in the selector yet)" :
            " (" + reason + ")";
    }

    /**
     * Ring capacity (HWM in bytes) for this size: a message must fit in 1/8 of the ring.
     *
     * @return bytes.
     */
    public long hwmBytes()
    {
        return hwmOverride > 0 ? hwmOverride : Math.max(4L << 20, minHwmBytes());
    }

    /**
     * Per-subscriber HWM of a PUB run (the publisher's buffer for each subscriber and each subscriber's receive
     * ring): {@link #hwmBytes()} for a few subscribers, shrinking with more so that a run with 1,000 fits a 1 GiB
     * JVM, never below what a message needs.
     *
     * @param subscribers subscribers in the run.
     * @return bytes.
     */
    public long pubHwmBytes(final int subscribers)
    {
        if (hwmOverride > 0)
        {
            return hwmOverride;
        }
        final long share = Long.highestOneBit(Math.max(1, PUB_HWM_BUDGET / subscribers));
        return Math.max(minHwmBytes(), Math.max(MIN_PUB_HWM, Math.min(hwmBytes(), share)));
    }

    private long minHwmBytes()
    {
        return Long.highestOneBit(size + 64L) * 16;
    }

    /**
     * Measured messages a PUB run publishes: {@link #count()} deliveries shared among the subscribers, at least
     * {@link #MIN_PUBLISHED}.
     *
     * @param subscribers subscribers in the run.
     * @return messages.
     */
    public long publishedPerRun(final int subscribers)
    {
        return Math.max(MIN_PUBLISHED, count / subscribers);
    }

    /**
     * Warm-up messages a PUB run publishes before the measured ones: {@link #warmup()} shared among the
     * subscribers, at least {@link #MIN_WARMUP_PUBLISHED} unless the warm-up is 0.
     *
     * @param subscribers subscribers in the run.
     * @return messages.
     */
    public long pubWarmup(final int subscribers)
    {
        return warmup == 0 ? 0 : Math.max(MIN_WARMUP_PUBLISHED, warmup / subscribers);
    }

    /**
     * Default message count for a size: about 256 MiB of payload, between 10,000 and 1,000,000 messages.
     *
     * @param size bytes.
     * @return the count.
     */
    public static long defaultCount(final int size)
    {
        return Math.max(10_000, Math.min(1_000_000, (256L << 20) / Math.max(1, size)));
    }
}
