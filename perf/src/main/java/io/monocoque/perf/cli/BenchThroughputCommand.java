package io.monocoque.perf.cli;

import io.monocoque.perf.bench.Idle;
import io.monocoque.perf.latency.Impl;
import io.monocoque.perf.output.MachineFacts;
import io.monocoque.perf.throughput.ThroughputBench;
import io.monocoque.perf.throughput.ThroughputConfig;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code monocoque bench throughput}: one-way stream rate measured at the receiver, Monocoque and/or JeroMQ.
 */
public final class BenchThroughputCommand implements Command
{
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
            "                [--impl monocoque|jeromq|monocoque,jeromq] [--rounds N] [--idle busy|yield|backoff]\n" +
            "                [--timeout-ms T]\n" +
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
            "  --pattern P       push: PUSH -> PULL (default); dealer: DEALER -> ROUTER; pub: PUB -> SUB\n" +
            "                    (subscribed to everything)\n" +
            "  --impl LIST       monocoque (default), jeromq (JeroMQ 0.6), or a comma-separated list run\n" +
            "                    interleaved, with the ratio to the first\n" +
            "  --rounds N        interleaved rounds; the table shows the median (default 1; 3 with several\n" +
            "                    implementations)\n" +
            "  --idle S          how source and sink wait: busy, yield, backoff (JeroMQ: its blocking send and\n" +
            "                    receive). Default: backoff for Monocoque (two spinning threads on two cores\n" +
            "                    starve each other); JeroMQ: busy with a core per spinning thread, else backoff\n" +
            "  --timeout-ms T    fail when no message arrives for T ms (default 10000)\n" +
            "  --help            this text\n" +
            "\n" +
            "A progress indicator appears on stderr for runs longer than a few seconds.\n" +
            "Exit status: 0 success, 1 runtime failure, 2 bad usage.\n";
    }

    @Override
    public int run(final String[] argv, final CommandIo io) throws Exception
    {
        final ThroughputConfig config = parse(argv);
        final PrintStream out = io.out();
        out.printf(Locale.ROOT, "## monocoque bench throughput: %s -> %s, tcp loopback, %d B, %,d measured " +
                "messages after %,d warm-up%s%n%n", config.pattern.sourceType(), config.pattern.sinkType(),
            config.size, config.count, config.warmup, config.rounds > 1 ? ", median of " + config.rounds +
            " interleaved rounds" : "");
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

    static ThroughputConfig parse(final String[] argv)
    {
        final Args args = new Args("bench throughput")
            .single("--size").single("--count").single("--warmup").single("--pattern").single("--impl")
            .single("--rounds").single("--idle").single("--timeout-ms")
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
        config.idle = args.has("--idle") ? Idle.parse(args.choice("--idle", null, "busy", "yield", "backoff")) : null;
        config.timeoutMs = args.number("--timeout-ms", 10_000, 1);
        if (config.pattern == ThroughputConfig.Pattern.PUB && config.size == 0)
        {
            throw new UsageException("--pattern pub needs --size 1 or more (empty messages are the probes that " +
                "detect the subscription)");
        }
        return config;
    }
}
