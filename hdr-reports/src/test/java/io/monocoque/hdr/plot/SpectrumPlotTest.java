package io.monocoque.hdr.plot;

import static io.monocoque.hdr.plot.SvgTestSupport.elements;
import static io.monocoque.hdr.plot.SvgTestSupport.series;
import static io.monocoque.hdr.plot.SvgTestSupport.vertices;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.monocoque.hdr.TestData;
import io.monocoque.hdr.io.HgrmReader;
import io.monocoque.hdr.model.LatencyRun;
import io.monocoque.hdr.model.PercentilePoint;
import io.monocoque.hdr.model.ValueUnit;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class SpectrumPlotTest
{
    private final Histogram fast = TestData.latencies(11, 200_000, 20_000, 1);
    private final Histogram slow = TestData.latencies(12, 50_000, 30_000, 2.5);

    @Test
    void isWellFormedSvgWithOneLinePerRun()
    {
        final List<LatencyRun> runs = runs();
        final Document svg = TestData.parseXml(new SpectrumPlot().render(runs));

        assertEquals("svg", svg.getDocumentElement().getLocalName());
        assertEquals(SvgTestSupport.SVG_NS, svg.getDocumentElement().getNamespaceURI());
        assertEquals(runs.size(), elements(svg, "polyline").size());
        for (int i = 0; i < runs.size(); i++)
        {
            assertEquals(1, series(svg, i, null).size());
            assertEquals(Palette.color(i), series(svg, i, null).get(0).getAttribute("stroke"));
        }
        final List<String> texts = elements(svg, "text").stream().map(Element::getTextContent).toList();
        assertTrue(texts.containsAll(List.of("fast", "slow <hgrm> & \"quoted\"")), texts.toString());
    }

    @Test
    void xAxisHasTheDecadeLabelsAtLogPositions()
    {
        final SpectrumPlot plot = new SpectrumPlot();
        final List<LatencyRun> runs = runs();
        final SpectrumPlot.Layout layout = plot.layout(runs);
        final Document svg = TestData.parseXml(plot.render(runs));
        final Map<String, Double> labelX = elements(svg, "text").stream()
            .filter(t -> t.getTextContent().endsWith("%"))
            .collect(Collectors.toMap(Element::getTextContent, t -> Double.parseDouble(t.getAttribute("x"))));

        final List<String> expected = List.of("0%", "90%", "99%", "99.9%", "99.99%", "99.999%");
        assertTrue(labelX.keySet().containsAll(expected), labelX.toString());
        // 200,000 values reach 99.9995%: the axis extends to the sixth decade.
        assertEquals(6, layout.decades());
        assertTrue(labelX.containsKey("99.9999%"));
        for (int decade = 0; decade < expected.size(); decade++)
        {
            final double x = labelX.get(expected.get(decade));
            assertEquals(decade, layout.x().fromPixel(x), 1e-3, expected.get(decade));
            assertEquals(PercentileAxis.toPercent(decade), PercentileAxis.toPercent(layout.x().fromPixel(x)), 1e-3);
        }
    }

    @Test
    void plottedPointsMapBackToTheHistogramsPercentiles()
    {
        final SpectrumPlot plot = new SpectrumPlot();
        final List<LatencyRun> runs = runs();
        final SpectrumPlot.Layout layout = plot.layout(runs);
        final Document svg = TestData.parseXml(plot.render(runs));
        final List<Histogram> histograms = List.of(fast, slow);
        final double valueTolerance = SvgTestSupport.halfPixel(layout.y());

        for (int r = 0; r < runs.size(); r++)
        {
            final LatencyRun run = runs.get(r);
            final Histogram histogram = histograms.get(r);
            final List<double[]> vertices = vertices(series(svg, r, null).get(0));
            assertEquals(run.points().size(), vertices.size());
            for (int k = 0; k < vertices.size(); k++)
            {
                final PercentilePoint point = run.points().get(k);
                final double decades = layout.x().fromPixel(vertices.get(k)[0]);
                final double value = layout.y().fromPixel(vertices.get(k)[1]);
                final double expectedValue;
                if (point.percentile() < 100)
                {
                    assertEquals(PercentileAxis.toDecades(point.percentile()), decades, 1e-4);
                    final double recoveredPercent = PercentileAxis.toPercent(decades);
                    assertEquals(point.percentile(), recoveredPercent, (100 - point.percentile()) * 1e-3 + 1e-9);
                    expectedValue = histogram.getValueAtPercentile(point.percentile()) / 1000.0;
                }
                else
                {
                    // The 100% point is clamped to the highest finite percentile and shows the maximum.
                    assertEquals(SpectrumPlot.decadesOf(run, point), decades, 1e-4);
                    expectedValue = histogram.highestEquivalentValue(histogram.getMaxValue()) / 1000.0;
                }
                assertTrue(TestData.close(expectedValue, value, valueTolerance + 0.0015),
                    "run " + r + " p" + point.percentile() + ": plotted " + value + ", histogram " + expectedValue);
            }
        }
    }

    @Test
    void yAxisCoversTheLargestValueAndStartsAtZero()
    {
        final SpectrumPlot.Layout layout = new SpectrumPlot().layout(runs());
        final double max = Math.max(fast.getMaxValue(), slow.getMaxValue()) / 1000.0;
        assertEquals(0, layout.yScale().min());
        assertTrue(layout.yScale().max() >= max && layout.yScale().max() < max * 2.5, layout.yScale().toString());
    }

    @Test
    void emptyInputStillRenders()
    {
        final Document svg = TestData.parseXml(new SpectrumPlot().render(List.of()));
        assertTrue(elements(svg, "polyline").isEmpty());
        final LatencyRun empty = LatencyRun.fromHistogram("empty", new Histogram(3), ValueUnit.NANOSECONDS);
        TestData.parseXml(new SpectrumPlot().render(List.of(empty)));
    }

    private List<LatencyRun> runs()
    {
        try
        {
            return List.of(
                LatencyRun.fromHistogram("fast", fast, ValueUnit.NANOSECONDS),
                HgrmReader.parse(TestData.hgrmText(slow, 1000.0, false), "slow")
                    .toRun("slow <hgrm> & \"quoted\"", ValueUnit.MICROSECONDS));
        }
        catch (final Exception e)
        {
            throw new AssertionError(e);
        }
    }
}
