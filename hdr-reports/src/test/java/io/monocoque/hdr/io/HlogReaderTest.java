package io.monocoque.hdr.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.monocoque.hdr.TestData;
import io.monocoque.hdr.model.IntervalStats;
import io.monocoque.hdr.model.LatencyRun;
import io.monocoque.hdr.model.ValueUnit;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HlogReaderTest
{
    private static final long START_MS = 1_700_000_000_123L;

    @TempDir
    Path dir;

    @Test
    void readsIntervalsAndTheirSum() throws Exception
    {
        final List<Histogram> intervals = TestData.intervals(5, 12, 5_000, 7);
        final Histogram sum = new Histogram(TestData.HIGHEST, 3);
        intervals.forEach(sum::add);
        final Path file = TestData.writeHlog(dir.resolve("run.hlog"), START_MS, intervals);

        final HlogData data = HlogReader.read(file);

        assertEquals(sum, data.accumulated());
        assertEquals(START_MS / 1000.0, data.startTimeSec(), 0.0005);
        assertEquals(12, data.intervals().size());
        for (int i = 0; i < intervals.size(); i++)
        {
            final Histogram expected = intervals.get(i);
            final IntervalStats actual = data.intervals().get(i);
            assertEquals(i, actual.startSeconds(), 0.0015, "start of interval " + i);
            assertEquals(1.0, actual.lengthSeconds(), 0.0015);
            assertEquals(expected.getTotalCount(), actual.count());
            assertEquals(expected.getValueAtPercentile(50), actual.p50());
            assertEquals(expected.getValueAtPercentile(99), actual.p99());
            assertEquals(expected.getMaxValue(), actual.max());
        }
    }

    @Test
    void reEmittingTheSumAsHgrmMatchesHdrHistogram() throws Exception
    {
        final List<Histogram> intervals = TestData.intervals(6, 10, 3_000, 2);
        final Histogram sum = new Histogram(TestData.HIGHEST, 3);
        intervals.forEach(sum::add);
        final HlogData data = HlogReader.read(TestData.writeHlog(dir.resolve("a.hlog"), START_MS, intervals));

        final String expected = TestData.hgrmText(sum, 1000.0, false);
        assertEquals(expected, HgrmWriter.format(HgrmFile.fromHistogram(data.accumulated(), 5, 1000.0, false)));
        assertEquals(expected, HgrmWriter.format(HgrmReader.parse(expected, "x")));
    }

    @Test
    void runConvertsNanosecondsToMicroseconds() throws Exception
    {
        final List<Histogram> intervals = TestData.intervals(7, 5, 2_000, 3);
        final Histogram sum = new Histogram(TestData.HIGHEST, 3);
        intervals.forEach(sum::add);
        final LatencyRun run = HlogReader.read(TestData.writeHlog(dir.resolve("b.hlog"), START_MS, intervals))
            .toRun("b", ValueUnit.NANOSECONDS);

        assertEquals(sum.getValueAtPercentile(99.9) / 1000.0, run.summary().p999());
        assertEquals(sum.getValueAtPercentile(99.99) / 1000.0, run.summary().p9999());
        assertEquals(sum.getMaxValue() / 1000.0, run.summary().max());
        assertEquals(sum.getMean() / 1000.0, run.summary().mean(), 1e-9);
        assertEquals(sum.getTotalCount(), run.summary().count());
        assertEquals(intervals.get(3).getValueAtPercentile(99) / 1000.0, run.intervals().get(3).p99());
        assertTrue(run.intervals().get(3).p99() > 3 * run.intervals().get(2).p99(), "the spike interval shows");
        final LatencyRun asMicros = HlogReader.read(dir.resolve("b.hlog")).toRun("b", ValueUnit.MICROSECONDS);
        assertEquals(sum.getMaxValue(), asMicros.summary().max());
    }

    @Test
    void selectsATagAndRefusesToGuessWhenOnlyTaggedIntervalsExist() throws Exception
    {
        final Path file = dir.resolve("tagged.hlog");
        final List<Histogram> a = TestData.intervals(8, 3, 1_000, -1);
        final List<Histogram> b = TestData.intervals(9, 3, 1_000, 0);
        try (PrintStream out = new PrintStream(Files.newOutputStream(file), false, StandardCharsets.US_ASCII))
        {
            final HistogramLogWriter writer = new HistogramLogWriter(out);
            writer.outputStartTime(START_MS);
            writer.setBaseTime(START_MS);
            writer.outputLegend();
            for (int i = 0; i < 3; i++)
            {
                for (final Histogram h : List.of(a.get(i), b.get(i)))
                {
                    h.setStartTimeStamp(START_MS + i * 1000L);
                    h.setEndTimeStamp(START_MS + (i + 1) * 1000L);
                }
                a.get(i).setTag("send");
                b.get(i).setTag("recv");
                writer.outputIntervalHistogram(a.get(i));
                writer.outputIntervalHistogram(b.get(i));
            }
        }
        final HdrFormatException untagged = assertThrows(HdrFormatException.class, () -> HlogReader.read(file));
        assertTrue(untagged.getMessage().contains("recv, send"), untagged.getMessage());

        final HlogData recv = HlogReader.read(file, "recv");
        assertEquals(3, recv.intervals().size());
        assertEquals("recv", recv.tag().orElseThrow());
        final Histogram sum = new Histogram(TestData.HIGHEST, 3);
        b.forEach(sum::add);
        assertEquals(sum, recv.accumulated());
    }

    @Test
    void logWithoutHeadersIsTimedFromItsFirstInterval() throws Exception
    {
        final Path file = dir.resolve("bare.hlog");
        final List<Histogram> intervals = TestData.intervals(10, 4, 100, -1);
        try (PrintStream out = new PrintStream(Files.newOutputStream(file), false, StandardCharsets.US_ASCII))
        {
            final HistogramLogWriter writer = new HistogramLogWriter(out);
            for (int i = 0; i < intervals.size(); i++)
            {
                intervals.get(i).setStartTimeStamp(START_MS + 5000 + i * 2000L);
                intervals.get(i).setEndTimeStamp(START_MS + 5000 + i * 2000L + 500);
                writer.outputIntervalHistogram(intervals.get(i));
            }
        }
        final HlogData data = HlogReader.read(file);
        assertEquals((START_MS + 5000) / 1000.0, data.startTimeSec(), 0.0005);
        for (int i = 0; i < intervals.size(); i++)
        {
            assertEquals(2.0 * i, data.intervals().get(i).startSeconds(), 0.0015);
            assertEquals(0.5, data.intervals().get(i).lengthSeconds(), 0.0015);
        }
    }

    @Test
    void emptyLogGivesAnEmptyRun() throws Exception
    {
        final LatencyRun run = HlogReader.read(TestData.writeHlog(dir.resolve("e.hlog"), START_MS, List.of()))
            .toRun("e", ValueUnit.NANOSECONDS);
        assertEquals(0, run.summary().count());
        assertTrue(run.points().isEmpty());
        assertTrue(run.intervals().isEmpty());
    }

    @Test
    void corruptLogIsAFormatError() throws Exception
    {
        final Path file = dir.resolve("bad.hlog");
        Files.writeString(file, "#[StartTime: 1.0 (seconds since epoch)]\n0.000,1.000,1.0,HISTFAAAnotbase64!!\n");
        final HdrFormatException e = assertThrows(HdrFormatException.class, () -> HlogReader.read(file));
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
    }
}
