package io.monocoque.cli.command;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The versions the build wrote into {@code version.properties}: this project's, and that of the JeroMQ the benchmarks
 * compare against. Stateless; any thread.
 */
public final class BuildVersions
{
    private static final String RESOURCE = "/io/monocoque/cli/version.properties";
    private static final String PROJECT = "version";
    private static final String JEROMQ = "jeromq";

    private BuildVersions()
    {
    }

    /**
     * The project version this jar was built from.
     *
     * @return e.g. {@code 0.1.0-SNAPSHOT}.
     * @throws IOException if the resource cannot be read.
     */
    public static String project() throws IOException
    {
        return property(PROJECT);
    }

    /**
     * The JeroMQ version the benchmarks compare against, as the build resolved it.
     *
     * @return e.g. {@code 0.6.0}.
     * @throws IOException if the resource cannot be read.
     */
    public static String jeromq() throws IOException
    {
        return property(JEROMQ);
    }

    private static String property(final String key) throws IOException
    {
        try (InputStream in = BuildVersions.class.getResourceAsStream(RESOURCE))
        {
            if (in == null)
            {
                throw new IOException(RESOURCE + " is missing from the class path");
            }
            final Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty(key, "unknown");
        }
    }
}
