package io.monocoque.api.interop.libzmq;

import io.monocoque.api.testing.TestResources;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
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
 * A Python peer script of the interop tests (pyzmq over the system libzmq) run as a child process by the
 * interpreter of {@link LibzmqCondition#python()}, spoken to line by line: commands go to its stdin, its answers
 * and reports come from its stdout, one ASCII line each. Every peer script follows the same conventions, which
 * this class enforces: the first line is {@code READY <endpoint>}, a line starting with {@code ERROR} reports a
 * failure, and the script exits by itself when its stdin closes (so it never outlives the JVM).
 * <p>
 * A daemon thread drains stdout into a queue, so the script never blocks on a full pipe while the test is busy;
 * stderr goes to a temporary file that every failure message shows. Failures are test failures
 * ({@link AssertionError}): a missing line, an early end of output, an {@code ERROR} line, a wrong exit status.
 * {@link #close()} kills the process and everything it started; close it in {@code @AfterEach}, with
 * try-with-resources or through {@link TestResources}, so that a failed test leaves no
 * process behind.
 * <p>
 * One test thread drives a peer; only the stdout reader runs elsewhere.
 */
public final class PythonPeerProcess implements AutoCloseable
{
    /** How long {@link #nextLine()} waits for a line unless {@link #start(String, List, long)} says otherwise. */
    public static final long DEFAULT_LINE_TIMEOUT_MS = 10_000;

    private static final String READY = "READY ";
    private static final String ERROR = "ERROR";
    /** Queued after the last line: a sentinel no script can print (scripts print ASCII without NUL). */
    private static final String END_OF_OUTPUT = "\u0000end of output";
    private static final int MAX_SHOWN_CHARS = 300;
    private static final int MAX_STDERR_SHOWN = 4000;
    private static final long KILL_WAIT_MS = 5_000;

    private final List<String> command;
    private final Process process;
    private final Path stderr;
    private final long lineTimeoutMs;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    private PythonPeerProcess(
        final List<String> command, final Process process, final Path stderr, final long lineTimeoutMs)
    {
        this.command = command;
        this.process = process;
        this.stderr = stderr;
        this.lineTimeoutMs = lineTimeoutMs;
    }

    /**
     * Start a script with {@link #DEFAULT_LINE_TIMEOUT_MS}; it does not wait for anything (see
     * {@link #awaitReady(String)}).
     *
     * @param scriptResource the script on the test class path, e.g. {@code interop/zmq_peer.py}
     *                       ({@link PythonScript#onDisk(String)}).
     * @param args           the script's arguments.
     * @return the running process.
     * @throws UncheckedIOException if the interpreter cannot be started.
     */
    public static PythonPeerProcess start(final String scriptResource, final List<String> args)
    {
        return start(scriptResource, args, DEFAULT_LINE_TIMEOUT_MS);
    }

    /**
     * Start a script; it does not wait for anything (see {@link #awaitReady(String)}).
     *
     * @param scriptResource the script on the test class path, e.g. {@code interop/zmq_peer.py}.
     * @param args           the script's arguments.
     * @param lineTimeoutMs  how long {@link #nextLine()} waits for a line, and {@link #expectExit(int)} for the exit.
     * @return the running process.
     * @throws UncheckedIOException if the interpreter cannot be started.
     */
    public static PythonPeerProcess start(final String scriptResource, final List<String> args,
        final long lineTimeoutMs)
    {
        final List<String> command = new ArrayList<>();
        command.add(LibzmqCondition.python());
        command.add("-u"); // unbuffered: a line is on the pipe as soon as the script prints it
        command.add(PythonScript.onDisk(scriptResource).toString());
        command.addAll(args);
        final String name = Path.of(scriptResource).getFileName().toString().replace(".py", "");
        try
        {
            final Path stderr = Files.createTempFile(name + "-", ".stderr");
            final Process process = new ProcessBuilder(command)
                .redirectError(stderr.toFile())
                .start(); // stdin stays an open pipe: the script exits when it closes
            final PythonPeerProcess peer = new PythonPeerProcess(List.copyOf(command), process, stderr, lineTimeoutMs);
            final Thread reader = new Thread(peer::drainStdout, name + "-stdout-" + process.pid());
            reader.setDaemon(true);
            reader.start();
            return peer;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot start " + command, ex);
        }
    }

    /**
     * Wait for the script's first line, {@code READY <endpoint>}. If it does not come (or is something else), the
     * process is killed before the test fails, so a caller that loses the reference leaks nothing.
     *
     * @param endpointPrefix what the endpoint must start with, e.g. {@code tcp://}, or empty for anything.
     * @return the text after {@code READY }: the bound endpoint with its real port, or the endpoint connected to.
     */
    public String awaitReady(final String endpointPrefix)
    {
        try
        {
            final String ready = nextLine();
            if (!ready.startsWith(READY + endpointPrefix))
            {
                fail("expected " + READY + endpointPrefix + "... from the libzmq peer, got '" + abbreviate(ready) +
                    "'" + describe());
            }
            return ready.substring(READY.length());
        }
        catch (final RuntimeException | AssertionError ex)
        {
            close();
            throw ex;
        }
    }

    /**
     * The next line of output, failing the test if none comes within the line timeout, if the script ends its
     * output first, or if the line is an {@code ERROR} report.
     *
     * @return the line, without its line terminator.
     */
    public String nextLine()
    {
        final String line;
        try
        {
            line = lines.poll(lineTimeoutMs, TimeUnit.MILLISECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for the libzmq peer" + describe(), ex);
        }
        if (line == null)
        {
            return fail("no output from the libzmq peer within " + lineTimeoutMs + " ms" + describe());
        }
        if (END_OF_OUTPUT.equals(line))
        {
            lines.add(END_OF_OUTPUT); // stays at the end for later calls
            return fail("the libzmq peer ended its output early" + describe());
        }
        if (line.startsWith(ERROR))
        {
            return fail("the libzmq peer reported: " + line + describe());
        }
        return line;
    }

    /**
     * Assert that the next line is exactly {@code expected}. Long lines are shortened in the failure message only.
     *
     * @param expected the line.
     * @param what     what it is, for the failure message.
     */
    public void expectLine(final String expected, final String what)
    {
        final String line = nextLine();
        if (!expected.equals(line))
        {
            final String message = what + " as reported by the libzmq peer" + describe();
            assertEquals(abbreviate(expected), abbreviate(line), message);
            fail(message + "\n  the lines differ after their first " + MAX_SHOWN_CHARS + " characters");
        }
    }

    /**
     * Write one line to the script's stdin and flush it.
     *
     * @param line the line, without a terminator.
     */
    public void writeLine(final String line)
    {
        try
        {
            final OutputStream stdin = process.getOutputStream();
            stdin.write((line + "\n").getBytes(StandardCharsets.US_ASCII));
            stdin.flush();
        }
        catch (final IOException ex)
        {
            fail("cannot write to the libzmq peer: " + ex + describe());
        }
    }

    /**
     * Send a command line and return the answer: {@link #writeLine(String)}, then {@link #nextLine()}.
     *
     * @param commandLine the command.
     * @return the answer line.
     */
    public String ask(final String commandLine)
    {
        writeLine(commandLine);
        return nextLine();
    }

    /**
     * Assert that the script exits within the line timeout, with this status.
     *
     * @param status the expected exit status.
     */
    public void expectExit(final int status)
    {
        try
        {
            if (!process.waitFor(lineTimeoutMs, TimeUnit.MILLISECONDS))
            {
                fail("the libzmq peer did not exit within " + lineTimeoutMs + " ms" + describe());
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for the libzmq peer to exit" + describe(), ex);
        }
        assertEquals(status, process.exitValue(), "exit status of the libzmq peer" + describe());
    }

    /**
     * What failure messages show: the command, whether the process still runs, and the end of its stderr.
     *
     * @return text starting with a line break, to append to a message.
     */
    public String describe()
    {
        final StringBuilder text = new StringBuilder("\n  peer: ").append(abbreviate(String.join(" ", command)));
        text.append("\n  state: ").append(process.isAlive() ? "running" : "exited with " + process.exitValue());
        try
        {
            String err = Files.exists(stderr) ? Files.readString(stderr, StandardCharsets.UTF_8) : "";
            if (err.length() > MAX_STDERR_SHOWN)
            {
                err = "..." + err.substring(err.length() - MAX_STDERR_SHOWN);
            }
            if (!err.isBlank())
            {
                text.append("\n  stderr:\n").append(err.strip());
            }
        }
        catch (final IOException ex)
        {
            text.append("\n  stderr unreadable: ").append(ex.getMessage());
        }
        return text.toString();
    }

    /**
     * Kill the process and anything it started, wait for it to go, and delete its stderr file. Safe to call more
     * than once.
     */
    @Override
    public void close()
    {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try
        {
            process.waitFor(KILL_WAIT_MS, TimeUnit.MILLISECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        try
        {
            process.getOutputStream().close();
        }
        catch (final IOException ignored)
        {
            // already gone
        }
        try
        {
            Files.deleteIfExists(stderr);
        }
        catch (final IOException ignored)
        {
            // a temporary file
        }
    }

    private void drainStdout()
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
            // the process was killed: end of output
        }
        finally
        {
            lines.add(END_OF_OUTPUT);
        }
    }

    private static String abbreviate(final String text)
    {
        return text.length() <= MAX_SHOWN_CHARS ? text :
            text.substring(0, MAX_SHOWN_CHARS) + "... (" + text.length() + " chars)";
    }
}
