package io.monocoque.perf.latency;

import io.monocoque.perf.Idle;

import java.nio.file.Path;
import java.util.List;

/**
 * The settings of one {@code bench latency} invocation ({@link LatencyBench}): fluent accessors, set and validated
 * by a front end and then read by the benchmark threads.
 */
public final class LatencyConfig
{
    private int size = 64;
    private long count = 100_000;
    private long warmup = 20_000;
    private long rate;
    private Pattern pattern = Pattern.DEALER;
    private List<Impl> impls = List.of(Impl.MONOCOQUE);
    private int rounds = 1;
    private String connect;
    private String bind;
    private Idle idle;
    private boolean invoker = true;
    private long timeoutMs = 10_000;
    private long intervalMs = LatencyRecorder.AUTO_INTERVAL;
    private Path out = Path.of("results");
    private String transport = "tcp";
    private String commandLine;
    private final java.util.Map<Impl, String> versions = new java.util.EnumMap<>(Impl.class);

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
    public LatencyConfig size(final int size)
    {
        this.size = size;
        return this;
    }

    /**
     * Measured round trips per implementation (split over the rounds).
     *
     * @return the count.
     */
    public long count()
    {
        return count;
    }

    /**
     * Set the measured round trips per implementation.
     *
     * @param count round trips.
     * @return this.
     */
    public LatencyConfig count(final long count)
    {
        this.count = count;
        return this;
    }

    /**
     * Unmeasured round trips before each round's measurement.
     *
     * @return the warm-up.
     */
    public long warmup()
    {
        return warmup;
    }

    /**
     * Set the unmeasured round trips before each round's measurement.
     *
     * @param warmup round trips, 0 or more.
     * @return this.
     */
    public LatencyConfig warmup(final long warmup)
    {
        this.warmup = warmup;
        return this;
    }

    /**
     * Requests per second for an open-loop run; 0 = closed loop.
     *
     * @return requests per second, or 0.
     */
    public long rate()
    {
        return rate;
    }

    /**
     * Set the requests per second of an open-loop run.
     *
     * @param rate requests per second, or 0 for a closed loop.
     * @return this.
     */
    public LatencyConfig rate(final long rate)
    {
        this.rate = rate;
        return this;
    }

    /**
     * Client/echo socket types.
     *
     * @return the pattern.
     */
    public Pattern pattern()
    {
        return pattern;
    }

    /**
     * Set the client/echo socket types.
     *
     * @param pattern the pattern.
     * @return this.
     */
    public LatencyConfig pattern(final Pattern pattern)
    {
        this.pattern = pattern;
        return this;
    }

    /**
     * Implementations to run, in order; the first is the reference of the ratios.
     *
     * @return an unmodifiable list.
     */
    public List<Impl> impls()
    {
        return impls;
    }

    /**
     * Set the implementations to run.
     *
     * @param impls in order, the first the reference of the ratios; copied.
     * @return this.
     */
    public LatencyConfig impls(final List<Impl> impls)
    {
        this.impls = List.copyOf(impls);
        return this;
    }

    /**
     * Interleaved rounds: each implementation runs once per round.
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
    public LatencyConfig rounds(final int rounds)
    {
        this.rounds = rounds;
        return this;
    }

    /**
     * External echo peer to connect to, or null.
     *
     * @return the endpoint, or null.
     */
    public String connect()
    {
        return connect;
    }

    /**
     * Set the external echo peer to connect to.
     *
     * @param connect the endpoint, or null.
     * @return this.
     */
    public LatencyConfig connect(final String connect)
    {
        this.connect = connect;
        return this;
    }

    /**
     * Endpoint to bind for an external echo peer to connect to, or null.
     *
     * @return the endpoint, or null.
     */
    public String bind()
    {
        return bind;
    }

    /**
     * Set the endpoint to bind for an external echo peer to connect to.
     *
     * @param bind the endpoint, or null.
     * @return this.
     */
    public LatencyConfig bind(final String bind)
    {
        this.bind = bind;
        return this;
    }

    /**
     * How application threads (and DEDICATED engine threads) wait; null: each implementation's default
     * ({@link #idleFor(Impl)}).
     *
     * @return the strategy, or null.
     */
    public Idle idle()
    {
        return idle;
    }

    /**
     * Set how application threads (and DEDICATED engine threads) wait.
     *
     * @param idle the strategy, or null for each implementation's default.
     * @return this.
     */
    public LatencyConfig idle(final Idle idle)
    {
        this.idle = idle;
        return this;
    }

    /**
     * Monocoque's engine threading: true = INVOKER (the application thread drives the engine).
     *
     * @return true for INVOKER, false for DEDICATED.
     */
    public boolean invoker()
    {
        return invoker;
    }

    /**
     * Set Monocoque's engine threading.
     *
     * @param invoker true for INVOKER, false for DEDICATED.
     * @return this.
     */
    public LatencyConfig invoker(final boolean invoker)
    {
        this.invoker = invoker;
        return this;
    }

    /**
     * Longest wait for a peer or for a reply, ms.
     *
     * @return milliseconds.
     */
    public long timeoutMs()
    {
        return timeoutMs;
    }

    /**
     * Set the longest wait for a peer or for a reply.
     *
     * @param timeoutMs milliseconds.
     * @return this.
     */
    public LatencyConfig timeoutMs(final long timeoutMs)
    {
        this.timeoutMs = timeoutMs;
        return this;
    }

    /**
     * Length of an interval in the .hlog, ms.
     *
     * @return milliseconds, or {@link LatencyRecorder#AUTO_INTERVAL} (the default) to choose it from the expected
     * duration.
     */
    public long intervalMs()
    {
        return intervalMs;
    }

    /**
     * Set the length of an interval in the .hlog.
     *
     * @param intervalMs milliseconds.
     * @return this.
     */
    public LatencyConfig intervalMs(final long intervalMs)
    {
        this.intervalMs = intervalMs;
        return this;
    }

    /**
     * Where result files go.
     *
     * @return the directory.
     */
    public Path out()
    {
        return out;
    }

    /**
     * Set where result files go.
     *
     * @param out the directory.
     * @return this.
     */
    public LatencyConfig out(final Path out)
    {
        this.out = out;
        return this;
    }

    /**
     * Transport name (tcp).
     *
     * @return the name.
     */
    public String transport()
    {
        return transport;
    }

    /**
     * Set the transport name.
     *
     * @param transport the name, e.g. "tcp".
     * @return this.
     */
    public LatencyConfig transport(final String transport)
    {
        this.transport = transport;
        return this;
    }

    /**
     * Whether each implementation's idle strategy is chosen for the machine ({@code --idle auto} or none given).
     *
     * @return true if no strategy was chosen.
     */
    public boolean idleIsAuto()
    {
        return idle == null || idle == Idle.AUTO;
    }

    /**
     * The idle strategy of an implementation: the one chosen on the command line, or its default
     * ({@link Impl#defaultIdle()}).
     *
     * @param impl the implementation.
     * @return the strategy.
     */
    public Idle idleFor(final Impl impl)
    {
        return idleIsAuto() ? impl.defaultIdle() : idle;
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

    /**
     * The command line that ran the benchmark, for the summary and the report.
     *
     * @return the command, or null if not given.
     */
    public String commandLine()
    {
        return commandLine;
    }

    /**
     * Set the command line that ran the benchmark.
     *
     * @param commandLine the command as typed.
     * @return this.
     */
    public LatencyConfig commandLine(final String commandLine)
    {
        this.commandLine = commandLine;
        return this;
    }

    /**
     * An implementation's version, for the summary and the report.
     *
     * @param impl the implementation.
     * @return its version, or null if not known.
     */
    public String version(final Impl impl)
    {
        return versions.get(impl);
    }

    /**
     * Set an implementation's version.
     *
     * @param impl    the implementation.
     * @param version its version.
     * @return this.
     */
    public LatencyConfig version(final Impl impl, final String version)
    {
        versions.put(impl, version);
        return this;
    }
}
