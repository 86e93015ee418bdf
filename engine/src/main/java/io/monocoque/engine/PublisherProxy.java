package io.monocoque.engine;

import io.monocoque.engine.pub.PubFanOut;
import io.monocoque.engine.pub.PubRing;
import io.monocoque.engine.shared.SocketStatus;
import io.monocoque.engine.socket.SocketEngine;
import io.monocoque.engine.shared.RoomWait;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;

/**
 * The application side of a PUB or XPUB socket: publishing goes into the fan-out's ring (written once, read by
 * every worker), not into the send ring; the counters come from the fan-out. Created by
 * {@link SocketProxy#open(Engine, SocketSpec)}.
 * <p>
 * {@link #offer} from the one application thread that owns the socket; counters from any thread.
 */
public final class PublisherProxy extends SocketProxy
{
    /** {@link #offer} result: the workers are behind and the publisher ring is full. */
    public static final long BACK_PRESSURED = PubRing.BACK_PRESSURED;

    private final PubFanOut fanOut;
    private final PubRing ring;

    PublisherProxy(
        final Engine engine,
        final SocketEngine socket,
        final OneToOneRingBuffer sendRing,
        final OneToOneRingBuffer receiveRing,
        final SocketStatus status,
        final PubFanOut fanOut)
    {
        super(engine, socket, sendRing, receiveRing, status);
        this.fanOut = fanOut;
        this.ring = fanOut.ring();
    }

    /**
     * Publish one encoded message without blocking: written once into the publisher ring.
     *
     * @param buffer holds the encoded message (all frames).
     * @param offset first frame header.
     * @param length encoded length.
     * @return the bytes it took (positive), {@link #BACK_PRESSURED}, or {@link PubRing#EXCEEDS_RING}.
     */
    public long offer(final DirectBuffer buffer, final int offset, final int length)
    {
        return ring.offer(buffer, offset, length);
    }

    /** {@link #offerFrame} / {@link #offerFrames}: too large for one slot of the ring; encode it and offer it. */
    public static final long NOT_DIRECT = PubRing.NOT_DIRECT;

    /**
     * Publish a single-frame message given as its body, encoded straight into the publisher ring (one copy).
     *
     * @param body   holds the frame body.
     * @param offset first byte.
     * @param length body length.
     * @return as {@link PubRing#offerFrame}.
     */
    public long offerFrame(final DirectBuffer body, final int offset, final int length)
    {
        return ring.offerFrame(body, offset, length);
    }

    /**
     * Reserve fan-out ring room for one message the caller writes in place ({@code tryClaim}). Application thread.
     *
     * @param length encoded length.
     * @return as {@link PubRing#claimInPlace}.
     */
    public long claimInPlace(final int length)
    {
        return ring.claimInPlace(length);
    }

    /**
     * Publish the message {@link #claimInPlace} reserved. Application thread.
     *
     * @param length      its encoded length.
     * @param topicOffset where its topic starts, from the message's start.
     * @param topicLength the topic's length.
     */
    public void publishClaimed(final int length, final int topicOffset, final int topicLength)
    {
        ring.publishClaimed(length, topicOffset, topicLength);
    }

    /**
     * The fan-out ring's data, where a claim lies. Application thread, while it holds a claim.
     *
     * @return the buffer.
     */
    public MutableDirectBuffer claimBuffer()
    {
        return ring.data();
    }

    /**
     * Publish a message given as byte-array frames, encoded straight into the publisher ring (one copy).
     *
     * @param frames the frames.
     * @return as {@link PubRing#offerFrames}.
     */
    public long offerFrames(final byte[][] frames)
    {
        return ring.offerFrames(frames);
    }

    /**
     * Publish one encoded message; one the ring cannot hold at once streams in as fragments when a wait is given.
     *
     * @param buffer holds the encoded message (all frames).
     * @param offset first frame header.
     * @param length encoded length.
     * @param wait   null for all or nothing, otherwise how to wait for the workers between fragments.
     * @return as {@link PubRing#offer(DirectBuffer, int, int, RoomWait)}.
     */
    public long offer(final DirectBuffer buffer, final int offset, final int length, final RoomWait wait)
    {
        return ring.offer(buffer, offset, length, wait);
    }

    /**
     * Whether a publish would be taken now (a poller's POLLOUT): with no subscriber it is dropped at once, as libzmq
     * does, so always; otherwise when the workers have left room for one whole message of up to
     * {@link #maxMessageLength()} bytes. The application thread that owns the socket.
     *
     * @return true if an {@link #offer} of a message that fits one slot would not be back-pressured.
     */
    public boolean canPublish()
    {
        return fanOut.subscriberSessions() == 0 || ring.hasRoomForMessage();
    }

    /**
     * Largest encoded message the publisher ring holds in one slot (an eighth of it); larger ones are fragmented.
     *
     * @return bytes.
     */
    public int maxMessageLength()
    {
        return ring.maxMessageLength();
    }

    /**
     * Capacity of the publisher ring.
     *
     * @return bytes.
     */
    public int ringCapacity()
    {
        return ring.capacity();
    }

    /**
     * Subscriber connections the workers serve now: when 0 a published message would reach no one. Any thread.
     *
     * @return the count.
     */
    public int subscriberSessions()
    {
        return fanOut.subscriberSessions();
    }

    /**
     * Number of fan-out workers.
     *
     * @return the count.
     */
    public int workerCount()
    {
        return fanOut.workerCount();
    }

    /**
     * Deliver every SUBSCRIBE to an XPUB application, duplicates included, or only the first. Any thread.
     *
     * @param verbose true to deliver duplicates.
     */
    public void xpubVerbose(final boolean verbose)
    {
        fanOut.xpubVerbose(verbose);
    }

    /**
     * Messages dropped for full subscribers or left on subscriber connections that closed, plus the socket's own
     * drops. Any thread.
     *
     * @return the count.
     */
    @Override
    public long droppedMessages()
    {
        return super.droppedMessages() + fanOut.droppedMessages();
    }

    /**
     * Subscribers connected now (handshake done). Any thread.
     *
     * @return the count.
     */
    @Override
    public int connectedPeers()
    {
        return fanOut.connectedPeers();
    }
}
