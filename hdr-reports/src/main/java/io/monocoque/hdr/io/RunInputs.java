package io.monocoque.hdr.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The HdrHistogram files a report argument stands for, so that a whole benchmark run can be named by its directory
 * or its {@code summary.json}: a directory means the files its {@code summary.json} lists (each run's {@code .hlog},
 * or its {@code .hgrm} when it has no log), or without one every {@code .hlog} in it (every {@code .hgrm} if it has
 * none), by name; a {@code .json} file means the files it lists; any other path is itself.
 *
 * <p>Thread-safety: stateless; safe from any thread.
 */
public final class RunInputs
{
    private RunInputs()
    {
    }

    /**
     * Expands one argument.
     *
     * @param argument a directory, a {@code summary.json}, or an HdrHistogram file
     * @return the files, at least one
     * @throws IOException if the argument does not exist, a summary cannot be read, or a directory holds no run
     */
    public static List<Path> expand(final Path argument) throws IOException
    {
        if (Files.isDirectory(argument))
        {
            final Path summary = argument.resolve(RunSummaries.FILE_NAME);
            if (Files.isRegularFile(summary))
            {
                return listed(summary);
            }
            List<Path> found = withExtension(argument, ".hlog");
            if (found.isEmpty())
            {
                found = withExtension(argument, ".hgrm");
            }
            if (found.isEmpty())
            {
                throw new HdrFormatException(argument + ": no summary.json, .hlog or .hgrm file in this directory");
            }
            return found;
        }
        if (argument.getFileName() != null && argument.getFileName().toString().toLowerCase().endsWith(".json"))
        {
            return listed(argument);
        }
        if (!Files.exists(argument))
        {
            throw new NoSuchFileException(argument.toString());
        }
        return List.of(argument);
    }

    private static List<Path> listed(final Path summary) throws IOException
    {
        final Path directory = summary.toAbsolutePath().getParent();
        final List<Path> files = new ArrayList<>();
        for (final Map<String, Object> run : RunSummaries.runsIn(summary))
        {
            if (run.get("files") instanceof Map<?, ?> named)
            {
                final Object file = named.get("hlog") != null ? named.get("hlog") : named.get("hgrm");
                if (file instanceof String name)
                {
                    files.add(directory.resolve(name));
                }
            }
        }
        if (files.isEmpty())
        {
            throw new HdrFormatException(summary + ": no run names an .hlog or .hgrm file");
        }
        return files;
    }

    private static List<Path> withExtension(final Path directory, final String extension) throws IOException
    {
        try (Stream<Path> entries = Files.list(directory))
        {
            return entries.filter(p -> p.getFileName().toString().toLowerCase().endsWith(extension))
                .sorted().toList();
        }
    }
}
