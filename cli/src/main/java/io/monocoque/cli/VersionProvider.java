package io.monocoque.cli;

import picocli.CommandLine.IVersionProvider;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * {@code monocoque --version}: the project version, which the build writes into {@code version.properties} beside
 * this class. Stateless; called by picocli on the thread of {@link Cli#run}.
 */
public final class VersionProvider implements IVersionProvider
{
    private static final String RESOURCE = "version.properties";
    private static final String KEY = "version";
    private static final String JEROMQ_KEY = "jeromq";

    @Override
    public String[] getVersion() throws IOException
    {
        return new String[]{Cli.TOOL + " " + version()};
    }

    /**
     * The project version this jar was built from.
     *
     * @return e.g. {@code 0.1.0-SNAPSHOT}.
     * @throws IOException if the resource cannot be read.
     */
    public static String version() throws IOException
    {
        return property(KEY);
    }

    /**
     * The JeroMQ version the benchmarks compare against, as the build resolved it.
     *
     * @return e.g. {@code 0.6.0}.
     * @throws IOException if the resource cannot be read.
     */
    public static String jeromqVersion() throws IOException
    {
        return property(JEROMQ_KEY);
    }

    private static String property(final String key) throws IOException
    {
        try (InputStream in = VersionProvider.class.getResourceAsStream(RESOURCE))
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
