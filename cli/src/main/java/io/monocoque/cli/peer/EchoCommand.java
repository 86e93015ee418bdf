package io.monocoque.cli.peer;

import io.monocoque.api.Context;
import io.monocoque.api.Socket;
import io.monocoque.api.SocketType;
import io.monocoque.api.ThreadingMode;
import io.monocoque.cli.Cli;
import io.monocoque.cli.command.CommandIo;
import io.monocoque.cli.command.ExitStatus;
import io.monocoque.cli.help.HelpOption;
import io.monocoque.cli.options.Bounds;
import io.monocoque.cli.options.CommandFailedException;
import io.monocoque.cli.options.DecimalConverter;
import io.monocoque.cli.options.LatencyIdleConverter;
import io.monocoque.perf.Idle;
import io.monocoque.perf.latency.Echoer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * {@code monocoque echo}: send every received message back unchanged (ROUTER: to the peer it came from).
 * Runs in INVOKER mode: the thread of {@link Cli#run} drives the engine and echoes, waiting with the chosen idle
 * strategy.
 */
@Command(name = "echo",
    header = "send every received message back (REP, ROUTER, DEALER, PAIR)",
    description = {
        "Sends each received message back unchanged. REP, DEALER, PAIR: to whoever sent it; ROUTER: to the peer it " +
            "came from (the routing id frame is kept, so the reply is routed back). The far side of 'monocoque " +
            "bench latency --connect/--bind'. One thread (INVOKER mode: it drives the engine itself)."},
    exitCodeList = {"0:success", "1:runtime failure", "2:bad usage"},
    footerHeading = "%nExamples:%n",
    footer = {
        "  monocoque echo --type ROUTER --bind tcp://*:5555 --idle busy",
        "  monocoque echo --type REP --connect tcp://127.0.0.1:5555 --count 100"})
public final class EchoCommand implements Callable<Integer>
{
    private static final int POLL_LIMIT = 64;
    /** Threads that would spin with --idle busy in a benchmark: the echo's and its client's beside it. */
    private static final int ECHO_AND_CLIENT = 2;
    private static final EnumSet<SocketType> CAN_ECHO =
        EnumSet.of(SocketType.REP, SocketType.ROUTER, SocketType.DEALER, SocketType.PAIR);

    private final CommandIo io;

    @Mixin
    private HelpOption help;

    @Mixin
    private PeerOptions peer;

    @Option(names = "--hex", description = "accepted for symmetry with recv and send; echo prints nothing")
    private boolean hex;

    @Option(names = "--count", paramLabel = "N", converter = DecimalConverter.class,
        description = "exit 0 after echoing N messages (default: run until killed or SIGTERM)")
    private Long countOption;

    @Option(names = "--idle", paramLabel = "auto|selector|busy|yield|backoff", converter = LatencyIdleConverter.class,
        completionCandidates = LatencyIdleConverter.class,
        description = "how the thread waits for work: auto (default: busy where the machine has a CPU for the " +
            "echo thread and for its client, which in a benchmark runs beside it, and one to spare; selector " +
            "otherwise), selector (spin, yield, then sleep in epoll until bytes arrive or a timer is due; no CPU " +
            "while idle), busy (spin, lowest latency, one full core), yield, backoff (spin, yield, then park up to " +
            "1 ms)")
    private Idle idleOption;

    @Option(names = "--timeout-ms", paramLabel = "T", converter = DecimalConverter.class,
        description = "give up when T ms pass without a message: exit 1 if nothing was echoed or fewer than " +
            "--count; exit 0 if some were echoed and no --count was given")
    private Long timeoutOption;

    /**
     * The command.
     *
     * @param io the run's streams.
     */
    public EchoCommand(final CommandIo io)
    {
        this.io = io;
    }

    /**
     * Echo until the count, the timeout or a stop request.
     *
     * @return {@link ExitStatus#OK}.
     */
    @Override
    public Integer call()
    {
        peer.validate();
        peer.requireType(CAN_ECHO, "cannot echo");
        final long count = Bounds.atLeast("--count", countOption, 0, 1);
        final long timeoutMs = Bounds.atLeast("--timeout-ms", timeoutOption, 0, 1);
        final Idle idle = idleOption == null || idleOption == Idle.AUTO ? Idle.auto(ECHO_AND_CLIENT) : idleOption;

        try (Context context =
            Context.builder().threadingMode(ThreadingMode.INVOKER).idleStrategy(idle.newStrategy()).build())
        {
            final Socket socket = peer.open(context, List.of());
            peer.attach(socket, io.err(), "echo");
            return echo(context, socket, count, timeoutMs, io);
        }
    }

    private static int echo(final Context context, final Socket socket, final long count,
        final long timeoutMs, final CommandIo io)
    {
        final Echoer echoer = new Echoer(socket, context);
        final long timeoutNs = TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        long lastNs = System.nanoTime();
        while (!io.stopRequested())
        {
            final long before = echoer.echoed();
            final int limit = count == 0 ? POLL_LIMIT : (int)Math.min(POLL_LIMIT, count - before);
            final int work = context.invoke() + socket.poll(echoer, limit);
            if (echoer.echoed() > before)
            {
                if (count > 0 && echoer.echoed() >= count)
                {
                    return ExitStatus.OK; // closing the context lingers until the last reply is sent
                }
                lastNs = System.nanoTime();
            }
            else if (timeoutNs > 0 && System.nanoTime() - lastNs >= timeoutNs)
            {
                if (echoer.echoed() == 0)
                {
                    throw new CommandFailedException("no message received within " + timeoutMs + " ms");
                }
                if (count > 0)
                {
                    throw new CommandFailedException("echoed " + echoer.echoed() + " of " + count +
                        " messages, then nothing for " + timeoutMs + " ms");
                }
                return ExitStatus.OK;
            }
            context.idle(work); // the context's strategy: selector sleeps in the engine's epoll
        }
        return ExitStatus.OK;
    }
}
