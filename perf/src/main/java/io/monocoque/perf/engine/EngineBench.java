package io.monocoque.perf.engine;

import io.monocoque.perf.Idle;
import io.monocoque.perf.RunProgress;
import io.monocoque.perf.latency.Impl;
import io.monocoque.perf.latency.LatencyBench;
import io.monocoque.perf.latency.LatencyConfig;
import io.monocoque.perf.latency.Pattern;
import io.monocoque.perf.throughput.ThroughputBench;
import io.monocoque.perf.throughput.ThroughputConfig;
import org.HdrHistogram.Histogram;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Monocoque against the physical floor of this machine, in one run, on the latency and throughput scenarios with
 * raw NIO as one more implementation: DEALER–DEALER ping-pong against raw NIO ping-pongs (busy-spinning and
 * blocking), and PUSH–PULL throughput against a raw NIO stream, each scenario repeated and interleaved
 * ({@code a b c a b c ...}) so that machine noise hits all alike; Markdown tables give the median of the
 * repetitions and the ratio to the raw NIO figure.
 * <p>
 * Threads: each side of every scenario is one thread (Monocoque in INVOKER mode drives its own engine), so every
 * run uses two threads, like two single-threaded processes. {@link #run} is called by one thread, which prints
 * the tables as it goes.
 */
public final class EngineBench
{
    private static final double[] PERCENTILES = {50, 90, 99, 99.9, 99.99};
    private static final double NS_PER_US = 1000.0;
    private static final double BYTES_PER_MB = 1e6;

    private final EngineBenchConfig config;
    private final PrintStream out;
    private final PrintStream err;

    private EngineBench(final EngineBenchConfig config, final PrintStream out, final PrintStream err)
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
     * @throws Exception if a scenario fails.
     */
    public static void run(final EngineBenchConfig config, final PrintStream out, final PrintStream err)
        throws Exception
    {
        final EngineBench bench = new EngineBench(config, out, err);
        bench.latency();
        bench.throughput();
    }

    /** One latency row: an implementation and how it waits. */
    private static final class PingPong
    {
        final String name;
        final Impl impl;
        final Idle idle;

        PingPong(final String name, final Impl impl, final Idle idle)
        {
            this.name = name;
            this.impl = impl;
            this.idle = idle;
        }
    }

    private void latency() throws Exception
    {
        if (config.sizes().length == 0)
        {
            return;
        }
        // The first raw NIO row is the floor of the ratio column.
        final List<PingPong> scenarios = List.of(
            new PingPong("monocoque dealer " + config.idle().label(), Impl.MONOCOQUE, config.idle()),
            new PingPong("raw nio busy", Impl.NIO, Idle.BUSY),
            new PingPong("raw nio blocking", Impl.NIO, Idle.BACKOFF));
        out.printf(Locale.ROOT, "%n## Round-trip latency, µs (median of %d interleaved runs; %,d round trips after " +
            "%,d warm-up; Monocoque idle=%s, INVOKER mode, 2 threads)%n%n", config.reps(), config.count(),
            config.warmup(), config.idle().label());
        out.println("| scenario | size B | p50 | p90 | p99 | p99.9 | p99.99 | max | mean | p50 / raw nio busy |");
        out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (final int size : config.sizes())
        {
            final double[][][] results = new double[scenarios.size()][config.reps()][];
            for (int rep = 0; rep < config.reps(); rep++)
            {
                for (int s = 0; s < scenarios.size(); s++)
                {
                    final PingPong scenario = scenarios.get(s);
                    err.printf("latency %s %d B run %d/%d%n", scenario.name, size, rep + 1, config.reps());
                    results[s][rep] = figures(LatencyBench.run(latencyConfig(scenario, size), err, RunProgress.NONE)
                        .get(0).recorder().total());
                }
            }
            final double[] floor = median(results[1]);
            for (int s = 0; s < scenarios.size(); s++)
            {
                final double[] m = median(results[s]);
                out.printf(Locale.ROOT, "| %s | %d | %.1f | %.1f | %.1f | %.1f | %.1f | %.0f | %.1f | %.2f× |%n",
                    scenarios.get(s).name, size, m[0], m[1], m[2], m[3], m[4], m[5], m[6], m[0] / floor[0]);
            }
        }
    }

    private LatencyConfig latencyConfig(final PingPong scenario, final int size)
    {
        return new LatencyConfig()
            .size(size)
            .count(config.count())
            .warmup(config.warmup())
            .pattern(Pattern.DEALER_DEALER)
            .impls(List.of(scenario.impl))
            .rounds(1)
            .idle(scenario.idle)
            .invoker(true);
    }

    /** p50, p90, p99, p99.9, p99.99, max and mean in µs. */
    private static double[] figures(final Histogram histogram)
    {
        final double[] result = new double[PERCENTILES.length + 2];
        for (int i = 0; i < PERCENTILES.length; i++)
        {
            result[i] = histogram.getValueAtPercentile(PERCENTILES[i]) / NS_PER_US;
        }
        result[PERCENTILES.length] = histogram.getMaxValue() / NS_PER_US;
        result[PERCENTILES.length + 1] = histogram.getMean() / NS_PER_US;
        return result;
    }

    /**
     * One throughput row: an implementation, its label, how it waits, how many messages it sends at once, and
     * whether it claims them in place ({@code tryClaimBatch}) rather than offering a {@code MessageBatch}.
     */
    private static final class Stream
    {
        final String name;
        final Impl impl;
        final Idle idle;
        final int batch;
        final boolean claim;

        Stream(final String name, final Impl impl, final Idle idle, final int batch, final boolean claim)
        {
            this.name = name;
            this.impl = impl;
            this.idle = idle;
            this.batch = batch;
            this.claim = claim;
        }
    }

    private void throughput() throws Exception
    {
        if (config.throughputSizes().length == 0)
        {
            return;
        }
        // The raw NIO stream always blocks; its idle strategy is only what the scenario ignores.
        final List<Stream> scenarios = new ArrayList<>();
        final String push = "monocoque push " + config.throughputIdle().label();
        scenarios.add(new Stream(push, Impl.MONOCOQUE, config.throughputIdle(), 0, false));
        if (config.throughputBatch() > 0)
        {
            scenarios.add(new Stream(push + " batch " + config.throughputBatch(), Impl.MONOCOQUE,
                config.throughputIdle(), config.throughputBatch(), false));
            scenarios.add(new Stream(push + " claim " + config.throughputBatch(), Impl.MONOCOQUE,
                config.throughputIdle(), config.throughputBatch(), true));
        }
        final int floorIndex = scenarios.size();
        scenarios.add(new Stream("raw nio", Impl.NIO, Idle.BACKOFF, 0, false));
        out.printf(Locale.ROOT, "%n## Throughput, one stream (median of %d interleaved runs; Monocoque PUSH–PULL " +
            "idle=%s, INVOKER mode, 2 threads, offer(Message) per message%s; raw nio blocking)%n%n", config.reps(),
            config.throughputIdle().label(), config.throughputBatch() > 0 ? ", offer(MessageBatch) of " +
            config.throughputBatch() + " and tryClaimBatch of " + config.throughputBatch() : "");
        out.println("| scenario | size B | count | msgs/s | MB/s | / raw nio |");
        out.println("|---|---:|---:|---:|---:|---:|");
        for (final int size : config.throughputSizes())
        {
            final long messages = config.messagesAt(size);
            final double[][] rates = new double[scenarios.size()][config.reps()];
            for (int rep = 0; rep < config.reps(); rep++)
            {
                for (int s = 0; s < scenarios.size(); s++)
                {
                    final Stream scenario = scenarios.get(s);
                    err.printf("throughput %s %d B run %d/%d%n", scenario.name, size, rep + 1, config.reps());
                    rates[s][rep] = ThroughputBench.run(throughputConfig(scenario, size, messages), RunProgress.NONE,
                        err)[0];
                }
            }
            final double floor = medianOf(rates[floorIndex]);
            for (int s = 0; s < scenarios.size(); s++)
            {
                final double rate = medianOf(rates[s]);
                out.printf(Locale.ROOT, "| %s | %d | %,d | %,.0f | %,.0f | %.2f× |%n",
                    scenarios.get(s).name, size, messages, rate, rate * size / BYTES_PER_MB, rate / floor);
            }
        }
    }

    private static ThroughputConfig throughputConfig(final Stream scenario, final int size, final long messages)
    {
        // Timed from the first batch to the last, with no warm-up messages or rounds: the repetitions are the
        // warm-up, and the median discards a cold first one.
        return new ThroughputConfig()
            .size(size)
            .count(messages)
            .warmup(0)
            .warmupRounds(0)
            .rounds(1)
            .pattern(ThroughputConfig.Pattern.PUSH)
            .impls(List.of(scenario.impl))
            .idle(scenario.idle)
            .batch(scenario.batch)
            .claimBatches(scenario.claim);
    }

    private static double[] median(final double[][] runs)
    {
        final double[] result = new double[runs[0].length];
        for (int i = 0; i < result.length; i++)
        {
            final double[] column = new double[runs.length];
            for (int r = 0; r < runs.length; r++)
            {
                column[r] = runs[r][i];
            }
            result[i] = medianOf(column);
        }
        return result;
    }

    private static double medianOf(final double[] values)
    {
        final double[] sorted = values.clone();
        Arrays.sort(sorted);
        final int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
