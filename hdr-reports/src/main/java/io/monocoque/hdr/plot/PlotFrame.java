package io.monocoque.hdr.plot;

import java.util.List;

import io.monocoque.hdr.markup.Numbers;

/**
 * The geometry shared by both plots: the SVG size, the plot rectangle inside it (margins for the title, axis labels
 * and a legend column on the right) and the drawing of grid, axes and their labels.
 *
 * <p>Thread-safety: immutable; safe from any thread.
 *
 * @param width  the SVG width in pixels
 * @param height the SVG height in pixels
 */
public record PlotFrame(int width, int height)
{
    /** Left margin: room for y tick labels and the y axis title. */
    public static final int LEFT = 78;
    /** Top margin: room for the plot title. */
    public static final int TOP = 40;
    /** Right margin: room for the legend. */
    public static final int RIGHT = 210;
    /** Bottom margin: room for x tick labels and the x axis title. */
    public static final int BOTTOM = 58;

    private static final String GRID = "#e3e3e3";
    private static final String AXIS = "#444444";

    /**
     * Validates the components.
     *
     * @param width see {@link #width()}
     * @param height see {@link #height()}
     * @throws IllegalArgumentException if the plot rectangle would be smaller than 100 by 80 pixels
     */
    public PlotFrame
    {
        if (width - LEFT - RIGHT < 100 || height - TOP - BOTTOM < 80)
        {
            throw new IllegalArgumentException("plot too small: " + width + "x" + height);
        }
    }

    /**
     * Returns the left edge of the plot rectangle.
     *
     * @return x in pixels
     */
    public double plotLeft()
    {
        return LEFT;
    }

    /**
     * Returns the right edge of the plot rectangle.
     *
     * @return x in pixels
     */
    public double plotRight()
    {
        return width - RIGHT;
    }

    /**
     * Returns the top edge of the plot rectangle.
     *
     * @return y in pixels
     */
    public double plotTop()
    {
        return TOP;
    }

    /**
     * Returns the bottom edge of the plot rectangle.
     *
     * @return y in pixels
     */
    public double plotBottom()
    {
        return height - BOTTOM;
    }

    /**
     * Returns the map of a y scale onto the plot rectangle (minimum at the bottom).
     *
     * @param scale the y scale
     * @return the map
     */
    public LinearMap yMap(final NiceScale scale)
    {
        return new LinearMap(scale.min(), scale.max(), plotBottom(), plotTop());
    }

    void drawTitle(final SvgCanvas canvas, final String title)
    {
        canvas.text(LEFT, 24, title, "start", 15, true, 0, null);
    }

    void drawYAxis(final SvgCanvas canvas, final NiceScale scale, final String label)
    {
        final LinearMap y = yMap(scale);
        for (final double tick : scale.ticks())
        {
            final double py = y.toPixel(tick);
            canvas.line(plotLeft(), py, plotRight(), py, GRID, 1, null);
            canvas.text(plotLeft() - 8, py + 4, Numbers.tick(tick, scale.step()), "end", 12);
        }
        final double middle = (plotTop() + plotBottom()) / 2;
        canvas.text(18, middle, label, "middle", 13, false, -90, null);
    }

    void drawLogYAxis(final SvgCanvas canvas, final LogScale scale, final LinearMap y, final String label)
    {
        for (final double tick : scale.ticks())
        {
            final double py = scale.toPixel(y, tick);
            final double power = Math.pow(10, Math.floor(Math.log10(tick) + 1e-9));
            final boolean major = Math.abs(tick / power - 1) < 1e-9;
            canvas.line(plotLeft(), py, plotRight(), py, major ? "#cfcfcf" : GRID, 1, null);
            canvas.text(plotLeft() - 8, py + 4, Numbers.tick(tick, power), "end", 12);
        }
        final double middle = (plotTop() + plotBottom()) / 2;
        canvas.text(18, middle, label, "middle", 13, false, -90, null);
    }

    void drawXTicks(final SvgCanvas canvas, final double[] pixels, final List<String> labels, final String title)
    {
        for (int i = 0; i < labels.size(); i++)
        {
            final double px = pixels[i];
            canvas.line(px, plotTop(), px, plotBottom(), GRID, 1, null);
            canvas.line(px, plotBottom(), px, plotBottom() + 5, AXIS, 1, null);
            canvas.text(px, plotBottom() + 20, labels.get(i), "middle", 12);
        }
        canvas.text((plotLeft() + plotRight()) / 2, height - 12, title, "middle", 13);
    }

    void drawAxes(final SvgCanvas canvas)
    {
        canvas.line(plotLeft(), plotBottom(), plotRight(), plotBottom(), AXIS, 1.2, null);
        canvas.line(plotLeft(), plotTop(), plotLeft(), plotBottom(), AXIS, 1.2, null);
    }

    void drawNoData(final SvgCanvas canvas, final String message)
    {
        canvas.text((plotLeft() + plotRight()) / 2, (plotTop() + plotBottom()) / 2, message, "middle", 14);
    }
}
