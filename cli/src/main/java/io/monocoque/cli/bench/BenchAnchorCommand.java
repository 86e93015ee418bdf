package io.monocoque.cli.bench;

import io.monocoque.cli.Cli;
import io.monocoque.cli.command.CommandIo;
import io.monocoque.cli.command.ExitStatus;
import io.monocoque.cli.help.HelpOption;
import io.monocoque.cli.options.Bounds;
import io.monocoque.cli.options.DecimalConverter;
import io.monocoque.cli.options.DrivingIdleConverter;
import io.monocoque.perf.Idle;
import io.monocoque.perf.anchor.AnchorArgs;
import io.monocoque.perf.anchor.AnchorPeer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

/**
 * {@code monocoque bench anchor}: one side of a run of the shared anchors' harness ({@code ../shared/anchors}) with
 * Monocoque ({@link AnchorPeer}), so that the harness runs Monocoque beside libzmq, JeroMQ and raw NIO, interleaved,
 * in one invocation. Runs on the thread of {@link Cli#run}, which is the one thread of the run.
 */
@Command(name = "anchor",
    header = "one side of a run of the shared anchors' harness (../shared/anchors), with Monocoque",
    description = {
        "The command line of every implementation of the anchors' harness: ROLE HOST:PORT [SIZE] [COUNT] [WARMUP] " +
            "[HGRM]. lat-server binds a REP and echoes; lat-client connects a REQ, times COUNT round trips after " +
            "WARMUP and prints the harness's percentile line; thr-sink binds a PULL and prints the rate from the " +
            "first to the last of COUNT messages; thr-source connects a PUSH and sends COUNT messages. One thread " +
            "per process (INVOKER mode). Plug it in with a launcher bin/monocoque in a copy of the anchors: " +
            "exec /path/to/monocoque bench anchor \"$@\" (perf/anchors/monocoque is one)."},
    exitCodeList = {"0:success", "1:runtime failure", "2:bad usage"})
public final class BenchAnchorCommand implements Callable<Integer>
{
    private final CommandIo io;

    @Spec
    private CommandSpec spec;

    @Mixin
    private HelpOption help;
    /** Most messages per batch. */
    private static final long MAX_BATCH = 1 << 20;

    @Parameters(index = "0", paramLabel = "ROLE", description = "lat-server, lat-client, thr-sink or thr-source")
    private String role;

    @Parameters(index = "1", paramLabel = "HOST:PORT", description = "where the server or sink binds")
    private String hostPort;

    @Parameters(index = "2", arity = "0..1", paramLabel = "SIZE", description = "message size in bytes (64)")
    private Integer size;

    @Parameters(index = "3", arity = "0..1", paramLabel = "COUNT",
        description = "measured round trips (100000) or messages (1000000)")
    private Integer count;

    @Parameters(index = "4", arity = "0..1", paramLabel = "WARMUP", description = "round trips before timing (20000)")
    private Integer warmup;

    @Parameters(index = "5", arity = "0..1", paramLabel = "HGRM",
        description = "lat-client: file for the HdrHistogram percentile distribution (microseconds)")
    private String hgrm;

    @Option(names = "--idle", paramLabel = "busy|yield|backoff|selector", converter = DrivingIdleConverter.class,
        completionCandidates = DrivingIdleConverter.class,
        description = "how the one thread waits: selector (sleeps in epoll until bytes arrive, as libzmq does; " +
            "default), backoff (spin, yield, park up to 1 ms), yield, busy")
    private Idle idle;

    @Option(names = "--batch", paramLabel = "N", converter = DecimalConverter.class,
        description = "thr-source: send N messages at a time as one MessageBatch (default: one send per message)")
    private Long batch;

    /**
     * The command.
     *
     * @param io the run's streams.
     */
    public BenchAnchorCommand(final CommandIo io)
    {
        this.io = io;
    }

    /**
     * Run the role.
     *
     * @return {@link ExitStatus#OK}.
     * @throws Exception if the run fails.
     */
    @Override
    public Integer call() throws Exception
    {
        final AnchorArgs args;
        try
        {
            args = AnchorArgs.parse(role, hostPort, size, count, warmup, hgrm);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new ParameterException(spec.commandLine(), ex.getMessage(), ex);
        }
        new AnchorPeer(args, idle != null ? idle : Idle.SELECTOR, new PrintStream(io.out(), true,
            StandardCharsets.UTF_8), (int)Math.min(MAX_BATCH, Bounds.atLeast("--batch", batch, 0, 1))).run();
        return ExitStatus.OK;
    }
}
