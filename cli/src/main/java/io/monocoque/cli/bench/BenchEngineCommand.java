package io.monocoque.cli.bench;

import io.monocoque.cli.Cli;
import io.monocoque.cli.command.CommandIo;
import io.monocoque.cli.command.ExitStatus;
import io.monocoque.cli.help.HelpOption;
import io.monocoque.cli.options.Bounds;
import io.monocoque.cli.options.DecimalConverter;
import io.monocoque.cli.options.IdleConverter;
import io.monocoque.perf.Idle;
import io.monocoque.perf.engine.EngineBench;
import io.monocoque.perf.engine.EngineBenchConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

/**
 * {@code monocoque bench engine}: Monocoque against raw Java NIO on this machine ({@link EngineBench}). Runs on the
 * thread of {@link Cli#run}, which measures.
 */
@Command(name = "engine",
    header = "Monocoque against raw NIO: ping-pong latency and one-stream throughput, interleaved",
    description = {
        "Monocoque DEALER-DEALER ping-pong against raw NIO ping-pongs (busy-spinning and blocking), and PUSH-PULL " +
            "throughput against a raw NIO stream (blocking, 64 KiB per write), each repeated and interleaved so " +
            "machine noise hits all alike; prints Markdown tables with the median of the repetitions and the ratio " +
            "to raw NIO. Each side is one thread (Monocoque in INVOKER mode), two threads per scenario."},
    exitCodeList = {"0:success", "1:runtime failure", "2:bad usage"})
public final class BenchEngineCommand implements Callable<Integer>
{
    private static final String IDLE_CHOICES = "busy|yield|backoff";
    /** Most messages per batch: a MessageBatch table of more would be mostly unused. */
    private static final long MAX_BATCH = 1 << 20;

    private final CommandIo io;
    private final EngineBenchConfig defaults = new EngineBenchConfig();

    @Mixin
    private HelpOption help;

    @Option(names = "--reps", paramLabel = "N", converter = DecimalConverter.class,
        description = "repetitions of each scenario (default 3)")
    private Long reps;

    @Option(names = "--sizes", paramLabel = "LIST", converter = SizeListConverter.class,
        description = "comma-separated ping-pong message sizes in bytes (default 64; empty: skip)")
    private SizeListConverter.Sizes sizes;

    @Option(names = "--count", paramLabel = "N", converter = DecimalConverter.class,
        description = "measured round trips per run (default 100000; k, m = 10^3, 10^6)")
    private Long count;

    @Option(names = "--warmup", paramLabel = "N", converter = DecimalConverter.class,
        description = "round trips before measuring (default 20000)")
    private Long warmup;

    @Option(names = "--thr-sizes", paramLabel = "LIST", converter = SizeListConverter.class,
        description = "comma-separated stream message sizes (default 64,1024,65536; empty: skip)")
    private SizeListConverter.Sizes throughputSizes;

    @Option(names = "--thr-count", paramLabel = "N", converter = DecimalConverter.class,
        description = "messages per stream run (default: about 1 GiB of data, 20,000 to 20,000,000)")
    private Long throughputCount;

    @Option(names = "--idle", paramLabel = IDLE_CHOICES, converter = IdleConverter.class,
        completionCandidates = IdleConverter.class,
        description = "Monocoque's idle strategy in the ping-pong: busy (default), yield, backoff")
    private Idle idle;

    @Option(names = "--thr-idle", paramLabel = IDLE_CHOICES, converter = IdleConverter.class,
        completionCandidates = IdleConverter.class,
        description = "Monocoque's idle strategy in the stream: backoff (default; two spinning threads on two " +
            "cores starve each other), busy, yield")
    private Idle throughputIdle;

    @Option(names = "--thr-batch", paramLabel = "N", converter = DecimalConverter.class,
        description = "also run the stream offering N messages at a time as one MessageBatch (default 256; 0: " +
            "only single offers)")
    private Long throughputBatch;

    /**
     * The command.
     *
     * @param io the run's streams.
     */
    public BenchEngineCommand(final CommandIo io)
    {
        this.io = io;
    }

    /**
     * Run both tables.
     *
     * @return {@link ExitStatus#OK}.
     * @throws Exception if a scenario fails.
     */
    @Override
    public Integer call() throws Exception
    {
        final EngineBenchConfig config = config();
        // EngineBench prints its tables as it goes: flush each line rather than at the end.
        EngineBench.run(config, new PrintStream(io.out(), true, StandardCharsets.UTF_8), io.err());
        return ExitStatus.OK;
    }

    private EngineBenchConfig config()
    {
        return new EngineBenchConfig()
            .reps((int)Math.min(Integer.MAX_VALUE, Bounds.atLeast("--reps", reps, defaults.reps(), 1)))
            .sizes(sizes != null ? sizes.values() : defaults.sizes())
            .count(Bounds.atLeast("--count", count, defaults.count(), 1))
            .warmup(Bounds.atLeast("--warmup", warmup, defaults.warmup(), 0))
            .throughputSizes(throughputSizes != null ? throughputSizes.values() : defaults.throughputSizes())
            .throughputCount(Bounds.atLeast("--thr-count", throughputCount, 0, 1))
            .idle(idle != null ? idle : defaults.idle())
            .throughputIdle(throughputIdle != null ? throughputIdle : defaults.throughputIdle())
            .throughputBatch((int)Math.min(MAX_BATCH,
                Bounds.atLeast("--thr-batch", throughputBatch, defaults.throughputBatch(), 0)));
    }
}
