package io.monocoque.hdr.plot;

import java.util.List;

import io.monocoque.hdr.markup.Numbers;

/**
 * Draws one bar per entry (a throughput per implementation, say) against a linear axis from 0, each bar in its
 * entry's palette colour and labelled under it, its value written above it. Each bar is a
 * {@code <rect class="bar" data-entry="INDEX">} whose height maps back to its value through {@link #scale}.
 *
 * <p>Thread-safety: immutable; safe from any thread.
 */
public final class BarPlot
{
    /** Default SVG width in pixels. */
    public static final int DEFAULT_WIDTH = 980;
    /** Default SVG height in pixels. */
    public static final int DEFAULT_HEIGHT = 360;
    private static final double BAR_FILL = 0.6;

    private final PlotFrame frame = new PlotFrame(DEFAULT_WIDTH, DEFAULT_HEIGHT);

    /**
     * The value axis chosen for {@code values}.
     *
     * @param values the bars' values
     * @return the scale, from 0
     */
    public NiceScale scale(final List<Double> values)
    {
        return NiceScale.of(0, values.stream().mapToDouble(Double::doubleValue).max().orElse(1), 6);
    }

    /**
     * The map of the value axis onto pixels.
     *
     * @param values the bars' values
     * @return the map
     */
    public LinearMap yMap(final List<Double> values)
    {
        return frame.yMap(scale(values));
    }

    /**
     * Renders the plot.
     *
     * @param title  the plot's title
     * @param axis   the value axis's label
     * @param labels one label per bar
     * @param values one value per bar
     * @return a standalone {@code <svg>} element
     */
    public String render(final String title, final String axis, final List<String> labels, final List<Double> values)
    {
        final NiceScale scale = scale(values);
        final LinearMap y = frame.yMap(scale);
        final SvgCanvas canvas = new SvgCanvas(frame.width(), frame.height(), title, "bars");
        frame.drawTitle(canvas, title);
        frame.drawYAxis(canvas, scale, axis);
        frame.drawAxes(canvas);
        final double slot = (frame.plotRight() - frame.plotLeft()) / Math.max(1, values.size());
        for (int i = 0; i < values.size(); i++)
        {
            final double value = values.get(i);
            final double top = y.toPixel(value);
            final double left = frame.plotLeft() + slot * i + slot * (1 - BAR_FILL) / 2;
            canvas.bar(left, top, slot * BAR_FILL, frame.plotBottom() - top, Palette.color(i),
                "data-entry=\"" + i + "\"", labels.get(i) + ": " + Numbers.value(value));
            canvas.text(left + slot * BAR_FILL / 2, top - 6, Numbers.value(value), "middle", 12);
            canvas.text(left + slot * BAR_FILL / 2, frame.plotBottom() + 20, labels.get(i), "middle", 12);
        }
        return canvas.finish();
    }
}
