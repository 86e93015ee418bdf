package io.monocoque.api;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.charset.StandardCharsets;

/**
 * The control socket of a steerable {@link Proxy}, as libzmq's {@code zmq_proxy_steerable}: each message's first
 * frame is a command, {@code PAUSE} (stop forwarding; messages wait in the rings, so senders feel back-pressure),
 * {@code RESUME}, {@code TERMINATE} (the proxy returns) or {@code STATISTICS} (reply with the eight counters of
 * {@link ProxyStatistics}, one uint64 frame each in the host's byte order, as libzmq copies them). A REP control
 * socket gets an empty reply to every other command, so that its REQ peer can go on (libzmq since 4.3.5; 4.3.4 sent
 * none, which left a REP control socket stuck); other types get no reply but STATISTICS. Unknown commands are
 * ignored (libzmq 4.3.4 aborts the process).
 * <p>
 * Owned by the proxy's thread; allocates nothing per command.
 */
final class ProxyControl implements MessageHandler
{
    /** Most commands handled per round, so a flood of commands cannot stop the forwarding. */
    private static final int COMMANDS_PER_ROUND = 16;
    private static final byte[] PAUSE = ascii("PAUSE");
    private static final byte[] RESUME = ascii("RESUME");
    private static final byte[] TERMINATE = ascii("TERMINATE");
    private static final byte[] STATISTICS = ascii("STATISTICS");

    private enum Command
    {
        PAUSE, RESUME, TERMINATE, STATISTICS, UNKNOWN
    }

    private final Socket control;
    private final ProxyStatistics statistics;
    private final boolean repliesToEveryCommand;
    private final boolean canReply;
    private final UnsafeBuffer counters =
        new UnsafeBuffer(new byte[ProxyStatistics.LIBZMQ_COUNTERS * ProxyStatistics.COUNTER_BYTES]);
    private final Message reply = new Message();
    private Command received;
    private boolean paused;
    private boolean terminated;

    ProxyControl(final Socket control, final ProxyStatistics statistics)
    {
        this.control = control;
        this.statistics = statistics;
        this.repliesToEveryCommand = control.type() == SocketType.REP;
        this.canReply = control.type().sendsMessages();
    }

    /**
     * Handle the commands waiting on the control socket (a few at most).
     *
     * @return commands handled.
     */
    int poll()
    {
        int work = 0;
        while (work < COMMANDS_PER_ROUND && !terminated && control.poll(this, 1) > 0)
        {
            work++;
            act(received);
        }
        return work;
    }

    /**
     * Whether PAUSE is in force.
     *
     * @return true between PAUSE and RESUME.
     */
    boolean isPaused()
    {
        return paused;
    }

    /**
     * Whether TERMINATE arrived.
     *
     * @return true once it has.
     */
    boolean isTerminated()
    {
        return terminated;
    }

    private void act(final Command command)
    {
        switch (command)
        {
            case PAUSE -> paused = true;
            case RESUME -> paused = false;
            case TERMINATE -> terminated = true;
            case STATISTICS ->
            {
                if (canReply)
                {
                    replyStatistics();
                }
                return;
            }
            default ->
            {
                // UNKNOWN: ignored, as libzmq now does
            }
        }
        if (repliesToEveryCommand)
        {
            control.send(reply.clear().addEmpty());
        }
    }

    private void replyStatistics()
    {
        statistics.writeLibzmqCounters(counters, 0);
        reply.clear();
        for (int i = 0; i < ProxyStatistics.LIBZMQ_COUNTERS; i++)
        {
            reply.add(counters, i * ProxyStatistics.COUNTER_BYTES, ProxyStatistics.COUNTER_BYTES);
        }
        control.send(reply);
    }

    @Override
    public void onMessage(final MessageView message)
    {
        message.next();
        final DirectBuffer buffer = message.buffer();
        final int offset = message.offset();
        final int length = message.length();
        if (is(PAUSE, buffer, offset, length))
        {
            received = Command.PAUSE;
        }
        else if (is(RESUME, buffer, offset, length))
        {
            received = Command.RESUME;
        }
        else if (is(TERMINATE, buffer, offset, length))
        {
            received = Command.TERMINATE;
        }
        else if (is(STATISTICS, buffer, offset, length))
        {
            received = Command.STATISTICS;
        }
        else
        {
            received = Command.UNKNOWN;
        }
    }

    private static boolean is(final byte[] command, final DirectBuffer buffer, final int offset, final int length)
    {
        if (length != command.length)
        {
            return false;
        }
        for (int i = 0; i < length; i++)
        {
            if (buffer.getByte(offset + i) != command[i])
            {
                return false;
            }
        }
        return true;
    }

    private static byte[] ascii(final String text)
    {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
