package io.monocoque.hdr.plot;

import static io.monocoque.hdr.plot.SvgTestSupport.elements;
import static io.monocoque.hdr.plot.SvgTestSupport.series;
import static io.monocoque.hdr.plot.SvgTestSupport.vertices;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.function.ToDoubleFunction;

import io.monocoque.hdr.TestData;
import io.monocoque.hdr.io.HlogReader;
import io.monocoque.hdr.model.IntervalStats;
import io.monocoque.hdr.model.LatencyRun;
import io.monocoque.hdr.model.ValueUnit;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class TimeSeriesPlotTest
{
    @TempDir
    Path dir;

    @Test
    void shouldLeaveLongRunNamesToTheReportsLegendTableAndKeepTheStatisticsLegend() throws Exception
    {
        final String longName = "latency-monocoque-dealer-router-tcp-64B-busy";
        final LatencyRun logged = HlogReader.read(TestData.writeHlog(dir.resolve("b.hlog"), 1_700_000_000_000L,
            TestData.intervals(22, 5, 500, 2))).toRun(longName, ValueUnit.NANOSECONDS);
        final Document svg = TestData.parseXml(new TimeSeriesPlot().render(List.of(logged)));

        final List<String> texts = elements(svg, "text").stream().map(e -> e.getTextContent()).toList();
        assertTrue(texts.containsAll(List.of("p99", "p99.9", "max", "p50")), texts.toString());
        assertTrue(texts.stream().noneMatch(t -> t.startsWith("latency-monocoque")), "no cut name: " + texts);
    }

    @Test
    void plottedIntervalsMapBackToTheIntervalHistograms() throws Exception
    {
        final List<Histogram> intervals = TestData.intervals(21, 30, 2_000, 17);
        final LatencyRun logged = HlogReader.read(TestData.writeHlog(dir.resolve("a.hlog"), 1_700_000_000_000L,
            intervals)).toRun("logged", ValueUnit.NANOSECONDS);
        final LatencyRun noSeries = LatencyRun.fromHistogram("plain", intervals.get(0), ValueUnit.NANOSECONDS);
        final List<LatencyRun> runs = List.of(noSeries, logged);

        final TimeSeriesPlot plot = new TimeSeriesPlot();
        final TimeSeriesPlot.Layout layout = plot.layout(runs);
        final Document svg = TestData.parseXml(plot.render(runs));

        assertTrue(series(svg, 0, null).isEmpty(), "a run without intervals draws nothing");
        assertEquals(4, series(svg, 1, null).size());
        // Half a pixel of coordinate rounding on the log axis is this relative error.
        final double tolerance = Math.pow(10, SvgTestSupport.halfPixel(layout.y())) - 1;
        check(svg, layout, "p99", h -> h.getValueAtPercentile(99), intervals, tolerance);
        check(svg, layout, "p99.9", h -> h.getValueAtPercentile(99.9), intervals, tolerance);
        check(svg, layout, "max", Histogram::getMaxValue, intervals, tolerance);
        check(svg, layout, "p50", h -> h.getValueAtPercentile(50), intervals, tolerance);
        assertTrue(layout.yScale().min() <= 20 && layout.yScale().max() >= 1000, layout.yScale().toString());
        assertEquals(Palette.color(1), series(svg, 1, "p99").get(0).getAttribute("stroke"));
    }

    private static void check(final Document svg, final TimeSeriesPlot.Layout layout, final String stat,
                              final ToDoubleFunction<Histogram> expected, final List<Histogram> intervals,
                              final double tolerance)
    {
        final List<double[]> vertices = vertices(series(svg, 1, stat).get(0));
        assertEquals(intervals.size(), vertices.size());
        for (int i = 0; i < vertices.size(); i++)
        {
            assertEquals(i, layout.x().fromPixel(vertices.get(i)[0]), 0.01, stat + " time of interval " + i);
            final double want = expected.applyAsDouble(intervals.get(i)) / 1000.0;
            assertEquals(want, layout.valueAt(vertices.get(i)[1]), want * tolerance, stat + " of interval " + i);
        }
    }

    @Test
    void emptyIntervalsAreSkippedAndNoDataIsSaid()
    {
        final LatencyRun run = new LatencyRun("r", "\u00B5s", List.of(), io.monocoque.hdr.model.SummaryStats.EMPTY,
            List.of(new IntervalStats(0, 1, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN),
                new IntervalStats(1, 1, 5, 10, 20, 25, 30)));
        final Document svg = TestData.parseXml(new TimeSeriesPlot().render(List.of(run)));
        assertEquals(1, vertices(series(svg, 0, "p99").get(0)).size());
        assertEquals(4, elements(svg, "circle").size(), "single points get a marker");

        final Document none = TestData.parseXml(new TimeSeriesPlot().render(List.of()));
        assertTrue(elements(none, "text").stream()
            .anyMatch(t -> t.getTextContent().equals("no interval log among the inputs")));
    }

    @Test
    void shouldBreakTheLinesWhereNothingWasMeasuredBetweenIntervals()
    {
        // Two rounds of 0.1 s intervals with 2 s of another run between them.
        final LatencyRun run = new LatencyRun("r", "\u00B5s", List.of(), io.monocoque.hdr.model.SummaryStats.EMPTY,
            List.of(new IntervalStats(0, 0.1, 5, 10, 20, 25, 30), new IntervalStats(0.1, 0.1, 5, 11, 21, 26, 31),
                new IntervalStats(2.2, 0.1, 5, 12, 22, 27, 32), new IntervalStats(2.3, 0.1, 5, 13, 23, 28, 33)));
        final Document svg = TestData.parseXml(new TimeSeriesPlot().render(List.of(run)));

        final List<org.w3c.dom.Element> p99 = series(svg, 0, "p99");
        assertEquals(2, p99.size(), "one line per stretch measured");
        assertEquals(2, vertices(p99.get(0)).size());
        assertEquals(2, vertices(p99.get(1)).size());
        assertEquals(8, series(svg, 0, null).size());
    }

    @Test
    void intervalStatsAreCheckedForSanity()
    {
        final ToDoubleFunction<IntervalStats> start = IntervalStats::startSeconds;
        assertEquals(2.0, start.applyAsDouble(new IntervalStats(2, 1, 1, 1, 1, 1, 1)));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
            () -> new IntervalStats(Double.NaN, 1, 1, 1, 1, 1, 1));
    }
}
