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
        try (InputStream in = VersionProvider.class.getResourceAsStream(RESOURCE))
        {
            if (in == null)
            {
                throw new IOException(RESOURCE + " is missing from the class path");
            }
            final Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty(KEY, "unknown");
        }
    }
}
