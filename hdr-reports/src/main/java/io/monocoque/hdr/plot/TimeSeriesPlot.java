package io.monocoque.hdr.plot;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

import io.monocoque.hdr.markup.Numbers;
import io.monocoque.hdr.model.IntervalStats;
import io.monocoque.hdr.model.LatencyRun;

/**
 * Draws latency over time from interval logs as an SVG: for every run that has a time series, its per-interval
 * p99 (solid), p99.9 (dash-dotted), maximum (dashed) and median (dotted) in the run's colour, against seconds since
 * the start of its log (each interval is drawn at its start). The value axis is logarithmic (1-2-5 ticks per decade),
 * so medians stay readable next to maxima that are often a hundred times larger. Intervals that recorded nothing are
 * skipped, and a pause between intervals (another run measured in between) breaks the lines rather than joining
 * across it. Runs without a time series keep their colour slot but draw nothing.
 *
 * <p>Each line is a {@code <polyline class="series" data-run="INDEX" data-stat="p99|p99.9|max|p50">}; its vertices
 * can be read back with {@link Layout#x()}{@code .fromPixel} and {@link Layout#valueAt(double)}.
 *
 * <p>Thread-safety: immutable; safe from any thread.
 */
public final class TimeSeriesPlot
{
    /** Default SVG width in pixels. */
    public static final int DEFAULT_WIDTH = 980;
    /** Default SVG height in pixels. */
    public static final int DEFAULT_HEIGHT = 420;

    /** A pause longer than this fraction of the interval before it breaks the lines. */
    private static final double GAP_FRACTION = 0.5;
    /** Intervals shorter than this (or of unknown length) are taken to be this long when looking for pauses. */
    private static final double MIN_GAP_SECONDS = 0.001;

    private static final String[][] STATS = {
        {"p99", "", "2"},
        {"p99.9", "5 2 1 2", "1.5"},
        {"max", "7 4", "1.3"},
        {"p50", "2 3", "1.6"},
    };

    private final PlotFrame frame;

    /** Creates a plot of the default size. */
    public TimeSeriesPlot()
    {
        this(DEFAULT_WIDTH, DEFAULT_HEIGHT);
    }

    /**
     * Creates a plot of the given size.
     *
     * @param width  SVG width in pixels
     * @param height SVG height in pixels
     * @throws IllegalArgumentException if the size leaves too little room to plot
     */
    public TimeSeriesPlot(final int width, final int height)
    {
        this.frame = new PlotFrame(width, height);
    }

    /**
     * The axes chosen for a set of runs.
     *
     * @param x      maps seconds to pixels
     * @param y      maps {@code log10(value)} to pixels
     * @param xScale the time axis scale
     * @param yScale the (logarithmic) value axis scale
     */
    public record Layout(LinearMap x, LinearMap y, NiceScale xScale, LogScale yScale)
    {
        /**
         * Returns the pixel row of a value.
         *
         * @param value the value (at or below the axis minimum it is drawn at the minimum)
         * @return the y pixel
         */
        public double pixelOf(final double value)
        {
            return yScale.toPixel(y, value);
        }

        /**
         * Returns the value drawn at a pixel row.
         *
         * @param pixel the y pixel
         * @return the value
         */
        public double valueAt(final double pixel)
        {
            return yScale.fromPixel(y, pixel);
        }
    }

    /**
     * Chooses the axes for {@code runs}: time from the earliest interval start (or 0) to the latest interval end,
     * values from the power of ten below the smallest positive interval median to the one above the largest
     * interval maximum.
     *
     * @param runs the runs to plot
     * @return the axes
     */
    public Layout layout(final List<LatencyRun> runs)
    {
        double minTime = 0;
        double maxTime = 0;
        double maxValue = 0;
        double minValue = Double.POSITIVE_INFINITY;
        for (final LatencyRun run : runs)
        {
            for (final IntervalStats interval : run.intervals())
            {
                minTime = Math.min(minTime, interval.startSeconds());
                maxTime = Math.max(maxTime, interval.startSeconds() + interval.lengthSeconds());
                if (interval.hasValues())
                {
                    maxValue = Math.max(maxValue, Math.max(interval.max(), Math.max(interval.p99(), interval.p50())));
                    for (final double value : new double[] {interval.p50(), interval.p99(), interval.p999(),
                        interval.max()})
                    {
                        if (value > 0)
                        {
                            minValue = Math.min(minValue, value);
                        }
                    }
                }
            }
        }
        final NiceScale xScale = NiceScale.of(minTime, maxTime, 8);
        final LogScale yScale = LogScale.of(minValue, maxValue);
        return new Layout(new LinearMap(xScale.min(), xScale.max(), frame.plotLeft(), frame.plotRight()),
            yScale.map(frame.plotBottom(), frame.plotTop()), xScale, yScale);
    }

    /**
     * Renders the plot.
     *
     * @param runs the runs, in report order (colours follow {@link Palette})
     * @return a standalone {@code <svg>} element
     */
    public String render(final List<LatencyRun> runs)
    {
        final Layout layout = layout(runs);
        final String unit = runs.isEmpty() ? "" : runs.get(0).unit();
        final SvgCanvas canvas = new SvgCanvas(frame.width(), frame.height(), "Latency over time", "timeseries");
        frame.drawTitle(canvas, "Latency over time (per interval)");
        frame.drawLogYAxis(canvas, layout.yScale(), layout.y(), "Latency (" + unit + ", log scale)");
        final List<Double> ticks = layout.xScale().ticks();
        final double[] pixels = new double[ticks.size()];
        final List<String> labels = new ArrayList<>();
        for (int i = 0; i < ticks.size(); i++)
        {
            pixels[i] = layout.x().toPixel(ticks.get(i));
            labels.add(Numbers.tick(ticks.get(i), layout.xScale().step()));
        }
        frame.drawXTicks(canvas, pixels, labels, "Time since start of log (s)");
        frame.drawAxes(canvas);
        final Legend legend = new Legend();
        // Names too long for the margin are listed in full under the plot by the report (as for the spectrum).
        final boolean namesInTable = SpectrumPlot.needsLegendTable(runs);
        boolean anyData = false;
        for (int i = 0; i < runs.size(); i++)
        {
            final LatencyRun run = runs.get(i);
            if (!run.hasTimeSeries())
            {
                continue;
            }
            if (!namesInTable)
            {
                legend.add(Palette.color(i), null, run.name());
            }
            anyData |= drawRun(canvas, layout, run, i);
        }
        if (!anyData)
        {
            frame.drawNoData(canvas, "no interval log among the inputs");
        }
        else
        {
            if (!namesInTable)
            {
                legend.heading("");
            }
            for (final String[] stat : STATS)
            {
                legend.add("#666666", stat[1], stat[0]);
            }
        }
        legend.draw(canvas, frame);
        return canvas.finish();
    }

    private static boolean drawRun(final SvgCanvas canvas, final Layout layout, final LatencyRun run, final int index)
    {
        final List<ToDoubleFunction<IntervalStats>> getters =
            List.of(IntervalStats::p99, IntervalStats::p999, IntervalStats::max, IntervalStats::p50);
        boolean drew = false;
        for (int s = 0; s < STATS.length; s++)
        {
            List<double[]> points = new ArrayList<>();
            IntervalStats previous = null;
            for (final IntervalStats interval : run.intervals())
            {
                if (!interval.hasValues())
                {
                    continue;
                }
                if (previous != null && isGap(previous, interval))
                {
                    drew |= drawSegment(canvas, points, run, index, s); // not measured in between: no line across
                    points = new ArrayList<>();
                }
                points.add(new double[] {
                    layout.x().toPixel(interval.startSeconds()),
                    layout.pixelOf(getters.get(s).applyAsDouble(interval))});
                previous = interval;
            }
            drew |= drawSegment(canvas, points, run, index, s);
        }
        return drew;
    }

    /**
     * Whether nothing was measured between two intervals (another implementation's round ran in between, say): the
     * next one starts more than half an interval after the previous one ended.
     */
    private static boolean isGap(final IntervalStats previous, final IntervalStats next)
    {
        final double end = previous.startSeconds() + previous.lengthSeconds();
        return next.startSeconds() - end > GAP_FRACTION * Math.max(previous.lengthSeconds(), MIN_GAP_SECONDS);
    }

    private static boolean drawSegment(final SvgCanvas canvas, final List<double[]> points, final LatencyRun run,
        final int index, final int stat)
    {
        if (points.isEmpty())
        {
            return false;
        }
        final String color = Palette.color(index);
        canvas.polyline(points, color, Double.parseDouble(STATS[stat][2]), STATS[stat][1],
            "data-run=\"" + index + "\" data-stat=\"" + STATS[stat][0] + "\"", run.name() + " " + STATS[stat][0]);
        if (points.size() == 1)
        {
            canvas.circle(points.get(0)[0], points.get(0)[1], 3, color);
        }
        return true;
    }
}
