package io.monocoque.hdr.plot;

import java.util.ArrayList;
import java.util.List;

/**
 * A "nice" linear axis scale: bounds and tick step of the form 1, 2 or 5 times a power of ten that cover a data
 * range with about the requested number of ticks (for data 0 to 1,137 and 6 ticks: 0 to 1,200 step 200).
 *
 * <p>Thread-safety: immutable; safe from any thread.
 *
 * @param min  the axis minimum (a multiple of {@code step})
 * @param max  the axis maximum (a multiple of {@code step}, greater than {@code min})
 * @param step the distance between ticks
 */
public record NiceScale(double min, double max, double step)
{
    /**
     * Validates the components.
     *
     * @param min see {@link #min()}
     * @param max see {@link #max()}
     * @param step see {@link #step()}
     * @throws IllegalArgumentException unless {@code min < max} and {@code step > 0}, all finite
     */
    public NiceScale
    {
        if (!(Double.isFinite(min) && Double.isFinite(max) && min < max && step > 0 && Double.isFinite(step)))
        {
            throw new IllegalArgumentException("bad scale [" + min + ", " + max + "] step " + step);
        }
    }

    /**
     * Chooses a nice scale for data between {@code dataMin} and {@code dataMax}. An empty or degenerate range
     * (equal bounds, NaN) gets a unit-wide scale around it.
     *
     * @param dataMin     the smallest value to show
     * @param dataMax     the largest value to show
     * @param targetTicks about how many intervals the axis should have (at least 1)
     * @return the scale
     */
    public static NiceScale of(final double dataMin, final double dataMax, final int targetTicks)
    {
        double low = Double.isFinite(dataMin) ? dataMin : 0;
        double high = Double.isFinite(dataMax) ? dataMax : low + 1;
        if (high < low)
        {
            final double swap = low;
            low = high;
            high = swap;
        }
        if (high - low < Math.max(Math.abs(high), 1) * 1e-12)
        {
            high = low == 0 ? 1 : low + Math.abs(low) * 0.1;
        }
        final double step = niceStep((high - low) / Math.max(1, targetTicks));
        final double min = Math.floor(low / step + 1e-9) * step;
        double max = Math.ceil(high / step - 1e-9) * step;
        if (max <= min)
        {
            max = min + step;
        }
        return new NiceScale(min, max, step);
    }

    /**
     * Returns the tick values from {@code min} to {@code max} inclusive.
     *
     * @return the ticks, in increasing order
     */
    public List<Double> ticks()
    {
        final List<Double> ticks = new ArrayList<>();
        final long count = Math.round((max - min) / step);
        for (long i = 0; i <= count; i++)
        {
            final double tick = min + i * step;
            ticks.add(Math.abs(tick) < step * 1e-9 ? 0.0 : tick);
        }
        return ticks;
    }

    private static double niceStep(final double rough)
    {
        final double magnitude = Math.pow(10, Math.floor(Math.log10(rough)));
        final double residual = rough / magnitude;
        final double nice;
        if (residual <= 1.0 + 1e-9)
        {
            nice = 1;
        }
        else if (residual <= 2.0 + 1e-9)
        {
            nice = 2;
        }
        else if (residual <= 5.0 + 1e-9)
        {
            nice = 5;
        }
        else
        {
            nice = 10;
        }
        return nice * magnitude;
    }
}
