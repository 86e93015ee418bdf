package io.monocoque.cli.bench;

import io.monocoque.cli.command.BuildVersions;
import io.monocoque.perf.latency.Impl;

import java.io.IOException;
import java.util.EnumMap;
import java.util.Map;

/**
 * The versions of the implementations the benchmarks compare, for their result files: Monocoque's and JeroMQ's as
 * the build recorded them, "unknown" where the build's record cannot be read. Stateless; any thread.
 */
final class BenchVersions
{
    private static final String UNKNOWN = "unknown";

    private BenchVersions()
    {
    }

    /**
     * Monocoque's and JeroMQ's versions.
     *
     * @return a new map of the two.
     */
    static Map<Impl, String> byImplementation()
    {
        final Map<Impl, String> versions = new EnumMap<>(Impl.class);
        versions.put(Impl.MONOCOQUE, orUnknown(BuildVersions::project));
        versions.put(Impl.JEROMQ, orUnknown(BuildVersions::jeromq));
        return versions;
    }

    /** A version the build may have failed to record. */
    @FunctionalInterface
    private interface Recorded
    {
        String read() throws IOException;
    }

    private static String orUnknown(final Recorded version)
    {
        try
        {
            return version.read();
        }
        catch (final IOException ex)
        {
            return UNKNOWN;
        }
    }
}
