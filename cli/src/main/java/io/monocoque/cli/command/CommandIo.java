package io.monocoque.cli.command;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * What a command runs with: its standard streams and a stop request. The process entry point wires the stop
 * request to SIGTERM / Ctrl-C (a shutdown hook) so long-running commands ({@code recv}, {@code echo}) finish their
 * output and close their sockets; tests call {@link #requestStop()} directly.
 */
public final class CommandIo
{
    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean stopRequested;

    /**
     * Create the streams of one command run.
     *
     * @param in  standard input ({@code send} reads messages from it).
     * @param out standard output (messages, tables).
     * @param err standard error (diagnostics, progress).
     */
    public CommandIo(final InputStream in, final PrintStream out, final PrintStream err)
    {
        this.in = in;
        this.out = out;
        this.err = err;
    }

    /**
     * Standard input.
     *
     * @return the stream.
     */
    public InputStream in()
    {
        return in;
    }

    /**
     * Standard output.
     *
     * @return the stream.
     */
    public PrintStream out()
    {
        return out;
    }

    /**
     * Standard error.
     *
     * @return the stream.
     */
    public PrintStream err()
    {
        return err;
    }

    /**
     * Ask the running command to stop as soon as it can (any thread).
     */
    public void requestStop()
    {
        stopRequested = true;
    }

    /**
     * Whether a stop was requested; long-running loops poll this.
     *
     * @return true once {@link #requestStop()} was called.
     */
    public boolean stopRequested()
    {
        return stopRequested;
    }

    /**
     * Mark the command as finished (called by the dispatcher, {@code io.monocoque.cli.Cli}, when the command returns
     * or fails).
     */
    public void markFinished()
    {
        finished.countDown();
    }

    /**
     * Wait for the command to finish after a stop request (used by the shutdown hook).
     *
     * @param timeoutMs longest wait.
     * @return true if it finished.
     * @throws InterruptedException if interrupted.
     */
    public boolean awaitFinished(final long timeoutMs) throws InterruptedException
    {
        return finished.await(timeoutMs, TimeUnit.MILLISECONDS);
    }
}
