package io.monocoque.hdr.plot;

import static io.monocoque.hdr.plot.SvgTestSupport.elements;
import static io.monocoque.hdr.plot.SvgTestSupport.series;
import static io.monocoque.hdr.plot.SvgTestSupport.vertices;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import io.monocoque.hdr.TestData;
import io.monocoque.hdr.model.LatencyRun;
import io.monocoque.hdr.model.PercentilePoint;
import io.monocoque.hdr.model.SummaryStats;
import io.monocoque.hdr.model.ValueUnit;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** The spectrum's log value axis, its choice by default, the percentile markers and the legend for long names. */
class SpectrumAxesTest
{
    /** A body around 10 µs with a tail to milliseconds: over two decades. */
    private static LatencyRun wide(final String name)
    {
        final Histogram histogram = new Histogram(TestData.HIGHEST, 3);
        for (int i = 0; i < 100_000; i++)
        {
            histogram.recordValue(10_000 + (i % 1000));
        }
        for (int i = 0; i < 100; i++)
        {
            histogram.recordValue(5_000_000 + i * 1000L);
        }
        return LatencyRun.fromHistogram(name, histogram, ValueUnit.NANOSECONDS);
    }

    /** Values within a factor of two of each other. */
    private static LatencyRun narrow(final String name)
    {
        final Histogram histogram = new Histogram(TestData.HIGHEST, 3);
        for (int i = 0; i < 50_000; i++)
        {
            histogram.recordValue(20_000 + (i % 20_000));
        }
        return LatencyRun.fromHistogram(name, histogram, ValueUnit.NANOSECONDS);
    }

    @Test
    void shouldPreferALogAxisOnlyWhenTheValuesSpanMoreThanTwoDecades()
    {
        assertEquals(SpectrumPlot.ValueAxis.LOG, SpectrumPlot.preferredAxis(List.of(wide("a"))));
        assertEquals(SpectrumPlot.ValueAxis.LINEAR, SpectrumPlot.preferredAxis(List.of(narrow("a"))));
        assertEquals(SpectrumPlot.ValueAxis.LINEAR, SpectrumPlot.preferredAxis(List.of()));
    }

    @Test
    void shouldDrawEveryPointOfALogPlotWhereItsValueReadsBack()
    {
        final SpectrumPlot plot = new SpectrumPlot();
        final List<LatencyRun> runs = List.of(wide("wide"), narrow("narrow"));
        final SpectrumPlot.Layout layout = plot.layout(runs, SpectrumPlot.ValueAxis.LOG);
        final Document svg = TestData.parseXml(plot.render(runs, SpectrumPlot.ValueAxis.LOG));

        assertNotNull(layout.logScale());
        assertTrue(layout.logScale().decades() >= 3, layout.logScale().toString());
        for (int r = 0; r < runs.size(); r++)
        {
            final List<double[]> drawn = vertices(series(svg, r, null).get(0));
            final List<PercentilePoint> points = runs.get(r).points();
            assertEquals(points.size(), drawn.size());
            for (int k = 0; k < points.size(); k++)
            {
                final double value = Math.max(points.get(k).value(), layout.logScale().min());
                // Coordinates are written with two decimals: a hundredth of a pixel of a log axis.
                assertEquals(1, layout.valueAt(drawn.get(k)[1]) / value, 1e-3, "run " + r + " point " + k);
            }
        }
        final List<String> texts = elements(svg, "text").stream().map(Element::getTextContent).toList();
        assertTrue(texts.stream().anyMatch(t -> t.contains("log scale")), texts.toString());
    }

    @Test
    void shouldMarkEachRunsValueAtTheFiveMarkedPercentiles()
    {
        final SpectrumPlot plot = new SpectrumPlot();
        final List<LatencyRun> runs = List.of(wide("wide"), narrow("narrow"));
        for (final SpectrumPlot.ValueAxis axis : SpectrumPlot.ValueAxis.values())
        {
            final SpectrumPlot.Layout layout = plot.layout(runs, axis);
            final Document svg = TestData.parseXml(plot.render(runs, axis));
            final List<Element> markers = elements(svg, "circle").stream()
                .filter(c -> "marker".equals(c.getAttribute("class"))).toList();
            assertEquals(2 * 5, markers.size(), axis.toString());
            final List<String> labels = elements(svg, "text").stream().map(Element::getTextContent).toList();
            assertTrue(labels.containsAll(List.of("p50", "p90", "p99", "p99.9", "p99.99")), labels.toString());
            for (final Element marker : markers)
            {
                final SummaryStats stats = runs.get(Integer.parseInt(marker.getAttribute("data-run"))).summary();
                final String percentile = marker.getAttribute("data-percentile");
                final double expected = switch (percentile)
                {
                    case "50" -> stats.p50();
                    case "90" -> stats.p90();
                    case "99" -> stats.p99();
                    case "99.9" -> stats.p999();
                    default -> stats.p9999();
                };
                final double drawn = layout.valueAt(Double.parseDouble(marker.getAttribute("cy")));
                assertEquals(expected, drawn, Math.max(expected * 1e-3, SvgTestSupport.halfPixel(layout.y()) * 2),
                    axis + " p" + percentile);
                final double decades = layout.x().fromPixel(Double.parseDouble(marker.getAttribute("cx")));
                // Compared on the axis's own scale, 1 - percentile (coordinates are written with two decimals).
                assertEquals(1, (100 - Double.parseDouble(percentile)) / (100 - PercentileAxis.toPercent(decades)),
                    1e-3, "p" + percentile);
            }
        }
    }

    @Test
    void shouldLeaveLongNamesOutOfThePlotsOwnLegendForTheReportsTable()
    {
        final String longName = "latency-monocoque-dealer-router-tcp-64B-busy";
        final List<LatencyRun> runs = List.of(narrow(longName), narrow("short"));
        final Document svg = TestData.parseXml(new SpectrumPlot().render(runs));

        assertTrue(SpectrumPlot.needsLegendTable(runs));
        assertFalse(SpectrumPlot.needsLegendTable(List.of(narrow("short"))));
        final List<String> texts = elements(svg, "text").stream().map(Element::getTextContent).toList();
        assertFalse(texts.stream().anyMatch(t -> t.startsWith("latency-monocoque")), "no cut name: " + texts);
    }
}
