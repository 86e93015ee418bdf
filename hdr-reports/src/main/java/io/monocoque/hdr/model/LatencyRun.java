package io.monocoque.hdr.model;

import java.util.List;
import java.util.Objects;

import org.HdrHistogram.AbstractHistogram;

/**
 * One measured run as a report shows it: a name, the unit of its values, its percentile spectrum, its summary
 * statistics and, when it came from an interval log, its latency over time.
 *
 * <p>Instances are made by the readers ({@code HgrmFile.toRun}, {@code HlogData.toRun}), by
 * {@link #fromHistogram(String, AbstractHistogram, ValueUnit)}, or directly for data from elsewhere.
 *
 * <p>Thread-safety: immutable (the lists are unmodifiable copies); safe from any thread.
 *
 * @param name      the run's display name (not blank)
 * @param unit      the unit label of every value, e.g. {@code µs}
 * @param points    the percentile spectrum, in non-decreasing percentile order (may be empty)
 * @param summary   the headline numbers
 * @param intervals the per-interval statistics in time order; empty when the run has no time series
 */
public record LatencyRun(String name, String unit, List<PercentilePoint> points, SummaryStats summary,
                         List<IntervalStats> intervals)
{
    /**
     * Validates the components and copies the lists.
     *
     * @param name see {@link #name()}
     * @param unit see {@link #unit()}
     * @param points see {@link #points()}
     * @param summary see {@link #summary()}
     * @param intervals see {@link #intervals()}
     * @throws NullPointerException if any component is null
     * @throws IllegalArgumentException if the name is blank or the points are not in percentile order
     */
    public LatencyRun
    {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(summary, "summary");
        points = List.copyOf(points);
        intervals = List.copyOf(intervals);
        if (name.isBlank())
        {
            throw new IllegalArgumentException("name must not be blank");
        }
        for (int i = 1; i < points.size(); i++)
        {
            if (points.get(i).percentile() < points.get(i - 1).percentile())
            {
                throw new IllegalArgumentException("points must be in percentile order (index " + i + ")");
            }
        }
    }

    /**
     * Makes a run from an in-memory histogram: its percentile spectrum (five ticks per half distance, as
     * HdrHistogram's {@code outputPercentileDistribution} uses) and exact summary statistics, converted to
     * microseconds. The histogram is only read; do not modify it concurrently.
     *
     * @param name         the run's display name
     * @param histogram    the recorded values
     * @param recordedUnit the unit the values were recorded in
     * @return the run, with no time series
     */
    public static LatencyRun fromHistogram(
        final String name, final AbstractHistogram histogram, final ValueUnit recordedUnit)
    {
        return new LatencyRun(
            name,
            ValueUnit.REPORT_UNIT,
            HistogramStats.percentilePoints(histogram, HistogramStats.DEFAULT_TICKS_PER_HALF_DISTANCE, recordedUnit),
            HistogramStats.summary(histogram, recordedUnit),
            List.of());
    }

    /**
     * Returns a copy of this run under another name.
     *
     * @param newName the new display name
     * @return the renamed run
     */
    public LatencyRun withName(final String newName)
    {
        return new LatencyRun(newName, unit, points, summary, intervals);
    }

    /**
     * Tells whether this run has a latency-over-time series.
     *
     * @return {@code true} if it has at least one interval
     */
    public boolean hasTimeSeries()
    {
        return !intervals.isEmpty();
    }
}
