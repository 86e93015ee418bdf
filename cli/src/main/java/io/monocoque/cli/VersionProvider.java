package io.monocoque.cli;

import io.monocoque.cli.command.BuildVersions;
import picocli.CommandLine.IVersionProvider;

import java.io.IOException;

/**
 * {@code monocoque --version}: the project version, which the build writes into {@code version.properties} beside
 * this class ({@link BuildVersions}). Stateless; called by picocli on the thread of {@link Cli#run}.
 */
public final class VersionProvider implements IVersionProvider
{
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
        return BuildVersions.project();
    }
}
