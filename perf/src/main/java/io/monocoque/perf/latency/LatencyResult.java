package io.monocoque.perf.latency;

/**
 * What one implementation measured in a {@code bench latency} invocation (all its rounds).
 */
public final class LatencyResult
{
    private final Impl impl;
    private final LatencyRecorder recorder;
    private final String threading;

    LatencyResult(final Impl impl, final LatencyRecorder recorder, final String threading)
    {
        this.impl = impl;
        this.recorder = recorder;
        this.threading = threading;
    }

    /**
     * The implementation.
     *
     * @return it.
     */
    public Impl impl()
    {
        return impl;
    }

    /**
     * Its histograms.
     *
     * @return the recorder.
     */
    public LatencyRecorder recorder()
    {
        return recorder;
    }

    /**
     * How it ran: threading mode, idle strategy, threads.
     *
     * @return the description.
     */
    public String threading()
    {
        return threading;
    }
}
