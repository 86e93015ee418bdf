package io.monocoque.cli;

import io.monocoque.cli.command.CommandIo;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * One {@code monocoque} command line run in this JVM on its own thread, through {@link Cli#standard()}, with
 * captured stdout and stderr and a given stdin. Tests read the bound endpoint from stderr, wait for the exit
 * status, or ask the command to stop (as SIGTERM does).
 */
public final class CommandRun implements AutoCloseable
{
    /** Longest wait for a command to finish or print something. */
    public static final long WAIT_MS = 20_000;

    private final String[] args;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final CommandIo io;
    private final CompletableFuture<Integer> status = new CompletableFuture<>();
    private final Thread thread;

    private CommandRun(final InputStream in, final String... args)
    {
        this.args = args;
        this.io = new CommandIo(in, new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
        this.thread = new Thread(() ->
        {
            try
            {
                status.complete(Cli.standard().run(args, io));
            }
            catch (final Throwable ex)
            {
                status.completeExceptionally(ex);
            }
        }, "command-" + String.join("-", args.length > 0 ? args[0] : "none"));
        thread.setDaemon(true);
    }

    /**
     * Start a command with empty stdin.
     *
     * @param args the command line.
     * @return the running command.
     */
    public static CommandRun start(final String... args)
    {
        return startWithInput(new byte[0], args);
    }

    /**
     * Start a command with the given stdin.
     *
     * @param stdin its standard input.
     * @param args  the command line.
     * @return the running command.
     */
    public static CommandRun startWithInput(final byte[] stdin, final String... args)
    {
        final CommandRun run = new CommandRun(new ByteArrayInputStream(stdin), args);
        run.thread.start();
        return run;
    }

    /**
     * Run a command to completion with empty stdin.
     *
     * @param args the command line.
     * @return the finished run.
     */
    public static CommandRun run(final String... args)
    {
        final CommandRun run = start(args);
        run.exitStatus();
        return run;
    }

    /**
     * Wait for the exit status.
     *
     * @return the status.
     */
    public int exitStatus()
    {
        try
        {
            return status.get(WAIT_MS, TimeUnit.MILLISECONDS);
        }
        catch (final TimeoutException ex)
        {
            return fail("'" + String.join(" ", args) + "' did not finish within " + WAIT_MS + " ms" + describe());
        }
        catch (final InterruptedException | ExecutionException ex)
        {
            throw new AssertionError("'" + String.join(" ", args) + "' failed" + describe(), ex);
        }
    }

    /**
     * Whether the command has finished.
     *
     * @return true once it returned.
     */
    public boolean isDone()
    {
        return status.isDone();
    }

    /**
     * Wait for the {@code bound tcp://...} line on stderr.
     *
     * @return the bound endpoint.
     */
    public String boundEndpoint()
    {
        final java.util.regex.Pattern bound = java.util.regex.Pattern.compile("bound (tcp://\\S+)");
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS);
        while (System.nanoTime() - deadline < 0)
        {
            final Matcher matcher = bound.matcher(err());
            if (matcher.find())
            {
                return matcher.group(1);
            }
            if (isDone())
            {
                break;
            }
            sleep(10);
        }
        return fail("'" + String.join(" ", args) + "' printed no bound endpoint" + describe());
    }

    /**
     * Wait until stdout holds at least some number of lines.
     *
     * @param lines the number.
     */
    public void awaitOutputLines(final int lines)
    {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS);
        while (System.nanoTime() - deadline < 0)
        {
            if (out().chars().filter(c -> c == '\n').count() >= lines)
            {
                return;
            }
            sleep(10);
        }
        fail("'" + String.join(" ", args) + "' printed fewer than " + lines + " lines" + describe());
    }

    /**
     * Ask the command to stop, as SIGTERM does.
     */
    public void requestStop()
    {
        io.requestStop();
    }

    /**
     * Standard output so far, as UTF-8.
     *
     * @return the text.
     */
    public String out()
    {
        return out.toString(StandardCharsets.UTF_8);
    }

    /**
     * Standard output so far, as bytes.
     *
     * @return the bytes.
     */
    public byte[] outBytes()
    {
        return out.toByteArray();
    }

    /**
     * Standard error so far.
     *
     * @return the text.
     */
    public String err()
    {
        return err.toString(StandardCharsets.UTF_8);
    }

    /**
     * The command line and its output, for failure messages.
     *
     * @return the description.
     */
    public String describe()
    {
        return "\n  command: monocoque " + String.join(" ", args) + "\n  stdout: " + abbreviate(out()) +
            "\n  stderr: " + abbreviate(err());
    }

    private static String abbreviate(final String text)
    {
        return text.length() <= 2000 ? text : text.substring(0, 2000) + "...";
    }

    private static void sleep(final long ms)
    {
        try
        {
            Thread.sleep(ms);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new AssertionError(ex);
        }
    }

    /**
     * Stop the command if it still runs and wait briefly for it.
     */
    @Override
    public void close()
    {
        if (!isDone())
        {
            io.requestStop();
            try
            {
                status.get(10, TimeUnit.SECONDS);
            }
            catch (final Exception ignored)
            {
                // reported by the test's own assertions
            }
        }
    }
}
