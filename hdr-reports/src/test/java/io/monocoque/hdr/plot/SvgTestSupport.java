package io.monocoque.hdr.plot;

import java.util.ArrayList;
import java.util.List;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Finds elements in parsed SVG and reads polyline vertices. */
final class SvgTestSupport
{
    static final String SVG_NS = "http://www.w3.org/2000/svg";

    private SvgTestSupport()
    {
    }

    static List<Element> elements(final Document document, final String name)
    {
        final NodeList nodes = document.getElementsByTagNameNS(SVG_NS, name);
        final List<Element> elements = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++)
        {
            elements.add((Element)nodes.item(i));
        }
        return elements;
    }

    static List<Element> series(final Document document, final int run, final String stat)
    {
        final List<Element> found = new ArrayList<>();
        for (final Element polyline : elements(document, "polyline"))
        {
            if (String.valueOf(run).equals(polyline.getAttribute("data-run")) &&
                (stat == null || stat.equals(polyline.getAttribute("data-stat"))))
            {
                found.add(polyline);
            }
        }
        return found;
    }

    static List<double[]> vertices(final Element polyline)
    {
        final List<double[]> vertices = new ArrayList<>();
        for (final String pair : polyline.getAttribute("points").trim().split("\\s+"))
        {
            final String[] xy = pair.split(",");
            vertices.add(new double[] {Double.parseDouble(xy[0]), Double.parseDouble(xy[1])});
        }
        return vertices;
    }

    /** Value represented by half a pixel of rounding on a y map. */
    static double halfPixel(final LinearMap y)
    {
        return Math.abs(y.fromPixel(0.5) - y.fromPixel(0)) + 1e-9;
    }
}
