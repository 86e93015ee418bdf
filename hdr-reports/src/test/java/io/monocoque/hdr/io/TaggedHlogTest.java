package io.monocoque.hdr.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import io.monocoque.hdr.HdrReports;
import io.monocoque.hdr.ReadOptions;
import io.monocoque.hdr.TestData;
import io.monocoque.hdr.model.LatencyRun;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A log written by HdrHistogram's own HistogramLogWriter with several tagged streams becomes several series. */
class TaggedHlogTest
{
    private static final long START_MS = 1_700_000_000_000L;

    @TempDir
    Path dir;

    private Path writeInterleaved() throws Exception
    {
        final Path file = dir.resolve("service.hlog");
        try (PrintStream out = new PrintStream(Files.newOutputStream(file), false, StandardCharsets.US_ASCII))
        {
            final HistogramLogWriter writer = new HistogramLogWriter(out);
            writer.outputLogFormatVersion();
            writer.outputStartTime(START_MS);
            writer.setBaseTime(START_MS);
            writer.outputBaseTime(START_MS);
            writer.outputLegend();
            for (int second = 0; second < 4; second++)
            {
                for (final String tag : Arrays.asList(null, "read", "write"))
                {
                    final Histogram interval = new Histogram(TestData.HIGHEST, 3);
                    final long value = tag == null ? 1_000 : "read".equals(tag) ? 10_000 : 100_000;
                    for (int i = 0; i < 100 * (second + 1); i++)
                    {
                        interval.recordValue(value + i);
                    }
                    interval.setTag(tag);
                    interval.setStartTimeStamp(START_MS + 2_000 + second * 1_000L);
                    interval.setEndTimeStamp(START_MS + 3_000 + second * 1_000L);
                    writer.outputIntervalHistogram(interval);
                }
            }
        }
        return file;
    }

    @Test
    void shouldListTheTagsInTheOrderTheyFirstAppear() throws Exception
    {
        assertEquals(Arrays.asList(null, "read", "write"), HlogReader.tags(writeInterleaved()));
    }

    @Test
    void shouldReadEachTaggedStreamAsItsOwnSeriesWithTheLogsBaseTime() throws Exception
    {
        final Path file = writeInterleaved();
        final List<HdrReports.Input> inputs = HdrReports.readInputs(List.of(file), ReadOptions.DEFAULTS);

        assertEquals(List.of("service", "service [read]", "service [write]"),
            inputs.stream().map(input -> input.run().name()).toList());
        for (final HdrReports.Input input : inputs)
        {
            final LatencyRun run = input.run();
            assertEquals(file, input.file());
            assertEquals(100 + 200 + 300 + 400, run.summary().count(), run.name());
            assertEquals(4, run.intervals().size(), run.name());
            // Intervals start 2 s after the log's start time and last a second each.
            assertEquals(2.0, run.intervals().get(0).startSeconds(), 1e-3, run.name());
            assertEquals(1.0, run.intervals().get(0).lengthSeconds(), 1e-3, run.name());
        }
        final double untaggedP50 = inputs.get(0).run().summary().p50();
        final double readP50 = inputs.get(1).run().summary().p50();
        final double writeP50 = inputs.get(2).run().summary().p50();
        assertTrue(untaggedP50 < readP50 && readP50 < writeP50, untaggedP50 + " " + readP50 + " " + writeP50);

        final List<LatencyRun> one = HdrReports.readAll(List.of(file), ReadOptions.DEFAULTS.withTag("write"));
        assertEquals(1, one.size(), "--tag reads one stream");
    }

    @Test
    void shouldReadAnUntaggedLogAsOneSeries() throws Exception
    {
        final Path file = TestData.writeHlog(dir.resolve("plain.hlog"), START_MS, TestData.intervals(5, 3, 100, 9));
        assertEquals(1, HdrReports.readInputs(List.of(file), ReadOptions.DEFAULTS).size());
    }
}
