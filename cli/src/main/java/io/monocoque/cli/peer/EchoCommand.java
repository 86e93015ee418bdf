package io.monocoque.cli.peer;

import io.monocoque.api.Context;
import io.monocoque.api.Socket;
import io.monocoque.api.SocketType;
import io.monocoque.api.ThreadingMode;
import io.monocoque.cli.Cli;
import io.monocoque.cli.Command;
import io.monocoque.cli.CommandIo;
import io.monocoque.cli.options.Args;
import io.monocoque.cli.options.CommandFailedException;
import io.monocoque.perf.Idle;
import io.monocoque.perf.latency.Echoer;
import org.agrona.concurrent.IdleStrategy;

import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code monocoque echo}: send every received message back unchanged (ROUTER: to the peer it came from).
 * Runs in INVOKER mode: one thread drives the engine and echoes, waiting with the chosen idle strategy.
 */
public final class EchoCommand implements Command
{
    private static final int POLL_LIMIT = 64;
    private static final EnumSet<SocketType> CAN_ECHO =
        EnumSet.of(SocketType.REP, SocketType.ROUTER, SocketType.DEALER, SocketType.PAIR);

    @Override
    public String name()
    {
        return "echo";
    }

    @Override
    public String summary()
    {
        return "send every received message back (REP, ROUTER, DEALER, PAIR)";
    }

    @Override
    public String usage()
    {
        return "usage: monocoque echo --type TYPE (--bind EP | --connect EP)... [--count N] [--idle STRATEGY]\n" +
            "                      [--timeout-ms T] [--option NAME=VALUE]...\n" +
            "\n" +
            "Sends each received message back unchanged. REP, DEALER, PAIR: to whoever sent it; ROUTER: to the\n" +
            "peer it came from (the routing id frame is kept, so the reply is routed back). The far side of\n" +
            "'monocoque bench latency --connect/--bind'. One thread (INVOKER mode: it drives the engine itself).\n" +
            "\n" +
            PeerOptions.USAGE.replace("on stdin/stdout (binary-safe); otherwise raw bytes",
                "(accepted for symmetry; echo prints nothing)") +
            "  --count N             exit 0 after echoing N messages (default: run until killed or SIGTERM)\n" +
            "  --idle STRATEGY       how the thread waits for work: busy (spin, lowest latency, one full core),\n" +
            "                        yield, backoff (spin, yield, then park up to 1 ms; default)\n" +
            "  --timeout-ms T        give up when T ms pass without a message: exit 1 if nothing was echoed or\n" +
            "                        fewer than --count; exit 0 if some were echoed and no --count was given\n" +
            "  --help                this text\n" +
            "\n" +
            "Exit status: 0 success, 1 runtime failure, 2 bad usage.\n" +
            "\n" +
            "Examples:\n" +
            "  monocoque echo --type ROUTER --bind tcp://*:5555 --idle busy\n" +
            "  monocoque echo --type REP --connect tcp://127.0.0.1:5555 --count 100\n";
    }

    @Override
    public int run(final String[] argv, final CommandIo io)
    {
        final Args args = PeerOptions.declare(new Args(name()))
            .single("--count").single("--idle").single("--timeout-ms").parse(argv);
        final PeerOptions peer = PeerOptions.from(args);
        peer.requireType(CAN_ECHO, "cannot echo");
        final long count = args.count("--count", 0, 1);
        final long timeoutMs = args.number("--timeout-ms", 0, 1);
        final Idle idle = Idle.parse(args.choice("--idle", "backoff", "busy", "yield", "backoff"));

        try (Context context = Context.builder().threadingMode(ThreadingMode.INVOKER).build())
        {
            final Socket socket = peer.open(context, List.of());
            peer.attach(socket, io.err(), name());
            return echo(context, socket, idle.newStrategy(), count, timeoutMs, io);
        }
    }

    private static int echo(final Context context, final Socket socket, final IdleStrategy idle, final long count,
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
                    return Cli.EXIT_OK; // closing the context lingers until the last reply is sent
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
                return Cli.EXIT_OK;
            }
            idle.idle(work);
        }
        return Cli.EXIT_OK;
    }
}
