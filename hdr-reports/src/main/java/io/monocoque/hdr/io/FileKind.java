package io.monocoque.hdr.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The two HdrHistogram file formats a report reads, and how to tell them apart.
 *
 * <p>Thread-safety: immutable; safe from any thread.
 */
public enum FileKind
{
    /** A percentile distribution, as {@code Histogram.outputPercentileDistribution} writes it. */
    HGRM,
    /** An interval log, as {@code HistogramLogWriter} writes it. */
    HLOG;

    private static final int SNIFF_BYTES = 4096;

    /**
     * Detects a file's kind from its first few kilobytes, falling back on its extension ({@code .hgrm},
     * {@code .hlog}) when the content is inconclusive.
     *
     * @param file the file
     * @return its kind
     * @throws HdrFormatException if neither the content nor the extension tells
     * @throws IOException        if the file cannot be read
     */
    public static FileKind detect(final Path file) throws IOException
    {
        final String head;
        try (InputStream in = Files.newInputStream(file))
        {
            head = new String(in.readNBytes(SNIFF_BYTES), StandardCharsets.ISO_8859_1);
        }
        if (HgrmReader.looksLikeHgrm(head))
        {
            return HGRM;
        }
        if (HlogReader.looksLikeHlog(head))
        {
            return HLOG;
        }
        final String name = String.valueOf(file.getFileName()).toLowerCase(Locale.ROOT);
        if (name.endsWith(".hgrm"))
        {
            return HGRM;
        }
        if (name.endsWith(".hlog"))
        {
            return HLOG;
        }
        throw new HdrFormatException(file + ": neither an HdrHistogram percentile distribution (.hgrm) nor an " +
            "interval log (.hlog)");
    }
}
