package io.monocoque.engine.pub;

/**
 * One slot of the publisher's Disruptor ring: where a published message lies in the ring's data buffer and where
 * its first frame's body (the topic subscriptions match against) starts; or one fragment of a message larger than
 * an eighth of the ring, Aeron's way (begin, middle..., end, consecutive). Pre-allocated once per slot and reused;
 * written by the publishing application thread before {@code publish}, read by the fan-out workers after.
 */
public final class PubEvent
{
    /** Byte position of the message in the data buffer (monotonic; the buffer offset is position &amp; mask). */
    long position;
    /** Encoded length of the message (all frames, ZMTP encoding). */
    int length;
    /** Offset of the first frame's body from the start of the message. */
    int topicOffset;
    /** Length of the first frame's body, or of as much of it as a begin fragment holds. */
    int topicLength;
    /** {@link #WHOLE}, or which fragment of a message too large for one slot's bytes this is. */
    int kind;
    /** For a {@link #BEGIN} fragment: the whole message's encoded length. */
    long totalLength;

    /** A whole message. */
    static final int WHOLE = 0;
    /** The first fragment of a large message: it holds the topic (as much of it as fits). */
    static final int BEGIN = 1;
    /** A fragment between the first and the last. */
    static final int MIDDLE = 2;
    /** The last fragment. */
    static final int END = 3;

    /**
     * Encoded length of the message.
     *
     * @return bytes.
     */
    public int length()
    {
        return length;
    }
}
