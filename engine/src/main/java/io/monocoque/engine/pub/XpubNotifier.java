package io.monocoque.engine.pub;

import io.monocoque.codec.command.SubscriptionMessage;
import io.monocoque.codec.frame.FrameDescriptor;
import io.monocoque.engine.pattern.SubscriptionTrie;
import io.monocoque.engine.shared.MessageRecord;
import io.monocoque.engine.shared.Rings;
import io.monocoque.engine.shared.SocketStatus;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;

import java.util.ArrayDeque;

/**
 * What an XPUB application receives, decided the way libzmq 4.3's XPUB decides it: keeps how many subscriber
 * connections hold each prefix, and turns subscription changes into {@code 0x01 prefix} / {@code 0x00 prefix}
 * messages in the socket's receive ring:
 * <ul>
 *     <li>a SUBSCRIBE is delivered when it is the first connection to hold the prefix, or always with
 *     {@code xpubVerbose} (duplicates included);</li>
 *     <li>a CANCEL is delivered when the last connection holding the prefix drops it, and (as libzmq does) when the
 *     connection did not hold it at all;</li>
 *     <li>a subscriber that disconnects cancels each of its prefixes, delivered for those no one holds any more.</li>
 * </ul>
 * Ordinary messages from XSUB subscribers are delivered too, or dropped and counted when the ring is full.
 * Notifications never block a worker: when the receive ring is full they wait, in order, in a queue (unbounded,
 * like libzmq's pending list) until the application makes room.
 * <p>
 * Owned by the engine agent thread, except {@link #verbose(boolean)} (any thread).
 */
final class XpubNotifier implements MessageHandler
{
    private final SubscriptionTrie totals = new SubscriptionTrie();
    private final OneToOneRingBuffer inbound;
    private final SocketStatus status;
    private final ArrayDeque<byte[]> overflow = new ArrayDeque<>();
    private final UnsafeBuffer prefixView = new UnsafeBuffer(0, 0);
    private final UnsafeBuffer recordView = new UnsafeBuffer(0, 0);
    private volatile boolean verbose;

    XpubNotifier(final OneToOneRingBuffer inbound, final SocketStatus status)
    {
        this.inbound = inbound;
        this.status = status;
    }

    void verbose(final boolean verbose)
    {
        this.verbose = verbose;
    }

    /**
     * A subscription change from a connection.
     *
     * @param peerId    the connection.
     * @param subscribe SUBSCRIBE or CANCEL.
     * @param changed   whether the connection's own set changed.
     * @param prefix    holds the prefix.
     * @param offset    first byte.
     * @param length    prefix length.
     */
    void onSubscription(
        final long peerId,
        final boolean subscribe,
        final boolean changed,
        final DirectBuffer prefix,
        final int offset,
        final int length)
    {
        final boolean notify;
        if (subscribe)
        {
            notify = (changed && totals.add(prefix, offset, length) == 1) || verbose;
        }
        else
        {
            notify = !changed || totals.remove(prefix, offset, length) == 0;
        }
        if (notify)
        {
            deliverSubscription(peerId, subscribe, prefix, offset, length);
        }
    }

    /**
     * A connection left: each prefix it held is cancelled.
     *
     * @param peerId        the connection.
     * @param subscriptions its subscriptions (left unchanged).
     */
    void onSessionLost(final long peerId, final SubscriptionTrie subscriptions)
    {
        if (subscriptions.isEmpty())
        {
            return;
        }
        subscriptions.forEach((bytes, length, count) ->
        {
            prefixView.wrap(bytes, 0, length);
            if (totals.remove(prefixView, 0, length) == 0)
            {
                deliverSubscription(peerId, false, prefixView, 0, length);
            }
        });
    }

    /**
     * An ordinary message from an XSUB subscriber.
     *
     * @param peerId the connection.
     * @param buffer holds the encoded frames.
     * @param offset first frame header.
     * @param length encoded length.
     */
    void onUpstreamMessage(final long peerId, final DirectBuffer buffer, final int offset, final int length)
    {
        final int recordLength = MessageRecord.FRAMES_OFFSET + length;
        if (!overflow.isEmpty() || recordLength > inbound.maxMsgLength())
        {
            status.addDropped(1);
            return;
        }
        final int index = inbound.tryClaim(MessageRecord.MSG_TYPE_MESSAGE, recordLength);
        if (index == RingBuffer.INSUFFICIENT_CAPACITY)
        {
            status.addDropped(1);
            return;
        }
        final MutableDirectBuffer ring = inbound.buffer();
        ring.putLong(index + MessageRecord.PEER_ID_OFFSET, peerId);
        ring.putBytes(index + MessageRecord.FRAMES_OFFSET, buffer, offset, length);
        inbound.commit(index);
    }

    private void deliverSubscription(
        final long peerId, final boolean subscribe, final DirectBuffer prefix, final int offset, final int length)
    {
        final int recordLength = MessageRecord.FRAMES_OFFSET + FrameDescriptor.frameLength(1 + length);
        if (recordLength > inbound.maxMsgLength())
        {
            status.addDropped(1); // larger than the receive ring can ever hold
            return;
        }
        if (overflow.isEmpty())
        {
            final int index = inbound.tryClaim(MessageRecord.MSG_TYPE_MESSAGE, recordLength);
            if (index != RingBuffer.INSUFFICIENT_CAPACITY)
            {
                encode(inbound.buffer(), index, peerId, subscribe, prefix, offset, length);
                inbound.commit(index);
                return;
            }
        }
        final byte[] record = new byte[recordLength];
        recordView.wrap(record);
        encode(recordView, 0, peerId, subscribe, prefix, offset, length);
        overflow.addLast(record);
    }

    private static void encode(
        final MutableDirectBuffer buffer,
        final int index,
        final long peerId,
        final boolean subscribe,
        final DirectBuffer prefix,
        final int offset,
        final int length)
    {
        buffer.putLong(index + MessageRecord.PEER_ID_OFFSET, peerId);
        SubscriptionMessage.encode(buffer, index + MessageRecord.FRAMES_OFFSET, subscribe, prefix, offset, length);
    }

    /**
     * Move queued notifications into the receive ring as room allows.
     *
     * @return notifications moved.
     */
    int drainOverflow()
    {
        int moved = 0;
        byte[] record;
        while ((record = overflow.peekFirst()) != null)
        {
            final int index = inbound.tryClaim(MessageRecord.MSG_TYPE_MESSAGE, record.length);
            if (index == RingBuffer.INSUFFICIENT_CAPACITY)
            {
                break;
            }
            inbound.buffer().putBytes(index, record);
            inbound.commit(index);
            overflow.pollFirst();
            moved++;
        }
        return moved;
    }

    /**
     * Process everything a worker has reported.
     *
     * @param events the worker's event ring.
     * @return records processed.
     */
    int drain(final OneToOneRingBuffer events)
    {
        int work = 0;
        int read;
        while ((read = Rings.read(events, this)) > 0)
        {
            work += read;
        }
        return work;
    }

    @Override
    public void onMessage(final int msgTypeId, final MutableDirectBuffer buffer, final int index, final int length)
    {
        final long peerId = buffer.getLong(index + SubscriptionEventDescriptor.PEER_ID_OFFSET);
        final boolean changed = (buffer.getInt(index + SubscriptionEventDescriptor.FLAGS_OFFSET) &
            SubscriptionEventDescriptor.FLAG_CHANGED) != 0;
        final int payload = index + SubscriptionEventDescriptor.PAYLOAD_OFFSET;
        final int payloadLength = length - SubscriptionEventDescriptor.PAYLOAD_OFFSET;
        switch (msgTypeId)
        {
            case SubscriptionEventDescriptor.TYPE_SUBSCRIBE:
                onSubscription(peerId, true, changed, buffer, payload, payloadLength);
                break;
            case SubscriptionEventDescriptor.TYPE_CANCEL:
                onSubscription(peerId, false, changed, buffer, payload, payloadLength);
                break;
            case SubscriptionEventDescriptor.TYPE_MESSAGE:
                onUpstreamMessage(peerId, buffer, payload, payloadLength);
                break;
            default:
                break;
        }
    }
}
