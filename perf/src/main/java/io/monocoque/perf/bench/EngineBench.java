package io.monocoque.perf.bench;

import org.HdrHistogram.Histogram;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Monocoque against the physical floor of this machine, in one run: DEALER–DEALER ping-pong against raw NIO
 * ping-pongs (busy-spinning and blocking), and PUSH–PULL throughput against a raw NIO stream, each scenario
 * repeated and interleaved ({@code a b c a b c ...}) so that machine noise hits all alike; tables give the median
 * of the repetitions and the ratio to the raw NIO figure.
 * <pre>
 *   monocoque bench engine [--reps 3] [--sizes 64,1024] [--count 100000] [--warmup 20000]
 *                          [--thr-sizes 64,1024,65536] [--thr-count N] [--idle busy] [--thr-idle backoff]
 * </pre>
 * Threads: each side of every scenario is one thread (Monocoque in INVOKER mode drives its own engine), so every
 * run uses two threads on this two-core machine, like two single-threaded processes.
 */
public final class EngineBench
{
    private static final double[] PERCENTILES = {50, 90, 99, 99.9, 99.99};
    private static final long THROUGHPUT_BYTES_TARGET = 1L << 30;

    private int reps = 3;
    private int[] sizes = {64};
    private long count = 100_000;
    private long warmup = 20_000;
    private int[] throughputSizes = {64, 1024, 65536};
    private long throughputCount = 0;
    private Idle idle = Idle.BUSY;
    /**
     * Throughput defaults to backoff: two busy-spinning threads on a two-core machine that runs anything else
     * starve each other (measured: 3.3 M msgs/s busy vs 8.5 M backoff at 64 B in the same minute).
     */
    private Idle throughputIdle = Idle.BACKOFF;
    private final PrintStream out;

    private EngineBench(final PrintStream out)
    {
        this.out = out;
    }

    /**
     * Parse options and run.
     *
     * @param args options as documented on the class.
     * @param out  where tables go.
     * @param err  where progress goes.
     * @return exit status.
     * @throws Exception if a scenario fails.
     */
    public static int run(final String[] args, final PrintStream out, final PrintStream err) throws Exception
    {
        final EngineBench bench = new EngineBench(out);
        for (int i = 0; i < args.length; i++)
        {
            final String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--reps":
                    bench.reps = Integer.parseInt(required(args[i], value));
                    break;
                case "--sizes":
                    bench.sizes = parseInts(required(args[i], value));
                    break;
                case "--count":
                    bench.count = Long.parseLong(required(args[i], value));
                    break;
                case "--warmup":
                    bench.warmup = Long.parseLong(required(args[i], value));
                    break;
                case "--thr-sizes":
                    bench.throughputSizes = parseInts(required(args[i], value));
                    break;
                case "--thr-count":
                    bench.throughputCount = Long.parseLong(required(args[i], value));
                    break;
                case "--idle":
                    bench.idle = Idle.parse(required(args[i], value));
                    break;
                case "--thr-idle":
                    bench.throughputIdle = Idle.parse(required(args[i], value));
                    break;
                default:
                    err.println("bench engine: unknown option '" + args[i] + "'");
                    return 2;
            }
            i++;
        }
        bench.latency(err);
        bench.throughput(err);
        return 0;
    }

    private static String required(final String option, final String value)
    {
        if (value == null)
        {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }

    private static int[] parseInts(final String text)
    {
        return text.isEmpty() ? new int[0] : Arrays.stream(text.split(",")).mapToInt(Integer::parseInt).toArray();
    }

    private void latency(final PrintStream err) throws Exception
    {
        if (sizes.length == 0)
        {
            return;
        }
        final List<Supplier<PingPong>> scenarios = List.of(
            () -> new MonocoquePingPong(idle),
            () -> new NioPingPong(true),
            () -> new NioPingPong(false));
        out.printf(Locale.ROOT, "%n## Round-trip latency, µs (median of %d interleaved runs; %,d round trips after " +
            "%,d warm-up; Monocoque idle=%s, INVOKER mode, 2 threads)%n%n", reps, count, warmup, idle.label());
        out.println("| scenario | size B | p50 | p90 | p99 | p99.9 | p99.99 | max | mean | p50 / raw nio busy |");
        out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (final int size : sizes)
        {
            final double[][][] results = new double[scenarios.size()][reps][];
            final String[] names = new String[scenarios.size()];
            for (int rep = 0; rep < reps; rep++)
            {
                for (int s = 0; s < scenarios.size(); s++)
                {
                    try (PingPong pingPong = scenarios.get(s).get())
                    {
                        names[s] = pingPong.name();
                        err.printf("latency %s %d B run %d/%d%n", names[s], size, rep + 1, reps);
                        results[s][rep] = measure(pingPong, size);
                    }
                }
            }
            final double[] floor = median(results[1]);
            for (int s = 0; s < scenarios.size(); s++)
            {
                final double[] m = median(results[s]);
                out.printf(Locale.ROOT, "| %s | %d | %.1f | %.1f | %.1f | %.1f | %.1f | %.0f | %.1f | %.2f× |%n",
                    names[s], size, m[0], m[1], m[2], m[3], m[4], m[5], m[6], m[0] / floor[0]);
            }
        }
    }

    private double[] measure(final PingPong pingPong, final int size) throws Exception
    {
        pingPong.open(size);
        for (long i = 0; i < warmup; i++)
        {
            pingPong.roundTrip();
        }
        final Histogram histogram = new Histogram(3_600_000_000_000L, 3);
        for (long i = 0; i < count; i++)
        {
            final long start = System.nanoTime();
            pingPong.roundTrip();
            histogram.recordValue(System.nanoTime() - start);
        }
        final double[] result = new double[PERCENTILES.length + 2];
        for (int i = 0; i < PERCENTILES.length; i++)
        {
            result[i] = histogram.getValueAtPercentile(PERCENTILES[i]) / 1000.0;
        }
        result[PERCENTILES.length] = histogram.getMaxValue() / 1000.0;
        result[PERCENTILES.length + 1] = histogram.getMean() / 1000.0;
        return result;
    }

    private void throughput(final PrintStream err) throws Exception
    {
        if (throughputSizes.length == 0)
        {
            return;
        }
        out.printf(Locale.ROOT, "%n## Throughput, one stream (median of %d interleaved runs; Monocoque PUSH–PULL " +
            "idle=%s, INVOKER mode, 2 threads; raw nio blocking)%n%n", reps, throughputIdle.label());
        out.println("| scenario | size B | count | msgs/s | MB/s | / raw nio |");
        out.println("|---|---:|---:|---:|---:|---:|");
        for (final int size : throughputSizes)
        {
            final long messages = throughputCount > 0 ? throughputCount :
                Math.max(20_000, Math.min(20_000_000, THROUGHPUT_BYTES_TARGET / Math.max(size, 64)));
            final long hwm = Math.max(4L << 20, Integer.highestOneBit(size + 64) * 16L);
            final List<Stream> scenarios = new ArrayList<>(List.of(new MonocoquePushPull(throughputIdle, hwm), new NioStream()));
            final double[][] rates = new double[scenarios.size()][reps];
            for (int rep = 0; rep < reps; rep++)
            {
                for (int s = 0; s < scenarios.size(); s++)
                {
                    err.printf("throughput %s %d B run %d/%d%n", scenarios.get(s).name(), size, rep + 1, reps);
                    rates[s][rep] = scenarios.get(s).run(size, messages);
                }
            }
            final double floor = medianOf(rates[1]);
            for (int s = 0; s < scenarios.size(); s++)
            {
                final double rate = medianOf(rates[s]);
                out.printf(Locale.ROOT, "| %s | %d | %,d | %,.0f | %,.0f | %.2f× |%n",
                    scenarios.get(s).name(), size, messages, rate, rate * size / 1e6, rate / floor);
            }
        }
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
