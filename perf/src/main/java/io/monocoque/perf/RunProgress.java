package io.monocoque.perf;

/**
 * Where a benchmark run reports how far it is: the phase it is in and the units of work done in that phase. A
 * front end shows it (the command line draws a progress line on stderr); the scenarios only report.
 * <p>
 * {@link #phase} is called by the thread that runs the benchmark, between measurements; {@link #update} by the
 * measuring thread inside the measured loop, so implementations must not block or allocate there (a release
 * store of the count is the expected cost).
 */
public interface RunProgress
{
    /** Reports to nobody: for runs whose progress nobody watches, and for tests. */
    RunProgress NONE = new RunProgress()
    {
        @Override
        public void phase(final String label, final long total)
        {
        }

        @Override
        public void update(final long units)
        {
        }
    };

    /**
     * Begin a phase; called by the benchmark thread between measurements.
     *
     * @param label what is running, e.g. "monocoque round 1/3 measuring".
     * @param total units of work in the phase.
     */
    void phase(String label, long total);

    /**
     * Report progress within the phase; called by the measuring thread on its hot path, so it must neither block
     * nor allocate.
     *
     * @param units units done so far in the phase.
     */
    void update(long units);
}
