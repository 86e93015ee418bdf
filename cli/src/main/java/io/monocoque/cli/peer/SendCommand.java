package io.monocoque.cli.peer;

import io.monocoque.api.Context;
import io.monocoque.api.HostUnreachableException;
import io.monocoque.api.Message;
import io.monocoque.api.Socket;
import io.monocoque.api.SocketType;
import io.monocoque.cli.Cli;
import io.monocoque.cli.command.CommandIo;
import io.monocoque.cli.command.ExitStatus;
import io.monocoque.cli.help.HelpOption;
import io.monocoque.cli.options.BinaryConverter;
import io.monocoque.cli.options.Bounds;
import io.monocoque.cli.options.CommandFailedException;
import io.monocoque.cli.options.DecimalConverter;
import io.monocoque.cli.options.UsageException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code monocoque send}: send each line of stdin as a message (frames separated by a TAB), or N generated
 * messages of a given size; wait for a peer before the first send; linger until everything is sent. Runs on the
 * thread of {@link Cli#run}, which reads stdin and sends.
 */
@Command(name = "send",
    header = "send lines of stdin (frames separated by TAB) or N generated messages",
    description = {
        "Reads stdin, one message per line, frames separated by a TAB (an empty line is one empty frame), and " +
            "sends each line; with --size it sends generated messages instead and ignores stdin. Waits for a peer " +
            "before the first send, then lingers until everything is sent (lingerMs=-1 unless set with --option). " +
            "Types that can send: PUSH, DEALER, ROUTER (first frame = the peer's routing id; sending to an " +
            "unknown id fails, routerMandatory=true unless set), PAIR, REQ (prints each reply on stdout, as recv " +
            "does), PUB, XPUB, XSUB (REP: use 'echo'; PULL and SUB cannot send)."},
    exitCodeList = {
        "0:all sent",
        "1:runtime failure (timeout, bad hex on stdin, unknown routing id, endpoint in use)",
        "2:bad usage"},
    footerHeading = "%nExamples:%n",
    footer = {
        "  printf 'hello\\nworld\\n' | monocoque send --type PUSH --connect tcp://127.0.0.1:5555",
        "  monocoque send --type DEALER --connect tcp://127.0.0.1:5555 --size 1k --count 1000",
        "  echo '68656c6c6f' | monocoque send --type REQ --connect tcp://127.0.0.1:5555 --hex"})
public final class SendCommand implements Callable<Integer>
{
    /** After the first peer of a PUB/XPUB connects, time for its subscriptions to arrive (the slow joiner). */
    private static final long SUBSCRIPTION_SETTLE_MS = 200;
    private static final EnumSet<SocketType> CAN_SEND = EnumSet.of(
        SocketType.PUSH, SocketType.DEALER, SocketType.ROUTER, SocketType.PAIR, SocketType.REQ, SocketType.PUB,
        SocketType.XPUB, SocketType.XSUB);
    /** Room a generated message leaves below the largest array for the record around it. */
    private static final long RECORD_OVERHEAD = 64;
    /** Heap beyond the message itself that the tool needs. */
    private static final long HEAP_HEADROOM_BYTES = 128L * 1024 * 1024;

    private final CommandIo io;

    @Spec
    private CommandSpec spec;

    @Mixin
    private HelpOption help;

    @Mixin
    private PeerOptions peer;

    @Mixin
    private HexOption hex;

    @Option(names = "--count", paramLabel = "N", converter = DecimalConverter.class,
        description = "send at most N lines; with --size, the number of messages (default 1)")
    private Long countOption;

    @Option(names = "--size", paramLabel = "BYTES", converter = BinaryConverter.class,
        description = "send generated single-frame messages of BYTES bytes (suffixes k, m = KiB, MiB): message i " +
            "holds i as 8 bytes big-endian, then bytes (i + j) & 0xff")
    private Long sizeOption;

    @Option(names = "--interval-ms", paramLabel = "T", converter = DecimalConverter.class,
        description = "pause T ms between messages (default 0)")
    private Long intervalOption;

    @Option(names = "--timeout-ms", paramLabel = "T", converter = DecimalConverter.class,
        description = "give up (exit 1) when no peer connects, a send cannot proceed or a REQ reply does not come " +
            "within T ms; also bounds the final linger (default: wait)")
    private Long timeoutOption;

    /**
     * The command.
     *
     * @param io the run's streams.
     */
    public SendCommand(final CommandIo io)
    {
        this.io = io;
    }

    /**
     * Send, then linger until everything is sent.
     *
     * @return {@link ExitStatus#OK}.
     * @throws IOException if stdin cannot be read.
     */
    @Override
    public Integer call() throws IOException
    {
        peer.validate();
        peer.requireType(CAN_SEND, "cannot be used by send");
        final boolean generated = sizeOption != null;
        final int size = (int)Bounds.within(spec, "--size", sizeOption, 0, 0, Integer.MAX_VALUE - RECORD_OVERHEAD);
        final long count = Bounds.atLeast("--count", countOption, generated ? 1 : 0, 1);
        final long intervalMs = Bounds.atLeast("--interval-ms", intervalOption, 0, 0);
        final long timeoutMs = Bounds.atLeast("--timeout-ms", timeoutOption, 0, 1);
        if (generated && peer.type() == SocketType.ROUTER)
        {
            throw new UsageException("--size cannot address a ROUTER's peers: pipe lines whose first frame is the " +
                "routing id instead");
        }

        final List<String[]> defaults = new ArrayList<>();
        defaults.add(new String[]{"lingerMs", timeoutMs > 0 ? Long.toString(timeoutMs) : "-1"});
        if (timeoutMs > 0)
        {
            defaults.add(new String[]{"sndTimeoutMs", Long.toString(timeoutMs)});
            defaults.add(new String[]{"rcvTimeoutMs", Long.toString(timeoutMs)});
        }
        if (peer.type() == SocketType.ROUTER)
        {
            defaults.add(new String[]{"routerMandatory", "true"});
        }
        // Any size travels with the default HWMs: a message larger than a ring record goes in fragments, and a
        // blocking send streams one larger than the ring. The one message is on the heap.
        final long heap = Runtime.getRuntime().maxMemory();
        if (generated && size + HEAP_HEADROOM_BYTES > heap)
        {
            throw new CommandFailedException("--size " + size + " needs a JVM heap larger than this one (" + heap +
                " bytes): run with more, e.g. MONOCOQUE_JVM_OPTS=-Xmx" + (size / (1L << 30) + 2) + "g");
        }

        try (Context context = Context.create())
        {
            final Socket socket = peer.open(context, defaults);
            peer.attach(socket, io.err(), "send");
            final Sender sender = new Sender(socket, context, peer, hex.hex(), io, intervalMs, timeoutMs);
            if (generated)
            {
                // One message, its body refilled in place: a 1 GiB message costs 1 GiB of heap, not two.
                final Message message = new Message().add(new byte[size]);
                final int bodyOffset = message.frameOffset(0);
                for (long i = 0; i < count && !io.stopRequested(); i++)
                {
                    Generated.fill(message.buffer(), bodyOffset, size, i);
                    if (!sender.send(message, (byte[][])null))
                    {
                        break;
                    }
                }
            }
            else
            {
                final LineReader lines = new LineReader(io.in());
                long lineNumber = 0;
                byte[] line;
                while ((count == 0 || lineNumber < count) && !io.stopRequested() && (line = lines.next()) != null)
                {
                    lineNumber++;
                    final byte[][] frames;
                    try
                    {
                        frames = FrameText.parse(line, hex.hex());
                    }
                    catch (final IllegalArgumentException ex)
                    {
                        throw new CommandFailedException("stdin line " + lineNumber + ": " + ex.getMessage());
                    }
                    if (!sender.send(null, frames))
                    {
                        break;
                    }
                }
            }
            io.out().flush();
        }
        // Context.close() closed the socket and waited for its linger: everything queued was sent (or the linger
        // bound by --timeout-ms expired).
        return ExitStatus.OK;
    }

    /** Sends one message at a time: waits for the first peer, paces, and collects REQ replies. */
    private static final class Sender
    {
        private final Socket socket;
        private final Context context;
        private final PeerOptions peer;
        private final CommandIo io;
        private final long intervalMs;
        private final long timeoutMs;
        private final MessagePrinter replies;
        private final Message reply = new Message();
        private long sent;

        Sender(final Socket socket, final Context context, final PeerOptions peer, final boolean hex,
            final CommandIo io, final long intervalMs, final long timeoutMs)
        {
            this.socket = socket;
            this.context = context;
            this.peer = peer;
            this.io = io;
            this.intervalMs = intervalMs;
            this.timeoutMs = timeoutMs;
            this.replies = new MessagePrinter(io.out(), hex);
        }

        /**
         * Send a message, given as a {@link Message} or as frames.
         *
         * @return false if a stop was requested.
         */
        boolean send(final Message message, final byte[]... frames)
        {
            if (sent == 0)
            {
                if (!PeerWait.awaitPeer(socket, context, timeoutMs, io))
                {
                    return false;
                }
                if (peer.type() == SocketType.PUB || peer.type() == SocketType.XPUB)
                {
                    sleep(SUBSCRIPTION_SETTLE_MS);
                }
            }
            else if (intervalMs > 0)
            {
                sleep(intervalMs);
            }
            try
            {
                if (!(message != null ? socket.send(message) : socket.send(frames)))
                {
                    throw new CommandFailedException("message " + (sent + 1) + " could not be sent within " +
                        timeoutMs + " ms (the send ring stayed full)");
                }
            }
            catch (final HostUnreachableException ex)
            {
                throw new CommandFailedException("message " + (sent + 1) + ": no connected peer has routing id " +
                    (frames != null ? FrameText.toHex(frames[0]) : "?") + " (hex)");
            }
            catch (final IllegalArgumentException ex)
            {
                throw new CommandFailedException("message " + (sent + 1) + ": " + ex.getMessage());
            }
            sent++;
            if (peer.type() == SocketType.REQ)
            {
                if (!socket.recv(reply))
                {
                    throw new CommandFailedException("no reply to request " + sent + " within " + timeoutMs + " ms");
                }
                replies.print(reply);
                io.out().flush();
            }
            return true;
        }

        private void sleep(final long ms)
        {
            try
            {
                Thread.sleep(ms);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                io.requestStop();
            }
        }
    }
}
