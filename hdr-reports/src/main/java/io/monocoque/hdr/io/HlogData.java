package io.monocoque.hdr.io;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.monocoque.hdr.model.HistogramStats;
import io.monocoque.hdr.model.IntervalStats;
import io.monocoque.hdr.model.LatencyRun;
import io.monocoque.hdr.model.ValueUnit;
import org.HdrHistogram.Histogram;

/**
 * What {@link HlogReader} extracts from an interval log ({@code .hlog}): the statistics of each interval and the
 * histogram of all intervals added together, both in the unit the log's histograms were recorded in.
 *
 * <p>The interval histograms themselves are not kept (a long log holds thousands of them).
 *
 * <p>Thread-safety: immutable ({@link #accumulated()} returns a copy); safe from any thread.
 */
public final class HlogData
{
    private final Histogram accumulated;
    private final List<IntervalStats> intervals;
    private final double startTimeSec;
    private final String tag;

    /**
     * Creates the data. The histogram is copied.
     *
     * @param accumulated  all selected intervals added together
     * @param intervals    per-interval statistics in the recorded unit, in log order
     * @param startTimeSec the log's start, in seconds since the epoch (NaN if unknown)
     * @param tag          the tag of the selected intervals, or {@code null} for untagged ones
     */
    public HlogData(
        final Histogram accumulated, final List<IntervalStats> intervals, final double startTimeSec,
        final String tag)
    {
        this.accumulated = Objects.requireNonNull(accumulated, "accumulated").copy();
        this.intervals = List.copyOf(intervals);
        this.startTimeSec = startTimeSec;
        this.tag = tag;
    }

    /**
     * Returns a copy of the histogram of all selected intervals added together.
     *
     * @return a new histogram the caller may modify
     */
    public Histogram accumulated()
    {
        return accumulated.copy();
    }

    /**
     * Returns the per-interval statistics in the recorded unit; start times are seconds since the log's start.
     *
     * @return an unmodifiable list in log order
     */
    public List<IntervalStats> intervals()
    {
        return intervals;
    }

    /**
     * Returns the log's start time from its {@code #[StartTime: ...]} header, or from its first interval when the
     * header is missing.
     *
     * @return seconds since the epoch, or NaN if the log has neither
     */
    public double startTimeSec()
    {
        return startTimeSec;
    }

    /**
     * Returns the tag of the intervals that were read.
     *
     * @return the tag, or empty for untagged intervals
     */
    public Optional<String> tag()
    {
        return Optional.ofNullable(tag);
    }

    /**
     * Converts the log into a report run: the accumulated histogram's percentile spectrum and exact summary, plus
     * the per-interval p50/p99/p99.9/max series, all converted from {@code recordedUnit} to microseconds.
     *
     * @param name         the run's display name
     * @param recordedUnit the unit the histograms were recorded in (our harness records nanoseconds)
     * @return the run
     */
    public LatencyRun toRun(final String name, final ValueUnit recordedUnit)
    {
        final List<IntervalStats> series = new ArrayList<>(intervals.size());
        for (final IntervalStats raw : intervals)
        {
            series.add(new IntervalStats(
                raw.startSeconds(),
                raw.lengthSeconds(),
                raw.count(),
                recordedUnit.toMicros(raw.p50()),
                recordedUnit.toMicros(raw.p99()),
                recordedUnit.toMicros(raw.p999()),
                recordedUnit.toMicros(raw.max())));
        }
        return new LatencyRun(
            name,
            ValueUnit.REPORT_UNIT,
            HistogramStats.percentilePoints(
                accumulated, HistogramStats.DEFAULT_TICKS_PER_HALF_DISTANCE, recordedUnit),
            HistogramStats.summary(accumulated, recordedUnit),
            series);
    }
}
