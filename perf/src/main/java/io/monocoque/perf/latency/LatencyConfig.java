package io.monocoque.perf.latency;

import io.monocoque.perf.Idle;

import java.nio.file.Path;
import java.util.List;

/**
 * The settings of one {@code bench latency} invocation, validated by the command.
 */
public final class LatencyConfig
{
    /** Message size in bytes. */
    public int size = 64;
    /** Measured round trips per implementation (split over the rounds). */
    public long count = 100_000;
    /** Unmeasured round trips before each round's measurement. */
    public long warmup = 20_000;
    /** Requests per second for an open-loop run; 0 = closed loop. */
    public long rate;
    /** Client/echo socket types. */
    public Pattern pattern = Pattern.DEALER;
    /** Implementations to run, in order; the first is the reference of the ratios. */
    public List<Impl> impls = List.of(Impl.MONOCOQUE);
    /** Interleaved rounds: each implementation runs once per round. */
    public int rounds = 1;
    /** External echo peer to connect to, or null. */
    public String connect;
    /** Endpoint to bind for an external echo peer to connect to, or null. */
    public String bind;
    /** How application threads (and DEDICATED engine threads) wait; null: each implementation's default. */
    public Idle idle;
    /** Monocoque's engine threading: true = INVOKER (the application thread drives the engine). */
    public boolean invoker = true;
    /** Longest wait for a peer or for a reply, ms. */
    public long timeoutMs = 10_000;
    /** Length of an interval in the .hlog, ms. */
    public long intervalMs = 1_000;
    /** Where result files go. */
    public Path out = Path.of("results");
    /** Transport name (tcp). */
    public String transport = "tcp";

    /**
     * The idle strategy of an implementation: the one chosen on the command line, or its default
     * ({@link Impl#defaultIdle()}).
     *
     * @param impl the implementation.
     * @return the strategy.
     */
    public Idle idleFor(final Impl impl)
    {
        return idle != null ? idle : impl.defaultIdle();
    }

    /**
     * Whether the echo side runs in this process.
     *
     * @return true without --connect/--bind.
     */
    public boolean inProcess()
    {
        return connect == null && bind == null;
    }

    /**
     * Whether this is an open-loop (fixed-rate) run.
     *
     * @return true with --rate.
     */
    public boolean openLoop()
    {
        return rate > 0;
    }

    /**
     * Ring capacity (HWM in bytes) for this message size: a message must fit in 1/8 of the ring.
     *
     * @return bytes.
     */
    public long hwmBytes()
    {
        return Math.max(4L << 20, Long.highestOneBit(size + 64L) * 16);
    }

    /**
     * Where the echo peer is, for tables and the summary.
     *
     * @return e.g. "in-process echo" or "echo peer at tcp://host:5555 (connect)".
     */
    public String peerDescription()
    {
        if (connect != null)
        {
            return "external echo peer, connected to " + connect;
        }
        if (bind != null)
        {
            return "external echo peer, connecting to " + bind;
        }
        return "in-process " + pattern.echoType() + " echo";
    }
}
