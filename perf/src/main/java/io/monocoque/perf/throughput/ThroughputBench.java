package io.monocoque.perf.throughput;

import io.monocoque.perf.BenchmarkFailedException;
import io.monocoque.perf.RunProgress;
import io.monocoque.perf.latency.Impl;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Runs a throughput benchmark: each round runs every implementation's stream in turn (interleaved); the result
 * per implementation is the median rate of its rounds. Warm-up rounds run first, the same way, and are not
 * counted: in one JVM the JIT keeps compiling (and deoptimising, as rarer paths such as drops at an HWM first
 * run) for a couple of seconds, and a run's own warm-up messages do not cover that.
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
    public static double[] run(final ThroughputConfig config, final RunProgress progress, final PrintStream err)
        throws Exception
    {
        return medians(runRounds(config, progress, err));
    }

    /**
     * The median of each implementation's rounds.
     *
     * @param rounds messages per second, per implementation and round, as {@link #runRounds} gives them.
     * @return one median per implementation.
     */
    public static double[] medians(final double[][] rounds)
    {
        final double[] medians = new double[rounds.length];
        for (int i = 0; i < rounds.length; i++)
        {
            final double[] sorted = rounds[i].clone();
            Arrays.sort(sorted);
            final int n = sorted.length;
            medians[i] = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        }
        return medians;
    }

    /**
     * Run every implementation's rounds, interleaved, after the uncounted warm-up rounds.
     *
     * @param config   the settings.
     * @param progress the progress indicator.
     * @param err      where retries are noted.
     * @return messages per second, per implementation (in the order of {@code config.impls}) and counted round.
     * @throws Exception if a run fails.
     */
    public static double[][] runRounds(final ThroughputConfig config, final RunProgress progress,
        final PrintStream err) throws Exception
    {
        final List<Impl> impls = config.impls();
        final double[][] rates = new double[impls.size()][config.rounds()];
        for (int round = -config.warmupRounds(); round < config.rounds(); round++)
        {
            for (int i = 0; i < impls.size(); i++)
            {
                final Impl impl = impls.get(i);
                progress.phase(impl.label() + " " + config.pattern().label() + roundLabel(config, round) +
                    " messages received", config.warmup() + config.count());
                final double rate = runOne(impl, config, progress, err);
                if (round >= 0)
                {
                    rates[i][round] = rate;
                }
            }
        }
        return rates;
    }

    /**
     * Run the PUB fan-out: for each subscriber count (and, with {@code config.stalled}, without and then with the
     * stalled subscribers), each round runs every implementation in turn (interleaved); the result per
     * implementation is its round with the median delivered rate (paced runs: the median p99 latency).
     *
     * @param config   the settings ({@code config.subscribers} lists the counts).
     * @param progress the progress indicator.
     * @param err      where retries are noted.
     * @return results indexed [subscriber count][stalled variant: 0 without, 1 with][implementation].
     * @throws Exception if a run fails.
     */
    public static PubStreamResult[][][] runPub(final ThroughputConfig config, final RunProgress progress,
        final PrintStream err) throws Exception
    {
        final List<Impl> impls = config.impls();
        final int[] stalledVariants = config.stalled() > 0 ? new int[]{0, config.stalled()} : new int[]{0};
        final PubStreamResult[][][] medians =
            new PubStreamResult[config.subscribers().size()][stalledVariants.length][impls.size()];
        for (int s = 0; s < config.subscribers().size(); s++)
        {
            final int subscribers = config.subscribers().get(s);
            final PubStreamResult[][][] rounds =
                new PubStreamResult[stalledVariants.length][impls.size()][config.rounds()];
            final PubStreamResult[][] failures = new PubStreamResult[stalledVariants.length][impls.size()];
            for (int round = -config.warmupRounds(); round < config.rounds(); round++)
            {
                for (int step = 0; step < stalledVariants.length; step++)
                {
                    // Alternate which variant goes first, so that neither always runs on a warmer JVM.
                    final int v = (round & 1) == 0 ? step : stalledVariants.length - 1 - step;
                    for (int i = 0; i < impls.size(); i++)
                    {
                        final Impl impl = impls.get(i);
                        if (failures[v][i] != null)
                        {
                            continue; // it will not set up in a later round either: do not spend minutes again
                        }
                        progress.phase(impl.label() + " pub x" + subscribers + (stalledVariants[v] > 0 ? " +" +
                            stalledVariants[v] + " stalled" : "") + roundLabel(config, round) + " deliveries",
                            subscribers * (config.pubWarmup(subscribers) + config.publishedPerRun(subscribers)));
                        final PubStreamResult result;
                        try
                        {
                            result = runPubOne(impl, config, subscribers, stalledVariants[v], progress, err);
                        }
                        catch (final BenchmarkFailedException ex)
                        {
                            // One implementation failing at one size must not cost the whole table.
                            err.println("monocoque bench throughput: " + ex.getMessage());
                            failures[v][i] = PubStreamResult.failed(ex.getMessage());
                            continue;
                        }
                        if (round >= 0)
                        {
                            rounds[v][i][round] = result;
                        }
                    }
                }
            }
            for (int v = 0; v < stalledVariants.length; v++)
            {
                for (int i = 0; i < impls.size(); i++)
                {
                    if (failures[v][i] != null)
                    {
                        medians[s][v][i] = failures[v][i];
                        continue;
                    }
                    final PubStreamResult[] sorted = rounds[v][i].clone();
                    // Paced runs all deliver at the pace: their median is the round with the median p99.
                    Arrays.sort(sorted, Comparator.comparingDouble(result -> result.latency != null ?
                        result.latency.getValueAtPercentile(99) : result.deliveredPerSecond));
                    medians[s][v][i] = sorted[sorted.length / 2];
                }
            }
        }
        return medians;
    }

    private static String roundLabel(final ThroughputConfig config, final int round)
    {
        if (round < 0)
        {
            return " warm-up round " + (config.warmupRounds() + round + 1) + "/" + config.warmupRounds();
        }
        return config.rounds() > 1 ? " round " + (round + 1) + "/" + config.rounds() : "";
    }

    private static PubStreamResult runPubOne(final Impl impl, final ThroughputConfig config, final int subscribers,
        final int stalled, final RunProgress progress, final PrintStream err) throws Exception
    {
        if (impl == Impl.NIO)
        {
            throw new IllegalArgumentException("raw NIO has no PUB fan-out");
        }
        final PubStreamRun run = impl == Impl.MONOCOQUE ? new MonocoquePubStream() : new JeromqPubStream();
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                return run.run(config, subscribers, stalled, progress::update);
            }
            catch (final StartStalledException ex)
            {
                if (attempt == SETUP_ATTEMPTS)
                {
                    throw new BenchmarkFailedException(impl.label() + ": " + ex.getMessage() + " in " +
                        SETUP_ATTEMPTS + " attempts");
                }
                err.println("monocoque bench throughput: " + impl.label() + ": " + ex.getMessage() +
                    "; setting up again (attempt " + (attempt + 1) + " of " + SETUP_ATTEMPTS + ")");
            }
        }
    }

    private static double runOne(final Impl impl, final ThroughputConfig config, final RunProgress progress,
        final PrintStream err) throws Exception
    {
        if (impl == Impl.MONOCOQUE)
        {
            return new MonocoqueStream().run(config, progress::update);
        }
        if (impl == Impl.NIO)
        {
            return new NioStream().run(config, progress::update);
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
                    throw new BenchmarkFailedException("jeromq: " + ex.getMessage() + " in " + SETUP_ATTEMPTS +
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
        if (config.pattern() == ThroughputConfig.Pattern.PUB)
        {
            return impl == Impl.MONOCOQUE ?
                "INVOKER mode (the publisher thread drives its engine and the fan-out worker; the receiving " +
                    "thread drives every subscriber), idle " + config.idleFor(impl).label() +
                    config.idleReason(impl) + ", 2 threads" :
                "JeroMQ 0.6.0, 1 I/O thread per side, the receiving thread takes each subscriber in turn with " +
                    "DONTWAIT, idle " + config.idleFor(impl).label() + config.idleReason(impl) + ", 4 threads";
        }
        if (impl == Impl.MONOCOQUE)
        {
            return "INVOKER mode (source and sink threads drive their engines), idle " +
                config.idleFor(impl).label() + config.idleReason(impl) + ", 2 threads";
        }
        if (impl == Impl.NIO)
        {
            return "raw NIO, length-prefixed frames on blocking channels, the source batching " +
                NioStream.BATCH / 1024 + " KiB per write, 2 threads";
        }
        return "JeroMQ 0.6.0, 1 I/O thread per context, " + (config.idleFor(impl).blocks() ?
            "idle " + config.idleFor(impl).label() + " = JeroMQ's blocking send and receive" :
            "application threads use DONTWAIT and idle " + config.idleFor(impl).label()) + config.idleReason(impl) +
            ", 4 threads (source, sink, 2 I/O)";
    }
}
