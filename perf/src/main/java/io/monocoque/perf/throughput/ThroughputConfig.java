package io.monocoque.perf.throughput;

import io.monocoque.perf.bench.Idle;
import io.monocoque.perf.latency.Impl;

import java.util.List;
import java.util.Locale;

/**
 * The settings of one {@code bench throughput} invocation.
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

    /** Message size in bytes. */
    public int size = 64;
    /** Measured messages per run. */
    public long count;
    /** Messages received before the measurement starts, in every run. */
    public long warmup;
    /** Sockets. */
    public Pattern pattern = Pattern.PUSH;
    /** Implementations, interleaved; the first is the reference of the ratios. */
    public List<Impl> impls = List.of(Impl.MONOCOQUE);
    /** Interleaved rounds; the table shows the median. */
    public int rounds = 1;
    /** How the source and sink threads wait; null: each implementation's default. */
    public Idle idle;
    /** Longest time without progress before failing, ms. */
    public long timeoutMs = 10_000;

    /**
     * The idle strategy of an implementation: the one chosen, or its default. Streams default to backoff for
     * Monocoque: two busy-spinning threads on a two-core machine measured slower (6.8 M vs 10.8 M msgs/s at 64 B,
     * same minute) because each spinner steals the core the other side needs; JeroMQ keeps
     * {@link Impl#defaultIdle()}.
     *
     * @param impl the implementation.
     * @return the strategy.
     */
    public Idle idleFor(final Impl impl)
    {
        if (idle != null)
        {
            return idle;
        }
        return impl == Impl.MONOCOQUE ? Idle.BACKOFF : impl.defaultIdle();
    }

    /**
     * Ring capacity (HWM in bytes) for this size: a message must fit in 1/8 of the ring.
     *
     * @return bytes.
     */
    public long hwmBytes()
    {
        return Math.max(4L << 20, Long.highestOneBit(size + 64L) * 16);
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
