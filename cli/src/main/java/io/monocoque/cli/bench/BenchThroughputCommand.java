package io.monocoque.cli.bench;

import io.monocoque.cli.Cli;
import io.monocoque.cli.command.CommandIo;
import io.monocoque.cli.command.CommandLines;
import io.monocoque.cli.command.ExitStatus;
import io.monocoque.cli.help.HelpOption;
import io.monocoque.cli.options.BinaryConverter;
import io.monocoque.cli.options.Bounds;
import io.monocoque.cli.options.DecimalConverter;
import io.monocoque.cli.options.LatencyIdleConverter;
import io.monocoque.cli.options.UsageException;
import io.monocoque.perf.Idle;
import io.monocoque.perf.latency.Impl;
import io.monocoque.perf.output.MachineFacts;
import io.monocoque.perf.output.ThroughputFiles;
import io.monocoque.perf.throughput.JeromqPubStream;
import io.monocoque.perf.throughput.PubStreamResult;
import io.monocoque.perf.throughput.ThroughputBench;
import io.monocoque.perf.throughput.ThroughputConfig;
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
import java.util.stream.Collectors;

/**
 * {@code monocoque bench throughput}: one-way stream rate measured at the receiver, Monocoque and/or JeroMQ. Runs
 * on the thread of {@link Cli#run}, which receives and times.
 */
@Command(name = "throughput",
    header = "one-way messages/s and MB/s measured at the receiver, Monocoque and/or JeroMQ",
    description = {
        "A source thread sends as fast as the socket accepts; the receiving thread counts and times the messages " +
            "after the warm-up, first to last batch, over loopback TCP in this process. Prints msgs/s and MB/s " +
            "(10^6 bytes of payload per second) per implementation, the median of the rounds, with the ratio to " +
            "the first implementation.",
        "",
        "PUB never blocks: a subscriber whose HWM is full is dropped for. A pub run publishes --count deliveries " +
            "shared among the subscribers (at least 20,000 messages), after a warm-up likewise shared (at least " +
            "4,000), and reports the aggregate rate the subscribers received at, the rate the publisher published " +
            "at, and the deliveries lost to drops. Subscribers live in one context (one receiving thread polls " +
            "them all), the publisher in another.",
        "",
        "A progress indicator appears on stderr for runs longer than a few seconds."},
    exitCodeList = {"0:success", "1:runtime failure", "2:bad usage"})
public final class BenchThroughputCommand implements Callable<Integer>
{
    /** Most subscribers of one run: each is a socket and a connection on both sides in this one process. */
    static final int MAX_SUBSCRIBERS = 5_000;
    private static final long MAX_SIZE = 64L * 1024 * 1024;
    private static final long MIN_HWM = 4096;
    private static final long MAX_HWM = 1L << 30;
    private static final long MAX_BATCH = 1 << 20;
    private static final long MAX_ROUNDS = 100;
    /** A message may use at most this fraction (1/8) of the HWM, record header included. */
    private static final int HWM_PER_MESSAGE = 8;
    private static final long RECORD_OVERHEAD = 64;
    private static final int DEFAULT_WARMUP_DIVISOR = 5;
    /** Where result files go without --out, as for bench latency. */
    private static final String DEFAULT_OUT = "results";

    private final CommandIo io;
    private final ThroughputConfig defaults = new ThroughputConfig();

    @Spec
    private CommandSpec spec;

    @Mixin
    private HelpOption help;

    @Option(names = "--size", paramLabel = "BYTES", converter = BinaryConverter.class,
        description = "message size (default 64; suffixes k, m = KiB, MiB)")
    private Long size;

    @Option(names = "--count", paramLabel = "N", converter = DecimalConverter.class,
        description = "measured messages per run (default: about 256 MiB of payload, between 10,000 and 1,000,000 " +
            "messages; suffixes k, m = 10^3, 10^6)")
    private Long count;

    @Option(names = "--warmup", paramLabel = "N", converter = DecimalConverter.class,
        description = "messages received before timing starts, in every run (default count/5)")
    private Long warmup;

    @Option(names = "--pattern", paramLabel = "push|dealer|pub", converter = ThroughputPatternConverter.class,
        completionCandidates = ThroughputPatternConverter.class,
        description = "push: PUSH -> PULL (default); dealer: DEALER -> ROUTER; pub: one PUB fanning out to " +
            "--subscribers SUB sockets (see above)")
    private ThroughputConfig.Pattern pattern;

    @Option(names = "--subscribers", paramLabel = "N[,N...]",
        description = "pub only: subscriber counts, comma-separated, one run each (default 1), e.g. 1,10,100,1000")
    private String subscribers;

    @Option(names = "--impl", paramLabel = "IMPL", split = ",", converter = ImplConverter.class,
        completionCandidates = ImplConverter.class,
        description = "monocoque (default), jeromq (JeroMQ 0.6), or a comma-separated list run interleaved, with " +
            "the ratio to the first")
    private List<Impl> impls;

    @Option(names = "--rounds", paramLabel = "N", converter = DecimalConverter.class,
        description = "interleaved rounds; the table shows the median (default 1; 3 with several implementations)")
    private Long rounds;

    @Option(names = "--warmup-rounds", paramLabel = "N", converter = DecimalConverter.class,
        description = "rounds run first and not counted, while the JIT settles (default 1)")
    private Long warmupRounds;

    @Option(names = "--idle", paramLabel = "auto|selector|busy|yield|backoff", converter = LatencyIdleConverter.class,
        completionCandidates = LatencyIdleConverter.class,
        description = "how source and sink wait: auto (default: busy only where every spinning thread has a CPU " +
            "and one is left, otherwise selector, or backoff for Monocoque --pattern pub; the header says which and " +
            "why), selector (Monocoque sleeps in epoll until bytes arrive; not with --pattern pub yet), busy, " +
            "yield, backoff; JeroMQ: backoff and selector mean its blocking send and receive")
    private Idle idle;

    @Option(names = "--hwm", paramLabel = "BYTES", converter = BinaryConverter.class,
        description = "HWM in bytes on both sides (default: 4 MiB, or more for large messages; pub: per " +
            "subscriber, 64 MiB shared by the subscribers, 256 KiB to 4 MiB each; JeroMQ: the same in messages, " +
            "at most 2,000,000 over all subscribers)")
    private Long hwm;

    @Option(names = "--timeout-ms", paramLabel = "T", converter = DecimalConverter.class,
        description = "fail when no message arrives for T ms (default 10000)")
    private Long timeoutMs;

    @Option(names = "--rate", paramLabel = "R", converter = DecimalConverter.class,
        description = "pub only: publish R messages/s (paced, open loop) and report each reading subscriber's " +
            "latency percentiles, from when a message was due to its arrival (size 9 or more; idle defaults to " +
            "yield). Default: as fast as the socket takes them")
    private Long rate;

    @Option(names = "--batch", paramLabel = "N", converter = DecimalConverter.class,
        description = "push and dealer: Monocoque's source offers N messages at a time as one MessageBatch " +
            "(default: one offer(Message) per message)")
    private Long batch;

    @Option(names = "--claim",
        description = "with --batch: Monocoque's source claims each batch in place (tryClaimBatch: the payloads " +
            "written straight into the send ring) instead of offering a MessageBatch of references")
    private boolean claim;

    @Option(names = "--out", paramLabel = "DIR",
        description = "push and dealer: result directory (default results), created if missing: " +
            "throughput-summary.json, a CSV and an HTML report; files of the same name replaced")
    private String outDir;

    @Option(names = "--stalled", paramLabel = "N", converter = DecimalConverter.class,
        description = "pub only: also run each subscriber count with N more subscribers that subscribe and never " +
            "read, interleaved with the run without them (with --rate: the p99 ratio)")
    private Long stalled;

    /**
     * The command.
     *
     * @param io the run's streams.
     */
    public BenchThroughputCommand(final CommandIo io)
    {
        this.io = io;
    }

    /**
     * Run the benchmark and print the table.
     *
     * @return {@link ExitStatus#OK}, or {@link ExitStatus#FAILURE} when a PUB run failed (its row says so).
     * @throws Exception if a run fails.
     */
    @Override
    public Integer call() throws Exception
    {
        final ThroughputConfig config = config();
        final PrintStream out = io.out();
        if (config.pattern() == ThroughputConfig.Pattern.PUB)
        {
            return runPub(config);
        }
        out.printf(Locale.ROOT, "## monocoque bench throughput: %s -> %s, tcp loopback, %d B, %,d measured " +
                "messages after %,d warm-up%s%n%n", config.pattern().sourceType(), config.pattern().sinkType(),
            config.size(), config.count(), config.warmup(), rounds(config));
        for (final Impl impl : config.impls())
        {
            out.println("- " + impl.label() + ": " + ThroughputBench.threading(impl, config));
        }
        if (config.batch() > 0)
        {
            out.printf(Locale.ROOT, "- Monocoque's source %s %,d messages at a time (%s)%n",
                config.claimBatches() ? "claims" : "offers", config.batch(),
                config.claimBatches() ? "tryClaimBatch, written in place" : "offer(MessageBatch)");
        }
        out.println("- " + new MachineFacts().describe());
        out.println();
        out.flush();

        final double[][] rounds;
        try (Progress progress = Progress.start(io.err()))
        {
            rounds = ThroughputBench.runRounds(config, progress, io.err());
        }
        final double[] rates = ThroughputBench.medians(rounds);
        out.println("| impl | pattern | size B | msgs/s | MB/s | ratio |");
        out.println("|---|---|---:|---:|---:|---:|");
        for (int i = 0; i < rates.length; i++)
        {
            out.printf(Locale.ROOT, "| %s | %s | %d | %,.0f | %,.1f | %s |%n", config.impls().get(i).label(),
                config.pattern().label(), config.size(), rates[i], rates[i] * config.size() / 1e6,
                i == 0 ? "1.00×" : String.format(Locale.ROOT, "%.2f×", rates[i] / rates[0]));
        }
        final Path directory = outDir != null ? Path.of(outDir) : Path.of(DEFAULT_OUT);
        final String title = String.format(Locale.ROOT, "monocoque bench throughput: %s -> %s, tcp, %d B",
            config.pattern().sourceType(), config.pattern().sinkType(), config.size());
        final List<Path> files = ThroughputFiles.write(config, directory, rounds, CommandLines.of(spec),
            BenchVersions.byImplementation(),
            new MachineFacts(), title);
        out.println();
        out.println("Results: " + files.stream().map(Path::toString).collect(Collectors.joining(", ")));
        return ExitStatus.OK;
    }

    private static String rounds(final ThroughputConfig config)
    {
        return (config.rounds() > 1 ? ", median of " + config.rounds() + " interleaved rounds" : "") +
            (config.warmupRounds() > 0 ? ", " + config.warmupRounds() + " uncounted warm-up round" +
            (config.warmupRounds() > 1 ? "s" : "") + " first" : "");
    }

    private int runPub(final ThroughputConfig config) throws Exception
    {
        final PrintStream out = io.out();
        out.printf(Locale.ROOT, "## monocoque bench throughput: PUB -> SUB fan-out, tcp loopback, %d B, about %,d " +
            "measured deliveries per run%s%n%n", config.size(), config.count(), rounds(config));
        for (final Impl impl : config.impls())
        {
            out.println("- " + impl.label() + ": " + ThroughputBench.threading(impl, config));
        }
        if (config.rate() > 0)
        {
            out.printf(Locale.ROOT, "- publisher paced at %,d msgs/s; latency from when each message was due to " +
                "its arrival at a reading subscriber%n", config.rate());
        }
        if (config.stalled() > 0)
        {
            out.println("- each subscriber count runs without and with " + config.stalled() + " stalled " +
                "subscriber(s) (subscribed, never reading), interleaved");
        }
        out.println("- HWM per subscriber: " + config.subscribers().stream()
            .map(n -> n + (n == 1 ? " subscriber " : " subscribers ") + config.pubHwmBytes(n) / 1024 + " KiB" +
                (config.impls().contains(Impl.JEROMQ) ? " (JeroMQ " + JeromqPubStream.hwmMessages(config, n) +
                " messages)" : ""))
            .collect(Collectors.joining(", ")));
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
            final int subscribers = config.subscribers().get(s);
            for (int v = 0; v < results[s].length; v++)
            {
                final int stalled = v == 0 ? 0 : config.stalled();
                for (int i = 0; i < results[s][v].length; i++)
                {
                    final PubStreamResult result = results[s][v][i];
                    if (result.failure != null)
                    {
                        out.printf(Locale.ROOT,
                            "| %s | %,d | %d | %d | failed [%d] | – | – | – | – | – | – | – | – |%n",
                            config.impls().get(i).label(), subscribers, stalled, config.size(), notes.size() + 1);
                        notes.add(result.failure);
                        continue;
                    }
                    out.printf(Locale.ROOT, "| %s | %,d | %d | %d | %,.0f | %,.0f | %,.1f | %,.0f | %.1f%% | %s | " +
                        "%s | %s | %s |%n", config.impls().get(i).label(), subscribers, stalled, config.size(),
                        result.deliveredPerSecond, result.deliveredPerSecond / subscribers,
                        result.deliveredPerSecond * config.size() / 1e6, result.publishedPerSecond,
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
        if (config.stalled() > 0 && config.rate() > 0)
        {
            out.println();
            for (int s = 0; s < results.length; s++)
            {
                for (int i = 0; i < config.impls().size(); i++)
                {
                    if (results[s][0][i].failure != null || results[s][1][i].failure != null)
                    {
                        continue;
                    }
                    final double without = results[s][0][i].latency.getValueAtPercentile(99);
                    final double with = results[s][1][i].latency.getValueAtPercentile(99);
                    out.printf(Locale.ROOT, "- %s, %,d subscribers: p99 with %d stalled / without = %.2f×%n",
                        config.impls().get(i).label(), config.subscribers().get(s), config.stalled(), with / without);
                }
            }
        }
        return notes.isEmpty() ? ExitStatus.OK : ExitStatus.FAILURE; // the table is out; scripts still see the failure
    }

    private static String micros(final PubStreamResult result, final double percentile)
    {
        return result.latency == null ? "–" :
            String.format(Locale.ROOT, "%,.1f", result.latency.getValueAtPercentile(percentile) / 1000.0);
    }

    /**
     * Validate the options and fill in the defaults.
     *
     * @return the settings.
     * @throws UsageException for bad usage.
     */
    ThroughputConfig config()
    {
        final ThroughputConfig config = new ThroughputConfig();
        config.size((int)Bounds.within(spec, "--size", size, defaults.size(), 0, MAX_SIZE));
        config.count(Bounds.atLeast("--count", count, ThroughputConfig.defaultCount(config.size()), 2));
        config.warmup(Bounds.atLeast("--warmup", warmup, config.count() / DEFAULT_WARMUP_DIVISOR, 0));
        config.pattern(pattern != null ? pattern : ThroughputConfig.Pattern.PUSH);
        config.impls(ImplConverter.distinct(impls));
        config.rounds((int)Math.min(MAX_ROUNDS, Bounds.atLeast("--rounds", rounds, config.impls().size() > 1 ? 3 : 1,
            1)));
        config.warmupRounds((int)Math.min(MAX_ROUNDS, Bounds.atLeast("--warmup-rounds", warmupRounds,
            defaults.warmupRounds(), 0)));
        config.idle(idle);
        config.timeoutMs(Bounds.atLeast("--timeout-ms", timeoutMs, defaults.timeoutMs(), 1));
        config.hwmOverride(hwm != null ? Bounds.within(spec, "--hwm", hwm, 0, MIN_HWM, MAX_HWM) : 0);
        if (config.hwmOverride() > 0 && config.hwmOverride() / HWM_PER_MESSAGE < config.size() + RECORD_OVERHEAD)
        {
            throw new UsageException("--hwm " + config.hwmOverride() + " is too small for " + config.size() +
                "-byte messages: a message may use at most an eighth of the HWM");
        }
        if (subscribers != null)
        {
            if (config.pattern() != ThroughputConfig.Pattern.PUB)
            {
                throw new UsageException("--subscribers needs --pattern pub");
            }
            config.subscribers(subscriberCounts(subscribers));
        }
        config.batch((int)Math.min(MAX_BATCH, Bounds.atLeast("--batch", batch, 0, 1)));
        if (claim && config.batch() == 0)
        {
            throw new UsageException("--claim goes with --batch N: it claims each batch of N messages in place");
        }
        config.claimBatches(claim);
        if (batch != null && config.pattern() == ThroughputConfig.Pattern.PUB)
        {
            throw new UsageException("--batch is for push and dealer streams, not --pattern pub");
        }
        config.rate(Bounds.atLeast("--rate", rate, 0, 1));
        config.stalled((int)Math.min(MAX_SUBSCRIBERS, Bounds.atLeast("--stalled", stalled, 0, 0)));
        if ((rate != null || stalled != null) && config.pattern() != ThroughputConfig.Pattern.PUB)
        {
            throw new UsageException((rate != null ? "--rate" : "--stalled") + " needs --pattern pub");
        }
        if (config.rate() > 0 && config.size() < ThroughputConfig.MIN_PACED_SIZE)
        {
            throw new UsageException("--rate needs --size " + ThroughputConfig.MIN_PACED_SIZE + " or more (each " +
                "message carries the time it was due)");
        }
        if (config.pattern() == ThroughputConfig.Pattern.PUB && idle == Idle.SELECTOR)
        {
            throw new UsageException("--idle selector is not supported with --pattern pub yet (its subscriber loops " +
                "drive two contexts from one thread)");
        }
        if (config.pattern() == ThroughputConfig.Pattern.PUB && config.size() == 0)
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
