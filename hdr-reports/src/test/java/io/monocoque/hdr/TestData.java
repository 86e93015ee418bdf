package io.monocoque.hdr;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;

import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

/** Histograms with known distributions, files written by HdrHistogram itself, and an XML parser for checks. */
public final class TestData
{
    /** Highest trackable value of test histograms: one hour in nanoseconds. */
    public static final long HIGHEST = 3_600_000_000_000L;

    private TestData()
    {
    }

    /** A latency-like distribution in nanoseconds: a base, an exponential body and rare long spikes. */
    public static Histogram latencies(final long seed, final int count, final double baseNs, final double scale)
    {
        final Histogram histogram = new Histogram(HIGHEST, 3);
        record(histogram, new Random(seed), count, baseNs, scale);
        return histogram;
    }

    /** Records {@code count} latency-like values into {@code histogram}. */
    public static void record(
        final Histogram histogram, final Random random, final int count, final double baseNs, final double scale)
    {
        for (int i = 0; i < count; i++)
        {
            double value = baseNs + scale * -Math.log(1 - random.nextDouble()) * 5_000;
            if (random.nextInt(1000) < 7)
            {
                value += scale * (200_000 + random.nextDouble() * 1_800_000);
            }
            histogram.recordValue((long)value);
        }
    }

    /** Values 1..n exactly once each: every percentile is known in closed form. */
    public static Histogram uniform(final int n, final int digits)
    {
        final Histogram histogram = new Histogram(HIGHEST, digits);
        for (int v = 1; v <= n; v++)
        {
            histogram.recordValue(v);
        }
        return histogram;
    }

    /** What {@code outputPercentileDistribution} writes. */
    public static String hgrmText(final AbstractHistogram histogram, final double ratio, final boolean csv)
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.US_ASCII))
        {
            histogram.outputPercentileDistribution(out, 5, ratio, csv);
        }
        return bytes.toString(StandardCharsets.US_ASCII);
    }

    /** Writes {@code outputPercentileDistribution(out, ratio)} to a file. */
    public static Path writeHgrm(final Path file, final AbstractHistogram histogram, final double ratio)
        throws IOException
    {
        Files.writeString(file, hgrmText(histogram, ratio, false), StandardCharsets.US_ASCII);
        return file;
    }

    /**
     * Writes an interval log with HdrHistogram's {@link HistogramLogWriter}: one interval per histogram, each one
     * second long, starting at {@code startMs}, with the version, start time and legend header.
     */
    public static Path writeHlog(final Path file, final long startMs, final List<Histogram> intervals)
        throws IOException
    {
        try (PrintStream out = new PrintStream(Files.newOutputStream(file), false, StandardCharsets.US_ASCII))
        {
            final HistogramLogWriter writer = new HistogramLogWriter(out);
            writer.outputLogFormatVersion();
            writer.outputStartTime(startMs);
            writer.setBaseTime(startMs);
            writer.outputLegend();
            for (int i = 0; i < intervals.size(); i++)
            {
                final Histogram interval = intervals.get(i);
                interval.setStartTimeStamp(startMs + i * 1000L);
                interval.setEndTimeStamp(startMs + (i + 1) * 1000L);
                writer.outputIntervalHistogram(interval);
            }
        }
        return file;
    }

    /** {@code count} one-second intervals of latency-like values; interval {@code spikeAt} is ten times slower. */
    public static List<Histogram> intervals(final long seed, final int count, final int perInterval, final int spikeAt)
    {
        final Random random = new Random(seed);
        final Histogram[] histograms = new Histogram[count];
        for (int i = 0; i < count; i++)
        {
            histograms[i] = new Histogram(HIGHEST, 3);
            record(histograms[i], random, perInterval, 20_000, i == spikeAt ? 10 : 1);
        }
        return List.of(histograms);
    }

    /** As {@link #intervals}, every value {@code scale} times larger (a slower run of the same shape). */
    public static List<Histogram> scaledIntervals(final long seed, final int count, final int perInterval,
        final int spikeAt, final double scale)
    {
        final Random random = new Random(seed);
        final Histogram[] histograms = new Histogram[count];
        for (int i = 0; i < count; i++)
        {
            histograms[i] = new Histogram(HIGHEST, 3);
            record(histograms[i], random, perInterval, 20_000 * scale, (i == spikeAt ? 10 : 1) * scale);
        }
        return List.of(histograms);
    }

    /**
     * A result directory as the benchmark harness writes it: the interval logs of two implementations (monocoque
     * and jeromq, values {@code scale} times the usual) and a {@code summary.json} naming them, with the command
     * {@code monocoque bench latency NAME}.
     */
    public static Path writeResultDirectory(final Path parent, final String name, final double scale)
        throws IOException
    {
        final Path results = Files.createDirectories(parent.resolve(name));
        final StringBuilder json = new StringBuilder("[\n");
        int seed = 1;
        for (final String impl : List.of("monocoque", "jeromq"))
        {
            final String file = "latency-" + impl + "-dealer-64B.hlog";
            writeHlog(results.resolve(file), 1_700_000_000_000L, scaledIntervals(seed++, 25, 1_000, 7, scale));
            json.append(json.length() > 2 ? ",\n" : "").append("{\"impl\": \"").append(impl)
                .append("\", \"command\": \"monocoque bench latency ").append(name).append("\", \"files\": ")
                .append("{\"hlog\": \"").append(file).append("\"}}");
        }
        Files.writeString(results.resolve("summary.json"), json.append("\n]\n"));
        return results;
    }

    /** Parses {@code text} as XML (namespace aware, no DTD loading); fails the test if it is not well-formed. */
    public static Document parseXml(final String text)
    {
        try
        {
            final DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setValidating(false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            final DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            return builder.parse(new InputSource(new StringReader(text)));
        }
        catch (final Exception e)
        {
            throw new AssertionError("not well-formed XML: " + e.getMessage(), e);
        }
    }

    /** True if {@code actual} equals {@code expected} within HdrHistogram's precision (3 digits) plus rounding. */
    public static boolean close(final double expected, final double actual, final double absolute)
    {
        return Math.abs(expected - actual) <= Math.abs(expected) * 1e-3 + absolute;
    }
}
