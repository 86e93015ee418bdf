package io.monocoque.hdr.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the benchmark's {@code summary.json} says about each run of a report: the file the harness writes beside
 * its {@code .hlog} and {@code .hgrm} files, one object per run naming its files under {@code files}. The report
 * shows that description (command line, implementation, idle strategy, threads, JVM, ...) in its run metadata block.
 *
 * <p>Thread-safety: immutable after {@link #beside}; safe from any thread.
 */
public final class RunSummaries
{
    /** Name of the summary file the harness writes in its output directory. */
    public static final String FILE_NAME = "summary.json";

    private final Map<String, Map<String, Object>> byFileName;

    private RunSummaries(final Map<String, Map<String, Object>> byFileName)
    {
        this.byFileName = byFileName;
    }

    /**
     * Reads the {@code summary.json} files in the directories of {@code inputs}, where there are any.
     *
     * @param inputs the report's input files
     * @return the summaries found (none when no directory has one)
     * @throws IOException if a summary exists but cannot be read or is not a JSON array of objects
     */
    public static RunSummaries beside(final List<Path> inputs) throws IOException
    {
        final Map<String, Map<String, Object>> byFileName = new HashMap<>();
        final List<Path> read = new ArrayList<>();
        for (final Path input : inputs)
        {
            final Path directory = input.toAbsolutePath().getParent();
            final Path summary = directory == null ? null : directory.resolve(FILE_NAME);
            if (summary == null || read.contains(summary) || !Files.isRegularFile(summary))
            {
                continue;
            }
            read.add(summary);
            for (final Map<String, Object> run : runsIn(summary))
            {
                if (run.get("files") instanceof Map<?, ?> files)
                {
                    for (final Object file : files.values())
                    {
                        if (file instanceof String name)
                        {
                            byFileName.putIfAbsent(directory.resolve(name).normalize().toString(), run);
                        }
                    }
                }
            }
        }
        return new RunSummaries(byFileName);
    }

    /**
     * Parses one summary file.
     *
     * @param summary the file
     * @return its runs, in order
     * @throws IOException if it cannot be read or is not a JSON array of objects
     */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> runsIn(final Path summary) throws IOException
    {
        final Object parsed;
        try
        {
            parsed = JsonReader.parse(Files.readString(summary, StandardCharsets.UTF_8));
        }
        catch (final HdrFormatException e)
        {
            throw new HdrFormatException(summary + ": " + e.getMessage(), e);
        }
        if (!(parsed instanceof List<?> list) || !list.stream().allMatch(Map.class::isInstance))
        {
            throw new HdrFormatException(summary + ": not a JSON array of run objects");
        }
        return (List<Map<String, Object>>)parsed;
    }

    /**
     * The summary of the run whose data is in {@code input}.
     *
     * @param input a report input
     * @return its summary object, or null if no summary names that file
     */
    public Map<String, Object> of(final Path input)
    {
        return byFileName.get(input.toAbsolutePath().normalize().toString());
    }

    /**
     * Whether any summary was found.
     *
     * @return true if at least one run is described
     */
    public boolean isEmpty()
    {
        return byFileName.isEmpty();
    }
}
