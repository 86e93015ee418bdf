package io.monocoque.cli.bench;

import io.monocoque.perf.RunProgress;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A progress indicator on stderr for long benchmark runs: a daemon thread that wakes a few times a second and,
 * once the run has lasted more than {@value #QUIET_MS} ms, prints the current phase and how far it is (rewriting
 * one line on a terminal, a line every {@value #LINE_PERIOD_MS} ms otherwise). The measuring thread only stores a
 * counter ({@link #update(long)}: a release store, no allocation). Never part of the result files.
 */
public final class Progress implements AutoCloseable, RunProgress
{
    /** Runs shorter than this show no progress. */
    public static final long QUIET_MS = 3_000;
    private static final long TTY_PERIOD_MS = 500;
    private static final long LINE_PERIOD_MS = 5_000;

    private final PrintStream err;
    private final boolean terminal;
    private final AtomicLong done = new AtomicLong();
    private final long startNs = System.nanoTime();
    private volatile String label = "";
    private volatile long total;
    private volatile boolean running = true;
    private Thread thread;
    private boolean printedOnTerminal;

    private Progress(final PrintStream err)
    {
        this.err = err;
        this.terminal = System.console() != null;
    }

    /**
     * Start showing progress on a stream.
     *
     * @param err the stream (stderr).
     * @return the indicator; close it when the run ends.
     */
    public static Progress start(final PrintStream err)
    {
        final Progress progress = new Progress(err);
        progress.thread = new Thread(progress::show, "monocoque-progress");
        progress.thread.setDaemon(true);
        progress.thread.start();
        return progress;
    }

    /**
     * Begin a phase.
     *
     * @param label what is running, e.g. "monocoque round 1/3 measuring".
     * @param total units of work in the phase.
     */
    @Override
    public void phase(final String label, final long total)
    {
        this.label = label;
        this.total = total;
        done.set(0);
    }

    /**
     * Report progress within the phase (measuring thread; no allocation).
     *
     * @param units units done so far.
     */
    @Override
    public void update(final long units)
    {
        done.lazySet(units);
    }

    private void show()
    {
        long lastLineMs = 0;
        while (running)
        {
            try
            {
                Thread.sleep(TTY_PERIOD_MS);
            }
            catch (final InterruptedException ex)
            {
                return;
            }
            final long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs);
            if (!running || elapsedMs < QUIET_MS || (!terminal && elapsedMs - lastLineMs < LINE_PERIOD_MS))
            {
                continue;
            }
            lastLineMs = elapsedMs;
            final long units = done.get();
            final long of = total;
            final String text = String.format(Locale.ROOT, "%s: %,d of %,d (%d%%), %.0f s elapsed",
                label, units, of, of == 0 ? 0 : units * 100 / of, elapsedMs / 1000.0);
            synchronized (this)
            {
                if (running)
                {
                    if (terminal)
                    {
                        err.print("\r" + text + "   ");
                        printedOnTerminal = true;
                    }
                    else
                    {
                        err.println(text);
                    }
                    err.flush();
                }
            }
        }
    }

    /**
     * Stop the indicator and clear its line on a terminal.
     */
    @Override
    public void close()
    {
        running = false;
        thread.interrupt();
        try
        {
            thread.join(1000);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        synchronized (this)
        {
            if (printedOnTerminal)
            {
                err.print("\r" + " ".repeat(100) + "\r");
                err.flush();
            }
        }
    }
}
