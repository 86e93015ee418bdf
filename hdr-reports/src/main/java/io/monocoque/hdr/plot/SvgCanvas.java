package io.monocoque.hdr.plot;

import static io.monocoque.hdr.markup.Numbers.coordinate;

import java.util.List;

import io.monocoque.hdr.markup.Xml;

/**
 * Accumulates SVG elements into a standalone {@code <svg>} document fragment. Styling uses presentation
 * attributes only, so the SVG looks the same inline in a page or extracted on its own. All text is escaped.
 *
 * <p>Thread-safety: mutable; confine an instance to one thread.
 */
final class SvgCanvas
{
    static final String FONT = "font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\"";
    private static final String TEXT_COLOR = "#222222";

    private final StringBuilder svg = new StringBuilder(16 * 1024);

    SvgCanvas(final int width, final int height, final String title, final String cssClass)
    {
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"").append(Xml.escape(cssClass))
            .append("\" width=\"").append(width).append("\" height=\"").append(height)
            .append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
            .append("\" role=\"img\" aria-label=\"").append(Xml.escape(title)).append("\">\n")
            .append("<title>").append(Xml.escape(title)).append("</title>\n")
            .append("<rect x=\"0\" y=\"0\" width=\"").append(width).append("\" height=\"").append(height)
            .append("\" fill=\"#ffffff\"/>\n");
    }

    void line(final double x1, final double y1, final double x2, final double y2, final String stroke,
              final double width, final String dash)
    {
        svg.append("<line x1=\"").append(coordinate(x1)).append("\" y1=\"").append(coordinate(y1))
            .append("\" x2=\"").append(coordinate(x2)).append("\" y2=\"").append(coordinate(y2))
            .append("\" stroke=\"").append(stroke).append("\" stroke-width=\"").append(width).append('"');
        dash(dash);
        svg.append("/>\n");
    }

    void rect(final double x, final double y, final double width, final double height, final String fill,
              final String stroke)
    {
        svg.append("<rect x=\"").append(coordinate(x)).append("\" y=\"").append(coordinate(y))
            .append("\" width=\"").append(coordinate(width)).append("\" height=\"").append(coordinate(height))
            .append("\" fill=\"").append(fill).append("\" stroke=\"").append(stroke).append("\"/>\n");
    }

    /** A bar: a filled rectangle tagged {@code class="bar"} with data attributes and a hover title. */
    void bar(final double x, final double y, final double width, final double height, final String fill,
             final String dataAttributes, final String tooltip)
    {
        svg.append("<rect class=\"bar\" ").append(dataAttributes).append(" x=\"").append(coordinate(x))
            .append("\" y=\"").append(coordinate(y)).append("\" width=\"").append(coordinate(width))
            .append("\" height=\"").append(coordinate(height)).append("\" fill=\"").append(fill).append("\"><title>")
            .append(Xml.escape(tooltip)).append("</title></rect>\n");
    }

    void circle(final double x, final double y, final double radius, final String fill)
    {
        svg.append("<circle cx=\"").append(coordinate(x)).append("\" cy=\"").append(coordinate(y))
            .append("\" r=\"").append(coordinate(radius)).append("\" fill=\"").append(fill).append("\"/>\n");
    }

    /**
     * Draws a dot marking one value, tagged with {@code class="marker"} and the given data attributes;
     * {@code tooltip} becomes a hover title.
     */
    void marker(final double x, final double y, final String fill, final String dataAttributes, final String tooltip)
    {
        svg.append("<circle class=\"marker\" ").append(dataAttributes).append(" cx=\"").append(coordinate(x))
            .append("\" cy=\"").append(coordinate(y)).append("\" r=\"3.5\" fill=\"").append(fill)
            .append("\" stroke=\"#ffffff\" stroke-width=\"1\"><title>").append(Xml.escape(tooltip))
            .append("</title></circle>\n");
    }

    /**
     * Draws text. {@code anchor} is start, middle or end; {@code rotate} turns it (degrees) around its anchor point;
     * {@code tooltip}, when not null, becomes a hover title.
     */
    void text(final double x, final double y, final String text, final String anchor, final int size,
              final boolean bold, final double rotate, final String tooltip)
    {
        svg.append("<text x=\"").append(coordinate(x)).append("\" y=\"").append(coordinate(y))
            .append("\" text-anchor=\"").append(anchor).append("\" font-size=\"").append(size).append("\" ")
            .append(FONT).append(" fill=\"").append(TEXT_COLOR).append('"');
        if (bold)
        {
            svg.append(" font-weight=\"bold\"");
        }
        if (rotate != 0)
        {
            svg.append(" transform=\"rotate(").append(rotate).append(' ').append(coordinate(x)).append(' ')
                .append(coordinate(y)).append(")\"");
        }
        svg.append('>');
        if (tooltip != null)
        {
            svg.append("<title>").append(Xml.escape(tooltip)).append("</title>");
        }
        svg.append(Xml.escape(text)).append("</text>\n");
    }

    void text(final double x, final double y, final String text, final String anchor, final int size)
    {
        text(x, y, text, anchor, size, false, 0, null);
    }

    /**
     * Draws a polyline through pixel points {@code {x, y}}, tagged with {@code class="series"} and the given data
     * attributes so tests and readers can find each run's line. {@code tooltip} becomes a hover title.
     */
    void polyline(final List<double[]> points, final String stroke, final double width, final String dash,
                  final String dataAttributes, final String tooltip)
    {
        svg.append("<polyline class=\"series\" ").append(dataAttributes).append(" fill=\"none\" stroke=\"")
            .append(stroke).append("\" stroke-width=\"").append(width)
            .append("\" stroke-linejoin=\"round\" stroke-linecap=\"round\"");
        dash(dash);
        svg.append(" points=\"");
        for (int i = 0; i < points.size(); i++)
        {
            if (i > 0)
            {
                svg.append(' ');
            }
            svg.append(coordinate(points.get(i)[0])).append(',').append(coordinate(points.get(i)[1]));
        }
        svg.append("\"><title>").append(Xml.escape(tooltip)).append("</title></polyline>\n");
    }

    String finish()
    {
        return svg.append("</svg>\n").toString();
    }

    private void dash(final String dash)
    {
        if (dash != null && !dash.isEmpty())
        {
            svg.append(" stroke-dasharray=\"").append(dash).append('"');
        }
    }
}
