package io.monocoque.hdr.plot;

import java.util.ArrayList;
import java.util.List;

import io.monocoque.hdr.model.LatencyRun;
import io.monocoque.hdr.model.PercentilePoint;

/**
 * Draws the percentile spectrum of one or more runs as an SVG: one line per run, value (linear, from 0) against
 * percentile on HdrHistogram's log-scaled "1 − percentile" axis ({@link PercentileAxis}), with whole-decade ticks
 * labelled 0%, 90%, 99%, 99.9%, ... The axis spans at least five decades (to 99.999%) and more when a run reaches
 * further. The 100% point of a run (its maximum) is drawn at that run's highest finite percentile, so each line ends
 * with a step up to its maximum.
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
     * @param x       maps decades ({@link PercentileAxis#toDecades(double)}) to pixels
     * @param y       maps values to pixels
     * @param decades how many decades the x axis spans
     * @param yScale  the y axis scale
     */
    public record Layout(LinearMap x, LinearMap y, int decades, NiceScale yScale)
    {
    }

    /**
     * Chooses the axes for {@code runs}.
     *
     * @param runs the runs to plot
     * @return the axes
     */
    public Layout layout(final List<LatencyRun> runs)
    {
        double maxDecades = 0;
        double maxValue = 0;
        for (final LatencyRun run : runs)
        {
            maxDecades = Math.max(maxDecades, highestFiniteDecades(run));
            for (final PercentilePoint point : run.points())
            {
                maxValue = Math.max(maxValue, point.value());
            }
        }
        final int decades = Math.max(MIN_DECADES, (int)Math.ceil(maxDecades - 1e-9));
        final NiceScale yScale = NiceScale.of(0, maxValue, 6);
        return new Layout(
            new LinearMap(0, decades, frame.plotLeft(), frame.plotRight()), frame.yMap(yScale), decades, yScale);
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
     * Renders the plot.
     *
     * @param runs the runs, in report order (colours follow {@link Palette})
     * @return a standalone {@code <svg>} element
     */
    public String render(final List<LatencyRun> runs)
    {
        final Layout layout = layout(runs);
        final String unit = runs.isEmpty() ? "" : runs.get(0).unit();
        final SvgCanvas canvas = new SvgCanvas(frame.width(), frame.height(), "Latency by percentile", "spectrum");
        frame.drawTitle(canvas, "Latency by percentile");
        frame.drawYAxis(canvas, layout.yScale(), "Latency (" + unit + ")");
        final double[] pixels = new double[layout.decades() + 1];
        final List<String> labels = new ArrayList<>();
        for (int decade = 0; decade <= layout.decades(); decade++)
        {
            pixels[decade] = layout.x().toPixel(decade);
            labels.add(PercentileAxis.label(decade));
        }
        frame.drawXTicks(canvas, pixels, labels, "Percentile (log scale of 1 \u2212 percentile)");
        frame.drawAxes(canvas);
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
                points.add(new double[] {
                    layout.x().toPixel(decadesOf(run, point)), layout.y().toPixel(point.value())});
            }
            canvas.polyline(points, Palette.color(i), 2, null, "data-run=\"" + i + "\"", run.name());
        }
        if (!anyData)
        {
            frame.drawNoData(canvas, "no recorded values");
        }
        legend.draw(canvas, frame);
        return canvas.finish();
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
