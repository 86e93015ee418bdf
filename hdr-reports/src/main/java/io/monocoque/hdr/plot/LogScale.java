package io.monocoque.hdr.plot;

import java.util.ArrayList;
import java.util.List;

/**
 * A logarithmic axis scale from one power of ten to a higher one, with ticks at 1, 2 and 5 times each power of ten
 * (only at the powers of ten when the axis spans more than three decades).
 *
 * <p>Thread-safety: immutable; safe from any thread.
 *
 * @param min the axis minimum, a power of ten
 * @param max the axis maximum, a higher power of ten
 */
public record LogScale(double min, double max)
{
    /**
     * Validates the components.
     *
     * @param min see {@link #min()}
     * @param max see {@link #max()}
     * @throws IllegalArgumentException unless {@code 0 < min < max}, both finite
     */
    public LogScale
    {
        if (!(min > 0 && max > min && Double.isFinite(max)))
        {
            throw new IllegalArgumentException("bad log scale [" + min + ", " + max + "]");
        }
    }

    /**
     * Chooses the powers of ten around the data. Non-positive or undefined bounds fall back to a scale from 1 to 10
     * (or one decade around the valid bound).
     *
     * @param smallestPositive the smallest positive value to show
     * @param largest          the largest value to show
     * @return the scale
     */
    public static LogScale of(final double smallestPositive, final double largest)
    {
        final boolean lowOk = smallestPositive > 0 && Double.isFinite(smallestPositive);
        final boolean highOk = largest > 0 && Double.isFinite(largest);
        final double low = lowOk ? smallestPositive : highOk ? largest : 1;
        final double high = highOk ? Math.max(largest, low) : low;
        final double min = Math.pow(10, Math.floor(Math.log10(low) + 1e-9));
        double max = Math.pow(10, Math.ceil(Math.log10(high) - 1e-9));
        if (max <= min)
        {
            max = min * 10;
        }
        return new LogScale(min, max);
    }

    /**
     * Returns how many decades the axis spans.
     *
     * @return {@code log10(max / min)}, rounded to a whole number
     */
    public int decades()
    {
        return (int)Math.round(Math.log10(max / min));
    }

    /**
     * Returns the tick values: 1, 2 and 5 times each power of ten from {@code min} to {@code max}, or only the
     * powers of ten when the axis spans more than three decades.
     *
     * @return the ticks, in increasing order
     */
    public List<Double> ticks()
    {
        final List<Double> ticks = new ArrayList<>();
        final double[] multiples = decades() > 3 ? new double[] {1} : new double[] {1, 2, 5};
        for (int d = 0; d <= decades(); d++)
        {
            final double power = min * Math.pow(10, d);
            for (final double multiple : multiples)
            {
                final double tick = power * multiple;
                if (tick <= max * (1 + 1e-9))
                {
                    ticks.add(tick);
                }
            }
        }
        return ticks;
    }

    /**
     * Returns the map from {@code log10(value)} to pixels for this scale.
     *
     * @param pixelStart the pixel of {@code min}
     * @param pixelEnd   the pixel of {@code max}
     * @return the map; use {@link #toPixel(LinearMap, double)} and {@link #fromPixel(LinearMap, double)} with it
     */
    public LinearMap map(final double pixelStart, final double pixelEnd)
    {
        return new LinearMap(Math.log10(min), Math.log10(max), pixelStart, pixelEnd);
    }

    /**
     * Maps a value to a pixel through a map made by {@link #map(double, double)}; values at or below 0 are drawn at
     * the axis minimum.
     *
     * @param map   the map
     * @param value the value
     * @return its pixel coordinate
     */
    public double toPixel(final LinearMap map, final double value)
    {
        return map.toPixel(Math.log10(Math.max(value, min)));
    }

    /**
     * Maps a pixel back to a value (the inverse of {@link #toPixel(LinearMap, double)} above the axis minimum).
     *
     * @param map   the map
     * @param pixel the pixel coordinate
     * @return the value drawn there
     */
    public double fromPixel(final LinearMap map, final double pixel)
    {
        return Math.pow(10, map.fromPixel(pixel));
    }
}
