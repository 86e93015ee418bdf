package io.monocoque.cli.bench;

import io.monocoque.cli.Cli;
import io.monocoque.cli.command.CommandIo;
import io.monocoque.cli.command.ExitStatus;
import io.monocoque.cli.help.HelpOption;
import io.monocoque.cli.options.Bounds;
import io.monocoque.cli.options.DecimalConverter;
import io.monocoque.cli.options.UsageException;
import io.monocoque.perf.poller.PollerBench;
import io.monocoque.perf.poller.PollerBenchConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

/**
 * {@code monocoque bench poller}: Monocoque's poller against JeroMQ's on this machine ({@link PollerBench}). Runs on
 * the thread of {@link Cli#run}, which measures.
 */
@Command(name = "poller",
    header = "Monocoque's Poller against JeroMQ's: poll calls over N sockets and a ROUTER-DEALER broker, interleaved",
    description = {
        "Times poll(0) over N bound sockets with one ready, and round trips per second through the ZeroMQ Guide's " +
            "ROUTER-DEALER broker (one message per ready socket per poll) with N sockets in its poller, a DEALER " +
            "client keeping a window of requests in flight and a DEALER worker echoing them; Monocoque and JeroMQ " +
            "0.6 interleaved, Markdown tables with medians and ratios. Monocoque runs DEDICATED with its default " +
            "idle strategy (sleeping in epoll), JeroMQ with its blocking calls; a broker run uses the broker, " +
            "client and worker threads plus one I/O thread per context (two contexts)."},
    exitCodeList = {"0:success", "1:runtime failure", "2:bad usage"})
public final class BenchPollerCommand implements Callable<Integer>
{
    private static final int MAX_SOCKETS = 4096;

    private final CommandIo io;
    private final PollerBenchConfig defaults = new PollerBenchConfig();

    @Mixin
    private HelpOption help;

    @Option(names = "--sockets", paramLabel = "LIST", converter = SizeListConverter.class,
        description = "comma-separated numbers of sockets in the poller (default 1,10,100,1000; at most 4096)")
    private SizeListConverter.Sizes sockets;

    @Option(names = "--reps", paramLabel = "N", converter = DecimalConverter.class,
        description = "repetitions of each run (default 3)")
    private Long reps;

    @Option(names = "--polls", paramLabel = "N", converter = DecimalConverter.class,
        description = "poll calls per run (default: 20,000,000 socket visits' worth, 2,000 to 1,000,000)")
    private Long polls;

    @Option(names = "--round-trips", paramLabel = "N", converter = DecimalConverter.class,
        description = "round trips through the broker per run, after a tenth as many of warm-up (default 100000; " +
            "0 skips the broker table)")
    private Long roundTrips;

    @Option(names = "--window", paramLabel = "N", converter = DecimalConverter.class,
        description = "requests the client keeps in flight (default 100)")
    private Long window;

    /**
     * The command.
     *
     * @param io the run's streams.
     */
    public BenchPollerCommand(final CommandIo io)
    {
        this.io = io;
    }

    /**
     * Run both tables.
     *
     * @return {@link ExitStatus#OK}.
     * @throws Exception if a run fails.
     */
    @Override
    public Integer call() throws Exception
    {
        final PollerBenchConfig config = config();
        PollerBench.run(config, new PrintStream(io.out(), true, StandardCharsets.UTF_8), io.err());
        return ExitStatus.OK;
    }

    private PollerBenchConfig config()
    {
        final int[] counts = sockets != null ? sockets.values() : defaults.socketCounts();
        if (counts.length == 0)
        {
            throw new UsageException("--sockets needs at least one number");
        }
        for (final int count : counts)
        {
            if (count < 1 || count > MAX_SOCKETS)
            {
                throw new UsageException("--sockets: " + count + " is not between 1 and " + MAX_SOCKETS);
            }
        }
        return new PollerBenchConfig()
            .socketCounts(counts)
            .reps((int)Math.min(Integer.MAX_VALUE, Bounds.atLeast("--reps", reps, defaults.reps(), 1)))
            .polls(Bounds.atLeast("--polls", polls, 0, 1))
            .roundTrips(Bounds.atLeast("--round-trips", roundTrips, defaults.roundTrips(), 0))
            .window((int)Math.min(Integer.MAX_VALUE, Bounds.atLeast("--window", window, defaults.window(), 1)));
    }
}
