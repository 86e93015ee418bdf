package io.monocoque.hdr.model;

import java.util.ArrayList;
import java.util.List;

import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * Extracts report numbers from an HdrHistogram {@link AbstractHistogram}, converting values to microseconds.
 *
 * <p>Thread-safety: stateless; safe from any thread, as long as the histogram passed in is not being modified
 * concurrently (HdrHistogram's own rule for reading a histogram).
 */
public final class HistogramStats
{
    /** The percentile iteration density HdrHistogram's {@code outputPercentileDistribution} uses by default. */
    public static final int DEFAULT_TICKS_PER_HALF_DISTANCE = 5;

    private HistogramStats()
    {
    }

    /**
     * Iterates the histogram's percentiles as {@code outputPercentileDistribution} does: each point's value is
     * {@code getValueIteratedTo()} (the highest value equivalent to the bucket reached) and its percentile is
     * {@code getPercentileLevelIteratedTo()}; the last point is at 100%.
     *
     * @param histogram            the histogram
     * @param ticksPerHalfDistance iteration density (5 is HdrHistogram's default)
     * @param recordedUnit         the unit the values were recorded in
     * @return the points in microseconds; empty for an empty histogram
     */
    public static List<PercentilePoint> percentilePoints(
        final AbstractHistogram histogram, final int ticksPerHalfDistance, final ValueUnit recordedUnit)
    {
        final List<PercentilePoint> points = new ArrayList<>();
        if (histogram.getTotalCount() == 0)
        {
            return points;
        }
        for (final HistogramIterationValue value : histogram.percentiles(ticksPerHalfDistance))
        {
            points.add(new PercentilePoint(
                Math.min(100.0, value.getPercentileLevelIteratedTo()),
                recordedUnit.toMicros(value.getValueIteratedTo())));
        }
        return points;
    }

    /**
     * Computes the exact summary statistics of the histogram ({@code getValueAtPercentile}, {@code getMaxValue},
     * {@code getMean}, {@code getTotalCount}).
     *
     * @param histogram    the histogram
     * @param recordedUnit the unit the values were recorded in
     * @return the summary in microseconds; {@link SummaryStats#EMPTY} for an empty histogram
     */
    public static SummaryStats summary(final AbstractHistogram histogram, final ValueUnit recordedUnit)
    {
        if (histogram.getTotalCount() == 0)
        {
            return SummaryStats.EMPTY;
        }
        return new SummaryStats(
            at(histogram, 50.0, recordedUnit),
            at(histogram, 90.0, recordedUnit),
            at(histogram, 99.0, recordedUnit),
            at(histogram, 99.9, recordedUnit),
            at(histogram, 99.99, recordedUnit),
            recordedUnit.toMicros(histogram.getMaxValue()),
            recordedUnit.toMicros(histogram.getMean()),
            histogram.getTotalCount());
    }

    /**
     * Computes one interval's statistics.
     *
     * @param startSeconds  the interval's start in seconds since the start of the log
     * @param lengthSeconds the interval's length in seconds
     * @param histogram     the interval's histogram
     * @param recordedUnit  the unit the values were recorded in
     * @return the interval statistics in microseconds (NaN percentiles for an empty interval)
     */
    public static IntervalStats interval(
        final double startSeconds,
        final double lengthSeconds,
        final AbstractHistogram histogram,
        final ValueUnit recordedUnit)
    {
        final long count = histogram.getTotalCount();
        if (count == 0)
        {
            return new IntervalStats(startSeconds, lengthSeconds, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        return new IntervalStats(
            startSeconds,
            lengthSeconds,
            count,
            at(histogram, 50.0, recordedUnit),
            at(histogram, 99.0, recordedUnit),
            at(histogram, 99.9, recordedUnit),
            recordedUnit.toMicros(histogram.getMaxValue()));
    }

    private static double at(final AbstractHistogram histogram, final double percentile, final ValueUnit unit)
    {
        return unit.toMicros(histogram.getValueAtPercentile(percentile));
    }
}
