package io.monocoque.hdr;

import java.util.Objects;

import io.monocoque.hdr.model.ValueUnit;

/**
 * How {@link HdrReports} interprets input files. Report values are always microseconds; these options say what the
 * files hold.
 *
 * <p>Thread-safety: immutable; safe from any thread.
 *
 * @param hgrmUnit the unit of a {@code .hgrm} value column, i.e. the recording unit divided by the
 *                 {@code outputValueUnitScalingRatio} it was written with. Default {@link ValueUnit#MICROSECONDS}:
 *                 values are taken as written (our harness records nanoseconds and writes with ratio 1000).
 * @param hlogUnit the unit the histograms of a {@code .hlog} were recorded in. Default
 *                 {@link ValueUnit#NANOSECONDS}.
 * @param tag      the tag of the {@code .hlog} intervals to read, or {@code null} (default) for untagged ones
 */
public record ReadOptions(ValueUnit hgrmUnit, ValueUnit hlogUnit, String tag)
{
    /** The defaults: {@code .hgrm} in µs as written, {@code .hlog} recorded in ns, untagged intervals. */
    public static final ReadOptions DEFAULTS = new ReadOptions(ValueUnit.MICROSECONDS, ValueUnit.NANOSECONDS, null);

    /**
     * Validates the components.
     *
     * @param hgrmUnit see {@link #hgrmUnit()}
     * @param hlogUnit see {@link #hlogUnit()}
     * @param tag see {@link #tag()}
     * @throws NullPointerException if a unit is null
     */
    public ReadOptions
    {
        Objects.requireNonNull(hgrmUnit, "hgrmUnit");
        Objects.requireNonNull(hlogUnit, "hlogUnit");
    }

    /**
     * Returns these options with another {@code .hgrm} unit.
     *
     * @param unit the unit of the value column
     * @return new options
     */
    public ReadOptions withHgrmUnit(final ValueUnit unit)
    {
        return new ReadOptions(unit, hlogUnit, tag);
    }

    /**
     * Returns these options with another {@code .hlog} recording unit.
     *
     * @param unit the recording unit
     * @return new options
     */
    public ReadOptions withHlogUnit(final ValueUnit unit)
    {
        return new ReadOptions(hgrmUnit, unit, tag);
    }

    /**
     * Returns these options selecting another {@code .hlog} tag.
     *
     * @param newTag the tag, or {@code null} for untagged intervals
     * @return new options
     */
    public ReadOptions withTag(final String newTag)
    {
        return new ReadOptions(hgrmUnit, hlogUnit, newTag);
    }
}
