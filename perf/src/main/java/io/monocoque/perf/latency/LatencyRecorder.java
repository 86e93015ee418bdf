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
 * <p>
 * The interval length is fixed at construction, or, for {@link #AUTO_INTERVAL}, chosen once from the run's expected
 * duration before its first measured value ({@link #sizeIntervals}): about {@value #TARGET_INTERVALS} intervals per
 * run, so that a latency-over-time plot of a run of a few seconds shows how latency moved, not three points.
 */
public final class LatencyRecorder
{
    /** Largest value tracked: one hour in ns; larger values are recorded as this. */
    public static final long HIGHEST_TRACKABLE_NS = TimeUnit.HOURS.toNanos(1);
    /** Value precision. */
    public static final int SIGNIFICANT_DIGITS = 3;
    /** Interval length meaning "choose from the expected duration" ({@link #sizeIntervals}). */
    public static final long AUTO_INTERVAL = 0;
    /** Intervals a run of the expected duration is cut into when the length is chosen. */
    public static final int TARGET_INTERVALS = 25;
    /** Shortest chosen interval: below it, each interval holds too few values to have a p99.9. */
    public static final long MIN_AUTO_INTERVAL_MS = 10;
    /** Longest chosen interval, the length HdrHistogram's own tools default to. */
    public static final long MAX_AUTO_INTERVAL_MS = 1_000;
    /** Most intervals preallocated (each histogram takes about 270 KiB). */
    private static final int MAX_PREALLOCATED = 1024;

    private final Histogram total = newHistogram();
    private final List<Histogram> intervals = new ArrayList<>();
    private final ArrayDeque<Histogram> pool = new ArrayDeque<>();
    private long intervalNs;
    private Histogram current;
    private long intervalStartNs;
    private boolean recording;
    private long startMs;
    private long warmupRun;

    /**
     * Create a recorder.
     *
     * @param intervalMs   length of an interval, or {@link #AUTO_INTERVAL} to choose it with {@link #sizeIntervals}.
     * @param expectedIntervals intervals to preallocate.
     */
    public LatencyRecorder(final long intervalMs, final int expectedIntervals)
    {
        this.intervalNs = TimeUnit.MILLISECONDS.toNanos(intervalMs);
        preallocate(expectedIntervals + 1);
    }

    private void preallocate(final int histograms)
    {
        while (pool.size() < Math.min(histograms, MAX_PREALLOCATED))
        {
            pool.add(newHistogram());
        }
    }

    /**
     * If the interval is {@link #AUTO_INTERVAL} and not chosen yet, choose it for a run expected to last
     * {@code expectedNs} (all its rounds): a 1-2-5 number of milliseconds near a {@value #TARGET_INTERVALS}th of it,
     * between {@value #MIN_AUTO_INTERVAL_MS} and {@value #MAX_AUTO_INTERVAL_MS} ms, and preallocate the intervals.
     * Before the first {@link #begin}.
     *
     * @param expectedNs the expected measured duration.
     */
    public void sizeIntervals(final long expectedNs)
    {
        if (intervalNs != AUTO_INTERVAL)
        {
            return;
        }
        final long intervalMs = chooseIntervalMs(expectedNs);
        intervalNs = TimeUnit.MILLISECONDS.toNanos(intervalMs);
        preallocate((int)Math.min(MAX_PREALLOCATED, TimeUnit.NANOSECONDS.toMillis(expectedNs) / intervalMs + 4));
    }

    /**
     * The interval {@link #sizeIntervals} chooses for a run expected to last {@code expectedNs}.
     *
     * @param expectedNs the expected duration.
     * @return milliseconds.
     */
    public static long chooseIntervalMs(final long expectedNs)
    {
        final double target = Math.max(1, expectedNs / 1e6 / TARGET_INTERVALS);
        final double power = Math.pow(10, Math.floor(Math.log10(target)));
        final double mantissa = target / power;
        final double nice = (mantissa >= 5 ? 5 : mantissa >= 2 ? 2 : 1) * power;
        return Math.max(MIN_AUTO_INTERVAL_MS, Math.min(MAX_AUTO_INTERVAL_MS, Math.round(nice)));
    }

    /**
     * Whether the interval length is known: given, or chosen by {@link #sizeIntervals}.
     *
     * @return true once known.
     */
    public boolean isIntervalChosen()
    {
        return intervalNs != AUTO_INTERVAL;
    }

    /**
     * The interval length.
     *
     * @return milliseconds ({@link #AUTO_INTERVAL} until chosen).
     */
    public long intervalMs()
    {
        return TimeUnit.NANOSECONDS.toMillis(intervalNs);
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
        if (intervalNs == AUTO_INTERVAL)
        {
            sizeIntervals(TimeUnit.SECONDS.toNanos(TARGET_INTERVALS)); // nothing known: one-second intervals
        }
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
