package io.monocoque.hdr.io;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.monocoque.hdr.model.LatencyRun;
import io.monocoque.hdr.model.PercentilePoint;
import io.monocoque.hdr.model.SummaryStats;
import io.monocoque.hdr.model.ValueUnit;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * The contents of a percentile distribution file ({@code .hgrm}), the text that HdrHistogram's
 * {@code Histogram.outputPercentileDistribution} writes, in its plain or CSV form.
 *
 * <p>It keeps everything needed to write the file back byte for byte ({@link HgrmWriter}): the lines, the number of
 * decimals of the value column (HdrHistogram uses the histogram's number of significant value digits), the format
 * and the footer.
 *
 * <p>Thread-safety: immutable; safe from any thread.
 */
public final class HgrmFile
{
    private final List<HgrmLine> lines;
    private final int valueDecimals;
    private final boolean csv;
    private final HgrmFooter footer;

    /**
     * Creates the file contents.
     *
     * @param lines         the data lines in file order
     * @param valueDecimals decimals of the value column (0 to 15)
     * @param csv           {@code true} for the CSV form (which has no footer)
     * @param footer        the footer, or {@code null} if the file has none
     * @throws IllegalArgumentException if {@code valueDecimals} is out of range
     */
    public HgrmFile(final List<HgrmLine> lines, final int valueDecimals, final boolean csv, final HgrmFooter footer)
    {
        if (valueDecimals < 0 || valueDecimals > 15)
        {
            throw new IllegalArgumentException("valueDecimals must be in [0, 15]: " + valueDecimals);
        }
        this.lines = List.copyOf(Objects.requireNonNull(lines, "lines"));
        this.valueDecimals = valueDecimals;
        this.csv = csv;
        this.footer = footer;
    }

    /**
     * Builds what {@code histogram.outputPercentileDistribution(out, ticksPerHalfDistance, scalingRatio, csv)} would
     * write, without going through text.
     *
     * @param histogram            the histogram (not modified; do not modify it concurrently)
     * @param ticksPerHalfDistance percentile iteration density (HdrHistogram's default is 5)
     * @param scalingRatio         HdrHistogram's {@code outputValueUnitScalingRatio}: values are divided by it
     * @param csv                  {@code true} for the CSV form
     * @return the file contents
     */
    public static HgrmFile fromHistogram(
        final AbstractHistogram histogram, final int ticksPerHalfDistance, final double scalingRatio,
        final boolean csv)
    {
        final List<HgrmLine> lines = new ArrayList<>();
        for (final HistogramIterationValue value : histogram.percentiles(ticksPerHalfDistance))
        {
            final double level = value.getPercentileLevelIteratedTo();
            lines.add(new HgrmLine(
                value.getValueIteratedTo() / scalingRatio,
                level / 100.0D,
                value.getTotalCountToThisValue(),
                level != 100.0D ? 1 / (1.0D - (level / 100.0D)) : Double.POSITIVE_INFINITY));
        }
        final HgrmFooter footer = csv ? null : new HgrmFooter(
            histogram.getMean() / scalingRatio,
            histogram.getStdDeviation() / scalingRatio,
            histogram.getMaxValue() / scalingRatio,
            histogram.getTotalCount(),
            HistogramLayout.bucketCount(histogram),
            HistogramLayout.subBucketCount(histogram));
        return new HgrmFile(lines, histogram.getNumberOfSignificantValueDigits(), csv, footer);
    }

    /**
     * Returns the data lines in file order.
     *
     * @return an unmodifiable list
     */
    public List<HgrmLine> lines()
    {
        return lines;
    }

    /**
     * Returns the number of decimals of the value column.
     *
     * @return 0 to 15
     */
    public int valueDecimals()
    {
        return valueDecimals;
    }

    /**
     * Tells whether the file is in HdrHistogram's CSV form.
     *
     * @return {@code true} for CSV
     */
    public boolean csv()
    {
        return csv;
    }

    /**
     * Returns the footer, which plain-text files have and CSV files do not.
     *
     * @return the footer if present
     */
    public Optional<HgrmFooter> footer()
    {
        return Optional.ofNullable(footer);
    }

    /**
     * Returns the number of recorded values: the footer's total count, else the last line's cumulative count.
     *
     * @return the total count (0 for an empty distribution)
     */
    public long totalCount()
    {
        if (footer != null)
        {
            return footer.totalCount();
        }
        return lines.isEmpty() ? 0 : lines.get(lines.size() - 1).totalCount();
    }

    /**
     * Returns the value at {@code percent}, as written in the file. When the level is one of the file's lines this
     * is what {@code getValueAtPercentile} returned; otherwise it is the value of the first line whose cumulative
     * count reaches {@code percent} of the total, an upper bound no higher than the next listed level's value (the
     * file does not hold the buckets in between).
     *
     * @param percent the percentile level in percent (0 to 100)
     * @return the value, or NaN for an empty distribution
     */
    public double valueAtPercent(final double percent)
    {
        final long total = totalCount();
        if (lines.isEmpty() || total == 0)
        {
            return Double.NaN;
        }
        final long target = Math.max(1, (long)Math.ceil(Math.nextDown(percent) / 100.0 * total));
        for (final HgrmLine line : lines)
        {
            if (line.totalCount() >= target)
            {
                return line.value();
            }
        }
        return lines.get(lines.size() - 1).value();
    }

    /**
     * Converts the distribution into a report run. Values are converted from {@code writtenUnit} to microseconds
     * (with {@link ValueUnit#MICROSECONDS} they are taken as written). Percentiles not listed in the file are
     * estimated as {@link #valueAtPercent(double)} describes; the maximum and mean come from the footer (the mean is
     * NaN for CSV files, the maximum then is the last line's value).
     *
     * @param name        the run's display name
     * @param writtenUnit the unit of the value column
     * @return the run, without a time series
     */
    public LatencyRun toRun(final String name, final ValueUnit writtenUnit)
    {
        final List<PercentilePoint> points = new ArrayList<>(lines.size());
        for (final HgrmLine line : lines)
        {
            points.add(new PercentilePoint(Math.min(100.0, line.percent()), writtenUnit.toMicros(line.value())));
        }
        return new LatencyRun(name, ValueUnit.REPORT_UNIT, points, summary(writtenUnit), List.of());
    }

    private SummaryStats summary(final ValueUnit unit)
    {
        final long total = totalCount();
        if (total == 0 || lines.isEmpty())
        {
            return SummaryStats.EMPTY;
        }
        final double max = footer != null ? footer.max() : lines.get(lines.size() - 1).value();
        final double mean = footer != null ? footer.mean() : Double.NaN;
        return new SummaryStats(
            unit.toMicros(valueAtPercent(50.0)),
            unit.toMicros(valueAtPercent(90.0)),
            unit.toMicros(valueAtPercent(99.0)),
            unit.toMicros(valueAtPercent(99.9)),
            unit.toMicros(valueAtPercent(99.99)),
            unit.toMicros(max),
            unit.toMicros(mean),
            total);
    }
}
