package io.monocoque.cli.interop;

import io.monocoque.api.interop.libzmq.LibzmqCondition;
import io.monocoque.api.interop.libzmq.PythonScript;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A libzmq peer: {@code interop/tool_peer.py} run by {@code /usr/bin/python3} (pyzmq over the system libzmq) as a
 * child process; its protocol is at the top of the script. Stdout lines are queued by a daemon thread; stderr
 * goes to a temporary file shown in failure messages. {@link #close()} kills the process.
 */
final class PythonPeer implements AutoCloseable
{
    private static final long LINE_TIMEOUT_MS = 15_000;
    private static final String END = "\u0000end";

    private final List<String> command = new ArrayList<>();
    private final Process process;
    private final Path stderr;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final String endpoint;

    private PythonPeer(final List<String> args) throws IOException
    {
        command.add(LibzmqCondition.python());
        command.add("-u");
        command.add(PythonScript.onDisk("interop/tool_peer.py").toString());
        command.addAll(args);
        stderr = Files.createTempFile("tool_peer-", ".stderr");
        process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
        final Thread reader = new Thread(this::drain, "tool_peer-" + process.pid());
        reader.setDaemon(true);
        reader.start();
        final String ready = nextLine();
        if (!ready.startsWith("READY "))
        {
            fail("expected READY from the libzmq peer, got '" + ready + "'" + describe());
        }
        endpoint = ready.substring("READY ".length());
    }

    /**
     * Start a peer and wait until it is bound or connected.
     *
     * @param args TYPE bind|connect ENDPOINT MODE N [SPEC...].
     * @return the peer.
     */
    static PythonPeer start(final String... args)
    {
        try
        {
            return new PythonPeer(List.of(args));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private void drain()
    {
        try (BufferedReader reader = new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII)))
        {
            String line;
            while ((line = reader.readLine()) != null)
            {
                lines.add(line);
            }
        }
        catch (final IOException ex)
        {
            // killed
        }
        finally
        {
            lines.add(END);
        }
    }

    /**
     * The endpoint from the READY line.
     *
     * @return e.g. {@code tcp://127.0.0.1:40123}.
     */
    String endpoint()
    {
        return endpoint;
    }

    /**
     * The next output line (fails on timeout, early end, or an ERROR line).
     *
     * @return the line.
     */
    String nextLine()
    {
        final String line;
        try
        {
            line = lines.poll(LINE_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new AssertionError(ex);
        }
        if (line == null)
        {
            return fail("no output from the libzmq peer within " + LINE_TIMEOUT_MS + " ms" + describe());
        }
        if (END.equals(line))
        {
            lines.add(END);
            return fail("the libzmq peer ended its output early" + describe());
        }
        if (line.startsWith("ERROR"))
        {
            return fail("the libzmq peer reported " + line + describe());
        }
        return line;
    }

    /**
     * Assert the next lines, then DONE and exit status 0.
     *
     * @param expected the lines before {@code DONE n}.
     * @param count    the n of {@code DONE n}.
     */
    void expectLinesThenDone(final List<String> expected, final int count)
    {
        for (int i = 0; i < expected.size(); i++)
        {
            assertEquals(expected.get(i), nextLine(), "line " + (i + 1) + " of the libzmq peer" + describe());
        }
        assertEquals("DONE " + count, nextLine(), describe());
        try
        {
            if (!process.waitFor(LINE_TIMEOUT_MS, TimeUnit.MILLISECONDS))
            {
                fail("the libzmq peer did not exit after DONE" + describe());
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new AssertionError(ex);
        }
        assertEquals(0, process.exitValue(), describe());
    }

    private String describe()
    {
        final StringBuilder text = new StringBuilder("\n  peer: ").append(String.join(" ", command));
        try
        {
            final String err = Files.readString(stderr, StandardCharsets.UTF_8);
            if (!err.isBlank())
            {
                text.append("\n  stderr: ").append(err.strip());
            }
        }
        catch (final IOException ex)
        {
            text.append("\n  stderr unreadable: ").append(ex.getMessage());
        }
        return text.toString();
    }

    @Override
    public void close()
    {
        process.destroyForcibly();
        try
        {
            process.waitFor(5, TimeUnit.SECONDS);
            Files.deleteIfExists(stderr);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        catch (final IOException ignored)
        {
            // a temporary file
        }
    }
}
