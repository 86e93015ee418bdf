package io.monocoque.engine.pattern;

import io.monocoque.codec.command.CommandEncoder;
import io.monocoque.codec.command.CommandType;
import io.monocoque.codec.command.SubscriptionMessage;
import io.monocoque.codec.frame.FrameCursor;
import io.monocoque.codec.frame.FrameDescriptor;
import io.monocoque.codec.socket.SocketType;
import io.monocoque.engine.session.Connection;
import io.monocoque.engine.session.StagingBuffer;
import io.monocoque.engine.shared.FragmentReassembly;
import io.monocoque.engine.shared.MessageRecord;
import io.monocoque.engine.shared.Rings;
import io.monocoque.engine.shared.SocketStatus;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.ControlledMessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;

import java.util.ArrayDeque;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * The engine agent's side of a SUB or XSUB socket, with libzmq 4.3's semantics:
 * <ul>
 *     <li>keeps the socket's subscriptions, counted: every subscribe is sent on to the publishers, a cancel only
 *     when its prefix's count reaches zero (so two subscribes need two cancels);</li>
 *     <li>sends each change to every connected publisher in the form its ZMTP version expects (SUBSCRIBE/CANCEL
 *     commands for 3.1, {@code 0x01}/{@code 0x00} messages for 3.0), and every subscription again, once per
 *     prefix, after each (re)connect handshake;</li>
 *     <li>SUB filters what arrives against its subscriptions (publishers filter too, but a 3.0 or XPUB publisher
 *     may send more); XSUB does not filter;</li>
 *     <li>XSUB: a one-frame message starting with {@code 0x01}/{@code 0x00} from the application is a
 *     subscription; any other message goes to every publisher (dropped and counted for a full one). One larger
 *     than a send-ring record arrives as fragment records and is put back together first
 *     ({@link FragmentReassembly}), so each publisher gets it whole.</li>
 * </ul>
 * Subscriptions are never dropped: one that does not fit a publisher's staging buffer waits, in order, in a queue
 * for that connection. Owned by the engine agent thread.
 */
public final class Subscriber implements OutboundRouter, ControlledMessageHandler
{
    private final SocketType type;
    private final PeerSet peers;
    private final SocketStatus status;
    private final SubscriptionTrie subscriptions = new SubscriptionTrie();
    private final FrameCursor cursor = new FrameCursor();
    private final IdentityHashMap<Connection, ArrayDeque<byte[]>> backlog = new IdentityHashMap<>();
    private final UnsafeBuffer prefixView = new UnsafeBuffer(0, 0);
    private final UnsafeBuffer encodeView = new UnsafeBuffer(0, 0);
    private final FragmentReassembly reassembly = new FragmentReassembly();

    /**
     * Create the subscriber side of a SUB or XSUB socket.
     *
     * @param type   SUB or XSUB.
     * @param peers  the socket's connections (its publishers).
     * @param status where drops are counted.
     */
    public Subscriber(final SocketType type, final PeerSet peers, final SocketStatus status)
    {
        if (type != SocketType.SUB && type != SocketType.XSUB)
        {
            throw new IllegalArgumentException("a subscriber side is for SUB and XSUB, not " + type);
        }
        this.type = type;
        this.peers = peers;
        this.status = status;
    }

    /**
     * Drain the application's send ring (subscriptions; XSUB messages) and retry queued subscriptions.
     *
     * @param ring the socket's send ring.
     * @return work done.
     */
    @Override
    public int drain(final OneToOneRingBuffer ring)
    {
        int work = backlog.isEmpty() ? 0 : retryBacklog();
        work += Rings.controlledRead(ring, this, DRAIN_LIMIT);
        return work;
    }

    @Override
    public Action onMessage(final int msgTypeId, final MutableDirectBuffer buffer, final int index, final int length)
    {
        if (FragmentRoute.isFragment(msgTypeId))
        {
            // A message larger than a record goes to every publisher, so it is put together first (see
            // FragmentReassembly) rather than handed, fragment by fragment, to one connection.
            if (reassembly.onFragment(msgTypeId, buffer, index, length))
            {
                onWholeMessage(MessageRecord.MSG_TYPE_MESSAGE, reassembly.message(), 0, reassembly.messageLength());
            }
        }
        else
        {
            reassembly.onWholeRecord();
            final int framesOffset = index + MessageRecord.FRAMES_OFFSET;
            onWholeMessage(msgTypeId, buffer, framesOffset, length - MessageRecord.FRAMES_OFFSET);
        }
        final int dropped = reassembly.takeDropped();
        if (dropped > 0)
        {
            status.addDropped(dropped);
        }
        return Action.CONTINUE;
    }

    private void onWholeMessage(
        final int msgTypeId, final DirectBuffer buffer, final int framesOffset, final int framesLength)
    {
        cursor.wrap(buffer, framesOffset, framesLength).next();
        final boolean oneFrame = !cursor.hasMore();
        final int body = cursor.bodyOffset();
        final int bodyLength = cursor.bodyLength();
        if (msgTypeId == MessageRecord.MSG_TYPE_SUBSCRIPTION ||
            (oneFrame && SubscriptionMessage.isSubscription(buffer, body, bodyLength)))
        {
            onSubscription(SubscriptionMessage.isSubscribe(buffer, body), buffer, body + 1, bodyLength - 1);
        }
        else
        {
            sendUpstream(buffer, framesOffset, framesLength);
        }
    }

    private void onSubscription(final boolean subscribe, final DirectBuffer buffer, final int offset, final int length)
    {
        if (subscribe)
        {
            subscriptions.add(buffer, offset, length);
        }
        else if (subscriptions.remove(buffer, offset, length) != 0)
        {
            return; // still subscribed by an earlier subscribe (or never was): nothing to tell publishers
        }
        for (final Connection connection : peers.active())
        {
            send(connection, subscribe, buffer, offset, length);
        }
    }

    private void sendUpstream(final DirectBuffer buffer, final int offset, final int length)
    {
        for (final Connection connection : peers.active())
        {
            if (connection.canStage(length))
            {
                connection.stage(buffer, offset, length);
            }
            else
            {
                status.addDropped(1);
            }
        }
    }

    private void send(
        final Connection connection,
        final boolean subscribe,
        final DirectBuffer prefix,
        final int offset,
        final int length)
    {
        final boolean asMessage = connection.isPeerZmtp30();
        final CommandType command = subscribe ? CommandType.SUBSCRIBE : CommandType.CANCEL;
        final int encodedLength = asMessage ? FrameDescriptor.frameLength(1 + length) :
            CommandEncoder.commandLength(command, length);
        final ArrayDeque<byte[]> queued = backlog.get(connection);
        if (queued == null && connection.canStage(encodedLength))
        {
            final StagingBuffer staging = connection.staging();
            staging.commit(encode(staging.buffer(), staging.fill(), asMessage, subscribe, prefix, offset, length));
            return;
        }
        final byte[] encoded = new byte[encodedLength];
        encodeView.wrap(encoded);
        encode(encodeView, 0, asMessage, subscribe, prefix, offset, length);
        backlog.computeIfAbsent(connection, c -> new ArrayDeque<>()).addLast(encoded);
    }

    private static int encode(
        final MutableDirectBuffer buffer,
        final int at,
        final boolean asMessage,
        final boolean subscribe,
        final DirectBuffer prefix,
        final int offset,
        final int length)
    {
        return asMessage ? SubscriptionMessage.encode(buffer, at, subscribe, prefix, offset, length) :
            CommandEncoder.encode(buffer, at, subscribe ? CommandType.SUBSCRIBE : CommandType.CANCEL,
                prefix, offset, length);
    }

    private int retryBacklog()
    {
        int work = 0;
        final Iterator<Map.Entry<Connection, ArrayDeque<byte[]>>> entries = backlog.entrySet().iterator();
        while (entries.hasNext())
        {
            final Map.Entry<Connection, ArrayDeque<byte[]>> entry = entries.next();
            final Connection connection = entry.getKey();
            final ArrayDeque<byte[]> queued = entry.getValue();
            byte[] encoded;
            while ((encoded = queued.peekFirst()) != null && connection.canStage(encoded.length))
            {
                encodeView.wrap(encoded);
                connection.stage(encodeView, 0, encoded.length);
                queued.pollFirst();
                work++;
            }
            if (queued.isEmpty())
            {
                entries.remove();
            }
        }
        return work;
    }

    /**
     * A publisher finished its handshake: send it every subscription, once per prefix. A SUB first drops what
     * it had staged for the previous session (only subscriptions, which this re-sends); an XSUB drops only the
     * subscriptions among it, which a ZMTP 3.0 session staged as messages and so were kept with the unsent
     * messages (sent again, each would be counted twice), and keeps those messages for the new session.
     *
     * @param connection the connection.
     */
    public void onConnectionReady(final Connection connection)
    {
        backlog.remove(connection);
        if (type == SocketType.SUB)
        {
            connection.staging().clear();
        }
        else
        {
            connection.staging().dropKept(Subscriber::isSubscriptionMessage);
        }
        subscriptions.forEach((prefix, length, count) ->
        {
            prefixView.wrap(prefix, 0, length);
            send(connection, true, prefixView, 0, length);
        });
    }

    private static boolean isSubscriptionMessage(final DirectBuffer buffer, final int offset, final int length)
    {
        final int bodyOffset = FrameDescriptor.bodyOffset(buffer, offset);
        final int bodyLength = (int)FrameDescriptor.bodyLength(buffer, offset);
        // One frame only: an XSUB sends a multipart message starting with 0x01 as a message (see onMessage).
        return bodyOffset + bodyLength == offset + length &&
            SubscriptionMessage.isSubscription(buffer, bodyOffset, bodyLength);
    }

    /**
     * A publisher connection ended: forget what was queued for it (it gets everything again after a reconnect).
     *
     * @param connection the connection.
     */
    public void onConnectionLost(final Connection connection)
    {
        backlog.remove(connection);
    }

    /**
     * Whether an arriving message passes the filter: for SUB, its first frame must match a subscription; XSUB
     * takes everything.
     *
     * @param buffer holds the encoded message.
     * @param offset first frame header.
     * @param length encoded length.
     * @return true to deliver it.
     */
    public boolean accepts(final DirectBuffer buffer, final int offset, final int length)
    {
        // Called for every arriving message: read the first frame's header directly rather than through a cursor.
        return type != SocketType.SUB || subscriptions.matches(buffer, FrameDescriptor.bodyOffset(buffer, offset),
            (int)FrameDescriptor.bodyLength(buffer, offset));
    }
}
