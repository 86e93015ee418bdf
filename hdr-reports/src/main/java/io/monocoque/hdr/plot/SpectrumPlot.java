package io.monocoque.hdr.plot;

import java.util.ArrayList;
import java.util.List;

import io.monocoque.hdr.markup.Numbers;
import io.monocoque.hdr.model.LatencyRun;
import io.monocoque.hdr.model.PercentilePoint;
import io.monocoque.hdr.model.SummaryStats;

/**
 * Draws the percentile spectrum of one or more runs as an SVG: one line per run, value against percentile on
 * HdrHistogram's log-scaled "1 − percentile" axis ({@link PercentileAxis}), with whole-decade ticks labelled 0%, 90%,
 * 99%, 99.9%, ... The axis spans at least five decades (to 99.999%) and more when a run reaches further. The 100% point
 * of a run (its maximum) is drawn at that run's highest finite percentile, so each line ends with a step up to its
 * maximum.
 *
 * <p>The value axis is linear from 0 ({@link ValueAxis#LINEAR}) or logarithmic between powers of ten around the
 * data ({@link ValueAxis#LOG}), which shows the body of a distribution and its tail on one plot; {@link
 * #preferredAxis(List)} chooses log when the values span more than {@value #LOG_AXIS_SPAN}× (two decades). Dashed
 * guides mark p50, p90, p99, p99.9 and p99.99, with each run's value there as a dot ({@code <circle
 * class="marker" data-run="INDEX" data-percentile="P">}).
 *
 * <p>Each run's line is a {@code <polyline class="series" data-run="INDEX">} whose vertices are exactly the run's
 * points mapped through {@link #layout(List)}, so the plotted values can be read back with
 * {@link Layout#x()}{@code .fromPixel} and {@link Layout#y()}{@code .fromPixel}.
 *
 * <p>Thread-safety: immutable; safe from any thread.
 */
public final class SpectrumPlot
{
    /** Default SVG width in pixels. */
    public static final int DEFAULT_WIDTH = 980;
    /** Default SVG height in pixels. */
    public static final int DEFAULT_HEIGHT = 480;
    /** The axis always reaches at least this many decades (99.999%). */
    public static final int MIN_DECADES = 5;
    /** Largest to smallest positive value beyond which {@link #preferredAxis} chooses a log value axis. */
    public static final double LOG_AXIS_SPAN = 100;
    /** Longest run name the legend in the plot's margin shows whole; longer ones go to a table under the plot. */
    public static final int LEGEND_NAME_CHARS = Legend.MAX_CHARS;
    /** The percentiles marked on the plot. */
    private static final double[] MARKED_PERCENTILES = {50, 90, 99, 99.9, 99.99};
    private static final String[] MARKER_LABELS = {"p50", "p90", "p99", "p99.9", "p99.99"};
    private static final String GUIDE = "#9a9a9a";

    /** How values map to the vertical axis. */
    public enum ValueAxis
    {
        /** Linear from 0. */
        LINEAR,
        /** Logarithmic between powers of ten around the data. */
        LOG
    }

    private final PlotFrame frame;

    /** Creates a plot of the default size. */
    public SpectrumPlot()
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
    public SpectrumPlot(final int width, final int height)
    {
        this.frame = new PlotFrame(width, height);
    }

    /**
     * The axes chosen for a set of runs.
     *
     * @param x        maps decades ({@link PercentileAxis#toDecades(double)}) to pixels
     * @param y        maps values to pixels on a linear axis, or {@code log10} of values on a log one
     * @param decades  how many decades the x axis spans
     * @param yScale   the linear y axis scale (also computed for a log axis)
     * @param logScale the log y axis scale, or null on a linear axis
     */
    public record Layout(LinearMap x, LinearMap y, int decades, NiceScale yScale, LogScale logScale)
    {
        /**
         * Returns where a value is drawn on the y axis.
         *
         * @param value the value
         * @return its pixel
         */
        public double yPixel(final double value)
        {
            return logScale == null ? y.toPixel(value) : logScale.toPixel(y, value);
        }

        /**
         * Returns the value drawn at a y pixel (the inverse of {@link #yPixel}).
         *
         * @param pixel the pixel
         * @return the value
         */
        public double valueAt(final double pixel)
        {
            return logScale == null ? y.fromPixel(pixel) : logScale.fromPixel(y, pixel);
        }
    }

    /**
     * The value axis that shows {@code runs} best: log when their values span more than {@link #LOG_AXIS_SPAN}×
     * (the body of the distribution would otherwise be a flat line at the bottom), else linear.
     *
     * @param runs the runs
     * @return the axis
     */
    public static ValueAxis preferredAxis(final List<LatencyRun> runs)
    {
        final double smallest = smallestPositive(runs);
        return smallest > 0 && largest(runs) / smallest > LOG_AXIS_SPAN ? ValueAxis.LOG : ValueAxis.LINEAR;
    }

    /**
     * Whether some run's name is longer than the plot's legend shows: the report then lists the names in full in a
     * table under the plot, and the plot has no legend of its own.
     *
     * @param runs the runs
     * @return true if a legend table is needed
     */
    public static boolean needsLegendTable(final List<LatencyRun> runs)
    {
        return runs.stream().anyMatch(run -> run.name().length() > LEGEND_NAME_CHARS);
    }

    /**
     * Chooses linear axes for {@code runs}.
     *
     * @param runs the runs to plot
     * @return the axes
     */
    public Layout layout(final List<LatencyRun> runs)
    {
        return layout(runs, ValueAxis.LINEAR);
    }

    /**
     * Chooses the axes for {@code runs}.
     *
     * @param runs the runs to plot
     * @param axis how values map to the vertical axis
     * @return the axes
     */
    public Layout layout(final List<LatencyRun> runs, final ValueAxis axis)
    {
        double maxDecades = 0;
        for (final LatencyRun run : runs)
        {
            maxDecades = Math.max(maxDecades, highestFiniteDecades(run));
        }
        final int decades = Math.max(MIN_DECADES, (int)Math.ceil(maxDecades - 1e-9));
        final NiceScale yScale = NiceScale.of(0, largest(runs), 6);
        final LinearMap x = new LinearMap(0, decades, frame.plotLeft(), frame.plotRight());
        if (axis == ValueAxis.LOG)
        {
            final LogScale logScale = LogScale.of(smallestPositive(runs), largest(runs));
            return new Layout(x, logScale.map(frame.plotBottom(), frame.plotTop()), decades, yScale, logScale);
        }
        return new Layout(x, frame.yMap(yScale), decades, yScale, null);
    }

    /**
     * Returns where a point of {@code run} is drawn on the x axis, in decades: {@code log10(1/(1-p))}, or for the
     * 100% point the run's highest finite position.
     *
     * @param run   the run the point belongs to
     * @param point the point
     * @return its x position in decades
     */
    public static double decadesOf(final LatencyRun run, final PercentilePoint point)
    {
        final double decades = PercentileAxis.toDecades(point.percentile());
        return Double.isFinite(decades) ? decades : highestFiniteDecades(run);
    }

    /**
     * Renders the plot with a linear value axis.
     *
     * @param runs the runs, in report order (colours follow {@link Palette})
     * @return a standalone {@code <svg>} element
     */
    public String render(final List<LatencyRun> runs)
    {
        return render(runs, ValueAxis.LINEAR);
    }

    /**
     * Renders the plot.
     *
     * @param runs the runs, in report order (colours follow {@link Palette})
     * @param axis how values map to the vertical axis
     * @return a standalone {@code <svg>} element
     */
    public String render(final List<LatencyRun> runs, final ValueAxis axis)
    {
        final Layout layout = layout(runs, axis);
        final String unit = runs.isEmpty() ? "" : runs.get(0).unit();
        final String title = axis == ValueAxis.LOG ? "Latency by percentile (log latency axis)" :
            "Latency by percentile";
        final SvgCanvas canvas = new SvgCanvas(frame.width(), frame.height(), title,
            axis == ValueAxis.LOG ? "spectrum spectrum-log" : "spectrum spectrum-linear");
        frame.drawTitle(canvas, title);
        if (layout.logScale() != null)
        {
            frame.drawLogYAxis(canvas, layout.logScale(), layout.y(), "Latency (" + unit + ", log scale)");
        }
        else
        {
            frame.drawYAxis(canvas, layout.yScale(), "Latency (" + unit + ")");
        }
        final double[] pixels = new double[layout.decades() + 1];
        final List<String> labels = new ArrayList<>();
        for (int decade = 0; decade <= layout.decades(); decade++)
        {
            pixels[decade] = layout.x().toPixel(decade);
            labels.add(PercentileAxis.label(decade));
        }
        frame.drawXTicks(canvas, pixels, labels, "Percentile (log scale of 1 \u2212 percentile)");
        frame.drawAxes(canvas);
        drawMarkerGuides(canvas, layout);
        final Legend legend = new Legend();
        boolean anyData = false;
        for (int i = 0; i < runs.size(); i++)
        {
            final LatencyRun run = runs.get(i);
            legend.add(Palette.color(i), null, run.name());
            if (run.points().isEmpty())
            {
                continue;
            }
            anyData = true;
            final List<double[]> points = new ArrayList<>(run.points().size());
            for (final PercentilePoint point : run.points())
            {
                points.add(new double[] {layout.x().toPixel(decadesOf(run, point)), layout.yPixel(point.value())});
            }
            canvas.polyline(points, Palette.color(i), 2, null, "data-run=\"" + i + "\"", run.name());
            drawMarkers(canvas, layout, run, i);
        }
        if (!anyData)
        {
            frame.drawNoData(canvas, "no recorded values");
        }
        if (!needsLegendTable(runs))
        {
            legend.draw(canvas, frame);
        }
        return canvas.finish();
    }

    /** Dashed vertical guides at the marked percentiles, labelled along the top of the plot. */
    private void drawMarkerGuides(final SvgCanvas canvas, final Layout layout)
    {
        for (int m = 0; m < MARKED_PERCENTILES.length; m++)
        {
            final double px = layout.x().toPixel(PercentileAxis.toDecades(MARKED_PERCENTILES[m]));
            canvas.line(px, frame.plotTop(), px, frame.plotBottom(), GUIDE, 1, "4 3");
            canvas.text(px + 3, frame.plotTop() + 11, MARKER_LABELS[m], "start", 10);
        }
    }

    /** The run's value at each marked percentile, as a dot on its guide (the hover title gives the value). */
    private static void drawMarkers(final SvgCanvas canvas, final Layout layout, final LatencyRun run, final int index)
    {
        final SummaryStats stats = run.summary();
        final double[] values = {stats.p50(), stats.p90(), stats.p99(), stats.p999(), stats.p9999()};
        for (int m = 0; m < values.length; m++)
        {
            if (Double.isFinite(values[m]))
            {
                canvas.marker(layout.x().toPixel(PercentileAxis.toDecades(MARKED_PERCENTILES[m])),
                    layout.yPixel(values[m]), Palette.color(index),
                    "data-run=\"" + index + "\" data-percentile=\"" + MARKER_LABELS[m].substring(1) + "\"",
                    run.name() + " " + MARKER_LABELS[m] + ": " + Numbers.value(values[m]) + " " + run.unit());
            }
        }
    }

    private static double smallestPositive(final List<LatencyRun> runs)
    {
        double smallest = Double.POSITIVE_INFINITY;
        for (final LatencyRun run : runs)
        {
            for (final PercentilePoint point : run.points())
            {
                if (point.value() > 0)
                {
                    smallest = Math.min(smallest, point.value());
                }
            }
        }
        return Double.isFinite(smallest) ? smallest : 0;
    }

    private static double largest(final List<LatencyRun> runs)
    {
        double largest = 0;
        for (final LatencyRun run : runs)
        {
            for (final PercentilePoint point : run.points())
            {
                largest = Math.max(largest, point.value());
            }
        }
        return largest;
    }

    private static double highestFiniteDecades(final LatencyRun run)
    {
        double highest = 0;
        for (final PercentilePoint point : run.points())
        {
            final double decades = PercentileAxis.toDecades(point.percentile());
            if (Double.isFinite(decades))
            {
                highest = Math.max(highest, decades);
            }
        }
        return highest;
    }
}
