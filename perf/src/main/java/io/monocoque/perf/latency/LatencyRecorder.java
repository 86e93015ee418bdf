package io.monocoque.perf.latency;

import org.HdrHistogram.Histogram;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Records latencies (ns) of one implementation into a total histogram and into consecutive interval histograms
 * (for the HdrHistogram interval log), across all rounds of a run. One thread. Interval histograms come from a
 * pool allocated up front, so recording allocates nothing until a run outlasts the pool (then one histogram per
 * interval, never per value).
 */
public final class LatencyRecorder
{
    /** Largest value tracked: one hour in ns; larger values are recorded as this. */
    public static final long HIGHEST_TRACKABLE_NS = TimeUnit.HOURS.toNanos(1);
    /** Value precision. */
    public static final int SIGNIFICANT_DIGITS = 3;

    private final Histogram total = newHistogram();
    private final List<Histogram> intervals = new ArrayList<>();
    private final ArrayDeque<Histogram> pool = new ArrayDeque<>();
    private final long intervalNs;
    private Histogram current;
    private long intervalStartNs;
    private boolean recording;
    private long startMs;
    private long warmupRun;

    /**
     * Create a recorder.
     *
     * @param intervalMs   length of an interval.
     * @param expectedIntervals intervals to preallocate.
     */
    public LatencyRecorder(final long intervalMs, final int expectedIntervals)
    {
        this.intervalNs = TimeUnit.MILLISECONDS.toNanos(intervalMs);
        for (int i = 0; i < expectedIntervals + 1; i++)
        {
            pool.add(newHistogram());
        }
    }

    private static Histogram newHistogram()
    {
        return new Histogram(HIGHEST_TRACKABLE_NS, SIGNIFICANT_DIGITS);
    }

    /**
     * Start recording (the start of a round's measurement).
     *
     * @param nowNs {@code System.nanoTime()}.
     */
    public void begin(final long nowNs)
    {
        final long nowMs = System.currentTimeMillis();
        if (startMs == 0)
        {
            startMs = nowMs;
            total.setStartTimeStamp(nowMs);
        }
        current = take();
        current.setStartTimeStamp(nowMs);
        intervalStartNs = nowNs;
        recording = true;
    }

    /**
     * Record one latency.
     *
     * @param latencyNs the value; clamped to [0, {@link #HIGHEST_TRACKABLE_NS}].
     * @param nowNs     {@code System.nanoTime()} at the time of recording (closes intervals as they pass).
     */
    public void record(final long latencyNs, final long nowNs)
    {
        if (nowNs - intervalStartNs >= intervalNs)
        {
            rotate(nowNs);
        }
        final long value = latencyNs < 0 ? 0 : Math.min(latencyNs, HIGHEST_TRACKABLE_NS);
        total.recordValue(value);
        current.recordValue(value);
    }

    private void rotate(final long nowNs)
    {
        final long nowMs = System.currentTimeMillis();
        current.setEndTimeStamp(nowMs);
        intervals.add(current);
        current = take();
        current.setStartTimeStamp(nowMs);
        intervalStartNs = nowNs;
    }

    private Histogram take()
    {
        final Histogram histogram = pool.poll();
        if (histogram == null)
        {
            return newHistogram();
        }
        histogram.reset();
        return histogram;
    }

    /**
     * Stop recording (the end of a round's measurement): the current interval closes.
     */
    public void end()
    {
        if (!recording)
        {
            return;
        }
        recording = false;
        final long nowMs = System.currentTimeMillis();
        current.setEndTimeStamp(nowMs);
        total.setEndTimeStamp(nowMs);
        if (current.getTotalCount() > 0)
        {
            intervals.add(current);
        }
        else
        {
            pool.add(current);
        }
        current = null;
    }

    /**
     * Count unrecorded warm-up round trips run before a measured phase. The measuring thread.
     *
     * @param roundTrips how many ran.
     */
    public void warmedUp(final long roundTrips)
    {
        warmupRun += roundTrips;
    }

    /**
     * Warm-up round trips run in all rounds (the minimum asked, and more while the JIT was still compiling).
     *
     * @return the count.
     */
    public long warmupRun()
    {
        return warmupRun;
    }

    /**
     * Every value recorded.
     *
     * @return the total histogram (ns).
     */
    public Histogram total()
    {
        return total;
    }

    /**
     * The closed intervals, in order.
     *
     * @return the interval histograms (ns), with start and end timestamps (ms since the epoch).
     */
    public List<Histogram> intervals()
    {
        return intervals;
    }

    /**
     * Wall-clock time of the first {@link #begin}.
     *
     * @return ms since the epoch, 0 if never begun.
     */
    public long startMs()
    {
        return startMs;
    }
}
