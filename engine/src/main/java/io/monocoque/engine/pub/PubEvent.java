package io.monocoque.engine.pub;

/**
 * One slot of the publisher's Disruptor ring: where a published message lies in the ring's data buffer and where
 * its first frame's body (the topic subscriptions match against) starts. Pre-allocated once per slot and reused;
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
    /** Length of the first frame's body. */
    int topicLength;

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
