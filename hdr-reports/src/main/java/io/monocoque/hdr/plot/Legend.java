package io.monocoque.hdr.plot;

import java.util.ArrayList;
import java.util.List;

/**
 * A plot legend drawn in the frame's right margin: one row per entry, a line sample in the entry's colour and dash
 * pattern followed by its label. Long labels are shortened with an ellipsis and keep their full text as a hover
 * title.
 *
 * <p>Thread-safety: mutable while entries are added; confine an instance to one thread.
 */
final class Legend
{
    private static final int ROW = 20;
    /** Longest label shown whole. */
    static final int MAX_CHARS = 24;

    private final List<String[]> entries = new ArrayList<>();

    void add(final String color, final String dash, final String label)
    {
        entries.add(new String[] {color, dash == null ? "" : dash, label});
    }

    void heading(final String text)
    {
        entries.add(new String[] {null, null, text});
    }

    void draw(final SvgCanvas canvas, final PlotFrame frame)
    {
        final double x = frame.plotRight() + 18;
        double y = frame.plotTop() + 8;
        for (final String[] entry : entries)
        {
            final String label = entry[2];
            final String shown = label.length() > MAX_CHARS ? label.substring(0, MAX_CHARS - 1) + "\u2026" : label;
            final String tooltip = shown.equals(label) ? null : label;
            if (entry[0] == null)
            {
                canvas.text(x, y + 4, shown, "start", 12, true, 0, tooltip);
            }
            else
            {
                canvas.line(x, y, x + 26, y, entry[0], 2.5, entry[1]);
                canvas.text(x + 34, y + 4, shown, "start", 12, false, 0, tooltip);
            }
            y += ROW;
        }
    }
}
