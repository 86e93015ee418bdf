package io.monocoque.hdr.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import io.monocoque.hdr.TestData;
import io.monocoque.hdr.model.LatencyRun;
import io.monocoque.hdr.model.PercentilePoint;
import io.monocoque.hdr.model.ValueUnit;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HgrmRoundTripTest
{
    @TempDir
    Path dir;

    @Test
    void everyParsedLineIsTheHistogramsValueAtThatPercentile() throws Exception
    {
        final Histogram histogram = TestData.latencies(1, 200_000, 20_000, 1);
        final HgrmFile file = HgrmReader.read(TestData.writeHgrm(dir.resolve("a.hgrm"), histogram, 1000.0));

        assertTrue(file.lines().size() > 50, "lines: " + file.lines().size());
        assertFalse(file.csv());
        assertEquals(3, file.valueDecimals());
        for (final HgrmLine line : file.lines())
        {
            final double expected = histogram.getValueAtPercentile(line.percent()) / 1000.0;
            assertTrue(TestData.close(expected, line.value(), 0.0015),
                "p" + line.percent() + ": expected " + expected + ", parsed " + line.value());
        }
        final HgrmLine last = file.lines().get(file.lines().size() - 1);
        assertTrue(last.isLast());
        assertEquals(1.0, last.percentile());
        assertEquals(histogram.getTotalCount(), last.totalCount());
        assertEquals(histogram.highestEquivalentValue(histogram.getMaxValue()) / 1000.0, last.value(), 0.0005);

        final HgrmFooter footer = file.footer().orElseThrow();
        assertEquals(histogram.getTotalCount(), footer.totalCount());
        assertEquals(histogram.getMean() / 1000.0, footer.mean(), 0.0005);
        assertEquals(histogram.getStdDeviation() / 1000.0, footer.stdDeviation(), 0.0005);
        assertEquals(histogram.getMaxValue() / 1000.0, footer.max(), 0.0005);
        assertEquals(32, footer.buckets());
        assertEquals(2048, footer.subBuckets());
    }

    @ParameterizedTest(name = "digits={0} ratio={1} csv={2} values={3}")
    @CsvSource({
        "3, 1000.0, false, 100000",
        "3, 1000.0, true, 100000",
        "2, 1.0, false, 5000",
        "4, 1000000.0, false, 50000",
        "1, 1000.0, true, 1000",
        "5, 1000.0, false, 20000",
        "3, 1000.0, false, 1",
        "3, 1000.0, false, 0",
        "3, 1000.0, true, 0",
    })
    void reEmittingWhatHdrHistogramWroteGivesTheSameBytes(
        final int digits, final double ratio, final boolean csv, final int values) throws Exception
    {
        final Histogram histogram = new Histogram(TestData.HIGHEST, digits);
        if (values > 0)
        {
            TestData.record(histogram, new java.util.Random(values), values, 20_000, 1);
        }
        final String original = TestData.hgrmText(histogram, ratio, csv);

        final HgrmFile parsed = HgrmReader.parse(original, "test");
        assertEquals(original, HgrmWriter.format(parsed));
        assertEquals(csv, parsed.csv());

        final Path written = dir.resolve("re.hgrm");
        HgrmWriter.write(parsed, written);
        assertEquals(original, HgrmWriter.format(HgrmReader.read(written)));
    }

    @ParameterizedTest(name = "digits={0} csv={1}")
    @CsvSource({"3, false", "2, true", "4, false", "0, false"})
    void buildingFromAHistogramMatchesOutputPercentileDistribution(final int digits, final boolean csv)
    {
        final Histogram histogram = new Histogram(digits == 0 ? 1_000_000_000L : TestData.HIGHEST, digits);
        TestData.record(histogram, new java.util.Random(7), 30_000, 20_000, 1);
        assertEquals(TestData.hgrmText(histogram, 1000.0, csv),
            HgrmWriter.format(HgrmFile.fromHistogram(histogram, 5, 1000.0, csv)));
    }

    @Test
    void autoResizingHistogramFooterMatchesToo()
    {
        final Histogram histogram = new Histogram(3);
        TestData.record(histogram, new java.util.Random(3), 10_000, 20_000, 1);
        assertEquals(TestData.hgrmText(histogram, 1000.0, false),
            HgrmWriter.format(HgrmFile.fromHistogram(histogram, 5, 1000.0, false)));
    }

    @Test
    void runSummaryIsExactAtListedLevelsAndAnUpperBoundElsewhere() throws Exception
    {
        final Histogram histogram = TestData.latencies(2, 100_000, 20_000, 1);
        final HgrmFile file = HgrmReader.parse(TestData.hgrmText(histogram, 1000.0, false), "t");
        final LatencyRun run = file.toRun("a", ValueUnit.MICROSECONDS);

        assertEquals("\u00B5s", run.unit());
        assertEquals(histogram.getValueAtPercentile(50) / 1000.0, run.summary().p50(), 0.0005);
        assertEquals(histogram.getValueAtPercentile(90) / 1000.0, run.summary().p90(), 0.0005);
        assertEquals(histogram.getMaxValue() / 1000.0, run.summary().max(), 0.0005);
        assertEquals(histogram.getMean() / 1000.0, run.summary().mean(), 0.0005);
        assertEquals(histogram.getTotalCount(), run.summary().count());
        assertUpperBound(histogram, file, 99.0, run.summary().p99());
        assertUpperBound(histogram, file, 99.9, run.summary().p999());
        assertUpperBound(histogram, file, 99.99, run.summary().p9999());

        assertEquals(file.lines().size(), run.points().size());
        for (int i = 0; i < file.lines().size(); i++)
        {
            final PercentilePoint point = run.points().get(i);
            assertEquals(file.lines().get(i).percent(), point.percentile(), 1e-9);
            assertEquals(file.lines().get(i).value(), point.value());
        }
    }

    private static void assertUpperBound(
        final Histogram histogram, final HgrmFile file, final double percent, final double value)
    {
        final double exact = histogram.getValueAtPercentile(percent) / 1000.0;
        double nextListed = Double.NaN;
        for (final HgrmLine line : file.lines())
        {
            if (line.percent() >= percent)
            {
                nextListed = line.value();
                break;
            }
        }
        assertTrue(value >= exact - 0.0005 && value <= nextListed + 0.0005,
            "p" + percent + ": " + value + " not in [" + exact + ", " + nextListed + "]");
    }

    @Test
    void unitOptionScalesValues() throws Exception
    {
        final Histogram histogram = TestData.latencies(3, 10_000, 20_000, 1);
        final HgrmFile nanos = HgrmReader.parse(TestData.hgrmText(histogram, 1.0, false), "t");
        final LatencyRun run = nanos.toRun("ns", ValueUnit.NANOSECONDS);
        final LatencyRun reference =
            HgrmReader.parse(TestData.hgrmText(histogram, 1000.0, false), "t").toRun("us", ValueUnit.MICROSECONDS);
        for (int i = 0; i < run.points().size(); i++)
        {
            assertEquals(reference.points().get(i).value(), run.points().get(i).value(), 0.0005);
        }
        assertEquals(reference.summary().p99(), run.summary().p99(), 0.0005);
        final LatencyRun millis =
            HgrmReader.parse(TestData.hgrmText(histogram, 1_000_000.0, false), "t").toRun("ms", ValueUnit.MILLISECONDS);
        assertEquals(reference.summary().max(), millis.summary().max(), 0.5);
    }

    @Test
    void csvWithoutFooterStillGivesCountAndMax() throws Exception
    {
        final Histogram histogram = TestData.latencies(4, 10_000, 20_000, 1);
        final LatencyRun run =
            HgrmReader.parse(TestData.hgrmText(histogram, 1000.0, true), "t").toRun("c", ValueUnit.MICROSECONDS);
        assertEquals(histogram.getTotalCount(), run.summary().count());
        assertEquals(histogram.getMaxValue() / 1000.0, run.summary().max(), 0.0005);
        assertTrue(Double.isNaN(run.summary().mean()));
    }

    @Test
    void emptyHistogramGivesAnEmptyRun() throws Exception
    {
        final LatencyRun run = HgrmReader.parse(TestData.hgrmText(new Histogram(3), 1000.0, false), "t")
            .toRun("e", ValueUnit.MICROSECONDS);
        assertTrue(run.points().isEmpty());
        assertEquals(0, run.summary().count());
        assertTrue(Double.isNaN(run.summary().p99()));
    }

    @Test
    void malformedInputIsRejectedWithFileAndLine()
    {
        final HdrFormatException notHgrm =
            assertThrows(HdrFormatException.class, () -> HgrmReader.parse("hello world\n", "x.hgrm"));
        assertTrue(notHgrm.getMessage().startsWith("x.hgrm:1: expected the header"), notHgrm.getMessage());

        final String good = TestData.hgrmText(TestData.uniform(1000, 3), 1.0, false);
        final List<String> lines = new java.util.ArrayList<>(List.of(good.split("\n", -1)));
        lines.set(5, "      12.000 0.1oops0000000          1           1.00");
        final HdrFormatException badNumber = assertThrows(HdrFormatException.class,
            () -> HgrmReader.parse(String.join("\n", lines), "y.hgrm"));
        assertTrue(badNumber.getMessage().startsWith("y.hgrm:6: bad percentile"), badNumber.getMessage());

        final HdrFormatException empty = assertThrows(HdrFormatException.class, () -> HgrmReader.parse("", "z"));
        assertTrue(empty.getMessage().contains("empty file"), empty.getMessage());

        final String decreasing = "Value Percentile TotalCount 1/(1-Percentile)\n\n" +
            "  2.0 0.5 10 2.00\n  1.0 0.6 11 2.50\n";
        final HdrFormatException order =
            assertThrows(HdrFormatException.class, () -> HgrmReader.parse(decreasing, "d"));
        assertTrue(order.getMessage().startsWith("d:4:"), order.getMessage());
    }

    @Test
    void windowsLineEndingsAreAccepted() throws Exception
    {
        final String original = TestData.hgrmText(TestData.uniform(1000, 3), 1.0, false);
        final HgrmFile parsed = HgrmReader.parse(original.replace("\n", "\r\n"), "w");
        assertEquals(original, HgrmWriter.format(parsed));
    }
}
