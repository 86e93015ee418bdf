package io.monocoque.perf.throughput;

import io.monocoque.perf.bench.Idle;
import io.monocoque.perf.cli.CommandFailedException;
import io.monocoque.perf.cli.Progress;
import io.monocoque.perf.latency.Impl;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * Runs a throughput benchmark: each round runs every implementation's stream in turn (interleaved); the result
 * per implementation is the median rate of its rounds.
 */
public final class ThroughputBench
{
    private static final int SETUP_ATTEMPTS = 3;

    private ThroughputBench()
    {
    }

    /**
     * Run.
     *
     * @param config   the settings.
     * @param progress the progress indicator.
     * @param err      where retries are noted.
     * @return messages per second per implementation (median of the rounds), in the order of {@code config.impls}.
     * @throws Exception if a run fails.
     */
    public static double[] run(final ThroughputConfig config, final Progress progress, final PrintStream err)
        throws Exception
    {
        final List<Impl> impls = config.impls;
        final double[][] rates = new double[impls.size()][config.rounds];
        for (int round = 0; round < config.rounds; round++)
        {
            for (int i = 0; i < impls.size(); i++)
            {
                final Impl impl = impls.get(i);
                progress.phase(impl.label() + " " + config.pattern.label() +
                    (config.rounds > 1 ? " round " + (round + 1) + "/" + config.rounds : "") + " messages received",
                    config.warmup + config.count);
                rates[i][round] = runOne(impl, config, progress, err);
            }
        }
        final double[] medians = new double[impls.size()];
        for (int i = 0; i < impls.size(); i++)
        {
            final double[] sorted = rates[i].clone();
            Arrays.sort(sorted);
            final int n = sorted.length;
            medians[i] = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        }
        return medians;
    }

    private static double runOne(final Impl impl, final ThroughputConfig config, final Progress progress,
        final PrintStream err) throws Exception
    {
        if (impl == Impl.MONOCOQUE)
        {
            return new MonocoqueStream().run(config, progress::update);
        }
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                return new JeromqStream().run(config, progress::update);
            }
            catch (final StartStalledException ex)
            {
                if (attempt == SETUP_ATTEMPTS)
                {
                    throw new CommandFailedException("jeromq: " + ex.getMessage() + " in " + SETUP_ATTEMPTS +
                        " attempts");
                }
                err.println("monocoque bench throughput: jeromq: " + ex.getMessage() + "; setting up again " +
                    "(attempt " + (attempt + 1) + " of " + SETUP_ATTEMPTS + ")");
            }
        }
    }

    /**
     * How an implementation runs the stream, for the output.
     *
     * @param impl   the implementation.
     * @param config the settings.
     * @return the description.
     */
    public static String threading(final Impl impl, final ThroughputConfig config)
    {
        if (impl == Impl.MONOCOQUE)
        {
            return "INVOKER mode (source and sink threads drive their engines), idle " +
                config.idleFor(impl).label() + ", 2 threads";
        }
        return "JeroMQ 0.6.0, 1 I/O thread per context, " + (config.idleFor(impl) == Idle.BACKOFF ?
            "idle backoff = JeroMQ's blocking send and receive" :
            "application threads use DONTWAIT and idle " + config.idleFor(impl).label()) +
            ", 4 threads (source, sink, 2 I/O)";
    }
}
