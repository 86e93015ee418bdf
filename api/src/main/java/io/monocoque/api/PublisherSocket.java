package io.monocoque.api;

import io.monocoque.codec.frame.FrameDescriptor;
import io.monocoque.engine.PublisherProxy;
import io.monocoque.engine.SocketProxy;
import io.monocoque.engine.SocketSpec;
import io.monocoque.engine.shared.Rings;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * What PUB and XPUB share: publishing through the fan-out. {@code offer}/{@code send} write each message once into
 * the publisher's Disruptor ring ({@link #pubRingBytes(long)}); fan-out workers ({@link #pubWorkers(int)}) match it
 * against each subscriber's subscriptions and write it to the matching ones. A publisher never blocks on a
 * subscriber: {@link #sndHwmBytes(long)} is <em>each subscriber's</em> buffer (as libzmq's SNDHWM is per
 * subscriber), and a message that does not fit it is dropped for that subscriber and counted in
 * {@link #droppedMessages()}. Only when the workers themselves are behind (the ring is full) does {@code offer}
 * return {@link SendResult#BACK_PRESSURED} and {@code send} wait. With no subscriber connected a message is dropped
 * at once, as libzmq does.
 * <p>
 * Messages of any size: one larger than an eighth of the ring is published as fragments; {@code offer} of one the
 * ring cannot hold at once returns {@link SendResult#MESSAGE_EXCEEDS_HWM}, and {@code send} streams it, waiting for
 * the workers between fragments. Each subscriber admits a large message whole or drops it: whole if its HWM has room
 * for all of it, or, for a message larger than the HWM, if what waits for that subscriber is below its HWM (as a
 * libzmq pipe below its HWM takes one more message whatever its size: the buffer grows for it and shrinks back once
 * it is written).
 */
public abstract class PublisherSocket extends Socket
{
    private long subscriberHwmBytes = DEFAULT_HWM_BYTES;
    private long pubRingBytes = SocketSpec.DEFAULT_PUB_RING_BYTES;
    private int pubWorkers;
    private long subscriberStallTimeoutMs;
    private boolean xpubVerbose;
    private PublisherProxy publisher;

    PublisherSocket(final Context context, final SocketType type)
    {
        super(context, type);
    }

    @Override
    void configure(final SocketSpec spec)
    {
        spec.sendRingBytes(Rings.MIN_CAPACITY) // messages go into the fan-out's ring, not the send ring
            .pubWorkers(pubWorkers)
            .pubRingBytes(pubRingBytes)
            .subscriberHwmBytes(subscriberHwmBytes)
            .subscriberStallTimeoutMs(subscriberStallTimeoutMs)
            .xpubVerbose(xpubVerbose);
    }

    @Override
    void started(final SocketProxy proxy)
    {
        publisher = (PublisherProxy)proxy;
    }

    @Override
    long offerMessage(final DirectBuffer buffer, final int offset, final int length)
    {
        if (publisher.subscriberSessions() == 0)
        {
            return length; // no subscriber: dropped at once, as libzmq does (not counted: nobody missed it)
        }
        // PubRing's BACK_PRESSURED, GIVEN_UP and EXCEEDS_RING are SendResult's BACK_PRESSURED, CLOSED and
        // MESSAGE_EXCEEDS_HWM; a blocking send streams a message larger than the ring.
        return publisher.offer(buffer, offset, length, streamingWait());
    }

    @Override
    long offerFrame(final DirectBuffer body, final int offset, final int length)
    {
        if (publisher.subscriberSessions() == 0)
        {
            return FrameDescriptor.frameLength(length); // no subscriber: dropped at once, as offerMessage does
        }
        return direct(publisher.offerFrame(body, offset, length));
    }

    @Override
    long offerFrames(final byte[][] frames)
    {
        if (publisher.subscriberSessions() == 0)
        {
            return FrameDescriptor.encodedLength(frames, 0);
        }
        return direct(publisher.offerFrames(frames));
    }

    /**
     * {@code tryClaim}: a slot of the fan-out ring, the topic its first frame. Claimed whatever the subscribers; with
     * none connected at the commit the message is dropped, as an offer drops it.
     */
    private final ClaimTarget publishClaim = new ClaimTarget()
    {
        private int encoded;
        private int topicOffset;
        private int topicLength;

        @Override
        long claim(final int[] frameLengths, final int frameCount, final int encoded)
        {
            final long start = publisher.claimInPlace(encoded);
            if (start == PublisherProxy.NOT_DIRECT)
            {
                return SendResult.MESSAGE_EXCEEDS_HWM; // a claim is one slot: an eighth of pubRingBytes at most
            }
            if (start >= 0)
            {
                this.encoded = encoded;
                topicOffset = FrameDescriptor.headerLength(frameLengths[0]);
                topicLength = frameLengths[0];
            }
            return start; // or PubRing's BACK_PRESSURED, SendResult's
        }

        @Override
        MutableDirectBuffer buffer()
        {
            return publisher.claimBuffer();
        }

        @Override
        void commit()
        {
            if (publisher.subscriberSessions() > 0)
            {
                publisher.publishClaimed(encoded, topicOffset, topicLength);
            }
        }

        @Override
        void abort()
        {
            // Nothing was taken from the ring until the commit.
        }
    };

    @Override
    ClaimTarget claimTarget()
    {
        return publishClaim;
    }

    /** The fan-out ring's "too large for one slot" is the send ring's "take the encoded path" (it fragments it). */
    private static long direct(final long result)
    {
        return result == PublisherProxy.NOT_DIRECT ? SendRing.NEEDS_FRAGMENTS : result;
    }

    @Override
    boolean hasRoomToSend()
    {
        return publisher.canPublish();
    }

    /**
     * Messages dropped: for subscribers whose buffer ({@link #sndHwmBytes()}) was full, or staged on subscriber
     * connections that closed. Any thread.
     *
     * @return the count.
     */
    @Override
    public long droppedMessages()
    {
        return publisher == null ? 0 : publisher.droppedMessages();
    }

    /**
     * Subscribers connected now (handshake done).
     *
     * @return the count.
     */
    @Override
    public int connectedPeers()
    {
        return publisher == null ? 0 : publisher.connectedPeers();
    }

    /**
     * Each subscriber's high-water mark in bytes (libzmq's per-subscriber SNDHWM, in bytes).
     *
     * @return the configured value.
     */
    @Override
    public long sndHwmBytes()
    {
        return subscriberHwmBytes;
    }

    /**
     * Set each subscriber's high-water mark: bytes accepted for one subscriber and not yet taken by its TCP
     * connection. Beyond it, messages are dropped for that subscriber only. Before the first bind/connect.
     *
     * @param bytes at least 4 KiB.
     * @return this.
     */
    @Override
    public PublisherSocket sndHwmBytes(final long bytes)
    {
        super.sndHwmBytes(bytes);
        subscriberHwmBytes = bytes;
        return this;
    }

    /**
     * Capacity of the publisher's ring in bytes.
     *
     * @return the configured value.
     */
    public long pubRingBytes()
    {
        return publisher == null ? pubRingBytes : publisher.ringCapacity();
    }

    /**
     * Set the publisher's ring capacity: how far the publisher may run ahead of the fan-out workers; a message
     * larger than an eighth of it is published in fragments. Before the first bind/connect.
     *
     * @param bytes capacity, rounded up to a power of two, at least 4 KiB.
     * @return this.
     */
    public PublisherSocket pubRingBytes(final long bytes)
    {
        checkNotStarted("pubRingBytes");
        SocketOptions.checkRingBytes(bytes);
        pubRingBytes = bytes;
        return this;
    }

    /**
     * Number of fan-out workers.
     *
     * @return the configured count; 0 = the default (half the cores, at least 1).
     */
    public int pubWorkers()
    {
        return publisher == null ? pubWorkers : publisher.workerCount();
    }

    /**
     * Set the number of fan-out workers. Worker 0 runs in the engine's duty cycle, the others on their own threads
     * (none in INVOKER mode). Before the first bind/connect.
     *
     * @param workers 1 or more; 0 for the default (half the cores, at least 1).
     * @return this.
     */
    public PublisherSocket pubWorkers(final int workers)
    {
        checkNotStarted("pubWorkers");
        SocketOptions.checkAtLeast("pubWorkers", workers, 0);
        pubWorkers = workers;
        return this;
    }

    /**
     * How long a subscriber may stay unable to take a single byte before it is disconnected.
     *
     * @return milliseconds; 0 = never (libzmq's behaviour).
     */
    public long subscriberStallTimeoutMs()
    {
        return subscriberStallTimeoutMs;
    }

    /**
     * Disconnect a subscriber whose TCP buffer stays full, with nothing written, this long (it is dropped for all
     * along, whether or not it is disconnected). Before the first bind/connect.
     *
     * @param ms milliseconds; 0 = never.
     * @return this.
     */
    public PublisherSocket subscriberStallTimeoutMs(final long ms)
    {
        checkNotStarted("subscriberStallTimeoutMs");
        SocketOptions.checkAtLeast("subscriberStallTimeoutMs", ms, 0);
        subscriberStallTimeoutMs = ms;
        return this;
    }

    final void verbose(final boolean verbose)
    {
        checkOpen();
        xpubVerbose = verbose;
        if (publisher != null)
        {
            publisher.xpubVerbose(verbose);
        }
    }

    final boolean verbose()
    {
        return xpubVerbose;
    }
}
