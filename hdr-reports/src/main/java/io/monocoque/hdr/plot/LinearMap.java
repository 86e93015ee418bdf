package io.monocoque.hdr.plot;

/**
 * A linear map from a data interval to a pixel interval, and back. The pixel interval may be reversed (SVG's y axis
 * grows downwards, so a y map has {@code pixelStart > pixelEnd}).
 *
 * <p>Thread-safety: immutable; safe from any thread.
 *
 * @param dataStart  the data value drawn at {@code pixelStart}
 * @param dataEnd    the data value drawn at {@code pixelEnd} (different from {@code dataStart})
 * @param pixelStart the pixel coordinate of {@code dataStart}
 * @param pixelEnd   the pixel coordinate of {@code dataEnd}
 */
public record LinearMap(double dataStart, double dataEnd, double pixelStart, double pixelEnd)
{
    /**
     * Validates the components.
     *
     * @param dataStart see {@link #dataStart()}
     * @param dataEnd see {@link #dataEnd()}
     * @param pixelStart see {@link #pixelStart()}
     * @param pixelEnd see {@link #pixelEnd()}
     * @throws IllegalArgumentException if the data interval is empty or a bound is not finite
     */
    public LinearMap
    {
        if (!(Double.isFinite(dataStart) && Double.isFinite(dataEnd) && dataStart != dataEnd &&
            Double.isFinite(pixelStart) && Double.isFinite(pixelEnd)))
        {
            throw new IllegalArgumentException("bad map [" + dataStart + ", " + dataEnd + "]");
        }
    }

    /**
     * Maps a data value to a pixel coordinate.
     *
     * @param data the data value
     * @return its pixel coordinate
     */
    public double toPixel(final double data)
    {
        return pixelStart + (data - dataStart) * (pixelEnd - pixelStart) / (dataEnd - dataStart);
    }

    /**
     * Maps a pixel coordinate back to a data value (the inverse of {@link #toPixel(double)}).
     *
     * @param pixel the pixel coordinate
     * @return the data value drawn there
     */
    public double fromPixel(final double pixel)
    {
        return dataStart + (pixel - pixelStart) * (dataEnd - dataStart) / (pixelEnd - pixelStart);
    }
}
