package io.monocoque.cli.peer;

import io.monocoque.api.Context;
import io.monocoque.api.Socket;
import io.monocoque.api.SocketType;
import io.monocoque.cli.Cli;
import io.monocoque.cli.Command;
import io.monocoque.cli.CommandIo;
import io.monocoque.cli.options.Args;
import io.monocoque.cli.options.CommandFailedException;
import io.monocoque.cli.options.UsageException;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code monocoque recv}: print each received message on one line, frames separated by a TAB.
 */
public final class RecvCommand implements Command
{
    private static final int POLL_LIMIT = 256;
    private static final EnumSet<SocketType> CAN_RECEIVE = EnumSet.of(
        SocketType.PULL, SocketType.DEALER, SocketType.ROUTER, SocketType.PAIR, SocketType.SUB, SocketType.XSUB,
        SocketType.XPUB);

    @Override
    public String name()
    {
        return "recv";
    }

    @Override
    public String summary()
    {
        return "print received messages, one per line, frames separated by TAB";
    }

    @Override
    public String usage()
    {
        return "usage: monocoque recv --type TYPE (--bind EP | --connect EP)... [--subscribe PREFIX]... [--count N]\n" +
            "                      [--hex] [--timeout-ms T] [--option NAME=VALUE]...\n" +
            "\n" +
            "Receives messages and prints each on one line of stdout, its frames separated by a TAB (a ROUTER's\n" +
            "first frame is the sender's routing id; an XPUB receives subscriptions: 01 or 00, then the prefix).\n" +
            "Types that can receive: PULL, DEALER, ROUTER, PAIR, SUB, XSUB, XPUB (REQ: use 'send', it prints the\n" +
            "replies; REP: use 'echo').\n" +
            "\n" +
            PeerOptions.USAGE +
            "  --subscribe PREFIX    SUB/XSUB: receive the messages whose first frame starts with PREFIX (hex\n" +
            "                        with --hex); repeatable; default: everything\n" +
            "  --count N             exit 0 after N messages (default: run until killed, SIGTERM or Ctrl-C)\n" +
            "  --timeout-ms T        give up when T ms pass without a message: exit 1 if nothing was received or\n" +
            "                        fewer than --count messages; exit 0 if some arrived and no --count was given\n" +
            "  --help                this text\n" +
            "\n" +
            "Exit status: 0 success, 1 runtime failure (timeout, endpoint in use, type not implemented), 2 bad usage.\n" +
            "\n" +
            "Examples:\n" +
            "  monocoque recv --type PULL --bind tcp://*:5555 --count 3\n" +
            "  monocoque recv --type ROUTER --bind tcp://127.0.0.1:0 --hex\n";
    }

    @Override
    public int run(final String[] argv, final CommandIo io)
    {
        final Args args = PeerOptions.declare(new Args(name()))
            .repeatable("--subscribe").single("--count").single("--timeout-ms").parse(argv);
        final PeerOptions peer = PeerOptions.from(args);
        peer.requireType(CAN_RECEIVE, "cannot be used by recv");
        final List<String> subscriptions = args.all("--subscribe");
        final boolean subscriber = peer.type() == SocketType.SUB || peer.type() == SocketType.XSUB;
        if (!subscriptions.isEmpty() && !subscriber)
        {
            throw new UsageException("--subscribe applies to SUB and XSUB sockets only");
        }
        final long count = args.count("--count", 0, 1);
        final long timeoutMs = args.number("--timeout-ms", 0, 1);
        final List<byte[]> prefixes = new ArrayList<>();
        for (final String prefix : subscriptions.isEmpty() && subscriber ? List.of("") : subscriptions)
        {
            try
            {
                prefixes.add(peer.hex() ? FrameText.fromHex(prefix) : prefix.getBytes(StandardCharsets.UTF_8));
            }
            catch (final IllegalArgumentException ex)
            {
                throw new UsageException("--subscribe '" + prefix + "' is not hex");
            }
        }

        try (Context context = Context.create())
        {
            final Socket socket = peer.open(context, List.of());
            peer.attach(socket, io.err(), name());
            for (final byte[] prefix : prefixes)
            {
                Subscriptions.subscribe(socket, prefix);
            }
            return receive(socket, io, new MessagePrinter(io.out(), peer.hex()), count, timeoutMs);
        }
    }

    private static int receive(
        final Socket socket, final CommandIo io, final MessagePrinter printer, final long count, final long timeoutMs)
    {
        final IdleStrategy idle = new BackoffIdleStrategy();
        final long timeoutNs = TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        long lastNs = System.nanoTime();
        long received = 0;
        while (!io.stopRequested())
        {
            final int limit = count == 0 ? POLL_LIMIT : (int)Math.min(POLL_LIMIT, count - received);
            final int polled = socket.poll(printer, limit);
            if (polled > 0)
            {
                received += polled;
                io.out().flush();
                if (count > 0 && received >= count)
                {
                    return Cli.EXIT_OK;
                }
                lastNs = System.nanoTime();
                idle.reset();
                continue;
            }
            if (timeoutNs > 0 && System.nanoTime() - lastNs >= timeoutNs)
            {
                return timedOut(received, count, timeoutMs, io);
            }
            idle.idle();
        }
        return Cli.EXIT_OK;
    }

    private static int timedOut(final long received, final long count, final long timeoutMs, final CommandIo io)
    {
        if (received == 0)
        {
            throw new CommandFailedException("no message received within " + timeoutMs + " ms");
        }
        if (count > 0)
        {
            throw new CommandFailedException("received " + received + " of " + count + " messages, then nothing " +
                "for " + timeoutMs + " ms");
        }
        io.err().println("monocoque recv: " + received + " messages, then nothing for " + timeoutMs + " ms");
        return Cli.EXIT_OK;
    }
}
