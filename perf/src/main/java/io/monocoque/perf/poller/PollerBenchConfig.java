package io.monocoque.perf.poller;

/**
 * The settings of one {@code bench poller} invocation ({@link PollerBench}): fluent accessors, set by a front end and
 * then read by the benchmark thread. Defaults: 1, 10, 100 and 1,000 registered sockets; 3 repetitions; polls per
 * poll-call run chosen so each run takes about the same number of socket visits; 100,000 broker round trips with 100
 * in flight.
 */
public final class PollerBenchConfig
{
    /** Socket visits per poll-call run: polls = this / sockets, within the bounds below. */
    private static final long VISITS_PER_RUN = 20_000_000;
    private static final long MIN_POLLS = 2_000;
    private static final long MAX_POLLS = 1_000_000;

    private int[] socketCounts = {1, 10, 100, 1000};
    private int reps = 3;
    private long polls;
    private long roundTrips = 100_000;
    private int window = 100;
    private long timeoutMs = 120_000;

    /**
     * Numbers of sockets registered with the poller, one table row each.
     *
     * @return a copy of the counts.
     */
    public int[] socketCounts()
    {
        return socketCounts.clone();
    }

    /**
     * Set the numbers of registered sockets.
     *
     * @param counts each at least 1 (the broker runs register at least its two sockets).
     * @return this.
     */
    public PollerBenchConfig socketCounts(final int... counts)
    {
        this.socketCounts = counts.clone();
        return this;
    }

    /**
     * Repetitions of every run, interleaved; the tables show the median.
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
    public PollerBenchConfig reps(final int reps)
    {
        this.reps = reps;
        return this;
    }

    /**
     * Poll calls measured per poll-call run with this many sockets (after as many again of warm-up).
     *
     * @param sockets registered sockets.
     * @return the set count, or by default 20,000,000 socket visits' worth (2,000 to 1,000,000 polls).
     */
    public long pollsFor(final int sockets)
    {
        if (polls > 0)
        {
            return polls;
        }
        return Math.max(MIN_POLLS, Math.min(MAX_POLLS, VISITS_PER_RUN / sockets));
    }

    /**
     * Set the poll calls per run.
     *
     * @param polls at least 1; 0 for the default by socket count.
     * @return this.
     */
    public PollerBenchConfig polls(final long polls)
    {
        this.polls = polls;
        return this;
    }

    /**
     * Round trips measured per broker run (after a tenth as many of warm-up).
     *
     * @return the count.
     */
    public long roundTrips()
    {
        return roundTrips;
    }

    /**
     * Set the broker round trips.
     *
     * @param roundTrips at least 1; 0 skips the broker table.
     * @return this.
     */
    public PollerBenchConfig roundTrips(final long roundTrips)
    {
        this.roundTrips = roundTrips;
        return this;
    }

    /**
     * Requests the client keeps in flight through the broker.
     *
     * @return the window.
     */
    public int window()
    {
        return window;
    }

    /**
     * Set the requests in flight.
     *
     * @param window at least 1.
     * @return this.
     */
    public PollerBenchConfig window(final int window)
    {
        this.window = window;
        return this;
    }

    /**
     * Longest a run may take before it is abandoned as stuck.
     *
     * @return milliseconds.
     */
    public long timeoutMs()
    {
        return timeoutMs;
    }

    /**
     * Set the run timeout.
     *
     * @param timeoutMs milliseconds.
     * @return this.
     */
    public PollerBenchConfig timeoutMs(final long timeoutMs)
    {
        this.timeoutMs = timeoutMs;
        return this;
    }
}
