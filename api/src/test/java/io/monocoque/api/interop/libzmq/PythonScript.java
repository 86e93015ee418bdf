package io.monocoque.api.interop.libzmq;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Finds a Python peer script of the interop tests on the test class path, as a file the interpreter can run.
 */
public final class PythonScript
{
    private PythonScript()
    {
    }

    /**
     * The script as a file: itself when the class path is a directory, else a temporary copy deleted at exit.
     *
     * @param resource class-path name without the leading slash, e.g. {@code interop/zmq_peer.py}.
     * @return the file.
     * @throws IllegalStateException if the resource is not on the class path.
     */
    public static Path onDisk(final String resource)
    {
        final URL url = PythonScript.class.getResource("/" + resource);
        if (url == null)
        {
            throw new IllegalStateException(resource + " is not on the test class path");
        }
        try
        {
            if ("file".equals(url.getProtocol()))
            {
                return Path.of(url.toURI());
            }
            final String name = Path.of(resource).getFileName().toString();
            final Path copy = Files.createTempFile(name.replace(".py", "-"), ".py");
            copy.toFile().deleteOnExit();
            try (InputStream in = url.openStream())
            {
                Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
            }
            return copy;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        catch (final URISyntaxException ex)
        {
            throw new IllegalStateException(ex);
        }
    }
}
