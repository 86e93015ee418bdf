package io.monocoque.hdr.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import io.monocoque.hdr.model.IntervalStats;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;

/**
 * Reads an interval log ({@code .hlog}) written by HdrHistogram's {@code HistogramLogWriter}, using HdrHistogram's
 * own {@link HistogramLogReader}, into {@link HlogData}: per-interval p50/p99/max and the sum of all intervals.
 *
 * <p>A log may interleave several tagged streams ({@code Tag=name,...} lines). One stream is read: the untagged
 * intervals by default, or those with a given tag; {@link #tags} lists the streams. Logs of
 * {@code DoubleHistogram}s are refused.
 *
 * <p>Thread-safety: stateless; safe from any thread.
 */
public final class HlogReader
{
    private HlogReader()
    {
    }

    /**
     * Tells whether {@code text} starts like an interval log: a {@code #[Histogram log format version} or
     * {@code #[StartTime:} header, the CSV legend, or an interval line with a compressed histogram.
     *
     * @param text the start of a file
     * @return {@code true} if it looks like a {@code .hlog}
     */
    public static boolean looksLikeHlog(final String text)
    {
        for (final String line : text.split("\r?\n|\r"))
        {
            final String trimmed = line.trim();
            if (trimmed.startsWith("#[Histogram log format version") || trimmed.startsWith("#[StartTime:") ||
                trimmed.startsWith("#[BaseTime:") || trimmed.startsWith("\"StartTimestamp\"") ||
                trimmed.matches("(Tag=[^,]*,)?[0-9.]+,[0-9.]+,[0-9.]+,HIST.*"))
            {
                return true;
            }
        }
        return false;
    }

    /**
     * The streams a log interleaves: its distinct interval tags in the order they first appear, null standing for
     * the untagged intervals.
     *
     * @param file the log
     * @return the tags, empty for a log with no interval
     * @throws HdrFormatException if the log is malformed
     * @throws IOException        if the file cannot be read
     */
    public static List<String> tags(final Path file) throws IOException
    {
        final HistogramLogReader reader = new HistogramLogReader(file.toFile());
        try
        {
            final List<String> tags = new ArrayList<>();
            EncodableHistogram next;
            while ((next = reader.nextIntervalHistogram()) != null)
            {
                if (!tags.contains(next.getTag()))
                {
                    tags.add(next.getTag());
                }
            }
            return tags;
        }
        catch (final RuntimeException e)
        {
            throw new HdrFormatException(file + ": not a valid HdrHistogram interval log: " + e, e);
        }
        finally
        {
            reader.close();
        }
    }

    /**
     * Reads the untagged intervals of a log.
     *
     * @param file the log
     * @return what the log holds
     * @throws HdrFormatException if the log is malformed, has only tagged intervals, or holds DoubleHistograms
     * @throws IOException        if the file cannot be read
     */
    public static HlogData read(final Path file) throws IOException
    {
        return read(file, null);
    }

    /**
     * Reads the intervals of a log that carry {@code tag}.
     *
     * @param file the log
     * @param tag  the tag to select, or {@code null} for untagged intervals
     * @return what the log holds for that tag
     * @throws HdrFormatException if the log is malformed, has no interval with that tag while it has others, or
     *                            holds DoubleHistograms
     * @throws IOException        if the file cannot be read
     */
    public static HlogData read(final Path file, final String tag) throws IOException
    {
        if (!Files.isRegularFile(file) || !Files.isReadable(file))
        {
            throw new IOException(file + ": not a readable file");
        }
        final HistogramLogReader reader = new HistogramLogReader(file.toFile());
        try
        {
            return read(reader, file.toString(), tag);
        }
        catch (final RuntimeException e)
        {
            throw new HdrFormatException(file + ": not a valid HdrHistogram interval log: " + e, e);
        }
        finally
        {
            reader.close();
        }
    }

    private static HlogData read(final HistogramLogReader reader, final String source, final String tag)
        throws HdrFormatException
    {
        Histogram accumulated = null;
        final List<long[]> times = new ArrayList<>();
        final List<long[]> stats = new ArrayList<>();
        final Set<String> otherTags = new TreeSet<>();
        EncodableHistogram next;
        while ((next = reader.nextIntervalHistogram()) != null)
        {
            if (!Objects.equals(next.getTag(), tag))
            {
                otherTags.add(next.getTag() == null ? "(untagged)" : next.getTag());
                continue;
            }
            if (!(next instanceof AbstractHistogram histogram))
            {
                throw new HdrFormatException(source + ": holds " + next.getClass().getSimpleName() +
                    " intervals; only integer Histogram logs are supported");
            }
            if (accumulated == null)
            {
                accumulated = new Histogram(histogram.getLowestDiscernibleValue(),
                    histogram.getHighestTrackableValue(), histogram.getNumberOfSignificantValueDigits());
                accumulated.setAutoResize(true);
            }
            accumulated.add(histogram);
            times.add(new long[] {histogram.getStartTimeStamp(), histogram.getEndTimeStamp()});
            stats.add(rawStats(histogram));
        }
        if (accumulated == null && !otherTags.isEmpty())
        {
            throw new HdrFormatException(source + ": no " + (tag == null ? "untagged" : "'" + tag + "'") +
                " intervals; the log has: " + String.join(", ", otherTags) + " (select one by its tag)");
        }
        final double headerStart = reader.getStartTimeSec();
        final double start = headerStart > 0 ? headerStart : times.isEmpty() ? Double.NaN : times.get(0)[0] / 1000.0;
        final List<IntervalStats> intervals = new ArrayList<>(times.size());
        for (int i = 0; i < times.size(); i++)
        {
            final long[] t = times.get(i);
            final long[] s = stats.get(i);
            final boolean empty = s[0] == 0;
            intervals.add(new IntervalStats(
                t[0] / 1000.0 - start,
                Math.max(0, t[1] - t[0]) / 1000.0,
                s[0],
                empty ? Double.NaN : s[1],
                empty ? Double.NaN : s[2],
                empty ? Double.NaN : s[3],
                empty ? Double.NaN : s[4]));
        }
        return new HlogData(accumulated == null ? new Histogram(3) : accumulated, intervals, start, tag);
    }

    private static long[] rawStats(final AbstractHistogram histogram)
    {
        return new long[] {
            histogram.getTotalCount(),
            histogram.getValueAtPercentile(50.0),
            histogram.getValueAtPercentile(99.0),
            histogram.getValueAtPercentile(99.9),
            histogram.getMaxValue()};
    }
}
