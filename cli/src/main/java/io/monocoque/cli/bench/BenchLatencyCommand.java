package io.monocoque.cli.bench;

import io.monocoque.cli.Cli;
import io.monocoque.cli.Command;
import io.monocoque.cli.CommandIo;
import io.monocoque.cli.options.Args;
import io.monocoque.cli.options.CommandFailedException;
import io.monocoque.cli.options.UsageException;
import io.monocoque.perf.Idle;
import io.monocoque.perf.latency.Impl;
import io.monocoque.perf.latency.LatencyBench;
import io.monocoque.perf.latency.LatencyConfig;
import io.monocoque.perf.latency.LatencyResult;
import io.monocoque.perf.latency.Pattern;
import io.monocoque.perf.output.LatencyFiles;
import io.monocoque.perf.output.MachineFacts;
import io.monocoque.perf.output.PercentileTable;
import io.monocoque.perf.output.Percentiles;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code monocoque bench latency}: round-trip latency, closed loop (ping-pong) or open loop at a fixed rate
 * (coordinated-omission corrected), Monocoque and/or JeroMQ, in-process over loopback TCP or against an external
 * echo peer; prints a percentile table and writes .hlog, .hgrm, HTML and summary.json.
 */
public final class BenchLatencyCommand implements Command
{
    @Override
    public String name()
    {
        return "bench latency";
    }

    @Override
    public String summary()
    {
        return "round-trip latency percentiles (closed or open loop), Monocoque and/or JeroMQ";
    }

    @Override
    public String usage()
    {
        return "usage: monocoque bench latency [--size BYTES] [--count N] [--warmup N] [--rate MSGS_PER_S]\n" +
            "                [--pattern dealer|req] [--impl monocoque|jeromq|monocoque,jeromq] [--rounds N]\n" +
            "                [--connect EP | --bind EP] [--idle busy|yield|backoff] [--threading invoker|dedicated]\n" +
            "                [--transport tcp] [--timeout-ms T] [--interval-ms T] [--out DIR]\n" +
            "\n" +
            "Measures request/reply round trips. With no options: Monocoque DEALER -> in-process ROUTER echo over\n" +
            "loopback TCP, 64 B, 20,000 warm-up then 100,000 measured round trips, closed loop, busy-spinning\n" +
            "(on 2 or more CPUs), INVOKER mode (2 threads). Prints p50 p90 p99 p99.9 p99.99 max mean (µs) and\n" +
            "count, and writes to --out: an HdrHistogram interval log (.hlog, ns), a percentile distribution\n" +
            "(.hgrm, µs), an HTML report (.html) and summary.json (one object per run, for scripts and CI).\n" +
            "\n" +
            "  --size BYTES          message size (default 64; suffixes k, m = KiB, MiB; open loop needs >= 8)\n" +
            "  --count N             measured round trips per implementation (default 100000; k, m = 10^3, 10^6)\n" +
            "  --warmup N            closed-loop round trips before measuring, in every round (default 20000)\n" +
            "  --rate MSGS_PER_S     open loop: send at this fixed rate whatever the replies do, and measure each\n" +
            "                        reply from its request's intended send time (coordinated omission corrected,\n" +
            "                        as wrk2 does); needs --pattern dealer. Default: closed loop (ping-pong)\n" +
            "  --pattern P           dealer: DEALER client, ROUTER echo (default); req: REQ client, REP echo\n" +
            "  --impl LIST           monocoque (default), jeromq (JeroMQ 0.6), or a comma-separated list run\n" +
            "                        interleaved and printed side by side with the ratio to the first\n" +
            "  --rounds N            interleaved rounds, the count split between them (default 1; 3 with\n" +
            "                        several implementations)\n" +
            "  --connect EP          use an external echo peer at EP instead of the in-process one, e.g.\n" +
            "                        'monocoque echo --type ROUTER --bind tcp://*:5555' or any libzmq echo program\n" +
            "                        (dealer needs a ROUTER or DEALER echo, req a REP or ROUTER echo)\n" +
            "  --bind EP             listen at EP for an external echo peer that connects (a port-0 endpoint\n" +
            "                        allows a single run: one implementation, one round)\n" +
            "  --idle S              how the waiting threads wait: busy (spin, lowest latency), yield, backoff\n" +
            "                        (spin, yield, then park up to 1 ms; JeroMQ: its own blocking receive).\n" +
            "                        Default: busy where there is a core per spinning thread (Monocoque 2,\n" +
            "                        JeroMQ 4: its I/O threads need CPU too), backoff otherwise\n" +
            "  --threading M         Monocoque: invoker (default; the benchmark and echo threads drive their\n" +
            "                        engines, 2 threads) or dedicated (an engine thread per side, 4 threads)\n" +
            "  --transport T         tcp (default; ipc and inproc are not supported yet)\n" +
            "  --timeout-ms T        fail when a peer or a reply does not come within T ms (default 10000)\n" +
            "  --interval-ms T       length of the .hlog intervals (default 1000)\n" +
            "  --out DIR             result directory (default results), created if missing; files replaced\n" +
            "  --help                this text\n" +
            "\n" +
            "A progress indicator appears on stderr for runs longer than a few seconds.\n" +
            "Exit status: 0 success, 1 runtime failure (no peer, no reply, unsupported transport), 2 bad usage.\n" +
            "\n" +
            "Examples:\n" +
            "  monocoque bench latency\n" +
            "  monocoque bench latency --impl monocoque,jeromq --size 1k --idle yield\n" +
            "  monocoque bench latency --rate 20000 --count 200000\n" +
            "  monocoque echo --type ROUTER --bind tcp://127.0.0.1:5555 --idle busy &\n" +
            "  monocoque bench latency --connect tcp://127.0.0.1:5555\n";
    }

    @Override
    public int run(final String[] argv, final CommandIo io) throws Exception
    {
        final LatencyConfig config = parse(argv);
        final PrintStream out = io.out();
        final MachineFacts facts = new MachineFacts();
        final String title = title(config);
        out.println("## " + title);
        out.println();
        out.println(describe(config));
        for (final Impl impl : config.impls)
        {
            out.println("- " + impl.label() + ": " + impl.threading(config));
        }
        out.println("- " + facts.describe());
        out.println();
        out.flush();

        final List<LatencyResult> results;
        try (Progress progress = Progress.start(io.err()))
        {
            results = LatencyBench.run(config, io.err(), progress);
        }

        final List<String> labels = new ArrayList<>();
        final List<Percentiles> rows = new ArrayList<>();
        for (final LatencyResult result : results)
        {
            labels.add(result.impl().label());
            rows.add(new Percentiles(result.recorder().total()));
        }
        out.println("Round-trip latency, µs" + (config.openLoop() ?
            " from the intended send time (open loop, coordinated omission corrected)" : "") + ":");
        out.println();
        PercentileTable.print(out, labels, rows);
        out.println();

        final LatencyFiles files = LatencyFiles.write(config, results, facts, title);
        final List<Path> written = new ArrayList<>(files.hlogs());
        written.addAll(files.hgrms());
        if (files.html() != null)
        {
            written.add(files.html());
        }
        written.add(files.summary());
        out.println("Results: " + String.join(", ", written.stream().map(Path::toString).toArray(String[]::new)));
        if (files.html() == null)
        {
            io.err().println("monocoque bench latency: no HTML report: " + files.htmlProblem());
        }
        return Cli.EXIT_OK;
    }

    /**
     * Parse and validate the options.
     *
     * @param argv the arguments.
     * @return the settings.
     * @throws UsageException     for bad usage.
     * @throws CommandFailedException for a transport that is not supported yet.
     */
    static LatencyConfig parse(final String[] argv)
    {
        final Args args = new Args("bench latency")
            .single("--size").single("--count").single("--warmup").single("--rate").single("--pattern")
            .single("--impl").single("--rounds").single("--connect").single("--bind").single("--idle")
            .single("--threading").single("--transport").single("--timeout-ms").single("--interval-ms")
            .single("--out")
            .parse(argv);
        final LatencyConfig config = new LatencyConfig();
        config.size = args.bytes("--size", 64, 0, 256 * 1024 * 1024);
        config.count = args.count("--count", 100_000, 1);
        config.warmup = args.count("--warmup", 20_000, 0);
        config.rate = args.count("--rate", 0, 1);
        config.pattern = Pattern.valueOf(args.choice("--pattern", "dealer", "dealer", "req").toUpperCase(Locale.ROOT));
        config.impls = impls(args.get("--impl", "monocoque"));
        config.rounds = (int)Math.min(1000, args.count("--rounds", config.impls.size() > 1 ? 3 : 1, 1));
        if (config.rounds > config.count)
        {
            throw new UsageException("--rounds " + config.rounds + " is more than --count " + config.count);
        }
        config.connect = args.get("--connect");
        config.bind = args.get("--bind");
        config.idle = args.has("--idle") ? Idle.parse(args.choice("--idle", null, "busy", "yield", "backoff")) : null;
        config.invoker = "invoker".equals(args.choice("--threading", "invoker", "invoker", "dedicated"));
        config.timeoutMs = args.number("--timeout-ms", 10_000, 1);
        config.intervalMs = args.number("--interval-ms", 1_000, 1);
        config.out = Path.of(args.get("--out", "results"));
        config.transport = transport(args.get("--transport", "tcp"));

        if (config.connect != null && config.bind != null)
        {
            throw new UsageException("give --connect or --bind, not both");
        }
        for (final String endpoint : new String[]{config.connect, config.bind})
        {
            if (endpoint != null)
            {
                final int colon = endpoint.indexOf("://");
                if (colon <= 0)
                {
                    throw new UsageException("endpoint '" + endpoint + "' needs a scheme, e.g. tcp://127.0.0.1:5555");
                }
                transport(endpoint.substring(0, colon));
            }
        }
        if (config.bind != null && config.bind.endsWith(":0") && config.impls.size() * config.rounds > 1)
        {
            throw new UsageException("--bind to port 0 allows a single run (one --impl, --rounds 1): the echo peer " +
                "could not find the next run's port; give a fixed port");
        }
        if (config.openLoop())
        {
            if (config.pattern == Pattern.REQ)
            {
                throw new UsageException("--rate (open loop) needs --pattern dealer: REQ allows one request at a time");
            }
            if (config.size < Long.BYTES)
            {
                throw new UsageException("--rate (open loop) needs --size 8 or more: each request carries its " +
                    "intended send time");
            }
        }
        return config;
    }

    private static String transport(final String name)
    {
        final String lower = name.toLowerCase(Locale.ROOT);
        switch (lower)
        {
            case "tcp":
                return lower;
            case "ipc":
            case "inproc":
                throw new CommandFailedException("transport " + lower + " is not supported yet (only tcp)");
            default:
                throw new UsageException("unknown transport '" + name + "' (tcp; ipc and inproc later)");
        }
    }

    private static List<Impl> impls(final String list)
    {
        final List<Impl> impls = new ArrayList<>();
        for (final String name : list.split(","))
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
        return impls;
    }

    private static String title(final LatencyConfig config)
    {
        return "monocoque bench latency: " + config.pattern.clientType() + " -> " +
            (config.inProcess() ? config.pattern.echoType() + " echo" : "echo peer") + ", " + config.transport +
            ", " + config.size + " B, " + (config.openLoop() ?
            String.format(Locale.ROOT, "open loop at %,d msgs/s", config.rate) : "closed loop");
    }

    private static String describe(final LatencyConfig config)
    {
        return String.format(Locale.ROOT, "%,d measured round trips per implementation%s after %,d warm-up%s; " +
                "far side: %s.",
            config.count, config.rounds > 1 ? " in " + config.rounds + " interleaved rounds" : "", config.warmup,
            config.rounds > 1 ? " per round" : "", config.peerDescription());
    }
}
