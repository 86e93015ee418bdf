package io.monocoque.hdr.plot;

import java.util.List;

/**
 * Line colours for runs, in order: a colour-blind-safe palette (Okabe and Ito) that stays readable on white, with
 * colours reused after the eighth run.
 *
 * <p>Thread-safety: immutable; safe from any thread.
 */
public final class Palette
{
    private static final List<String> COLORS = List.of(
        "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#555555", "#8C564B");

    private Palette()
    {
    }

    /**
     * Returns the colour of the run at {@code index} in the report's run list.
     *
     * @param index the run's position, 0 or more
     * @return a CSS hex colour such as {@code #0072B2}
     */
    public static String color(final int index)
    {
        return COLORS.get(Math.floorMod(index, COLORS.size()));
    }
}
