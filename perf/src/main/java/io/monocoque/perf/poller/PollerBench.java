package io.monocoque.perf.poller;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;

/**
 * Monocoque's {@code Poller} against JeroMQ 0.6's {@code ZMQ.Poller} in one run: the time of a zero-timeout poll
 * over 1, 10, 100 and 1,000 sockets with one ready, and round trips per second through the ZeroMQ Guide's
 * ROUTER–DEALER broker written with each poller, with the same numbers of sockets registered. Every run is repeated
 * and interleaved (Monocoque, JeroMQ, Monocoque, JeroMQ...) so machine noise hits both alike; the Markdown tables
 * give medians and the ratio of Monocoque to JeroMQ.
 * <p>
 * Threads: the poll-call runs use the benchmark thread and each library's I/O thread; a broker run uses the
 * benchmark thread for the broker, one thread each for the client and the worker, and one I/O thread per context
 * (two contexts). {@link #run} is called by one thread, which prints the tables as it goes.
 */
public final class PollerBench
{
    private static final int MIN_BROKER_SOCKETS = 2;

    private final PollerBenchConfig config;
    private final PrintStream out;
    private final PrintStream err;
    private final PollerRun monocoque = new MonocoquePollerRun();
    private final PollerRun jeromq = new JeromqPollerRun();

    private PollerBench(final PollerBenchConfig config, final PrintStream out, final PrintStream err)
    {
        this.config = config;
        this.out = out;
        this.err = err;
    }

    /**
     * Run both tables; the calling thread measures.
     *
     * @param config the settings.
     * @param out    where the tables go, a line at a time.
     * @param err    where a line per run goes.
     * @throws Exception if a run fails.
     */
    public static void run(final PollerBenchConfig config, final PrintStream out, final PrintStream err)
        throws Exception
    {
        final PollerBench bench = new PollerBench(config, out, err);
        bench.pollCalls();
        if (config.roundTrips() > 0)
        {
            bench.broker();
        }
    }

    private void pollCalls() throws Exception
    {
        out.println("## poll(0) over N sockets, one ready (ns per call, median of " + config.reps() + ")");
        out.println();
        out.println("| sockets | Monocoque | JeroMQ | JeroMQ / Monocoque |");
        out.println("| ---: | ---: | ---: | ---: |");
        for (final int sockets : config.socketCounts())
        {
            final long polls = config.pollsFor(sockets);
            final double[] mono = new double[config.reps()];
            final double[] jero = new double[config.reps()];
            for (int rep = 0; rep < config.reps(); rep++)
            {
                mono[rep] = monocoque.nsPerPoll(sockets, polls);
                jero[rep] = jeromq.nsPerPoll(sockets, polls);
                err.printf(Locale.ROOT, "poll %d sockets, rep %d: monocoque %.1f ns, jeromq %.1f ns%n",
                    sockets, rep + 1, mono[rep], jero[rep]);
            }
            final double m = median(mono);
            final double j = median(jero);
            out.printf(Locale.ROOT, "| %d | %s | %s | %.1f× |%n", sockets, nanos(m), nanos(j), j / m);
        }
        out.println();
    }

    private void broker() throws Exception
    {
        out.println("## ROUTER-DEALER broker with N sockets in its poller (round trips/s, " + config.window() +
            " in flight, 64 B, median of " + config.reps() + ")");
        out.println();
        out.println("| sockets | Monocoque | JeroMQ | Monocoque / JeroMQ |");
        out.println("| ---: | ---: | ---: | ---: |");
        for (final int count : config.socketCounts())
        {
            final int sockets = Math.max(MIN_BROKER_SOCKETS, count);
            final double[] mono = new double[config.reps()];
            final double[] jero = new double[config.reps()];
            for (int rep = 0; rep < config.reps(); rep++)
            {
                mono[rep] = monocoque.brokerRoundTripsPerSecond(
                    sockets, config.roundTrips(), config.window(), config.timeoutMs());
                jero[rep] = jeromq.brokerRoundTripsPerSecond(
                    sockets, config.roundTrips(), config.window(), config.timeoutMs());
                err.printf(Locale.ROOT, "broker %d sockets, rep %d: monocoque %.0f/s, jeromq %.0f/s%n",
                    sockets, rep + 1, mono[rep], jero[rep]);
            }
            final double m = median(mono);
            final double j = median(jero);
            out.printf(Locale.ROOT, "| %d | %s | %s | %.1f× |%n", sockets, rate(m), rate(j), m / j);
        }
        out.println();
    }

    private static String nanos(final double ns)
    {
        return ns >= 10_000 ? String.format(Locale.ROOT, "%.1f us", ns / 1000) : String.format(Locale.ROOT,
            "%.0f ns", ns);
    }

    private static String rate(final double perSecond)
    {
        return String.format(Locale.ROOT, "%,.0f", perSecond);
    }

    private static double median(final double[] values)
    {
        final double[] sorted = values.clone();
        Arrays.sort(sorted);
        final int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
