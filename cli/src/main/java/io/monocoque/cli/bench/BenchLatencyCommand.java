package io.monocoque.cli.bench;

import io.monocoque.cli.Cli;
import io.monocoque.cli.command.CommandLines;
import io.monocoque.cli.command.CommandIo;
import io.monocoque.cli.command.ExitStatus;
import io.monocoque.cli.help.HelpOption;
import io.monocoque.cli.options.BinaryConverter;
import io.monocoque.cli.options.Bounds;
import io.monocoque.cli.options.CommandFailedException;
import io.monocoque.cli.options.DecimalConverter;
import io.monocoque.cli.options.LatencyIdleConverter;
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
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code monocoque bench latency}: round-trip latency, closed loop (ping-pong) or open loop at a fixed rate
 * (coordinated-omission corrected), Monocoque and/or JeroMQ, in-process over loopback TCP or against an external
 * echo peer; prints a percentile table and writes .hlog, .hgrm, HTML and summary.json. Runs on the thread of
 * {@link Cli#run}, which measures.
 */
@Command(name = "latency",
    header = "round-trip latency percentiles (closed or open loop), Monocoque and/or JeroMQ",
    description = {
        "Measures request/reply round trips. With no options: Monocoque DEALER -> in-process ROUTER echo over " +
            "loopback TCP, 64 B, 20,000 warm-up then 100,000 measured round trips, closed loop, busy-spinning (on " +
            "2 or more CPUs), INVOKER mode (2 threads). Prints p50 p90 p99 p99.9 p99.99 max mean (µs) and count, " +
            "and writes to --out: an HdrHistogram interval log (.hlog, ns), a percentile distribution (.hgrm, µs), " +
            "an HTML report (.html) and summary.json (one object per run, for scripts and CI).",
        "",
        "A progress indicator appears on stderr for runs longer than a few seconds."},
    exitCodeList = {
        "0:success",
        "1:runtime failure (no peer, no reply, unsupported transport)",
        "2:bad usage"},
    footerHeading = "%nExamples:%n",
    footer = {
        "  monocoque bench latency",
        "  monocoque bench latency --impl monocoque,jeromq --size 1k --idle yield",
        "  monocoque bench latency --rate 20000 --count 200000",
        "  monocoque echo --type ROUTER --bind tcp://127.0.0.1:5555 --idle busy &",
        "  monocoque bench latency --connect tcp://127.0.0.1:5555"})
public final class BenchLatencyCommand implements Callable<Integer>
{
    private static final long MAX_SIZE = 256L * 1024 * 1024;
    private static final long MAX_ROUNDS = 1000;

    private final CommandIo io;
    private final LatencyConfig defaults = new LatencyConfig();

    @Spec
    private CommandSpec spec;

    @Mixin
    private HelpOption help;

    @Option(names = "--size", paramLabel = "BYTES", converter = BinaryConverter.class,
        description = "message size (default 64; suffixes k, m = KiB, MiB; open loop needs >= 8)")
    private Long size;

    @Option(names = "--count", paramLabel = "N", converter = DecimalConverter.class,
        description = "measured round trips per implementation (default 100000; k, m = 10^3, 10^6)")
    private Long count;

    @Option(names = "--warmup", paramLabel = "N", converter = DecimalConverter.class,
        description = "closed-loop round trips before measuring, in every round (default 20000); with the " +
            "in-process echo, more in chunks of 1,000 until the JIT's compilation time stops growing (at most 10 " +
            "times N); the report says how many ran")
    private Long warmup;

    @Option(names = "--rate", paramLabel = "MSGS_PER_S", converter = DecimalConverter.class,
        description = "open loop: send at this fixed rate whatever the replies do, and measure each reply from its " +
            "request's intended send time (coordinated omission corrected, as wrk2 does); needs --pattern dealer. " +
            "Default: closed loop (ping-pong)")
    private Long rate;

    @Option(names = "--pattern", paramLabel = "dealer|req", converter = LatencyPatternConverter.class,
        completionCandidates = LatencyPatternConverter.class,
        description = "dealer: DEALER client, ROUTER echo (default); req: REQ client, REP echo")
    private Pattern pattern;

    @Option(names = "--impl", paramLabel = "IMPL", split = ",", converter = ImplConverter.class,
        completionCandidates = ImplConverter.class,
        description = "monocoque (default), jeromq (JeroMQ 0.6), or a comma-separated list run interleaved and " +
            "printed side by side with the ratio to the first")
    private List<Impl> impls;

    @Option(names = "--rounds", paramLabel = "N", converter = DecimalConverter.class,
        description = "interleaved rounds, the count split between them (default 1; 3 with several implementations)")
    private Long rounds;

    @Option(names = "--connect", paramLabel = "EP",
        description = "use an external echo peer at EP instead of the in-process one, e.g. 'monocoque echo --type " +
            "ROUTER --bind tcp://*:5555' or any libzmq echo program (dealer needs a ROUTER or DEALER echo, req a " +
            "REP or ROUTER echo)")
    private String connect;

    @Option(names = "--bind", paramLabel = "EP",
        description = "listen at EP for an external echo peer that connects (a port-0 endpoint allows a single run: " +
            "one implementation, one round)")
    private String bind;

    @Option(names = "--idle", paramLabel = "auto|selector|busy|yield|backoff", converter = LatencyIdleConverter.class,
        completionCandidates = LatencyIdleConverter.class,
        description = "how the waiting threads wait: auto (default: busy where every spinning thread has a CPU and " +
            "one to spare, Monocoque 2, JeroMQ 4; selector otherwise), selector (Monocoque sleeps in epoll until " +
            "bytes arrive, INVOKER mode; in DEDICATED mode the engine threads do and the harness's polling threads " +
            "park up to 1 ms; JeroMQ and NIO: their blocking calls), busy (spin), yield, backoff (spin, yield, then " +
            "park up to 1 ms; JeroMQ: its own blocking receive). The report says what was chosen and why")
    private Idle idle;

    @Option(names = "--threading", paramLabel = "invoker|dedicated", converter = ThreadingConverter.class,
        completionCandidates = ThreadingConverter.class,
        description = "Monocoque: invoker (default; the benchmark and echo threads drive their engines, 2 threads) " +
            "or dedicated (an engine thread per side, 4 threads)")
    private ThreadingConverter.Threading threading;

    @Option(names = "--transport", paramLabel = "T",
        description = "tcp (default; ipc and inproc are not supported yet)")
    private String transport;

    @Option(names = "--timeout-ms", paramLabel = "T", converter = DecimalConverter.class,
        description = "fail when a peer or a reply does not come within T ms (default 10000)")
    private Long timeoutMs;

    @Option(names = "--interval-ms", paramLabel = "T", converter = DecimalConverter.class,
        description = "length of the .hlog intervals (default: chosen from the expected duration so a run has " +
            "about 25, from 10 ms to 1 s; the summary's interval_ms says which)")
    private Long intervalMs;

    @Option(names = "--out", paramLabel = "DIR",
        description = "result directory (default results), created if missing; files replaced")
    private String out;

    /**
     * The command.
     *
     * @param io the run's streams.
     */
    public BenchLatencyCommand(final CommandIo io)
    {
        this.io = io;
    }

    /**
     * Run the benchmark, print the table and write the result files.
     *
     * @return {@link ExitStatus#OK}.
     * @throws Exception if a run fails.
     */
    @Override
    public Integer call() throws Exception
    {
        final LatencyConfig config = config();
        final PrintStream out = io.out();
        final MachineFacts facts = new MachineFacts();
        final String title = title(config);
        out.println("## " + title);
        out.println();
        out.println(describe(config));
        for (final Impl impl : config.impls())
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
        final List<String> warmups = new ArrayList<>();
        for (final LatencyResult result : results)
        {
            warmups.add(result.impl().label() + " " + String.format(Locale.ROOT, "%,d", result.recorder().warmupRun()));
        }
        out.println("Warm-up run (round trips in all rounds; " + (config.inProcess() ? "at least --warmup per " +
            "round, then until the JIT's compilation time stopped growing" : "exactly --warmup: the external peer " +
            "may answer a fixed count") + "): " + String.join(", ", warmups));
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
        return ExitStatus.OK;
    }

    /**
     * Validate the options and fill in the defaults.
     *
     * @return the settings.
     * @throws UsageException         for bad usage.
     * @throws CommandFailedException for a transport that is not supported yet.
     */
    LatencyConfig config()
    {
        final LatencyConfig config = new LatencyConfig();
        config.size((int)Bounds.within(spec, "--size", size, defaults.size(), 0, MAX_SIZE));
        config.count(Bounds.atLeast("--count", count, defaults.count(), 1));
        config.warmup(Bounds.atLeast("--warmup", warmup, defaults.warmup(), 0));
        config.rate(Bounds.atLeast("--rate", rate, 0, 1));
        config.pattern(pattern != null ? pattern : Pattern.DEALER);
        config.impls(ImplConverter.distinct(impls));
        config.rounds((int)Math.min(MAX_ROUNDS, Bounds.atLeast("--rounds", rounds, config.impls().size() > 1 ? 3 : 1,
            1)));
        if (config.rounds() > config.count())
        {
            throw new UsageException("--rounds " + config.rounds() + " is more than --count " + config.count());
        }
        config.connect(connect);
        config.bind(bind);
        config.idle(idle);
        config.invoker(threading != ThreadingConverter.Threading.DEDICATED);
        config.timeoutMs(Bounds.atLeast("--timeout-ms", timeoutMs, defaults.timeoutMs(), 1));
        config.intervalMs(Bounds.atLeast("--interval-ms", intervalMs, defaults.intervalMs(), 1));
        config.out(out != null ? Path.of(out) : defaults.out());
        config.commandLine(CommandLines.of(spec));
        BenchVersions.byImplementation().forEach(config::version);
        config.transport(transport(transport != null ? transport : defaults.transport()));

        if (config.connect() != null && config.bind() != null)
        {
            throw new UsageException("give --connect or --bind, not both");
        }
        for (final String endpoint : new String[]{config.connect(), config.bind()})
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
        if (config.bind() != null && config.bind().endsWith(":0") && config.impls().size() * config.rounds() > 1)
        {
            throw new UsageException("--bind to port 0 allows a single run (one --impl, --rounds 1): the echo peer " +
                "could not find the next run's port; give a fixed port");
        }
        if (config.openLoop())
        {
            if (config.pattern() == Pattern.REQ)
            {
                throw new UsageException("--rate (open loop) needs --pattern dealer: REQ allows one request at a time");
            }
            if (config.size() < Long.BYTES)
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

    private static String title(final LatencyConfig config)
    {
        return "monocoque bench latency: " + config.pattern().clientType() + " -> " +
            (config.inProcess() ? config.pattern().echoType() + " echo" : "echo peer") + ", " + config.transport() +
            ", " + config.size() + " B, " + (config.openLoop() ?
            String.format(Locale.ROOT, "open loop at %,d msgs/s", config.rate()) : "closed loop");
    }

    private static String describe(final LatencyConfig config)
    {
        return String.format(Locale.ROOT, "%,d measured round trips per implementation%s after %,d warm-up%s; " +
                "far side: %s.",
            config.count(), config.rounds() > 1 ? " in " + config.rounds() + " interleaved rounds" : "",
            config.warmup(), config.rounds() > 1 ? " per round" : "", config.peerDescription());
    }
}
