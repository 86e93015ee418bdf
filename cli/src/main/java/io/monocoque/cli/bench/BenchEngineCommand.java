package io.monocoque.cli.bench;

import io.monocoque.cli.Cli;
import io.monocoque.cli.Command;
import io.monocoque.cli.CommandIo;
import io.monocoque.cli.options.Args;
import io.monocoque.cli.options.UsageException;
import io.monocoque.perf.Idle;
import io.monocoque.perf.engine.EngineBench;
import io.monocoque.perf.engine.EngineBenchConfig;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * {@code monocoque bench engine}: Monocoque against raw Java NIO on this machine ({@link EngineBench}).
 */
public final class BenchEngineCommand implements Command
{
    @Override
    public String name()
    {
        return "bench engine";
    }

    @Override
    public String summary()
    {
        return "Monocoque against raw NIO: ping-pong latency and one-stream throughput, interleaved";
    }

    @Override
    public String usage()
    {
        return "usage: monocoque bench engine [--reps N] [--sizes LIST] [--count N] [--warmup N]\n" +
            "                              [--thr-sizes LIST] [--thr-count N] [--idle busy|yield|backoff]\n" +
            "\n" +
            "Monocoque DEALER-DEALER ping-pong against raw NIO ping-pongs (busy-spinning and blocking), and\n" +
            "PUSH-PULL throughput against a raw NIO stream, each repeated and interleaved so machine noise hits\n" +
            "all alike; prints Markdown tables with the median of the repetitions and the ratio to raw NIO.\n" +
            "Each side is one thread (Monocoque in INVOKER mode), two threads per scenario.\n" +
            "\n" +
            "  --reps N            repetitions of each scenario (default 3)\n" +
            "  --sizes LIST        comma-separated ping-pong message sizes in bytes (default 64; empty: skip)\n" +
            "  --count N           measured round trips per run (default 100000)\n" +
            "  --warmup N          round trips before measuring (default 20000)\n" +
            "  --thr-sizes LIST    comma-separated stream message sizes (default 64,1024,65536; empty: skip)\n" +
            "  --thr-count N       messages per stream run (default: about 1 GiB of data, 20,000 to 20,000,000)\n" +
            "  --idle STRATEGY     Monocoque's idle strategy: busy (default), yield, backoff\n" +
            "  --help              this text\n" +
            "\n" +
            "Exit status: 0 success, 1 runtime failure, 2 bad usage.\n";
    }

    @Override
    public int run(final String[] args, final CommandIo io) throws Exception
    {
        final EngineBenchConfig config = parse(args);
        // EngineBench prints its tables as it goes: flush each line rather than at the end.
        EngineBench.run(config, new PrintStream(io.out(), true, StandardCharsets.UTF_8), io.err());
        return Cli.EXIT_OK;
    }

    private static EngineBenchConfig parse(final String[] argv)
    {
        final Args args = new Args("bench engine").single("--reps").single("--sizes").single("--count")
            .single("--warmup").single("--thr-sizes").single("--thr-count").single("--idle").single("--thr-idle")
            .parse(argv);
        final EngineBenchConfig config = new EngineBenchConfig();
        config.reps = (int)args.count("--reps", config.reps, 1);
        config.sizes = sizes(args.get("--sizes"), config.sizes);
        config.count = args.count("--count", config.count, 1);
        config.warmup = args.count("--warmup", config.warmup, 0);
        config.throughputSizes = sizes(args.get("--thr-sizes"), config.throughputSizes);
        config.throughputCount = args.count("--thr-count", config.throughputCount, 1);
        config.idle = Idle.parse(args.choice("--idle", config.idle.label(), "busy", "yield", "backoff"));
        config.throughputIdle = Idle.parse(args.choice("--thr-idle", config.throughputIdle.label(), "busy", "yield",
            "backoff"));
        return config;
    }

    private static int[] sizes(final String list, final int[] defaults)
    {
        if (list == null)
        {
            return defaults;
        }
        try
        {
            return list.isEmpty() ? new int[0] : Arrays.stream(list.split(",")).mapToInt(Integer::parseInt).toArray();
        }
        catch (final NumberFormatException ex)
        {
            throw new UsageException("not a list of sizes: '" + list + "'");
        }
    }
}
