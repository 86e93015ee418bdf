package io.monocoque.cli.peer;

import io.monocoque.api.Context;
import io.monocoque.api.Socket;
import io.monocoque.api.SocketType;
import io.monocoque.cli.Cli;
import io.monocoque.cli.command.CommandIo;
import io.monocoque.cli.command.ExitStatus;
import io.monocoque.cli.help.HelpOption;
import io.monocoque.cli.options.Bounds;
import io.monocoque.cli.options.CommandFailedException;
import io.monocoque.cli.options.DecimalConverter;
import io.monocoque.cli.options.UsageException;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * {@code monocoque recv}: print each received message on one line, frames separated by a TAB. Runs on the thread of
 * {@link Cli#run}, which polls the socket.
 */
@Command(name = "recv",
    header = "print received messages, one per line, frames separated by TAB",
    description = {
        "Receives messages and prints each on one line of stdout, its frames separated by a TAB (a ROUTER's first " +
            "frame is the sender's routing id; an XPUB receives subscriptions: 01 or 00, then the prefix). Types " +
            "that can receive: PULL, DEALER, ROUTER, PAIR, SUB, XSUB, XPUB (REQ: use 'send', it prints the " +
            "replies; REP: use 'echo')."},
    exitCodeList = {
        "0:success",
        "1:runtime failure (timeout, endpoint in use)",
        "2:bad usage"},
    footerHeading = "%nExamples:%n",
    footer = {
        "  monocoque recv --type PULL --bind tcp://*:5555 --count 3",
        "  monocoque recv --type ROUTER --bind tcp://127.0.0.1:0 --hex"})
public final class RecvCommand implements Callable<Integer>
{
    private static final int POLL_LIMIT = 256;
    private static final EnumSet<SocketType> CAN_RECEIVE = EnumSet.of(
        SocketType.PULL, SocketType.DEALER, SocketType.ROUTER, SocketType.PAIR, SocketType.SUB, SocketType.XSUB,
        SocketType.XPUB);

    private final CommandIo io;

    @Mixin
    private HelpOption help;

    @Mixin
    private PeerOptions peer;

    @Mixin
    private HexOption hex;

    @Option(names = "--subscribe", paramLabel = "PREFIX",
        description = "SUB/XSUB: receive the messages whose first frame starts with PREFIX (hex with --hex); " +
            "repeatable; default: everything")
    private List<String> subscriptions = new ArrayList<>();

    @Option(names = "--count", paramLabel = "N", converter = DecimalConverter.class,
        description = "exit 0 after N messages (default: run until killed, SIGTERM or Ctrl-C)")
    private Long countOption;

    @Option(names = "--timeout-ms", paramLabel = "T", converter = DecimalConverter.class,
        description = "give up when T ms pass without a message: exit 1 if nothing was received or fewer than " +
            "--count messages; exit 0 if some arrived and no --count was given")
    private Long timeoutOption;

    /**
     * The command.
     *
     * @param io the run's streams.
     */
    public RecvCommand(final CommandIo io)
    {
        this.io = io;
    }

    /**
     * Receive and print until the count, the timeout or a stop request.
     *
     * @return {@link ExitStatus#OK}.
     */
    @Override
    public Integer call()
    {
        peer.validate();
        peer.requireType(CAN_RECEIVE, "cannot be used by recv");
        final boolean subscriber = peer.type() == SocketType.SUB || peer.type() == SocketType.XSUB;
        if (!subscriptions.isEmpty() && !subscriber)
        {
            throw new UsageException("--subscribe applies to SUB and XSUB sockets only");
        }
        final long count = Bounds.atLeast("--count", countOption, 0, 1);
        final long timeoutMs = Bounds.atLeast("--timeout-ms", timeoutOption, 0, 1);
        final List<byte[]> prefixes = new ArrayList<>();
        for (final String prefix : subscriptions.isEmpty() && subscriber ? List.of("") : subscriptions)
        {
            try
            {
                prefixes.add(hex.hex() ? FrameText.fromHex(prefix) : prefix.getBytes(StandardCharsets.UTF_8));
            }
            catch (final IllegalArgumentException ex)
            {
                throw new UsageException("--subscribe '" + prefix + "' is not hex");
            }
        }

        try (Context context = Context.create())
        {
            final Socket socket = peer.open(context, List.of());
            peer.attach(socket, io.err(), "recv");
            for (final byte[] prefix : prefixes)
            {
                Subscriptions.subscribe(socket, prefix);
            }
            return receive(socket, io, new MessagePrinter(io.out(), hex.hex()), count, timeoutMs);
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
                    return ExitStatus.OK;
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
        return ExitStatus.OK;
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
        return ExitStatus.OK;
    }
}
