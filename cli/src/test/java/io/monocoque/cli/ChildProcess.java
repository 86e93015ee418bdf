package io.monocoque.cli;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@code java -cp <test class path> io.monocoque.cli.Main ARGS} as a child process, as the launcher runs it:
 * real exit statuses, real signals. Stdout and stderr go to temporary files.
 */
final class ChildProcess implements AutoCloseable
{
    private final List<String> command = new ArrayList<>();
    private final Process process;
    private final Path out;
    private final Path err;

    private ChildProcess(final String... args) throws IOException
    {
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("--add-opens");
        command.add("java.base/jdk.internal.misc=ALL-UNNAMED");
        command.add("-cp");
        command.add(classPath());
        command.add("io.monocoque.cli.Main");
        command.addAll(List.of(args));
        out = Files.createTempFile("monocoque-child-", ".out");
        err = Files.createTempFile("monocoque-child-", ".err");
        process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    }

    private static String classPath()
    {
        // Surefire runs tests from a manifest-only jar; it publishes the real class path in this property.
        final String surefire = System.getProperty("surefire.test.class.path");
        final String path = surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
        return String.join(File.pathSeparator, path.split(File.pathSeparator));
    }

    static ChildProcess start(final String... args)
    {
        try
        {
            return new ChildProcess(args);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    OutputWriter stdin()
    {
        return new OutputWriter();
    }

    /** Writes to the child's stdin. */
    final class OutputWriter
    {
        void write(final String text)
        {
            try
            {
                process.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
                process.getOutputStream().flush();
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        }

        void close()
        {
            try
            {
                process.getOutputStream().close();
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        }
    }

    int waitFor(final long timeoutMs)
    {
        try
        {
            if (!process.waitFor(timeoutMs, TimeUnit.MILLISECONDS))
            {
                fail("the child did not exit within " + timeoutMs + " ms" + describe());
            }
            return process.exitValue();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new AssertionError(ex);
        }
    }

    /** Send SIGTERM. */
    void terminate()
    {
        process.destroy();
    }

    String awaitErr(final String fragment, final long timeoutMs)
    {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (System.nanoTime() - deadline < 0)
        {
            final String text = err();
            if (text.contains(fragment))
            {
                return text;
            }
            if (!process.isAlive())
            {
                break;
            }
            try
            {
                Thread.sleep(20);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                throw new AssertionError(ex);
            }
        }
        return fail("the child's stderr never contained '" + fragment + "'" + describe());
    }

    String out()
    {
        return read(out);
    }

    String err()
    {
        return read(err);
    }

    private static String read(final Path file)
    {
        try (InputStream in = Files.newInputStream(file))
        {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    String describe()
    {
        return "\n  command: ... io.monocoque.cli.Main " +
            String.join(" ", command.subList(command.indexOf("io.monocoque.cli.Main") + 1, command.size())) +
            "\n  stdout: " + out() + "\n  stderr: " + err();
    }

    @Override
    public void close()
    {
        process.destroyForcibly();
        try
        {
            process.waitFor(5, TimeUnit.SECONDS);
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        catch (final IOException ignored)
        {
            // temporary files
        }
    }
}
