package io.monocoque.cli.bench;

import io.monocoque.cli.Cli;
import io.monocoque.cli.Command;
import io.monocoque.cli.CommandIo;
import io.monocoque.cli.options.Args;
import io.monocoque.cli.options.UsageException;
import io.monocoque.perf.Idle;
import io.monocoque.perf.latency.Impl;
import io.monocoque.perf.output.MachineFacts;
import io.monocoque.perf.throughput.JeromqPubStream;
import io.monocoque.perf.throughput.PubStreamResult;
import io.monocoque.perf.throughput.ThroughputBench;
import io.monocoque.perf.throughput.ThroughputConfig;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * {@code monocoque bench throughput}: one-way stream rate measured at the receiver, Monocoque and/or JeroMQ.
 */
public final class BenchThroughputCommand implements Command
{
    /** Most subscribers of one run: each is a socket and a connection on both sides in this one process. */
    static final int MAX_SUBSCRIBERS = 5_000;

    @Override
    public String name()
    {
        return "bench throughput";
    }

    @Override
    public String summary()
    {
        return "one-way messages/s and MB/s measured at the receiver, Monocoque and/or JeroMQ";
    }

    @Override
    public String usage()
    {
        return "usage: monocoque bench throughput [--size BYTES] [--count N] [--warmup N] [--pattern push|dealer|pub]\n" +
            "                [--subscribers N[,N...]] [--impl monocoque|jeromq|monocoque,jeromq] [--rounds N]\n" +
            "                [--warmup-rounds N] [--idle busy|yield|backoff] [--hwm BYTES] [--timeout-ms T]\n" +
            "                [--rate MSGS_PER_S] [--stalled N]\n" +
            "\n" +
            "A source thread sends as fast as the socket accepts; the receiving thread counts and times the\n" +
            "messages after the warm-up, first to last batch, over loopback TCP in this process. Prints msgs/s\n" +
            "and MB/s (10^6 bytes of payload per second) per implementation, the median of the rounds, with the\n" +
            "ratio to the first implementation.\n" +
            "\n" +
            "  --size BYTES      message size (default 64; suffixes k, m = KiB, MiB)\n" +
            "  --count N         measured messages per run (default: about 256 MiB of payload, between\n" +
            "                    10,000 and 1,000,000 messages; suffixes k, m = 10^3, 10^6)\n" +
            "  --warmup N        messages received before timing starts, in every run (default count/5)\n" +
            "  --pattern P       push: PUSH -> PULL (default); dealer: DEALER -> ROUTER; pub: one PUB fanning\n" +
            "                    out to --subscribers SUB sockets (see below)\n" +
            "  --subscribers L   pub only: subscriber counts, comma-separated, one run each (default 1), e.g.\n" +
            "                    1,10,100,1000\n" +
            "  --impl LIST       monocoque (default), jeromq (JeroMQ 0.6), or a comma-separated list run\n" +
            "                    interleaved, with the ratio to the first\n" +
            "  --rounds N        interleaved rounds; the table shows the median (default 1; 3 with several\n" +
            "                    implementations)\n" +
            "  --warmup-rounds N rounds run first and not counted, while the JIT settles (default 1)\n" +
            "  --idle S          how source and sink wait: busy, yield, backoff (JeroMQ: its blocking send and\n" +
            "                    receive). Default: backoff for Monocoque (two spinning threads on two cores\n" +
            "                    starve each other); JeroMQ: busy with a core per spinning thread, else backoff\n" +
            "  --rate R          pub only: publish R messages/s (paced, open loop) and report each reading\n" +
            "                    subscriber's latency percentiles, from when a message was due to its arrival\n" +
            "                    (size 9 or more; idle defaults to yield). Default: as fast as the socket takes them\n" +
            "  --stalled N       pub only: also run each subscriber count with N more subscribers that subscribe\n" +
            "                    and never read, interleaved with the run without them (with --rate: the p99 ratio)\n" +
            "  --hwm BYTES       HWM in bytes on both sides (default: 4 MiB, or more for large messages; pub:\n" +
            "                    per subscriber, 64 MiB shared by the subscribers, 256 KiB to 4 MiB each;\n" +
            "                    JeroMQ: the same in messages, at most 2,000,000 over all subscribers)\n" +
            "  --timeout-ms T    fail when no message arrives for T ms (default 10000)\n" +
            "  --help            this text\n" +
            "\n" +
            "PUB never blocks: a subscriber whose HWM is full is dropped for. A pub run publishes --count\n" +
            "deliveries shared among the subscribers (at least 20,000 messages), after a warm-up likewise\n" +
            "shared (at least 4,000), and reports the aggregate rate the subscribers received at, the rate the\n" +
            "publisher published at, and the deliveries lost to drops. Subscribers live in one context (one\n" +
            "receiving thread polls them all), the publisher in another.\n" +
            "\n" +
            "A progress indicator appears on stderr for runs longer than a few seconds.\n" +
            "Exit status: 0 success, 1 runtime failure, 2 bad usage.\n";
    }

    @Override
    public int run(final String[] argv, final CommandIo io) throws Exception
    {
        final ThroughputConfig config = parse(argv);
        final PrintStream out = io.out();
        if (config.pattern == ThroughputConfig.Pattern.PUB)
        {
            return runPub(config, io);
        }
        out.printf(Locale.ROOT, "## monocoque bench throughput: %s -> %s, tcp loopback, %d B, %,d measured " +
                "messages after %,d warm-up%s%n%n", config.pattern.sourceType(), config.pattern.sinkType(),
            config.size, config.count, config.warmup, rounds(config));
        for (final Impl impl : config.impls)
        {
            out.println("- " + impl.label() + ": " + ThroughputBench.threading(impl, config));
        }
        out.println("- " + new MachineFacts().describe());
        out.println();
        out.flush();

        final double[] rates;
        try (Progress progress = Progress.start(io.err()))
        {
            rates = ThroughputBench.run(config, progress, io.err());
        }
        out.println("| impl | pattern | size B | msgs/s | MB/s | ratio |");
        out.println("|---|---|---:|---:|---:|---:|");
        for (int i = 0; i < rates.length; i++)
        {
            out.printf(Locale.ROOT, "| %s | %s | %d | %,.0f | %,.1f | %s |%n", config.impls.get(i).label(),
                config.pattern.label(), config.size, rates[i], rates[i] * config.size / 1e6,
                i == 0 ? "1.00×" : String.format(Locale.ROOT, "%.2f×", rates[i] / rates[0]));
        }
        return Cli.EXIT_OK;
    }

    private static String rounds(final ThroughputConfig config)
    {
        return (config.rounds > 1 ? ", median of " + config.rounds + " interleaved rounds" : "") +
            (config.warmupRounds > 0 ? ", " + config.warmupRounds + " uncounted warm-up round" +
            (config.warmupRounds > 1 ? "s" : "") + " first" : "");
    }

    private static int runPub(final ThroughputConfig config, final CommandIo io) throws Exception
    {
        final PrintStream out = io.out();
        out.printf(Locale.ROOT, "## monocoque bench throughput: PUB -> SUB fan-out, tcp loopback, %d B, about %,d " +
            "measured deliveries per run%s%n%n", config.size, config.count, rounds(config));
        for (final Impl impl : config.impls)
        {
            out.println("- " + impl.label() + ": " + ThroughputBench.threading(impl, config));
        }
        if (config.rate > 0)
        {
            out.printf(Locale.ROOT, "- publisher paced at %,d msgs/s; latency from when each message was due to " +
                "its arrival at a reading subscriber%n", config.rate);
        }
        if (config.stalled > 0)
        {
            out.println("- each subscriber count runs without and with " + config.stalled + " stalled " +
                "subscriber(s) (subscribed, never reading), interleaved");
        }
        out.println("- HWM per subscriber: " + config.subscribers.stream().map(n -> n + (n == 1 ? " subscriber " : " subscribers ") +
            config.pubHwmBytes(n) / 1024 + " KiB" + (config.impls.contains(Impl.JEROMQ) ? " (JeroMQ " +
            JeromqPubStream.hwmMessages(config, n) + " messages)" : "")).collect(Collectors.joining(", ")));
        out.println("- " + new MachineFacts().describe());
        out.println();
        out.flush();

        final PubStreamResult[][][] results;
        try (Progress progress = Progress.start(io.err()))
        {
            results = ThroughputBench.runPub(config, progress, io.err());
        }
        out.println("| impl | subscribers | stalled | size B | delivered msgs/s | per subscriber msgs/s | " +
            "delivered MB/s | published msgs/s | lost | p50 µs | p99 µs | p99.9 µs | ratio |");
        out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        final List<String> notes = new ArrayList<>();
        for (int s = 0; s < results.length; s++)
        {
            final int subscribers = config.subscribers.get(s);
            for (int v = 0; v < results[s].length; v++)
            {
                final int stalled = v == 0 ? 0 : config.stalled;
                for (int i = 0; i < results[s][v].length; i++)
                {
                    final PubStreamResult result = results[s][v][i];
                    if (result.failure != null)
                    {
                        out.printf(Locale.ROOT, "| %s | %,d | %d | %d | failed [%d] | – | – | – | – | – | – | – | – |%n",
                            config.impls.get(i).label(), subscribers, stalled, config.size, notes.size() + 1);
                        notes.add(result.failure);
                        continue;
                    }
                    out.printf(Locale.ROOT, "| %s | %,d | %d | %d | %,.0f | %,.0f | %,.1f | %,.0f | %.1f%% | %s | %s | " +
                        "%s | %s |%n", config.impls.get(i).label(), subscribers, stalled, config.size,
                        result.deliveredPerSecond, result.deliveredPerSecond / subscribers,
                        result.deliveredPerSecond * config.size / 1e6, result.publishedPerSecond,
                        100 * result.lostFraction(), micros(result, 50), micros(result, 99), micros(result, 99.9),
                        i == 0 ? "1.00×" : results[s][v][0].failure != null ? "–" : String.format(Locale.ROOT, "%.2f×",
                        result.deliveredPerSecond / results[s][v][0].deliveredPerSecond));
                }
            }
        }
        for (int n = 0; n < notes.size(); n++)
        {
            out.println();
            out.println("[" + (n + 1) + "] " + notes.get(n));
        }
        if (config.stalled > 0 && config.rate > 0)
        {
            out.println();
            for (int s = 0; s < results.length; s++)
            {
                for (int i = 0; i < config.impls.size(); i++)
                {
                    if (results[s][0][i].failure != null || results[s][1][i].failure != null)
                    {
                        continue;
                    }
                    final double without = results[s][0][i].latency.getValueAtPercentile(99);
                    final double with = results[s][1][i].latency.getValueAtPercentile(99);
                    out.printf(Locale.ROOT, "- %s, %,d subscribers: p99 with %d stalled / without = %.2f×%n",
                        config.impls.get(i).label(), config.subscribers.get(s), config.stalled, with / without);
                }
            }
        }
        return notes.isEmpty() ? Cli.EXIT_OK : Cli.EXIT_FAILURE; // the table is out; scripts still see the failure
    }

    private static String micros(final PubStreamResult result, final double percentile)
    {
        return result.latency == null ? "–" :
            String.format(Locale.ROOT, "%,.1f", result.latency.getValueAtPercentile(percentile) / 1000.0);
    }

    static ThroughputConfig parse(final String[] argv)
    {
        final Args args = new Args("bench throughput")
            .single("--size").single("--count").single("--warmup").single("--pattern").single("--impl")
            .single("--rounds").single("--idle").single("--timeout-ms").single("--subscribers").single("--hwm")
            .single("--warmup-rounds").single("--rate").single("--stalled")
            .parse(argv);
        final ThroughputConfig config = new ThroughputConfig();
        config.size = args.bytes("--size", 64, 0, 64 * 1024 * 1024);
        config.count = args.count("--count", ThroughputConfig.defaultCount(config.size), 2);
        config.warmup = args.count("--warmup", config.count / 5, 0);
        config.pattern = ThroughputConfig.Pattern.valueOf(
            args.choice("--pattern", "push", "push", "dealer", "pub").toUpperCase(Locale.ROOT));
        final List<Impl> impls = new ArrayList<>();
        for (final String name : args.get("--impl", "monocoque").split(","))
        {
            final Impl impl = Impl.parse(name);
            if (impl == null)
            {
                throw new UsageException("--impl: unknown implementation '" + name.trim() + "' (monocoque, jeromq)");
            }
            if (impls.contains(impl))
            {
                throw new UsageException("--impl: " + impl.label() + " given twice");
            }
            impls.add(impl);
        }
        config.impls = impls;
        config.rounds = (int)Math.min(100, args.count("--rounds", impls.size() > 1 ? 3 : 1, 1));
        config.warmupRounds = (int)Math.min(100, args.count("--warmup-rounds", 1, 0));
        config.idle = args.has("--idle") ? Idle.parse(args.choice("--idle", null, "busy", "yield", "backoff")) : null;
        config.timeoutMs = args.number("--timeout-ms", 10_000, 1);
        config.hwmOverride = args.has("--hwm") ? args.bytes("--hwm", 0, 4096, 1 << 30) : 0;
        if (config.hwmOverride > 0 && config.hwmOverride / 8 < config.size + 64L)
        {
            throw new UsageException("--hwm " + config.hwmOverride + " is too small for " + config.size +
                "-byte messages: a message may use at most an eighth of the HWM");
        }
        if (args.has("--subscribers"))
        {
            if (config.pattern != ThroughputConfig.Pattern.PUB)
            {
                throw new UsageException("--subscribers needs --pattern pub");
            }
            config.subscribers = subscriberCounts(args.get("--subscribers"));
        }
        config.rate = args.count("--rate", 0, 1);
        config.stalled = (int)Math.min(MAX_SUBSCRIBERS, args.count("--stalled", 0, 0));
        if ((args.has("--rate") || args.has("--stalled")) && config.pattern != ThroughputConfig.Pattern.PUB)
        {
            throw new UsageException((args.has("--rate") ? "--rate" : "--stalled") + " needs --pattern pub");
        }
        if (config.rate > 0 && config.size < ThroughputConfig.MIN_PACED_SIZE)
        {
            throw new UsageException("--rate needs --size " + ThroughputConfig.MIN_PACED_SIZE + " or more (each " +
                "message carries the time it was due)");
        }
        if (config.pattern == ThroughputConfig.Pattern.PUB && config.size == 0)
        {
            throw new UsageException("--pattern pub needs --size 1 or more (the first byte tells measured " +
                "messages from the probes that detect the subscriptions)");
        }
        return config;
    }

    private static List<Integer> subscriberCounts(final String text)
    {
        final List<Integer> counts = new ArrayList<>();
        for (final String part : text.split(","))
        {
            final int count;
            try
            {
                count = Integer.parseInt(part.trim());
            }
            catch (final NumberFormatException ex)
            {
                throw new UsageException("--subscribers: '" + part.trim() + "' is not a number");
            }
            if (count < 1 || count > MAX_SUBSCRIBERS)
            {
                throw new UsageException("--subscribers: " + count + " is not between 1 and " + MAX_SUBSCRIBERS);
            }
            counts.add(count);
        }
        return counts;
    }
}
